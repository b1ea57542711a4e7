"""A project's budget lines and their totals per currency."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .reference import Currency
from .results import short_date


def budget_totals(budgets):
    """[(currency, total)] of these budget lines, one per currency, in the order of
    the currency codes: amounts in different currencies are never compared. The
    project page and every export show the totals this gives."""
    totals = {}
    for budget in budgets:
        totals[budget.currency] = totals.get(budget.currency, 0) + budget.value
    return sorted(totals.items(), key=lambda item: item[0].code)


class Budget(models.Model):
    """A budget line: a period of at most one year, its value and currency."""

    class Type(models.TextChoices):
        ORIGINAL = "1", _("Original")
        REVISED = "2", _("Revised")

    class Status(models.TextChoices):
        INDICATIVE = "1", _("Indicative")
        COMMITTED = "2", _("Committed")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="budgets",
    )
    type = models.CharField(
        _("type"), max_length=1, choices=Type, default=Type.ORIGINAL
    )
    status = models.CharField(
        _("status"), max_length=1, choices=Status, default=Status.INDICATIVE
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.ForeignKey(
        Currency, verbose_name=_("currency"), on_delete=models.PROTECT, related_name="+"
    )
    value_date = models.DateField(
        _("value date"),
        help_text=_("The date the value refers to, for currency conversion."),
    )

    class Meta:
        ordering = ["project", "period_start"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="projects_budget_period_start_before_end",
                violation_error_message=_("The period ends before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="projects_budget_value_not_negative",
                violation_error_message=_("A budget value cannot be negative."),
            ),
        ]

    def __str__(self):
        return _("%(start)s to %(end)s: %(value)s") % {
            "start": short_date(self.period_start),
            "end": short_date(self.period_end),
            "value": formats.number_format(self.value, use_l10n=True),
        }

    def clean(self):
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                raise ValidationError(
                    {"period_end": _("The period ends before it starts.")}
                )
            if self.period_end > one_year_after(self.period_start):
                raise ValidationError(
                    {"period_end": _("A budget period lasts one year at most.")}
                )


def one_year_after(day):
    """The last day of the year-long period that starts on ``day``."""
    try:
        anniversary = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        anniversary = day.replace(year=day.year + 1, day=28) + datetime.timedelta(1)
    return anniversary - datetime.timedelta(days=1)
