"""Projects exported to CSV/XLSX, edited in a spreadsheet and imported back.

Besides texts, dates and status, a row carries what SEGIB and IATI ask as codes:
the main SDG (its number), the IATI defaults (FlowType, FinanceType, AidType,
TiedStatus codes) and the target groups. A code no list has is refused with the
codes it may be; an empty cell leaves the value as it is (a new project's
defaults are FO.AR's, ``IatiDefaults``).

A row that is the same as the project is skipped: no save, no history entry, no
new "last updated". Each row carries the project's ``version`` as exported; a row
whose version is older than the project's is refused, naming who changed the
project since and when (``locking``), so an old file never undoes newer edits.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from import_export import fields, widgets

from accounts import permissions
from directory.models import Unit
from partners.resources import LookupWidget, ReferenceResource

from . import publishing
from .locking import current_version, stale_row_message
from .models import Programme, Project, SdgGoal
from .models.iati_codes import AidType, FinanceType, FlowType, TiedStatus


class KeepWhenEmpty(fields.Field):
    """An empty cell leaves the stored value as it is instead of wiping it."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if row.get(self.column_name) in (None, "") and instance.pk:
            return
        super().save(instance, row, is_m2m, **kwargs)


class KeepDefaultWhenEmpty(KeepWhenEmpty):
    """An empty cell leaves the value as it is, a new project's default too."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if row.get(self.column_name) in (None, ""):
            return
        fields.Field.save(self, instance, row, is_m2m, **kwargs)


def cell_text(value):
    """A cell as text: a spreadsheet program gives numbers back as 13 or 13.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class CodeWidget(widgets.CharWidget):
    """A code of an IATI codelist (``choices``), refused with the codes it may be."""

    def __init__(self, choices, label):
        super().__init__()
        self.choices, self.label = choices, label

    def clean(self, value, row=None, **kwargs):
        code = cell_text(value)
        if code not in self.choices.values:
            raise ValueError(
                _(
                    "“%(value)s” is not a code of the %(list)s list: write one of "
                    "%(codes)s."
                )
                % {
                    "value": code,
                    "list": self.label,
                    "codes": ", ".join(self.choices.values),
                }
            )
        return code


class SdgWidget(widgets.ForeignKeyWidget):
    """The main SDG by its number, 1 to 17."""

    def __init__(self):
        super().__init__(SdgGoal, "number")

    def clean(self, value, row=None, **kwargs):
        number = cell_text(value)
        goal = (
            SdgGoal.objects.filter(number=int(number)).first()
            if number.isdecimal()
            else None
        )
        if goal is None:
            raise ValueError(
                _("“%(value)s” is not an SDG: write the goal's number, 1 to 17.")
                % {"value": number}
            )
        return goal


def coded(attribute, choices, label):
    return KeepDefaultWhenEmpty(
        attribute=attribute, column_name=attribute, widget=CodeWidget(choices, label)
    )


TEXT_COLUMNS = [
    f"{name}_{language}"
    for name in ("title", "summary", "description", "objectives", "target_groups")
    for language in ("es", "en")
]
IATI_COLUMNS = [
    "main_sdg",
    "default_flow_type",
    "default_finance_type",
    "default_aid_type",
    "default_tied_status",
]
OTHER_COLUMNS = [
    "modality",
    "instrument",
    "status",
    "fo_ar_number",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "approved_on",
    "publication",
]


EXPORTED_VERSION = "_exported_version"


def version_error(project):
    """Why a row may not change ``project``: it was exported before the project's
    last save (or its version cell is not one an export wrote). None when the row
    may go on: a new project, or a row without a version."""
    cell = project.__dict__.get(EXPORTED_VERSION)
    if project.pk is None or cell in (None, ""):
        return None
    try:
        exported = int(str(cell).strip().removesuffix(".0"))
    except ValueError:
        exported = -1
    current = current_version(project)
    if exported == current:
        return None
    if 0 <= exported < current:
        return stale_row_message(project, exported, current)
    return _(
        "“%(value)s” is not a version of this project (it is at %(current)s): leave "
        "the version column as the export wrote it."
    ) % {"value": cell, "current": current}


class ProjectResource(ReferenceResource):
    """One row per project; ``slug`` identifies it. Partners, sectors and budgets
    are edited in the admin, not in the spreadsheet."""

    directorate = KeepWhenEmpty(
        attribute="directorate",
        column_name="directorate",
        widget=LookupWidget(Unit, "slug"),
    )
    # The bilateral programme by its slug (the address of its page).
    programme = KeepWhenEmpty(
        attribute="programme",
        column_name="programme",
        widget=LookupWidget(Programme, "slug"),
    )
    # What SEGIB and IATI ask, as codes.
    main_sdg = KeepDefaultWhenEmpty(
        attribute="main_sdg", column_name="main_sdg", widget=SdgWidget()
    )
    default_flow_type = coded("default_flow_type", FlowType, gettext_lazy("flow type"))
    default_finance_type = coded(
        "default_finance_type", FinanceType, gettext_lazy("finance type")
    )
    default_aid_type = coded("default_aid_type", AidType, gettext_lazy("aid type"))
    default_tied_status = coded(
        "default_tied_status", TiedStatus, pgettext_lazy("IATI", "tied status")
    )
    # Built by the portal, never taken from a spreadsheet.
    iati_identifier = fields.Field(
        attribute="iati_identifier", column_name="iati_identifier", readonly=True
    )
    # The version the row was exported at (see the module's docstring).
    version = fields.Field(
        attribute="version",
        column_name="version",
        readonly=True,
        widget=widgets.IntegerWidget(),
    )

    class Meta(ReferenceResource.Meta):
        model = Project
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "iati_identifier",
            *TEXT_COLUMNS,
            *OTHER_COLUMNS,
            *IATI_COLUMNS,
            "directorate",
            "programme",
            "version",
        ]
        export_order = fields

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.__class__ = KeepWhenEmpty
        return field

    def import_instance(self, instance, row, **kwargs):
        instance.__dict__[EXPORTED_VERSION] = row.get("version")
        super().import_instance(instance, row, **kwargs)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """The row's errors, and, when the row leaves the project published, what
        the publish checklist finds missing (partners, sectors and budgets are
        the saved ones: the spreadsheet does not carry them). A row exported
        before the project's last save is refused first."""
        if stale := version_error(instance):
            raise ValidationError({"version": stale})
        errors = {}
        try:
            super().validate_instance(
                instance, import_validation_errors, validate_unique
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        missing = (
            publishing.missing_for_publication(instance)
            if not errors and publishing.published(instance)
            else []
        )
        if missing:
            errors["publication"] = [
                _(
                    "This row would publish the project, but it is not ready "
                    "(fill these in the admin first, or import it as a draft):"
                ),
                *missing,
            ]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is None:
            return
        if instance.pk and not permissions.may_change_project(user, instance):
            raise ValueError(
                _("You may not change “%(slug)s”: it belongs to another directorate.")
                % {"slug": instance.slug}
            )
        if not permissions.may_create_project_in(user, instance.directorate):
            raise ValueError(
                _("New projects must belong to your directorate.")
                if not instance.pk
                else _(
                    "You may not move “%(slug)s” to another directorate: it would "
                    "leave yours."
                )
                % {"slug": instance.slug}
            )
