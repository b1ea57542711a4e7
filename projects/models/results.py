"""What a project means to achieve: results, their indicators and the indicators'
periods."""

import itertools

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class Result(models.Model):
    class Type(models.TextChoices):
        OUTPUT = "1", _("Output")
        OUTCOME = "2", _("Outcome")
        IMPACT = "3", _("Impact")
        OTHER = "9", _("Other")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    type = models.CharField(_("type"), max_length=1, choices=Type, default=Type.OUTPUT)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.title


class Indicator(models.Model):
    class Measure(models.TextChoices):
        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")
        NOMINAL = "3", _("Nominal")
        ORDINAL = "4", _("Ordinal")
        QUALITATIVE = "5", _("Qualitative")

    result = models.ForeignKey(
        Result,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    title = models.CharField(_("title"), max_length=300)
    measure = models.CharField(
        _("measure"), max_length=1, choices=Measure, default=Measure.UNIT
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["result", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.title


class IndicatorPeriod(models.Model):
    """An indicator's target and actual value for one period (IATI's ``period``).

    The indicator's own target and actual stay as its figures for the project's
    whole duration (what the portal has always shown and exported); periods add
    the path to it, year by year or stage by stage. When an indicator has periods,
    IATI gets them instead of the single whole-project period.
    """

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(
        _("comment"),
        blank=True,
        default="",
        help_text=_(
            "What explains the figures, or the progress of a qualitative indicator."
        ),
    )

    class Meta:
        ordering = ["indicator", "period_start", "pk"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="projects_indicatorperiod_dates",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self):
        return _("%(start)s to %(end)s") % {
            "start": short_date(self.period_start),
            "end": short_date(self.period_end),
        }

    def clean(self):
        errors = {}
        start, end = self.period_start, self.period_end
        if start and end and end < start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.actual_value is not None and start and start > timezone.localdate():
            errors["actual_value"] = _(
                "The period has not started yet: give its actual value once it has."
            )
        indicator = self._state.fields_cache.get("indicator")
        if indicator is None and self.indicator_id:
            indicator = Indicator.objects.filter(pk=self.indicator_id).first()
        if indicator is not None and indicator.measure == Indicator.Measure.QUALITATIVE:
            for field in ("target_value", "actual_value"):
                if getattr(self, field) is not None:
                    errors[field] = _(
                        "A qualitative indicator has no figures: say it in the comment."
                    )
        if errors:
            raise ValidationError(errors)


def overlapping(periods):
    """The first pair of ``periods`` (with start and end) that overlap, or None."""
    dated = sorted(
        (p for p in periods if p.period_start and p.period_end),
        key=lambda p: p.period_start,
    )
    for before, after in itertools.pairwise(dated):
        if after.period_start <= before.period_end:
            return before, after
    return None


def short_date(day):
    """``day`` in the active language's short date format (never ISO in a
    sentence), or "…" when not given."""
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "…"
