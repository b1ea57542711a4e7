"""Technical missions in figures: missions, experts and expert-days of the published
projects the statistics page counts, by year, by partner country and by DAC sector
category.

As in ``stats``, counting is split from presenting: ``counts()`` runs one aggregate
query per grouping, whatever the number of missions, and keeps the numbers (codes,
no words) in the facet cache for each filter combination; a change to a mission or
a project starts a new cache generation (``projects.facets``). ``tables()`` labels
them in the active language.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext

from partners.collation import collation_key
from projects import facets
from projects.models import Mission

from . import stats

# Bump when the shape of the cached numbers changes.
FORMAT = 1


def counts(filterset):
    """{grouping: {code: [missions, experts, expert-days]}} for the missions of
    the filterset's projects (its valid filters), cached."""
    filterset.is_valid()
    key = filterset.form.cleaned_data | {"figures": f"missions-{FORMAT}"}
    return facets.cached(key, lambda: compute(filterset.qs))


def compute(projects):
    missions = Mission.objects.filter(project__in=projects.values("pk")).order_by()
    return {
        "year": by_year(missions),
        "country": by_country(missions),
        "sector": by_sector(missions),
    }


def totals(rows):
    """Missions, experts and expert-days of ``rows`` grouped by ``code`` (one
    aggregate query). Group with ``annotate(code=…).values("code")``: the
    translated models' ``values(code=…)`` would group by every field."""
    return {
        str(row["code"]): [row["total"], row["people"] or 0, row["work"] or 0]
        for row in rows.annotate(
            total=Count("pk"),
            people=Sum("experts"),
            work=Sum(F("experts") * F("days")),
        )
        if row["code"] is not None
    }


def by_year(missions):
    """By the year a mission started, or is planned to start: a mission counts
    whole in its first year."""
    year = ExtractYear(Coalesce("actual_start", "planned_start"))
    return totals(missions.annotate(code=year).values("code"))


def by_country(missions):
    return totals(missions.annotate(code=F("country__code")).values("code"))


def by_sector(missions):
    """By the DAC sector categories of the mission's project: a mission counts
    once in each category (one query; a project with two sectors of a category
    would count a mission twice in it in SQL, so rows are summed here)."""
    rows = (
        missions.values_list(
            "project__sectors__sector__category__code", "pk", "experts", "days"
        )
        .filter(project__sectors__isnull=False)
        .distinct()
    )
    counted = {}
    for code, _pk, experts, days in rows:
        numbers = counted.setdefault(code, [0, 0, 0])
        numbers[0] += 1
        numbers[1] += experts
        numbers[2] += experts * (days or 0)
    return counted


@dataclass
class Table:
    slug: str
    title: str
    heading: str  # the first column's
    rows: list  # [(label, missions, experts, expert-days)]
    note: str = ""


def tables(numbers):
    """The page's mission tables in the active language, and the totals."""
    names = stats.labels()
    years = sorted(numbers["year"].items(), key=lambda item: int(item[0]))
    result = [
        Table(
            "missions-year",
            gettext("Missions by year"),
            gettext("Year"),
            [(year, *values) for year, values in years],
            gettext("A mission counts in the year it started, or is planned to."),
        ),
        ranked(
            "missions-country",
            gettext("Missions by partner country"),
            gettext("Country"),
            numbers["country"],
            names["country"],
        ),
        ranked(
            "missions-sector",
            gettext("Missions by DAC sector category"),
            gettext("Sector category"),
            numbers["sector"],
            names["sector"],
            gettext(
                "A mission counts in each sector category of its project, so this "
                "table adds up to more than the total."
            ),
        ),
    ]
    total = [sum(values[i] for _year, values in years) for i in range(3)]
    return {"tables": result, "total": total}


def ranked(slug, title, heading, counted, names, note=""):
    """Rows by number of missions, then by name."""
    rows = sorted(
        ((names.get(code, code), *values) for code, values in counted.items()),
        key=lambda row: (-row[1], collation_key(row[0])),
    )
    return Table(slug, title, heading, rows, note)
