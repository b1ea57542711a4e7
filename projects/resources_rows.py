"""A project's missions and transactions exported to CSV/XLSX, kept in a
spreadsheet and imported back (staff keep them in Excel).

A row names its project by slug, a mission's partner country by its ISO code, a
transaction's partner by its country code or organisation slug (one of the
project's partners). Each row is checked as the admin form checks it; a row of a
project the user may not change, or one that would move a row out of such a
project, is refused with the reason. Unchanged rows are skipped; with a bad row
nothing is saved (the import runs in one transaction).
"""

from decimal import InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, widgets

from accounts import permissions
from partners.models import Country
from partners.resources import ReferenceResource, lookup

from .models import Currency, Mission, Participation, Project, Transaction


class PartnerWidget(widgets.ForeignKeyWidget):
    """A transaction's partner as its country code or organisation slug, looked
    up among the partners of the row's project."""

    def __init__(self):
        super().__init__(Participation)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return None
        slug = (row or {}).get("project", "")
        found = (
            Participation.objects.filter(project__slug=slug)
            .filter(Q(country__code=value.upper()) | Q(organisation__slug=value))
            .first()
        )
        if found is None:
            raise ValueError(
                _(
                    "“%(partner)s” is not a partner of the project “%(project)s”: "
                    "write the country code or organisation slug of one of its "
                    "partners."
                )
                % {"partner": value, "project": slug}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if value.country_id:
            return value.country.code
        return value.organisation.slug


class AmountWidget(widgets.DecimalWidget):
    """An amount; a cell that is not a number is refused saying so (the library
    would report the bare decimal exception)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(
                _("“%(value)s” is not an amount: write a number, e.g. 1500.50.")
                % {"value": value}
            ) from None


class ProjectRowResource(ReferenceResource):
    """The rows of a project, imported under the project's permissions."""

    project = lookup(Project, "slug", "project")

    class Meta(ReferenceResource.Meta):
        import_id_fields = ["id"]

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        widget = super().widget_from_django_field(f, default)
        return AmountWidget if widget is widgets.DecimalWidget else widget

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is None:
            return
        projects = [instance.project]
        if instance.pk:
            saved = type(instance).objects.filter(pk=instance.pk).first()
            if saved is not None and saved.project_id != instance.project_id:
                projects.append(saved.project)
        for project in projects:
            if not permissions.may_change_project(user, project):
                raise ValueError(
                    _(
                        "You may not change the project “%(slug)s”: it belongs to "
                        "another directorate."
                    )
                    % {"slug": project.slug}
                )


class MissionResource(ProjectRowResource):
    country = lookup(Country, "code", "country")
    currency = lookup(Currency, "code", "currency")

    class Meta(ProjectRowResource.Meta):
        model = Mission
        fields = [
            "id",
            "project",
            "direction",
            "country",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "experts",
            "days",
            "place",
            "purpose_es",
            "purpose_en",
            "cost_tickets",
            "cost_per_diems",
            "cost_other",
            "currency",
        ]
        export_order = fields

    def get_export_queryset(self, request=None):
        return (
            super()
            .get_export_queryset(request)
            .select_related("project", "country", "currency")
        )


class TransactionResource(ProjectRowResource):
    currency = lookup(Currency, "code", "currency")
    participation = fields.Field(
        attribute="participation", column_name="partner", widget=PartnerWidget()
    )

    class Meta(ProjectRowResource.Meta):
        model = Transaction
        fields = [
            "id",
            "project",
            "participation",
            "type",
            "date",
            "value",
            "currency",
            "value_date",
            "in_kind",
            "aid_type",
            "description_es",
            "description_en",
        ]
        export_order = fields

    def get_export_queryset(self, request=None):
        return (
            super()
            .get_export_queryset(request)
            .select_related(
                "project",
                "currency",
                "participation__country",
                "participation__organisation",
            )
        )
