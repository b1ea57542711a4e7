"""CSV/XLSX import and export of partners (django-import-export)."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Bloc, BlocMembership, Country, Organisation, Region


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as its code or slug, with a clear message when the
    spreadsheet names one that does not exist."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("“%(value)s” matches no %(model)s.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class CountryResource(resources.ModelResource):
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=LookupWidget(Region, field="slug"),
    )

    class Meta:
        model = Country
        import_id_fields = ["code"]
        fields = ["code", "name_es", "name_en", "region", "is_active"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class OrganisationResource(resources.ModelResource):
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=LookupWidget(Country, field="code"),
    )

    class Meta:
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
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class BlocMembershipResource(resources.ModelResource):
    bloc = fields.Field(
        attribute="bloc",
        column_name="bloc",
        widget=LookupWidget(Bloc, "slug"),
    )
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=LookupWidget(Country, "code"),
    )

    class Meta:
        model = BlocMembership
        fields = [
            "id",
            "bloc",
            "country",
            "status",
            "since",
            "until",
            "needs_review",
            "note",
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
