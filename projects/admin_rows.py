"""Missions and transactions in lists of their own, to export to a spreadsheet
and import back (``resources_rows``).

A mission or a transaction is part of its project: these lists show the rows of
the projects the user sees in the admin, and whoever may change the project may
add, change, delete or import its rows, as in the project's change form
(``accounts.permissions`` answers, through the projects' admin). Every save or
delete here moves the project's version up (``locking.RowsRaiseVersion``), so a
change form of the project opened before cannot save its old rows back.
"""

from django.contrib import admin
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin

from accounts import permissions
from partners.history_admin import HistoryAdmin
from partners.spreadsheet_admin import SpreadsheetAdmin

from .locking import RowsRaiseVersion
from .models import Mission, Participation, Project, Transaction
from .resources_rows import MissionResource, TransactionResource


class ProjectRowsAdmin(
    RowsRaiseVersion, SpreadsheetAdmin, HistoryAdmin, TranslationAdmin
):
    list_select_related = ("project",)
    autocomplete_fields = ("project",)

    def project_admin(self):
        return self.admin_site.get_model_admin(Project)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(
                project__in=permissions.admin_projects(
                    request.user, Project.objects.all()
                )
            )
        )

    def has_view_permission(self, request, obj=None):
        project = obj.project if obj else None
        return self.project_admin().has_view_permission(request, project)

    def has_change_permission(self, request, obj=None):
        project = obj.project if obj else None
        return self.project_admin().has_change_permission(request, project)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return (
            self.project_admin().has_change_permission(request)
            and permissions.directorates_of(request.user).exists()
        )

    def has_import_permission(self, request):
        return permissions.may_import_projects(request.user, Project)

    def has_export_permission(self, request):
        return permissions.may_export(request.user, Project)

    def may_revert(self, request, current, version):
        return permissions.may_change_project(
            request.user, current.project
        ) and permissions.may_change_project(request.user, version.project)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            kwargs["queryset"] = permissions.editable_projects(
                request.user, Project.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Mission)
class MissionAdmin(ProjectRowsAdmin):
    resource_classes = [MissionResource]
    list_display = ("__str__", "project", "place", "currency")
    list_select_related = ("project", "country", "currency")
    list_filter = ("direction", "country")
    search_fields = ("project__title_es", "project__slug", "place")
    date_hierarchy = "planned_start"
    autocomplete_fields = ("project", "country", "institutions", "currency")


@admin.register(Transaction)
class TransactionAdmin(ProjectRowsAdmin):
    resource_classes = [TransactionResource]
    list_display = ("date", "type", "project", "value", "currency", "in_kind")
    list_select_related = ("project", "currency")
    list_filter = ("type", "in_kind", "currency")
    search_fields = ("project__title_es", "project__slug")
    date_hierarchy = "date"
    autocomplete_fields = ("project", "currency")

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The partner is one of the chosen project's: the transaction's on its
        page, the one named by the address (``?project=<id>``, the add link of a
        project) or sent with the form; else any partner of a project the user
        may change, each named with its project."""
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("participation")
        if field is None:
            return form
        editable = permissions.editable_projects(request.user, Project.objects.all())
        partners = Participation.objects.filter(project__in=editable).select_related(
            "project", "country", "organisation"
        )
        project = obj.project_id if obj else chosen_project(request)
        if project is not None:
            field.queryset = partners.filter(project=project).order_by("position")
            field.label_from_instance = str
        else:
            field.queryset = partners.order_by("project__title_es", "position")
            field.label_from_instance = partner_with_project
        return form


def chosen_project(request):
    """The project id the add form was opened for or sent with, if any."""
    value = request.POST.get("project") or request.GET.get("project")
    return int(value) if value and value.isdigit() else None


def partner_with_project(participation):
    """A partner as a choice among every project's: "Project — Argentina ·
    First provider"."""
    return _("%(project)s — %(partner)s") % {
        "project": participation.project,
        "partner": participation,
    }
