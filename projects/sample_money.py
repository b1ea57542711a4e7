"""Sample money for the sample projects (``data/sample_money.json``): budgeted
in-kind contributions, transactions (cash and valued in-kind expert time) and
technical missions with their costs, so that the pages show cost sharing.

Fictitious and marked so in every description; loaded only onto sample projects
(``Project.is_sample``) that have no transactions yet, so a second run, or a
database loaded before this file existed, gets them once. Every row is validated
as the admin validates it.
"""

import datetime
from decimal import Decimal

from django.db.models import Q

from partners.models import Country

from .models import Currency, Mission, Participation, Project, Transaction

DAY = datetime.date.fromisoformat
COSTS = ("cost_tickets", "cost_per_diems", "cost_other")


def load(data):
    """Adds the money of ``data`` ({slug: entry}); returns the projects given it."""
    currencies = {currency.code: currency for currency in Currency.objects.all()}
    projects = Project.objects.filter(is_sample=True, slug__in=data).exclude(
        transactions__isnull=False
    )
    loaded = []
    for project in projects:
        add(project, data[project.slug], currencies)
        loaded.append(project.slug)
    return loaded


def partner(project, code):
    return Participation.objects.get(
        Q(country__code=code) | Q(organisation__slug=code), project=project
    )


def add(project, entry, currencies):
    for code, amount in entry.get("in_kind", {}).items():
        participation = partner(project, code)
        participation.in_kind_amount = Decimal(amount)
        participation.currency = participation.currency or currencies["USD"]
        participation.full_clean()
        participation.save()
    for row in entry.get("transactions", ()):
        day = DAY(row["date"])
        item = Transaction(
            project=project,
            participation=partner(project, row["partner"]),
            type=row["type"],
            date=day,
            value=Decimal(row["value"]),
            currency=currencies[row["currency"]],
            value_date=day,
            in_kind=row.get("in_kind", False),
            aid_type=row.get("aid_type", ""),
            description_es=row["description_es"],
            description_en=row["description_en"],
        )
        item.full_clean()
        item.save()
    for row in entry.get("missions", ()):
        start, end = DAY(row["start"]), DAY(row["end"])
        mission = Mission(
            project=project,
            direction=row["direction"],
            country=Country.objects.get(code=row["country"]),
            planned_start=start,
            planned_end=end,
            actual_start=start,
            actual_end=end,
            experts=row["experts"],
            place=row.get("place", ""),
            purpose_es=row["purpose_es"],
            purpose_en=row["purpose_en"],
            currency=currencies[row["currency"]],
            **{name: Decimal(row[name]) for name in COSTS if name in row},
        )
        mission.full_clean()
        mission.save()
