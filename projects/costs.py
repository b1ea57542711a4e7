"""Budgeted and executed cost, as SEGIB's Ibero-American report counts them: per
participating partner, in cash and in kind, per year and per currency.

- Budgeted: the partner's contribution (``Participation.amount``, cash) and its
  budgeted in-kind contribution (``Participation.in_kind_amount``), in the
  participation's currency.
- Executed: the partner's disbursements and expenditures (``Transaction``), cash
  and in kind apart, in the year of their date. Argentina's also counts the cost
  lines of the project's missions (FO.AR pays tickets and per diems): a mission's
  costs are Argentine cash expenditure in the year of its actual end, once staff
  have recorded that date. A mission with planned dates only may have been
  postponed or cancelled: its costs are not counted, however long ago its planned
  end. Staff enter the costs once, on the mission. They are Argentina's (the
  country's participation, else a line of their own), never an Argentine
  organisation's: ``mission_payer`` is the one rule the pages, the downloads and
  the IATI file follow.

Amounts in different currencies are never added up: every total is per currency.
The functions that take rows (``cost_sharing``) work on what a page prefetched;
the ones that take querysets (``executed_totals``, ``executed_by_year``) run a
fixed number of aggregate queries, whatever the number of projects.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from .models import Budget, Mission, Project, Transaction
from .models.missions import COST_FIELDS

ZERO = Decimal("0.00")


def mission_cost(mission):
    """The sum of a mission's cost lines, or None when it has none."""
    costs = [getattr(mission, name) for name in COST_FIELDS]
    costs = [cost for cost in costs if cost is not None]
    return sum(costs, ZERO) if costs else None


def mission_counts(mission, today=None):
    """Whether a mission's costs count as executed: it has costs in a currency and
    an actual end date that is not in the future. Planned dates alone never count:
    the mission may have been postponed or cancelled."""
    today = today or timezone.localdate()
    return (
        mission.currency_id is not None
        and mission_cost(mission) is not None
        and mission.actual_end is not None
        and mission.actual_end <= today
    )


def is_argentine(participation):
    country = participation.country or (
        participation.organisation and participation.organisation.country
    )
    return country is not None and country.code == settings.HOME_COUNTRY


def mission_payer(participations):
    """The participation FO.AR's mission costs belong to: Argentina's (the
    country's), or None when Argentina itself is not a partner, whatever Argentine
    organisations take part. FO.AR is Argentina's fund: its costs are never an
    organisation's. The IATI file reports them as Argentina's under DGCIN's
    reference either way."""
    return next(
        (p for p in participations if p.country_id and is_argentine(p)),
        None,
    )


@dataclass
class Amounts:
    """Budgeted and executed cost in one currency (None where nothing is known)."""

    budgeted_cash: Decimal | None = None
    budgeted_in_kind: Decimal | None = None
    executed_cash: Decimal | None = None
    executed_in_kind: Decimal | None = None

    def add(self, name, value):
        if value is not None:
            setattr(self, name, (getattr(self, name) or ZERO) + value)

    @property
    def budgeted(self):
        return add_up(self.budgeted_cash, self.budgeted_in_kind)

    @property
    def executed(self):
        return add_up(self.executed_cash, self.executed_in_kind)

    @property
    def share(self):
        """Executed as a percentage of budgeted, or None without a budget."""
        return percentage(self.executed, self.budgeted)


def add_up(*values):
    known = [value for value in values if value is not None]
    return sum(known, ZERO) if known else None


def percentage(part, whole):
    if not whole:
        return None
    return ((part or ZERO) * 100 / whole).quantize(Decimal("0.1"))


@dataclass
class PartnerCosts:
    """One partner's cost sharing: ``currencies`` [(currency, Amounts)] by currency
    code, ``years`` [(year, currency, Amounts)] of executed cost."""

    participation: object  # None: FO.AR's missions when Argentina is not listed
    currencies: list = field(default_factory=list)
    years: list = field(default_factory=list)
    includes_missions: bool = False

    @property
    def partner(self):
        return self.participation.partner if self.participation else None


def cost_sharing(participations, transactions, missions, today=None):
    """[PartnerCosts] in the partners' order, from rows already read (with their
    currencies): a partner with nothing budgeted or executed is left out."""
    today = today or timezone.localdate()
    participations = list(participations)
    home = mission_payer(participations)
    totals, years, currencies = {}, {}, {}

    def amounts(key, currency):
        currencies[currency.pk] = currency
        return totals.setdefault(key, {}).setdefault(currency.pk, Amounts())

    def executed(key, currency, year, name, value):
        amounts(key, currency).add(name, value)
        years.setdefault(key, {}).setdefault((year, currency.pk), Amounts()).add(
            name, value
        )

    for participation in participations:
        if participation.currency_id is None:
            continue
        budget = amounts(participation.pk, participation.currency)
        budget.add("budgeted_cash", participation.amount)
        budget.add("budgeted_in_kind", participation.in_kind_amount)
    for transaction in transactions:
        if transaction.executed:
            name = "executed_in_kind" if transaction.in_kind else "executed_cash"
            executed(
                transaction.participation_id,
                transaction.currency,
                transaction.date.year,
                name,
                transaction.value,
            )
    home_key = home.pk if home else None
    with_missions = False
    for mission in missions:
        if mission_counts(mission, today):
            with_missions = True
            executed(
                home_key,
                mission.currency,
                mission.actual_end.year,
                "executed_cash",
                mission_cost(mission),
            )
    found = []
    for participation in [*participations, None]:
        key = participation.pk if participation else None
        rows = {
            pk: row
            for pk, row in totals.get(key, {}).items()
            if row.budgeted is not None or row.executed is not None
        }
        if not rows:
            continue
        found.append(
            PartnerCosts(
                participation,
                currencies=by_code(rows, currencies),
                years=sorted(
                    (
                        (year, currencies[pk], row)
                        for (year, pk), row in years.get(key, {}).items()
                    ),
                    key=lambda item: (item[0], item[1].code),
                ),
                includes_missions=with_missions and key == home_key,
            )
        )
    return found


def executed_by_currency(transactions, missions, today=None):
    """[(currency, Amounts)] of the executed cost of one project's rows (its
    partners' disbursements and expenditures, the costs of its missions with an
    actual end), by currency code."""
    today = today or timezone.localdate()
    totals, currencies = {}, {}
    for transaction in transactions:
        if transaction.executed:
            currencies[transaction.currency.pk] = transaction.currency
            totals.setdefault(transaction.currency.pk, Amounts()).add(
                "executed_in_kind" if transaction.in_kind else "executed_cash",
                transaction.value,
            )
    for mission in missions:
        if mission_counts(mission, today):
            currencies[mission.currency.pk] = mission.currency
            totals.setdefault(mission.currency.pk, Amounts()).add(
                "executed_cash", mission_cost(mission)
            )
    return by_code(totals, currencies)


def by_code(rows, currencies):
    return sorted(
        ((currencies[pk], row) for pk, row in rows.items()),
        key=lambda item: item[0].code,
    )


# Aggregates over many projects -------------------------------------------------------


def mission_cost_expression():
    return sum(
        (Coalesce(F(name), Value(ZERO)) for name in COST_FIELDS[1:]),
        Coalesce(F(COST_FIELDS[0]), Value(ZERO)),
    )


def counted_missions(projects, today=None):
    """The missions of ``projects`` whose costs count as executed."""
    today = today or timezone.localdate()
    any_cost = Q()
    for name in COST_FIELDS:
        any_cost |= Q(**{f"{name}__isnull": False})
    return (
        Mission.objects.filter(project__in=projects, currency__isnull=False)
        .filter(any_cost)
        .filter(actual_end__isnull=False, actual_end__lte=today)
        .annotate(ended=F("actual_end"))
        .order_by()
    )


def executed_rows(projects, today=None):
    """[(year, currency id, in kind, total)] of the executed cost of ``projects``
    (two aggregate queries: transactions, then missions)."""
    money = DecimalField(max_digits=18, decimal_places=2)
    rows = [
        (row["year"], row["currency"], row["in_kind"], row["total"])
        for row in Transaction.objects.executed()
        .filter(project__in=projects)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values("year", "currency", "in_kind")
        .annotate(total=Sum("value"))
    ]
    rows += [
        (row["year"], row["currency"], False, row["total"])
        for row in counted_missions(projects, today)
        .annotate(year=ExtractYear("ended"))
        .values("year", "currency")
        .annotate(total=Sum(mission_cost_expression(), output_field=money))
    ]
    return rows


def executed_totals(projects, today=None):
    """{currency id: Amounts with executed cash and in kind} of ``projects``."""
    totals = {}
    for _year, currency, in_kind, total in executed_rows(projects, today):
        name = "executed_in_kind" if in_kind else "executed_cash"
        totals.setdefault(currency, Amounts()).add(name, Decimal(total))
    return totals


def budgeted_by_year(projects):
    """[(year, currency id, total)] of the budget lines of ``projects``, each in
    the year its period starts (a line lasts a year at most)."""
    return [
        (year, currency, total)
        for (year, currency), (_lines, total) in budget_rows(
            Budget.objects.filter(project__in=projects)
        ).items()
    ]


def budgeted_by_year_of_published():
    """``budgeted_by_year`` of every published project: the sums of every line
    less those of the projects not published, which are few and found through an
    index (two queries that read no project row, where a join reads them all)."""
    found = budget_rows(Budget.objects.all())
    others = Project.objects.exclude_published_by_index()
    for group, (lines, total) in budget_rows(
        Budget.objects.filter(project__in=others.values("pk"))
    ).items():
        found[group] = (found[group][0] - lines, found[group][1] - total)
    return [
        (year, currency, total)
        for (year, currency), (lines, total) in found.items()
        if lines
    ]


def budget_rows(lines):
    """{(year, currency id): (lines, total)} of these budget ``lines``."""
    return {
        (row["year"], row["currency"]): (row["lines"], row["total"])
        for row in lines.order_by()
        .annotate(year=ExtractYear("period_start"))
        .values("year", "currency")
        .annotate(lines=Count("pk"), total=Sum("value"))
    }


def budget_line_totals(projects):
    """{currency id: total of the budget lines of ``projects``} (one query)."""
    return {
        row["currency"]: row["total"]
        for row in Budget.objects.filter(project__in=projects)
        .order_by()
        .values("currency")
        .annotate(total=Sum("value"))
    }
