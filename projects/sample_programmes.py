"""Sample joint commissions, the programmes they approved, the missions and the
locations of their projects (``data/sample_programmes.json``), loaded with the
sample projects so that ``make run`` shows programme pages, mission timelines,
locations and their figures.

Each row passes the same rules as in the admin; a second run adds only what is
missing. The programmes hold sample projects only, whose pages carry the sample
notice."""

import datetime
from decimal import Decimal

from directory.models import Unit
from partners.models import Country, Organisation, Province, Subdivision
from partners.seeding import read_data

from .models import (
    Currency,
    JointCommission,
    Location,
    Mission,
    Programme,
    Project,
)

DATA = "sample_programmes.json"
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
COSTS = ("cost_tickets", "cost_per_diems", "cost_other")


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def load_sample_programmes(app_dir):
    """Create what is missing; returns (commissions, programmes, missions) added."""
    added = [0, 0, 0]
    commissions = {}
    for row in read_data(app_dir, DATA, "commissions"):
        country = Country.objects.get(code=row["country"])
        commission = JointCommission.objects.filter(
            country=country, number=row["number"]
        ).first()
        if commission is None:
            commission = JointCommission(
                country=country,
                number=row["number"],
                date=day(row["date"]),
                venue=row["venue"],
                directorate=Unit.objects.get(slug=row["directorate"]),
            )
            commission.full_clean()
            commission.save()
            added[0] += 1
        commissions[row["key"]] = commission
    for row in read_data(app_dir, DATA, "programmes"):
        programme = Programme.objects.filter(slug=row["slug"]).first()
        commission = commissions[row["commission"]]
        if programme is None:
            programme = Programme(
                slug=row["slug"],
                commission=commission,
                number=row["number"],
                title_es=row["title_es"],
                title_en=row["title_en"],
                period_start=day(row["period_start"]),
                period_end=day(row["period_end"]),
                midterm_date=day(row.get("midterm_date")),
                midterm_outcome_es=row.get("midterm_outcome_es", ""),
                midterm_outcome_en=row.get("midterm_outcome_en", ""),
                is_published=True,
            )
            programme.full_clean()
            programme.save()
            added[1] += 1
        for project in Project.objects.filter(slug__in=row["projects"], programme=None):
            project.programme = programme
            project.approved_on = project.approved_on or commission.date
            project.save()
    for row in read_data(app_dir, DATA, "missions"):
        project = Project.objects.get(slug=row["project"])
        start = day(row["planned_start"])
        if project.missions.filter(planned_start=start).exists():
            continue
        mission = Mission(
            project=project,
            direction=row["direction"],
            country=Country.objects.get(code=row["country"]),
            experts=row["experts"],
            place=row["place"],
            purpose_es=row["purpose_es"],
            purpose_en=row["purpose_en"],
            **{name: day(row.get(name)) for name in DATE_FIELDS},
            **{name: Decimal(row[name]) if row.get(name) else None for name in COSTS},
            currency=Currency.objects.get(code=row["currency"])
            if row.get("currency")
            else None,
        )
        mission.full_clean()
        mission.save()
        mission.institutions.set(
            Organisation.objects.filter(slug__in=row["institutions"])
        )
        added[2] += 1
    load_locations(app_dir)
    return tuple(added)


def load_locations(app_dir):
    """The sample locations of projects that have none yet."""
    for slug, rows in group_by_project(read_data(app_dir, DATA, "locations")):
        project = Project.objects.get(slug=slug)
        if project.locations.exists():
            continue
        for position, row in enumerate(rows):
            location = Location(
                project=project,
                province=Province.objects.get(code=row["province"])
                if row.get("province")
                else None,
                subdivision=Subdivision.objects.get(code=row["subdivision"])
                if row.get("subdivision")
                else None,
                place=row.get("place", ""),
                latitude=Decimal(row["latitude"]) if row.get("latitude") else None,
                longitude=Decimal(row["longitude"]) if row.get("longitude") else None,
                position=position,
            )
            # IATI's precision where the row says it (else the field's default).
            for field in ("location_class", "exactness"):
                if row.get(field):
                    setattr(location, field, row[field])
            location.full_clean()
            location.save()


def group_by_project(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row["project"], []).append(row)
    return grouped.items()
