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
        "exactness": "2",
        "location_class": "2",
    }
    assert record["locations"][1]["country"] == "AR"
    # Mendoza itself: no point, an administrative region.
    assert record["locations"][1]["exactness"] is None
    assert record["locations"][1]["location_class"] == "1"


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
    # Approximate unless staff say the point is exact; no exactness without a point.
    assert first.find("exactness").get("code") == "2"
    assert locations[1].find("exactness") is None
    # Between the recipient countries and the sectors, as the schema orders them.
    tags = [child.tag for child in activity]
    assert (
        tags.index("recipient-country") < tags.index("location") < tags.index("sector")
    )
    assert schema_errors(iati_schema, activity) == []
    assert [
        issue for issue in check_activity(activity) if issue.severity == "error"
    ] == []


def test_staff_say_what_kind_of_place_and_how_exact_the_point_is(
    client, located, iati_schema
):
    from projects.models import Location

    Location.objects.filter(place="El Alto").update(
        place="Hospital del Norte", location_class="3", exactness="1"
    )
    # A kind of place says nothing without a place: the division itself.
    Location.objects.filter(place="").update(location_class="3")
    tree = etree.fromstring(body(client, "/projects/iati.xml"))
    activity = tree.find("iati-activity")
    first, second = activity.findall("location")
    assert first.find("exactness").get("code") == "1"
    assert first.find("location-class").get("code") == "3"
    assert second.find("location-class").get("code") == "1"
    assert schema_errors(iati_schema, activity) == []
    assert [i for i in check_activity(activity) if i.severity == "error"] == []
    record = json.loads(body(client, "/projects/export.json"))["projects"][0]
    assert [(r["exactness"], r["location_class"]) for r in record["locations"]] == [
        ("1", "3"),
        (None, "1"),
    ]


def test_the_precision_choices_are_iatis_active_codes(iati_shared):
    from projects.models.iati_codes import GeographicExactness, GeographicLocationClass

    for name, choices in (
        ("GeographicExactness", GeographicExactness),
        ("GeographicLocationClass", GeographicLocationClass),
    ):
        path = iati_shared / "codelists" / f"{name}.csv"
        with path.open(encoding="utf-8") as rows:
            active = {
                r["code"] for r in csv.DictReader(rows) if r["status"] == "active"
            }
        assert set(choices.values) == active, name
