"""CSV/XLSX import and export of partners (django-import-export)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
)


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as its code or slug, with a clear message when the
    spreadsheet names one that does not exist: the key field's own validators say
    why a value can never exist (e.g. a code of Argentine territory for a country),
    otherwise the message says that nothing matches."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            try:
                self.model._meta.get_field(self.field).run_validators(value)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
            raise ValueError(
                _("“%(value)s” matches no %(model)s.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


def lookup(model, field, column):
    """A column naming a related row by ``field`` (a code or a slug)."""
    return fields.Field(
        attribute=column, column_name=column, widget=LookupWidget(model, field)
    )


class DayWidget(widgets.DateWidget):
    """A date column. A spreadsheet program gives back the dates it was exported
    with as date-times at midnight: read as the day, so an unchanged row compares
    equal and is skipped."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class ReferenceResource(resources.ModelResource):
    """Every import validates each row as the admin form would, reports every bad
    row, and leaves unchanged rows alone: a row the same as the saved one is not
    saved (no history entry, nothing marked as changed) and the preview lists it
    as skipped."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        widget = super().widget_from_django_field(f, default)
        return DayWidget if widget is widgets.DateWidget else widget


class CountryResource(ReferenceResource):
    region = lookup(Region, "slug", "region")

    class Meta(ReferenceResource.Meta):
        model = Country
        import_id_fields = ["code"]
        fields = ["code", "name_es", "name_en", "region", "is_active"]


class OrganisationResource(ReferenceResource):
    country = lookup(Country, "code", "country")

    class Meta(ReferenceResource.Meta):
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "acronym_es",
            "acronym_en",
            "name_es",
            "name_en",
            "kind",
            "country",
            "iati_type",
            "iati_identifier",
            "website",
        ]


class BlocMembershipResource(ReferenceResource):
    bloc = lookup(Bloc, "slug", "bloc")
    country = lookup(Country, "code", "country")

    class Meta(ReferenceResource.Meta):
        model = BlocMembership
        fields = [
            "id",
            "bloc",
            "country",
            "status",
            "since",
            "until",
            "source",
            "needs_review",
            "note",
        ]


class RegionResource(ReferenceResource):
    parent = lookup(Region, "slug", "parent")

    class Meta(ReferenceResource.Meta):
        model = Region
        import_id_fields = ["slug"]
        fields = ["slug", "name_es", "name_en", "parent", "iati_code", "position"]


class ProvinceResource(ReferenceResource):
    class Meta(ReferenceResource.Meta):
        model = Province
        import_id_fields = ["code"]
        fields = ["code", "slug", "name_es", "name_en"]


class BlocResource(ReferenceResource):
    class Meta(ReferenceResource.Meta):
        model = Bloc
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "acronym_es",
            "acronym_en",
            "name_es",
            "name_en",
            "kind",
            "founded",
            "website",
            "description_es",
            "description_en",
        ]
