"""The project's policy markers and beneficiaries in its change form, and the
page of an indicator with its periods.

A policy marker or a group of beneficiaries is part of its project: whoever may
add, change or view the project in the admin may do the same with them
(``ProjectAdmin`` asks ``accounts.permissions``), as with its missions. An
indicator's periods are edited on the indicator's page, reached from its result's
page; whoever may change the result's project may change them.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from accounts import permissions

from .history_admin import SavesHistoryAdmin
from .inlines import ProjectRowsPermissions
from .locking import RowsRaiseVersion
from .models import Beneficiary, Indicator, IndicatorPeriod, PolicyMarker, Result
from .models.results import overlapping
from .publishing_admin import SubmittedRowsFormSet


class PolicyMarkerInline(ProjectRowsPermissions, admin.TabularInline):
    model = PolicyMarker
    formset = SubmittedRowsFormSet  # a marker twice: the unique constraint says so
    extra = 0
    fields = ("code", "significance")


class BeneficiaryInline(ProjectRowsPermissions, TranslationTabularInline):
    model = Beneficiary
    formset = SubmittedRowsFormSet
    extra = 0
    fields = ("kind", "number", "women", "men", "description", "position")


class PeriodFormSet(BaseInlineFormSet):
    """The periods of one indicator: each checked against the indicator as
    submitted (its measure), and together: no two overlap."""

    def full_clean(self):
        if self.is_bound:
            for form in self.forms:
                form.instance.indicator = self.instance
        super().full_clean()

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        pair = overlapping([form.instance for form in kept])
        if pair:
            before, after = pair
            raise ValidationError(
                _(
                    "The periods %(first)s and %(second)s overlap: an indicator's "
                    "periods follow one another."
                ),
                params={"first": before, "second": after},
            )


class PeriodInline(TranslationStackedInline):
    model = IndicatorPeriod
    formset = PeriodFormSet
    extra = 1
    fields = (
        ("period_start", "period_end"),
        ("target_value", "actual_value"),
        "comment",
    )

    # The indicator's permissions, as its admin answers them.
    def indicator_admin(self):
        return self.admin_site.get_model_admin(Indicator)

    def has_add_permission(self, request, obj):
        return obj is not None and self.indicator_admin().has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return obj is not None and self.indicator_admin().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.indicator_admin().has_view_permission(request, obj)


def periods_link(indicator):
    """A link to the indicator's page, where its periods are edited."""
    if not indicator.pk:
        return "—"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:projects_indicator_change", args=[indicator.pk]),
        _("Edit periods"),
    )


class IndicatorInline(TranslationTabularInline):
    model = Indicator
    extra = 1
    fields = (
        "title",
        "measure",
        "baseline_year",
        "baseline_value",
        "target_value",
        "actual_value",
        "periods",
    )
    readonly_fields = ("periods",)

    @admin.display(description=_("Periods"))
    def periods(self, indicator):
        return periods_link(indicator)


@admin.register(Indicator)
class IndicatorAdmin(RowsRaiseVersion, SavesHistoryAdmin, TranslationAdmin):
    """An indicator and its periods, reached from its result's page. What the
    user may do with it is what the result's admin allows for its result."""

    list_display = ("title", "result")
    list_select_related = ("result__project",)
    search_fields = ("title_es", "title_en")
    readonly_fields = ("result_link",)
    fields = (
        "result_link",
        "title",
        "measure",
        ("baseline_year", "baseline_value"),
        ("target_value", "actual_value"),
    )
    inlines = [PeriodInline]

    def result_admin(self):
        return self.admin_site.get_model_admin(Result)

    def has_module_permission(self, request):
        return False  # reached from the result's page

    @admin.display(description=_("result"))
    def result_link(self, indicator):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:projects_result_change", args=[indicator.result_id]),
            indicator.result,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(result__in=self.result_admin().get_queryset(request))
        )

    def has_view_permission(self, request, obj=None):
        return self.result_admin().has_view_permission(
            request, obj.result if obj else None
        )

    def has_change_permission(self, request, obj=None):
        return self.result_admin().has_change_permission(
            request, obj.result if obj else None
        )

    def has_delete_permission(self, request, obj=None):
        return self.result_admin().has_change_permission(
            request, obj.result if obj else None
        ) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return False  # indicators are added on their result's page

    def may_revert(self, request, current, version):
        return permissions.may_change_project(request.user, version.result.project)
