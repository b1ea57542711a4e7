"""A project's missions and transactions exported to CSV/XLSX, kept in a
spreadsheet and imported back (staff keep them in Excel).

A row names its project by slug, a mission's partner country by its ISO code, a
transaction's partner by its country code or organisation slug (one of the
project's partners). Each row is checked as the admin form checks it; a row of a
project the user may not change, or one that would move a row out of such a
project, is refused with the reason. A mission's institutions are organisations
named by name, acronym or IATI identifier, separated by semicolons; a choice
column takes its code or its name, in Spanish or English. Unchanged rows are
skipped; with a bad row
nothing is saved (the import runs in one transaction). An import that saves or
deletes rows moves their projects' versions up once (``locking.rows_changed``), so
a change form of the project opened before cannot save its old rows back.
"""

from decimal import InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export import fields, widgets

from accounts import permissions
from partners.models import Country, Organisation
from partners.resources import ReferenceResource, lookup

from .locking import project_id_of, rows_changed, saved_project_id
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


class InstitutionsWidget(widgets.ManyToManyWidget):
    """A mission's institutions, separated by semicolons (names hold commas):
    each an organisation's name, acronym, IATI identifier or slug. One that
    names no organisation, or several, is refused saying so."""

    def __init__(self):
        super().__init__(Organisation, separator=";")

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(";")]
        return Organisation.objects.filter(
            pk__in=[self.find(name).pk for name in names if name]
        )

    def find(self, name):
        matches = Q(iati_identifier__iexact=name) | Q(slug=name)
        for language, _language_name in settings.LANGUAGES:
            matches |= Q(**{f"name_{language}__iexact": name})
            matches |= Q(**{f"acronym_{language}__iexact": name})
        found = list(Organisation.objects.filter(matches)[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            message = _(
                "“%(name)s” is not an organisation of the portal: write the name, "
                "acronym or IATI identifier of one, separated by semicolons, or add "
                "it to the organisations first."
            )
        else:
            message = _(
                "“%(name)s” names more than one organisation: write its IATI "
                "identifier or its full name."
            )
        raise ValueError(message % {"name": name})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(organisation.name for organisation in value.all())


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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.changed_projects = set()  # the ids of the projects whose rows change

    def import_instance(self, instance, row, **kwargs):
        """A many-to-many cell is read only after the row is saved: check it now,
        so a bad one is refused beside its column like any other."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            try:
                field.clean(row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.changed_projects = set()

    def before_save_instance(self, instance, row, **kwargs):
        before = saved_project_id(instance)
        self.changed_projects.update({before, instance.project_id})
        user = kwargs.get("user")
        if user is None:
            return
        projects = [instance.project]
        if before is not None and before != instance.project_id:
            projects.append(Project.objects.get(pk=before))
        for project in projects:
            if not permissions.may_change_project(user, project):
                raise ValueError(
                    _(
                        "You may not change the project “%(slug)s”: it belongs to "
                        "another directorate."
                    )
                    % {"slug": project.slug}
                )

    def before_delete_instance(self, instance, row, **kwargs):
        super().before_delete_instance(instance, row, **kwargs)
        self.changed_projects.add(project_id_of(instance))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Once per project, whatever the number of its rows.
        rows_changed(*self.changed_projects)


class MissionResource(ProjectRowResource):
    country = lookup(Country, "code", "country")
    currency = lookup(Currency, "code", "currency")
    # Besides the codes and the full labels: the short names staff write.
    choice_aliases = {
        "direction": {
            Mission.Direction.OUTBOUND: [
                pgettext_lazy("mission direction", "Outbound")
            ],
            Mission.Direction.INBOUND: [pgettext_lazy("mission direction", "Inbound")],
        }
    }
    institutions = fields.Field(
        attribute="institutions",
        column_name="institutions",
        widget=InstitutionsWidget(),
    )

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
            "institutions",
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
            .prefetch_related("institutions")
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
