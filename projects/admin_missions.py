"""A project's technical missions in its change form.

A mission is part of its project: whoever may add, change or view the project in
the admin may do the same with its missions (``ProjectAdmin`` asks
``accounts.permissions``), as Django does for the rows of a many-to-many inline.
The partner country is checked against the partners typed in the same form, so a
new partner and its first mission can be saved together.
"""

from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from .inlines import ProjectRowsPermissions
from .models import Mission
from .publishing_admin import SUBMITTED, SubmittedRowsFormSet
from .uploads import KeptFileField, KeptFileInput, KeptUploadsForm


class MissionForm(KeptUploadsForm):
    """Keeps a chosen report when the save fails elsewhere."""

    class Meta:
        field_classes = {"report": KeptFileField}
        widgets = {"report": KeptFileInput}


class MissionFormSet(SubmittedRowsFormSet):
    def submitted_countries(self):
        """The partner countries of the participations submitted with the
        missions, or None when the form has no partners' table."""
        for formset in self.instance.__dict__.get(SUBMITTED, ()):
            if formset.relation == "participations" and formset.is_bound:
                formset.errors  # noqa: B018 (cleans its rows)
                return [
                    form.cleaned_data.get("country") for form in formset.kept_forms()
                ]
        return None

    def full_clean(self):
        countries = self.submitted_countries() if self.is_bound else None
        if countries is not None:
            for form in self.forms:
                form.instance.submitted_countries = countries
        super().full_clean()


class MissionInline(ProjectRowsPermissions, TranslationStackedInline):
    model = Mission
    form = MissionForm
    formset = MissionFormSet
    extra = 0
    autocomplete_fields = ("country", "institutions", "currency")
    fieldsets = [
        (
            None,
            {
                "fields": (
                    ("direction", "country"),
                    ("planned_start", "planned_end"),
                    ("actual_start", "actual_end"),
                    ("experts", "days"),
                    "institutions",
                    "place",
                    "purpose",
                    ("report", "report_is_public"),
                )
            },
        ),
        (
            _("Costs paid by FO.AR"),
            {
                "fields": (
                    ("cost_tickets", "cost_per_diems", "cost_other"),
                    "currency",
                )
            },
        ),
    ]
