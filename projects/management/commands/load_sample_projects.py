"""Load the clearly marked sample projects for development and demonstration.

Refused on production settings (DEBUG off) unless --allow-production is given. Each
project is validated with the same rules as the admin; a second run adds only
projects that are missing. The executing institutions of both sides that the
reference list lacks (partner countries' ministries and agencies, Argentine
universities and provincial ministries) come first from
``data/sample_organisations.json``, flagged as samples
(``Organisation.is_sample``). Transactions and mission costs of a few of them come
from ``data/sample_money.json`` (``projects.sample_money``).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from directory.models import Unit
from partners.models import Bloc, Country, Organisation, Province, Subdivision
from partners.seeding import SampleDataCommand, create_missing, read_data
from projects import sample_money, search
from projects.models import (
    Beneficiary,
    Budget,
    Currency,
    Indicator,
    IndicatorPeriod,
    Participation,
    PolicyMarker,
    Project,
    ProjectSector,
    Result,
    SdgGoal,
    SdgTarget,
    Sector,
    SegibSector,
    SubnationalParticipation,
)
from projects.models.results import overlapping
from projects.rules import (
    participation_errors,
    sector_percentage_error,
    subnational_errors,
)
from projects.sample_programmes import load_sample_programmes

APP_DIR = Path(__file__).resolve().parents[2]
TEXT_FIELDS = [
    f"{field}_{language}"
    for field in ("title", "summary", "description", "objectives")
    for language in ("es", "en")
]
PLAIN_FIELDS = ["slug", "modality", "instrument", "status", "fo_ar_number"]
DATE_FIELDS = ["planned_start", "planned_end", "actual_start", "actual_end"]
DEFAULT_FIELDS = [
    "default_flow_type",
    "default_finance_type",
    "default_aid_type",
    "default_tied_status",
]


class Command(SampleDataCommand):
    what = "Sample projects"
    help = "Load the sample projects (development and demonstration only)."

    def handle(self, *args, **options):
        existing = set(Project.objects.values_list("slug", flat=True))
        entries = [
            entry
            for entry in read_data(APP_DIR, "sample_projects.json", "projects")
            if entry["slug"] not in existing
        ]
        with transaction.atomic(), search.deferred():
            organisations = load_sample_organisations()
            loader = Loader()
            for entry in entries:
                try:
                    loader.create(entry)
                except ValidationError as error:
                    raise CommandError(f"{entry['slug']}: {error}") from error
            try:
                money = sample_money.load(
                    read_data(APP_DIR, "sample_money.json", "projects")
                )
                commissions, programmes, missions = load_sample_programmes(APP_DIR)
            except ValidationError as error:
                raise CommandError(f"Sample money and programmes: {error}") from error
        self.stdout.write(f"Sample organisations: {len(organisations)} added.")
        self.stdout.write(
            f"Sample projects: {len(entries)} added, {len(existing)} already present; "
            f"transactions and mission costs for {len(money)}."
        )
        self.stdout.write(
            f"Sample joint commissions, programmes and missions added: "
            f"{commissions}, {programmes}, {missions}."
        )


def load_sample_organisations():
    """The sample projects' executing institutions missing from the reference
    list, flagged as samples; those present (by slug) are left as they are."""
    countries = {country.code: country for country in Country.objects.all()}
    rows = [
        row | {"country": countries[row["country"]]}
        for row in read_data(APP_DIR, "sample_organisations.json", "organisations")
    ]
    return create_missing(Organisation, "slug", rows, is_sample=True)


class Loader:
    """Creates one sample project with everything it is made of."""

    def __init__(self):
        self.countries = {c.code: c for c in Country.objects.all()}
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        self.currencies = {c.code: c for c in Currency.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.targets = {t.code: t for t in SdgTarget.objects.select_related("goal")}
        self.units = {u.slug: u for u in Unit.objects.all()}
        self.goals = {g.number: g for g in SdgGoal.objects.all()}
        # The main SDG, policy markers, beneficiaries and indicator periods, by slug.
        self.extras = {
            extra["slug"]: extra
            for extra in read_data(APP_DIR, "sample_iati_fields.json", "projects")
        }

    def create(self, entry):
        project = Project(
            **{field: entry[field] for field in TEXT_FIELDS + PLAIN_FIELDS},
            **{field: entry[field] for field in DATE_FIELDS},
            directorate=self.units[entry["directorate"]],
            segib_sector=SegibSector.objects.get(slug=entry["segib_sector"]),
            publication=Project.Publication.PUBLISHED,
            is_sample=True,
            is_decentralised=entry.get("decentralised", False),
        )
        project.full_clean()
        project.save()
        targets = [self.targets[code] for code in entry["sdg_targets"]]
        project.sdg_targets.set(targets)
        project.sdg_goals.set({target.goal for target in targets})
        project.provinces.set(Province.objects.filter(code__in=entry["provinces"]))
        project.blocs.set(Bloc.objects.filter(slug__in=entry["blocs"]))

        participations = [
            Participation(
                project=project,
                country=self.countries.get(row["country"]),
                organisation=self.organisations.get(row["organisation"]),
                segib_role=row["segib_role"],
                iati_role=row["iati_role"],
                amount=row["amount"],
                currency=self.currencies.get(row["currency"]),
                position=position,
            )
            for position, row in enumerate(entry["participations"])
        ]
        errors = participation_errors(
            project.modality, [p.segib_role for p in participations]
        )
        if error := sector_percentage_error(
            [row["percentage"] for row in entry["sectors"]]
        ):
            errors.append(error)
        if errors:
            raise ValidationError(errors)
        for row in participations:
            row.full_clean()
            row.save()
        for row in entry["sectors"]:
            share = ProjectSector(
                project=project,
                sector=self.sectors[row["code"]],
                percentage=row["percentage"],
            )
            share.full_clean()
            share.save()
        for row in entry["budgets"]:
            budget = Budget(
                project=project, **row | {"currency": self.currencies[row["currency"]]}
            )
            budget.full_clean()
            budget.save()
        for position, row in enumerate(entry["results"]):
            result = Result.objects.create(
                project=project,
                type=row["type"],
                title_es=row["title_es"],
                title_en=row["title_en"],
                position=position,
            )
            for indicator in row["indicators"]:
                Indicator.objects.create(result=result, **indicator)
        self.add_extras(project, entry, targets)

    def add_extras(self, project, entry, targets):
        """The main SDG (the first target's goal unless the extras say), IATI
        defaults, policy markers, beneficiaries and indicator periods of a sample
        project."""
        extra = self.extras.get(entry["slug"], {})
        main = self.goals.get(extra.get("main_sdg")) or (
            targets[0].goal if targets else None
        )
        project.main_sdg = main
        project.target_groups_es = extra.get("target_groups_es", "")
        project.target_groups_en = extra.get("target_groups_en", "")
        # IATI defaults other than FO.AR's usual ones (e.g. a partner off the DAC
        # list of ODA recipients: flow type 21).
        for field in DEFAULT_FIELDS:
            if field in extra:
                setattr(project, field, extra[field])
        project.full_clean()
        project.save()
        if main is not None:
            project.sdg_goals.add(main)
        for code, significance in extra.get("policy_markers", []):
            marker = PolicyMarker(project=project, code=code, significance=significance)
            marker.full_clean()
            marker.save()
        for position, row in enumerate(extra.get("beneficiaries", [])):
            group = Beneficiary(project=project, position=position, **row)
            group.full_clean()
            group.save()
        by_indicator = {}
        for row in extra.get("periods", []):
            result = project.results.all()[row["result"]]
            indicator = result.indicators.all()[row["indicator"]]
            fields = {k: v for k, v in row.items() if k not in ("result", "indicator")}
            period = IndicatorPeriod(indicator=indicator, **fields)
            period.full_clean()
            by_indicator.setdefault(indicator.pk, []).append(period)
        for periods in by_indicator.values():
            if pair := overlapping(periods):
                raise ValidationError(f"Overlapping periods: {pair[0]}, {pair[1]}")
            for period in periods:
                period.save()
        self.add_subnational(project, entry.get("subnational", []))

    def add_subnational(self, project, rows):
        """A decentralised project's provinces and foreign subnational governments
        (by ISO 3166-2 code), checked as the admin checks them."""
        subnational = [
            SubnationalParticipation(
                project=project,
                province=Province.objects.get(code=row["province"])
                if row.get("province")
                else None,
                subdivision=Subdivision.objects.get(code=row["subdivision"])
                if row.get("subdivision")
                else None,
                municipality=row.get("municipality", ""),
                position=position,
            )
            for position, row in enumerate(rows)
        ]
        if errors := subnational_errors(project.is_decentralised, subnational):
            raise ValidationError(errors)
        for row in subnational:
            row.full_clean()
            row.save()
