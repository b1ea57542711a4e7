"""Generate N sample projects quickly, for benchmarks (1,000 to 100,000).

Projects, their partners, sectors, SDGs and budget lines are written in bulk batches
without history; every generated project is flagged as sample data and published.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Unit
from partners.models import Country, Organisation
from projects import facets, search
from projects.models import (
    Budget,
    Currency,
    Participation,
    Project,
    ProjectSector,
    SdgGoal,
    Sector,
)

BATCH = 2000
TOPICS = [
    ("Fortalecimiento de capacidades en {}", "Capacity building in {}"),
    ("Intercambio de experiencias sobre {}", "Exchange of experiences on {}"),
    ("Asistencia técnica en {}", "Technical assistance on {}"),
    ("Programa regional de {}", "Regional programme on {}"),
]
SUBJECTS = [
    ("agricultura familiar", "family farming"),
    ("sanidad animal", "animal health"),
    ("gestión del agua", "water management"),
    ("estadísticas públicas", "public statistics"),
    ("antropología forense", "forensic anthropology"),
    ("inocuidad de los alimentos", "food safety"),
    ("gestión del riesgo de desastres", "disaster risk management"),
    ("salud materno-infantil", "maternal and child health"),
    ("energías renovables", "renewable energy"),
    ("pesca artesanal", "small-scale fisheries"),
]


class Command(BaseCommand):
    help = "Generate N published sample projects in bulk, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help="Leave the projects out of the search index (for tests of what "
            "does not search: half the time).",
        )

    def handle(self, count, seed, no_search_index=False, **options):
        if not 1 <= count <= 200_000:
            raise CommandError("Generate between 1 and 200,000 projects.")
        self.rng = random.Random(seed)  # noqa: S311 (repeatable data, not secrets)
        self.countries = list(
            Country.objects.exclude(code="AR").filter(region__isnull=False)
        )
        self.argentina = Country.objects.get(code="AR")
        self.institutions = list(
            Organisation.objects.filter(kind="argentine-institution")
        )
        self.sectors = list(Sector.objects.all())
        self.goals = list(SdgGoal.objects.all())
        self.units = list(Unit.objects.filter(kind=Unit.Kind.DIRECTORATE))
        self.usd = Currency.objects.get(code="USD")
        if not (self.countries and self.sectors and self.goals and self.units):
            raise CommandError("Load the reference data first (make setup).")
        start = (
            Project.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        generated = []
        for first in range(0, count, BATCH):
            with transaction.atomic():
                generated += self.batch(start + first, min(BATCH, count - first))
            self.stdout.write(f"{min(first + BATCH, count)} / {count}", ending="\r")
        # Bulk writes send no signals.
        if not no_search_index:
            search.reindex(generated)
        facets.invalidate()
        self.stdout.write(f"Generated {count} sample projects.")

    def batch(self, number, size):
        """Create ``size`` projects numbered from ``number``; return their ids."""
        projects, partners_of = [], {}
        for n in range(number, number + size):
            topic, subject = self.rng.choice(TOPICS), self.rng.choice(SUBJECTS)
            partner = self.rng.choice(self.countries)
            modality = self.rng.choice(list(Project.Modality))
            begins = datetime.date(
                self.rng.randint(2010, 2026), self.rng.randint(1, 12), 1
            )
            title_es = f"{topic[0].format(subject[0])} con {partner.name_es} ({n})"
            title_en = f"{topic[1].format(subject[1])} with {partner.name_en} ({n})"
            project = Project(
                slug=f"generated-{n}",
                title=title_es,
                title_es=title_es,
                title_en=title_en,
                summary_es=f"Proyecto de ejemplo generado número {n}.",
                summary_en=f"Generated sample project number {n}.",
                modality=modality,
                status=self.rng.choice(["2", "2", "3", "4", "4", "1"]),
                directorate=self.rng.choice(self.units),
                planned_start=begins,
                planned_end=begins
                + datetime.timedelta(days=self.rng.randint(180, 1400)),
                start_year=begins.year,
                publication=Project.Publication.PUBLISHED,
                is_sample=True,
                # The reporting organisation's reference first, as IATI asks;
                # "GEN" keeps them apart from the identifiers saved projects get.
                iati_identifier=f"{settings.DGCIN_IATI_ORG_REF}-GEN-{n:07d}",
            )
            projects.append(project)
            partners_of[project.slug] = partner
        Project.objects.bulk_create(projects)
        ids, rows, shares, budgets, goal_links = [], [], [], [], []
        through = Project.sdg_goals.through
        # By key: the catalogue's ordering would collate every title (slow on SQLite).
        for project in (
            Project.objects.filter(slug__in=partners_of)
            .order_by("pk")
            .only("pk", "slug", "modality", "planned_start")
        ):
            ids.append(project.pk)
            partner = partners_of[project.slug]
            roles = {
                "triangular": ("first-provider", "recipient"),
                "regional": ("participant", "participant"),
            }.get(project.modality, ("provider", "recipient"))
            rows += [
                Participation(
                    project=project,
                    country=self.argentina,
                    segib_role=roles[0],
                    iati_role="1",
                    amount=Decimal(self.rng.randint(5, 200) * 1000),
                    currency=self.usd,
                ),
                Participation(
                    project=project,
                    country=partner,
                    segib_role=roles[1],
                    iati_role="4",
                    position=1,
                ),
            ]
            if project.modality == "triangular" and self.institutions:
                rows.append(
                    Participation(
                        project=project,
                        organisation=self.rng.choice(self.institutions),
                        segib_role="second-provider",
                        iati_role="4",
                        position=2,
                    )
                )
            first, second = self.rng.sample(self.sectors, 2)
            split = self.rng.choice([100, 60, 70, 80])
            shares.append(
                ProjectSector(project=project, sector=first, percentage=split)
            )
            if split < 100:
                shares.append(
                    ProjectSector(
                        project=project, sector=second, percentage=100 - split
                    )
                )
            budgets.append(
                Budget(
                    project=project,
                    period_start=project.planned_start,
                    period_end=project.planned_start + datetime.timedelta(days=364),
                    value=Decimal(self.rng.randint(10, 500) * 1000),
                    currency=self.usd,
                    value_date=project.planned_start,
                )
            )
            goal_links.append(
                through(
                    project_id=project.pk, sdggoal_id=self.rng.choice(self.goals).pk
                )
            )
        Participation.objects.bulk_create(rows)
        ProjectSector.objects.bulk_create(shares)
        Budget.objects.bulk_create(budgets)
        through.objects.bulk_create(goal_links)
        return ids
