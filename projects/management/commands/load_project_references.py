"""Load the reference lists projects use: DAC sectors and categories, SEGIB sectors,
SDG goals and targets, currencies and IATI document categories.

Idempotent: only what is missing is added; nothing staff edited is overwritten.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from partners.seeding import create_missing, read_data
from projects.models import (
    Currency,
    DocumentCategory,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibArea,
    SegibSector,
)

APP_DIR = Path(__file__).resolve().parents[2]


def by(model, key):
    return {getattr(item, key): item for item in model.objects.all()}


class Command(BaseCommand):
    help = "Load the projects' reference lists where they are missing."

    @transaction.atomic
    def handle(self, *args, **options):
        dac = read_data(APP_DIR, "dac_sectors.json", "categories")
        counts = {"DAC categories": len(create_missing(SectorCategory, "code", dac))}
        categories = by(SectorCategory, "code")
        sectors = [
            row | {"category": categories[row["category"]]}
            for row in read_data(APP_DIR, "dac_sectors.json", "sectors")
        ]
        counts["DAC sectors"] = len(create_missing(Sector, "code", sectors))
        counts["document categories"] = len(
            create_missing(
                DocumentCategory,
                "code",
                read_data(APP_DIR, "dac_sectors.json", "document_categories"),
            )
        )

        areas = read_data(APP_DIR, "segib_sectors.json", "areas")
        counts["SEGIB areas"] = len(create_missing(SegibArea, "slug", areas))
        areas_by_slug = by(SegibArea, "slug")
        segib = [
            row | {"area": areas_by_slug[row["area"]]}
            for row in read_data(APP_DIR, "segib_sectors.json", "sectors")
        ]
        counts["SEGIB sectors"] = len(create_missing(SegibSector, "slug", segib))

        goals = [
            {
                "code": row["code"],
                "number": int(row["code"]),
                "name_es": row["name_es"],
                "name_en": row["name_en"],
                "short_name_es": row["short_es"],
                "short_name_en": row["short_en"],
            }
            for row in read_data(APP_DIR, "sdgs.json", "goals")
        ]
        counts["SDGs"] = len(create_missing(SdgGoal, "code", goals))
        goals_by_code = by(SdgGoal, "code")
        targets = [
            row | {"goal": goals_by_code[row["goal"]], "position": position}
            for position, row in enumerate(read_data(APP_DIR, "sdgs.json", "targets"))
        ]
        counts["SDG targets"] = len(create_missing(SdgTarget, "code", targets))

        # Each row carries is_offered and withdrawn where they differ from the
        # defaults; its source documents the data and is no field.
        currencies = [
            {key: value for key, value in row.items() if key != "source"}
            for row in read_data(APP_DIR, "currencies.json", "currencies")
        ]
        counts["currencies"] = len(create_missing(Currency, "code", currencies))

        added = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Project references: added {added}.")
