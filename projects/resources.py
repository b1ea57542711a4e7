"""Projects exported to CSV/XLSX, edited in a spreadsheet and imported back."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from accounts import permissions
from directory.models import Unit
from partners.resources import LookupWidget, ReferenceResource

from . import publishing
from .models import Project


class KeepWhenEmpty(fields.Field):
    """An empty cell leaves the stored value as it is instead of wiping it."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if row.get(self.column_name) in (None, "") and instance.pk:
            return
        super().save(instance, row, is_m2m, **kwargs)


TEXT_COLUMNS = [
    f"{name}_{language}"
    for name in ("title", "summary", "description", "objectives")
    for language in ("es", "en")
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
    "publication",
]


class ProjectResource(ReferenceResource):
    """One row per project; ``slug`` identifies it. Partners, sectors and budgets
    are edited in the admin, not in the spreadsheet."""

    directorate = KeepWhenEmpty(
        attribute="directorate",
        column_name="directorate",
        widget=LookupWidget(Unit, "slug"),
    )

    class Meta(ReferenceResource.Meta):
        model = Project
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "iati_identifier",
            *TEXT_COLUMNS,
            *OTHER_COLUMNS,
            "directorate",
        ]
        export_order = fields
        # The identifier is built by the portal, never taken from a spreadsheet.
        readonly_fields = ["iati_identifier"]

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.__class__ = KeepWhenEmpty
        return field

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """The row's errors, and, when the row leaves the project published, what
        the publish checklist finds missing (partners, sectors and budgets are
        the saved ones: the spreadsheet does not carry them)."""
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
        if not instance.pk and not permissions.may_create_project_in(
            user, instance.directorate
        ):
            raise ValueError(_("New projects must belong to your directorate."))
