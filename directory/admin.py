from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from partners.history_admin import HistoryAdmin
from partners.models import Country
from partners.resources import ReferenceResource, lookup
from partners.spreadsheet_admin import SpreadsheetAdmin

from .models import (
    FocalPoint,
    FocalPointAccount,
    InstitutionalText,
    PhoneLine,
    Representation,
    StaffMembership,
    Unit,
)


class PhoneLineInline(admin.TabularInline):
    model = PhoneLine
    extra = 1
    fields = ("kind", "number", "extensions", "position")


@admin.register(Unit)
class UnitAdmin(HistoryAdmin, TranslationAdmin):
    list_display = (
        "name",
        "acronym",
        "kind",
        "parent",
        "floor",
        "office",
        "updated_at",
    )
    list_filter = ("kind", "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym", "street", "lines__number", "lines__extensions")
    ordering = ("parent__position", "position", "name")
    prepopulated_fields = {"slug": ("name_es",)}
    inlines = [PhoneLineInline]
    fieldsets = [
        (None, {"fields": ("name", "acronym", "slug", "kind", "parent", "position")}),
        (_("Description"), {"fields": ("description",)}),
        (
            _("Address"),
            {"fields": ("street", "floor", "office", "postcode", "city", "country")},
        ),
        (_("E-mail"), {"fields": ("email",)}),
    ]
    history_list_display = ("name", "kind", "floor", "office")


class RepresentationResource(ReferenceResource):
    country = lookup(Country, "code", "country")

    class Meta(ReferenceResource.Meta):
        model = Representation
        import_id_fields = ["country", "kind", "city"]
        fields = ["country", "kind", "city", "address", "phone", "email", "website"]


@admin.register(Representation)
class RepresentationAdmin(SpreadsheetAdmin, HistoryAdmin):
    resource_classes = [RepresentationResource]
    list_display = ("country", "kind", "city", "phone", "email", "updated_at")
    list_filter = ("kind", "country__region")
    list_select_related = ("country",)
    search_fields = ("country__name_es", "country__name_en", "country__code", "city")
    autocomplete_fields = ("country",)


@admin.register(StaffMembership)
class StaffMembershipAdmin(HistoryAdmin):
    list_display = ("user", "unit")
    list_filter = ("unit",)
    list_select_related = ("user", "unit")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "unit__name_es",
    )
    autocomplete_fields = ("user", "unit")


class FocalPointAccountInline(admin.TabularInline):
    model = FocalPointAccount
    extra = 0
    fields = ("user", "user_email", "user_active", "invited_at")
    readonly_fields = ("user", "user_email", "user_active", "invited_at")
    can_delete = False
    show_change_link = True
    verbose_name_plural = _(
        "Accounts that submit proposals (add them under “Focal-point accounts”)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("e-mail"))
    def user_email(self, account):
        return account.user.email

    @admin.display(description=_("active"), boolean=True)
    def user_active(self, account):
        return account.user.is_active


@admin.register(FocalPoint)
class FocalPointAdmin(HistoryAdmin):
    list_display = (
        "province",
        "institution",
        "person_name",
        "person_is_public",
        "email",
        "updated_at",
    )
    list_filter = ("person_is_public",)
    list_select_related = ("province",)
    search_fields = ("province__name", "institution", "person_name", "email")
    autocomplete_fields = ("province",)
    inlines = [FocalPointAccountInline]
    fieldsets = [
        (None, {"fields": ("province", "institution")}),
        (
            _("Official contact (public)"),
            {"fields": ("address", "email", "phone", "website")},
        ),
        (
            _("Focal point"),
            {
                "fields": (
                    "person_name",
                    "person_position",
                    "person_email",
                    "person_phone",
                    "person_is_public",
                )
            },
        ),
    ]


@admin.register(InstitutionalText)
class InstitutionalTextAdmin(HistoryAdmin, TranslationAdmin):
    """The words of the home and about pages; the pages lay them out."""

    list_display = ("page", "title", "updated_at")
    fields = ("page", "title", "lead", "body")
    history_list_display = ("title",)

    def get_readonly_fields(self, request, obj=None):
        # A text stays on its page; a new one chooses among the pages.
        return ("page",) if obj else ()

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # django-simple-history follows the foreign keys with select_related(*names);
        # with none to follow (this model has none) that is select_related(), which
        # Django 6.1 deprecates. The history user is the only row to join.
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user"
        )
