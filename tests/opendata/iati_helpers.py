"""What the tests of the published IATI files share."""

import datetime

from lxml import etree

from opendata import iati_publish
from projects.models import Budget, Currency

BASE_URL = "https://cooperacion.example.gob.ar"


def publish(**options):
    return iati_publish.publish(base_url=BASE_URL, **options)


def read(index, name):
    return iati_publish.file_path(index, name).read_bytes()


def parse(index, name):
    return etree.fromstring(read(index, name))


def activity_files(index):
    return [item for item in index["files"] if item["kind"] == "activities"]


def add_budget(project, year, value, currency="USD", status="1", month=3):
    start = datetime.date(year, month, 1)
    return Budget.objects.create(
        project=project,
        period_start=start,
        period_end=start.replace(year=year + 1) - datetime.timedelta(days=1),
        value=value,
        currency=Currency.objects.get(code=currency),
        value_date=start,
        status=status,
    )
