"""Load DGCIN's units and phone lines from the source directory, idempotently.

A unit that already exists (by slug) is left exactly as staff left it, lines and all:
a second run only adds units that are missing.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from directory.models import PhoneLine, Unit

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "units.json"
UNIT_FIELDS = (
    "acronym",
    "kind",
    "position",
    "name_es",
    "name_en",
    "description_es",
    "description_en",
    "street",
    "floor",
    "office",
    "postcode",
    "city",
    "country",
)


class Command(BaseCommand):
    help = "Load the DGCIN contact directory (units and lines) where it is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))["units"]
        created = 0
        for entry in entries:
            parent = Unit.objects.get(slug=entry["parent"]) if entry["parent"] else None
            unit, was_created = Unit.objects.get_or_create(
                slug=entry["slug"],
                defaults={field: entry[field] for field in UNIT_FIELDS}
                | {"parent": parent},
            )
            if not was_created:
                continue
            created += 1
            bulk_create_with_history(
                [
                    PhoneLine(unit=unit, position=position, **line)
                    for position, line in enumerate(entry["lines"])
                ],
                PhoneLine,
            )
        self.stdout.write(
            f"Directory: {created} unit(s) added, "
            f"{len(entries) - created} already present and left as they are."
        )
