from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Country
from partners.resources import ReferenceResource, lookup

from .accounts import invite
from .models import (
    FocalPoint,
    FocalPointAccount,
    PhoneLine,
    Profile,
    Representation,
    StaffMembership,
    Unit,
    language_of,
)


class PhoneLineInline(admin.TabularInline):
    model = PhoneLine
    extra = 1
    fields = ("kind", "number", "extensions", "position")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin, TranslationAdmin):
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
class RepresentationAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [RepresentationResource]
    list_display = ("country", "kind", "city", "phone", "email", "updated_at")
    list_filter = ("kind", "country__region")
    list_select_related = ("country",)
    search_fields = ("country__name_es", "country__name_en", "country__code", "city")
    autocomplete_fields = ("country",)


@admin.register(StaffMembership)
class StaffMembershipAdmin(SimpleHistoryAdmin):
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
class FocalPointAdmin(SimpleHistoryAdmin):
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


class FocalPointAccountForm(forms.ModelForm):
    """A new account is created here with no password: the person chooses one
    through the invitation e-mail."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"))
    language = forms.ChoiceField(
        label=_("language of e-mails"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    class Meta:
        model = FocalPointAccount
        fields = ["focal_point"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email
            self.fields["language"].initial = language_of(user)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(
            Q(email__iexact=email) | Q(username__iexact=email)
        )
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(
                _("There is already an account with this e-mail.")
            )
        return email

    def save(self, commit=True):
        account = super().save(commit=False)
        data = self.cleaned_data
        if account.pk:
            user = account.user
        else:
            user = get_user_model()(username=data["email"])
            user.set_unusable_password()
        user.username = data["email"]
        user.email = data["email"]
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.save()
        account.user = user
        Profile.objects.update_or_create(
            user=user, defaults={"language": data["language"]}
        )
        if commit:
            account.save()
        return account


@admin.register(FocalPointAccount)
class FocalPointAccountAdmin(admin.ModelAdmin):
    form = FocalPointAccountForm
    list_display = (
        "__str__",
        "email",
        "focal_point",
        "is_active",
        "invited_at",
        "last_login",
    )
    list_filter = ("user__is_active", "focal_point__province")
    list_select_related = ("user", "focal_point__province")
    search_fields = (
        "user__first_name",
        "user__last_name",
        "user__email",
        "focal_point__province__name",
    )
    autocomplete_fields = ("focal_point",)
    readonly_fields = ("invited_at", "last_login")
    actions = ["send_invitations", "deactivate", "reactivate"]
    fieldsets = [
        (None, {"fields": ("focal_point",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Access"), {"fields": ("invited_at", "last_login")}),
    ]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, account):
        return account.user.email

    @admin.display(description=_("active"), boolean=True, ordering="user__is_active")
    def is_active(self, account):
        return account.user.is_active

    @admin.display(description=_("last sign-in"), ordering="user__last_login")
    def last_login(self, account):
        return account.user.last_login

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                invite(obj)
        if not change:
            self.message_user(
                request,
                _("An invitation to choose a password was sent to %(email)s.")
                % {"email": obj.user.email},
                messages.SUCCESS,
            )

    @admin.action(description=_("Send the invitation again"))
    def send_invitations(self, request, queryset):
        count = 0
        for account in queryset.select_related("user"):
            if account.user.is_active and not account.user.has_usable_password():
                invite(account)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation sent. Accounts that already have a password "
                "can use “Forgot your password?” on the sign-in page.",
                "%(count)d invitations sent. Accounts that already have a password "
                "can use “Forgot your password?” on the sign-in page.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(description=_("Deactivate (the person left; proposals stay)"))
    def deactivate(self, request, queryset):
        users = get_user_model().objects.filter(focal_point_account__in=queryset)
        count = users.update(is_active=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated.",
                "%(count)d accounts deactivated.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Reactivate"))
    def reactivate(self, request, queryset):
        users = get_user_model().objects.filter(focal_point_account__in=queryset)
        count = users.update(is_active=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d account reactivated.",
                "%(count)d accounts reactivated.",
                count,
            )
            % {"count": count},
        )


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("language",)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class PortalUserAdmin(UserAdmin):
    inlines = [ProfileInline]
