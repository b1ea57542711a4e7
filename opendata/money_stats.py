"""Budgeted and executed cost per year, per currency, of the published projects the
statistics page counts.

Budgeted: the budget lines, each in the year its period starts (a line lasts a
year at most). Executed: the partners' disbursements and expenditures in the year
of their date, cash and in kind, and the costs of the technical missions FO.AR
paid, in the year each mission ended (``projects.costs``). Currencies are never
added up: one table and one chart per currency.

As in ``missions``, counting is split from presenting: ``counts()`` runs a fixed
number of aggregate queries and keeps the numbers (codes and amounts as text) in
the facet cache for each filter combination; ``tables()`` words them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

from projects import costs, facets
from projects.models import Currency

from . import charts
from .formatting import money_text

# Bump when the shape of the cached numbers changes.
FORMAT = 1


def counts(filterset):
    """{currency code: {year: [budgeted, executed cash, executed in kind]}} (amounts
    as text) for the filterset's projects (its valid filters), cached."""
    filterset.is_valid()
    key = filterset.form.cleaned_data | {"figures": f"money-{FORMAT}"}
    every = not filterset.chosen_filters()
    return facets.cached(key, lambda: compute(filterset.qs, every))


def compute(projects, every=False):
    """The numbers of ``projects``; ``every``: they are every published project."""
    projects = projects.values("pk")
    found = {}

    def add(currency, year, index, value):
        numbers = found.setdefault(currency, {}).setdefault(str(year), [0, 0, 0])
        numbers[index] = Decimal(numbers[index]) + Decimal(value)

    budgeted = (
        costs.budgeted_by_year_of_published()
        if every
        else costs.budgeted_by_year(projects)
    )
    for year, currency, total in budgeted:
        add(currency, year, 0, total)
    for year, currency, in_kind, total in costs.executed_rows(projects):
        add(currency, year, 2 if in_kind else 1, total)
    codes = dict(Currency.objects.filter(pk__in=found).values_list("pk", "code"))
    return {
        codes[pk]: {
            year: [money_text(Decimal(value)) for value in numbers]
            for year, numbers in years.items()
        }
        for pk, years in found.items()
    }


@dataclass
class MoneyRow:
    label: str
    value: Decimal

    @property
    def short(self):
        """The value as the chart writes it after its bar: a few characters, so
        that it fits beside the longest bar on a 320 px screen (the chart's
        description and the table give it whole)."""
        return compact(self.value)


def compact(value):
    """12 345 678 -> "12 M", 9 600 -> "9.6 k" (in the active language's digits)."""
    for size, suffix in ((Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k")):
        if value >= size:
            number = value / size
            places = 1 if number < 10 else 0
            return f"{formats.number_format(number, places, use_l10n=True)} {suffix}"
    return formats.number_format(value, 0, use_l10n=True)


@dataclass
class CurrencyFigure:
    """One currency's table and chart."""

    currency: str
    slug: str
    title: str
    rows: list  # [(year, budgeted, executed cash, executed in kind, executed, share)]
    chart: charts.BarChart = None
    shown: list = field(default_factory=list)  # [(MoneyRow, Bar)]


def tables(numbers):
    """The page's figures of budgeted and executed cost, a currency at a time."""
    found = []
    for currency in sorted(numbers):
        rows = []
        bars = []
        for year in sorted(numbers[currency], key=int):
            budgeted, cash, in_kind = (Decimal(v) for v in numbers[currency][year])
            executed = cash + in_kind
            share = costs.percentage(executed, budgeted)
            rows.append((year, budgeted, cash, in_kind, executed, share))
            bars += [
                MoneyRow(gettext("%(year)s, budgeted") % {"year": year}, budgeted),
                MoneyRow(gettext("%(year)s, executed") % {"year": year}, executed),
            ]
        figure = CurrencyFigure(
            currency,
            f"money-{currency.lower()}",
            gettext("Budgeted and executed cost per year, in %(currency)s")
            % {"currency": currency},
            rows,
        )
        figure.chart = charts.bar_chart([(row.label, row.value) for row in bars])
        figure.shown = list(zip(bars, figure.chart.bars, strict=True))
        found.append(figure)
    return found
