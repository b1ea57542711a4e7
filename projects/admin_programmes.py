"""The admin of joint commissions and the bilateral programmes they approve.

Both belong to a directorate (a programme through its commission): staff change
those of the directorates they work in, coordinators all of them
(``accounts.permissions.editable_in_directorates``), as with projects.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts import permissions
from partners.history_admin import HistoryAdmin

from .models import JointCommission, Programme, Project
from .uploads import KeptFileField, KeptFileInput, KeptUploadsForm


class DirectorateRowsAdmin(HistoryAdmin):
    """Object permissions of a model that belongs to a directorate."""

    def may_change(self, request, obj):
        return permissions.may_change_in_directorate(request.user, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_change(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.may_change(request, obj))

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and permissions.directorates_of(request.user).exists()
        )

    def may_revert(self, request, current, version):
        return self.may_change(request, current)


class JointCommissionForm(KeptUploadsForm):
    """Keeps the chosen minutes when the save fails elsewhere."""

    class Meta:
        field_classes = {"minutes": KeptFileField}
        widgets = {"minutes": KeptFileInput}


@admin.register(JointCommission)
class JointCommissionAdmin(DirectorateRowsAdmin):
    form = JointCommissionForm
    list_display = ("__str__", "country", "date", "venue", "directorate")
    list_filter = ("directorate", "date")
    list_select_related = ("country", "directorate")
    search_fields = ("country__name_es", "country__name_en", "venue")
    autocomplete_fields = ("country",)
    date_hierarchy = "date"
    fields = (
        "country",
        "number",
        "date",
        "venue",
        ("minutes", "minutes_are_public"),
        "directorate",
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "directorate":
            kwargs["queryset"] = permissions.directorates_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProgrammeProjectInline(admin.TabularInline):
    """The programme's projects, read here and edited on their own pages."""

    model = Project
    fields = ("title", "status", "publication", "approved_on")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = _("projects of the programme")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return permissions.admin_projects(request.user, super().get_queryset(request))


@admin.register(Programme)
class ProgrammeAdmin(DirectorateRowsAdmin, TranslationAdmin):
    list_display = (
        "title",
        "commission",
        "period_start",
        "period_end",
        "project_count",
        "is_published",
    )
    list_filter = ("is_published", "commission__directorate")
    list_select_related = ("commission__country",)
    search_fields = ("title_es", "title_en", "commission__country__name_es")
    autocomplete_fields = ("commission",)
    prepopulated_fields = {"slug": ("title_es",)}
    inlines = [ProgrammeProjectInline]
    fieldsets = [
        (None, {"fields": ("title", "number", "commission", "slug")}),
        (_("Period"), {"fields": (("period_start", "period_end"),)}),
        (
            _("Mid-term evaluation"),
            {"fields": ("midterm_date", "midterm_outcome")},
        ),
        (_("Publication"), {"fields": ("is_published", "iati_identifier")}),
    ]
    readonly_fields = ("iati_identifier",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(projects_count=Count("projects"))

    @admin.display(description=_("projects"), ordering="projects_count")
    def project_count(self, obj):
        return obj.projects_count

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commission":
            kwargs["queryset"] = permissions.editable_in_directorates(
                request.user, JointCommission.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
