"""List, or delete with --delete, the stored files that no row names: under
MEDIA_ROOT, or in the bucket with DJANGO_MEDIA_STORAGE=s3 (any Django storage).

Deleting a document, an attachment or a proposal already removes its files once
the deletion commits (``projects.files``); this finds what slipped through: files
of rows deleted before that, of a crash between storing a file and saving its row,
and uploads kept for a form that never came back (``projects.uploads``). Every
model's file fields are found through the app registry. Files younger than
--min-age hours (24 by default) are left alone: they may belong to a save under
way. Run it daily (cron) with --delete.
"""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from projects import files


class Command(BaseCommand):
    help = "List (or --delete) the stored uploads that no row refers to."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Delete them instead of listing."
        )
        parser.add_argument(
            "--min-age",
            type=float,
            default=24,
            help="Leave alone files younger than this many hours (default 24).",
        )

    def handle(self, *args, delete=False, min_age=24, **options):
        if min_age < 0:
            raise CommandError("--min-age is a number of hours, 0 or more.")
        try:
            found = files.orphans(datetime.timedelta(hours=min_age))
        except FileNotFoundError:
            found = []  # no MEDIA_ROOT yet: nothing was ever stored
        total = 0
        for name in found:
            size = default_storage.size(name)
            total += size
            if delete:
                default_storage.delete(name)
            self.stdout.write(f"{name} ({filesizeformat(size)})")
        if not found:
            self.stdout.write("No orphan files.")
        elif delete:
            self.stdout.write(f"Deleted {len(found)} files ({filesizeformat(total)}).")
        else:
            self.stdout.write(
                f"{len(found)} files ({filesizeformat(total)}) are referred to by no "
                "row; run with --delete to remove them."
            )
