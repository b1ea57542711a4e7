"""Decentralised cooperation in the open data: the CSV and JSON exports carry the
flag and the subnational partners, the IATI file names them as local governments
(and stays valid), and the statistics page maps decentralised projects by
province."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree

from opendata import charts, exports
from partners.models import Province, Subdivision
from projects.models import SubnationalParticipation
from tests.opendata.test_iati import rules_broken

pytestmark = pytest.mark.django_db

SCHEMA = Path(exports.__file__).resolve().parent / "schemas" / "projects.schema.json"
SVG = "{http://www.w3.org/2000/svg}"


def content(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def decentralised(make_project):
    """make(province, region, country, municipality): a published decentralised
    project between an Argentine province and a foreign subdivision."""

    def make(province="AR-M", region="CL-VS", country="CL", municipality="", **kw):
        project = make_project(
            partners=[("AR", "both"), (country, "both")], is_decentralised=True, **kw
        )
        SubnationalParticipation.objects.create(
            project=project,
            province=Province.objects.get(code=province),
            municipality=municipality,
            position=0,
        )
        SubnationalParticipation.objects.create(
            project=project,
            subdivision=Subdivision.objects.get(code=region),
            position=1,
        )
        return project

    return make


def test_the_csv_carries_the_flag_and_both_sides(client, decentralised, make_project):
    decentralised(municipality="Godoy Cruz")
    make_project()
    text = (
        content(client.get("/en/projects/export.csv")).decode().removeprefix("\ufeff")
    )
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    at = header.index("Decentralised cooperation")
    assert header[at : at + 2] == ["Decentralised cooperation", "Subnational partners"]
    assert header[-1] == "Notes on the data"  # the notes stay last
    assert [row[at : at + 2] for row in rows] == [
        ["yes", "AR-M Mendoza (Godoy Cruz); CL-VS Valparaíso, Chile"],
        ["no", ""],
    ]


def test_the_json_carries_both_sides_and_follows_its_schema(
    client, decentralised, make_project
):
    import jsonschema

    decentralised(municipality="Godoy Cruz")
    make_project()
    document = json.loads(content(client.get("/projects/export.json")))
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(document)] == []
    first, second = document["projects"]
    assert first["decentralised"] is True
    assert first["subnational_partners"] == [
        {
            "side": "argentina",
            "code": "AR-M",
            "name": {"es": "Mendoza", "en": "Mendoza"},
            "kind": None,
            "country": "AR",
            "municipality": "Godoy Cruz",
        },
        {
            "side": "partner",
            "code": "CL-VS",
            "name": {"es": "Valparaíso", "en": "Valparaíso"},
            "kind": {"code": "region", "label": {"es": "Región", "en": "Region"}},
            "country": "CL",
            "municipality": None,
        },
    ]
    assert (second["decentralised"], second["subnational_partners"]) == (False, [])


def test_a_municipality_without_code_is_null_in_the_json(client, decentralised):
    project = decentralised()
    town = Subdivision.objects.create(
        country=project.participations.get(country__code="CL").country,
        name_es="Viña del Mar",
        kind="municipality",
    )
    SubnationalParticipation.objects.create(
        project=project, subdivision=town, position=2
    )
    document = json.loads(content(client.get("/projects/export.json")))
    last = document["projects"][0]["subnational_partners"][-1]
    assert (last["code"], last["kind"]["code"]) == (None, "municipality")


def test_iati_names_the_subnational_governments_as_local_governments(
    client, decentralised, make_project, iati_schema
):
    decentralised(municipality="Godoy Cruz")
    decentralised(province="AR-A", region="BO-P", country="BO")
    make_project()
    document = etree.fromstring(content(client.get("/projects/iati.xml")))
    assert iati_schema.validate(document), iati_schema.error_log
    for activity in document:
        assert rules_broken(activity, "error") == set()
    first, second, national = document
    local = [
        (org.get("type"), org.get("role"), org.findtext("narrative"))
        for org in first.iter("participating-org")
        if org.get("type") == "11"
    ]
    assert local == [
        ("11", "4", "Godoy Cruz, Mendoza, Argentina"),
        ("11", "4", "Valparaíso, Chile"),
    ]
    english = first.xpath(
        "participating-org[@type='11']/narrative[@xml:lang='en']/text()"
    )
    assert english == ["Godoy Cruz, Mendoza, Argentina", "Valparaíso, Chile"]
    narratives = [
        org.findtext("narrative")
        for org in second.iter("participating-org")
        if org.get("type") == "11"
    ]
    assert narratives == [
        "Salta, Argentina",
        "Potosí, Bolivia (Estado Plurinacional de)",
    ]
    assert not national.xpath("participating-org[@type='11']")
    # Every participating-org together, before what the schema puts after them.
    tags = [child.tag for child in first if isinstance(child.tag, str)]
    orgs = [i for i, tag in enumerate(tags) if tag == "participating-org"]
    assert orgs == list(range(orgs[0], orgs[-1] + 1))
    assert tags[orgs[-1] + 1] in ("other-identifier", "activity-status")


def test_the_statistics_map_decentralised_cooperation_by_province(
    client, decentralised, make_project
):
    decentralised()
    decentralised(region="CL-ML")
    decentralised(province="AR-A", region="BO-P", country="BO")
    decentralised(province="AR-N", region="BR-PR", country="BR", publication="draft")
    make_project().provinces.add(Province.objects.get(code="AR-X"))
    response = client.get("/en/projects/stats/")
    (figure,) = [f for f in response.context["figures"] if f.slug == "decentralised"]
    counted = {row.filter[1]: row.value for row in figure.rows}
    assert len(counted) == 24
    assert {code: n for code, n in counted.items() if n} == {"AR-M": 2, "AR-A": 1}
    # Each row links to the catalogue's decentralised projects of the province.
    (mendoza,) = [row for row in figure.rows if row.filter == ("province", "AR-M")]
    assert "decentralised=yes" in mendoza.link
    assert "province=AR-M" in mendoza.link
    # The choropleth: named, described, and each province with its number.
    (block,) = re.findall(
        r'<svg class="province-map"[^>]*decentralised-map-title.*?</svg>',
        response.text,
        re.DOTALL,
    )
    svg = ET.fromstring(block)  # noqa: S314 (our own page)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == (
        "Bicontinental map of Argentina: decentralised cooperation by province"
    )
    assert "The table that follows lists every province" in svg.find(f"{SVG}desc").text
    names = dict(Province.objects.values_list("code", "name"))
    drawn = {
        path.find(f"{SVG}title").text: path.get("class").rsplit("--", 1)[1]
        for path in svg.iter(f"{SVG}path")
        if path.find(f"{SVG}title") is not None
    }
    bounds = charts.classes([2, 1])
    assert drawn[f"{names['AR-M']}: 2"] == str(charts.shade(2, bounds))
    assert drawn[f"{names['AR-A']}: 1"] == str(charts.shade(1, bounds))
    assert drawn[f"{names['AR-X']}: 0"] == "0"
    # The accessible table beside the map.
    table = response.text.split('id="decentralised-heading"')[1].split("</section>")[0]
    assert "<table" in table
    assert names["AR-M"] in table


def test_the_statistics_follow_the_catalogue_filter(
    client, decentralised, make_project
):
    decentralised()
    make_project()
    response = client.get("/en/projects/stats/", {"decentralised": "no"})
    (figure,) = [f for f in response.context["figures"] if f.slug == "decentralised"]
    assert figure.empty
    assert response.context["figures"][0].rows[0].value == 1  # bilateral
