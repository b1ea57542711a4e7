"""Load DGCIN's units and phone lines from the source directory, and the home and
about pages' institutional texts, idempotently.

A unit that already exists (by slug) is left exactly as staff left it, lines and all,
and so is a page's text: a second run only adds what is missing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from directory.models import InstitutionalText, PhoneLine, Unit
from partners.seeding import create_missing, read_data

APP_DIR = Path(__file__).resolve().parents[2]


class Command(BaseCommand):
    help = (
        "Load the DGCIN contact directory (units and lines) and the pages' "
        "institutional texts where they are missing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        entries = read_data(APP_DIR, "units.json", "units")
        created = {}
        # Parents come before their children in the file.
        for entry in entries:
            parent = Unit.objects.get(slug=entry["parent"]) if entry["parent"] else None
            row = {k: v for k, v in entry.items() if k not in ("parent", "lines")}
            created |= create_missing(Unit, "slug", [row], parent=parent)
        for entry in entries:
            if unit := created.get(entry["slug"]):
                bulk_create_with_history(
                    [
                        PhoneLine(unit=unit, position=position, **line)
                        for position, line in enumerate(entry["lines"])
                    ],
                    PhoneLine,
                )
        self.stdout.write(
            f"Directory: {len(created)} unit(s) added, "
            f"{len(entries) - len(created)} already present and left as they are."
        )
        texts = read_data(APP_DIR, "institutional_texts.json", "texts")
        added = create_missing(InstitutionalText, "page", texts)
        self.stdout.write(
            f"Institutional texts: {len(added)} added, "
            f"{len(texts) - len(added)} already present and left as they are."
        )
