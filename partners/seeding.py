"""Loading reference data without ever overwriting what staff edited.

A row is created only when nothing with its natural key exists yet: a second load adds
what is missing and leaves every existing row exactly as staff left it.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from simple_history.utils import bulk_create_with_history


def read_data(app_dir: Path, name: str, key: str):
    """The list under ``key`` in ``<app>/data/<name>``."""
    return json.loads((app_dir / "data" / name).read_text(encoding="utf-8"))[key]


def create_missing(model, key: str, rows, **extra):
    """Create each row of ``rows`` (dicts of field values) whose ``key`` value is not
    in the table yet, validated and with history; return them by key."""
    existing = set(model.objects.values_list(key, flat=True))
    instances = [model(**row, **extra) for row in rows if row[key] not in existing]
    for instance in instances:
        # Uniqueness is the database's to check, in the one insert below.
        instance.full_clean(validate_unique=False, validate_constraints=False)
    created = bulk_create_with_history(instances, model)
    return {getattr(instance, key): instance for instance in created}


class SampleDataCommand(BaseCommand):
    """A command that loads sample data: refused with DEBUG off (production)
    unless --allow-production is given (a demonstration server)."""

    what = "Sample data"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load them even with DEBUG off (a demonstration server).",
        )

    def execute(self, *args, **options):
        if not settings.DEBUG and not options.get("allow_production"):
            raise CommandError(
                f"{self.what} are for development: DEBUG is off. "
                "Use --allow-production for a demonstration server."
            )
        return super().execute(*args, **options)
