"""Write the published IATI files (/iati/): the organisation file, the activity
files by year and their index, in DGCIN_IATI_DIR (``opendata.iati_publish``).

A change to a published project queues the same run in the background
(``opendata.tasks``); this command is for the first run and for after a deploy.
Activities with errors are left out and logged, as in the web download; use
``export_iati`` to see every problem of every project.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opendata import iati_publish


class Command(BaseCommand):
    help = "Write the published IATI files (organisation, activities by year, index)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.DGCIN_SITE_URL,
            help="The portal's public address, for the files' links "
            "(default: DJANGO_SITE_URL).",
        )

    def handle(self, base_url, **options):
        if not urlsplit(base_url or "").scheme:
            raise CommandError(
                "Give the portal's public address, e.g. --base-url "
                "https://cooperacion.example.gob.ar (or set DJANGO_SITE_URL)."
            )
        index = iati_publish.publish(base_url=base_url)
        for item in index["files"]:
            self.stdout.write(
                f"{item['name']}: {item['activities']} activities, "
                f"{item['size']} bytes, sha256 {item['sha256']}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(index['files'])} files in {iati_publish.folder()}."
            )
        )
