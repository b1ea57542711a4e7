"""A project's locations in the CSV, JSON and IATI exports."""

import csv
import io
import json

import pytest
from django.utils import translation
from lxml import etree

from opendata.iati import schema_errors
from opendata.iati_locations import WGS84
from opendata.iati_rules import check_activity

pytestmark = pytest.mark.django_db


def body(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# Exports -------------------------------------------------------------------------


def test_the_exports_carry_the_locations(client, located, settings):
    rows = list(
        csv.reader(
            io.StringIO(body(client, "/projects/export.csv").decode("utf-8-sig"))
        )
    )
    header, row = rows[0], rows[1]
    with translation.override("es"):
        column = header.index("Ubicaciones")
    assert (
        row[column]
        == "El Alto, BO-L La Paz, Bolivia (Estado Plurinacional de); AR-M Mendoza"
    )
    record = json.loads(body(client, "/projects/export.json"))["projects"][0]
    assert record["locations"][0] == {
        "code": "BO-L",
        "name": {"es": "La Paz", "en": "La Paz"},
        "country": "BO",
        "place": "El Alto",
        "latitude": -16.5047,
        "longitude": -68.1625,
    }
    assert record["locations"][1]["country"] == "AR"


def test_the_iati_file_writes_valid_locations(client, located, iati_schema):
    tree = etree.fromstring(body(client, "/projects/iati.xml"))
    activity = tree.find("iati-activity")
    locations = activity.findall("location")
    assert [location.find("name/narrative").text for location in locations] == [
        "El Alto, La Paz, Bolivia (Estado Plurinacional de)",
        "Mendoza, Argentina",
    ]
    first = locations[0]
    assert first.find("point").get("srsName") == WGS84
    assert first.find("point/pos").text == "-16.504700 -68.162500"
    assert first.find("administrative").attrib == {
        "vocabulary": "A4",
        "level": "0",
        "code": "BO",
    }
    assert [location.find("location-class").get("code") for location in locations] == [
        "2",
        "1",
    ]
    # Between the recipient countries and the sectors, as the schema orders them.
    tags = [child.tag for child in activity]
    assert (
        tags.index("recipient-country") < tags.index("location") < tags.index("sector")
    )
    assert schema_errors(iati_schema, activity) == []
    assert [
        issue for issue in check_activity(activity) if issue.severity == "error"
    ] == []
