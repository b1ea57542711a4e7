"""The bilateral programme, the approval date, the executing institutions on both
sides and the technical missions in every export: the spreadsheets' columns
(typed in the XLSX), the JSON record and its schema, the API, the open-data page's
field tables, and a fixed number of queries whatever the missions."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from django.core.files.base import ContentFile

from partners.models import Country, Organisation
from projects.models import Currency, Mission

from .test_exports import EXPORTS, SCHEMA, count_export_queries
from .test_xlsx_export import URL as XLSX
from .test_xlsx_export import sheet_rows

pytestmark = pytest.mark.django_db

D = datetime.date
NEW_COLUMNS = [
    "Bilateral programme",
    "Approval date",
    "Argentine executing institutions",
    "Counterpart institutions",
    "Missions",
    "Experts",
    "Expert-days",
]


def content(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def english_csv(client):
    text = content(client.get("/en/projects/export.csv")).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def json_projects(client):
    document = json.loads(content(client.get("/projects/export.json")))
    validator = jsonschema.Draft202012Validator(
        json.loads(SCHEMA.read_text()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert [error.message for error in validator.iter_errors(document)] == []
    return {project["slug"]: project for project in document["projects"]}


def make_mission(project, direction="outbound", institutions=(), **fields):
    mission = Mission.objects.create(
        project=project,
        direction=direction,
        country=Country.objects.get(code="PY"),
        **{"planned_start": D(2024, 5, 6), "planned_end": D(2024, 5, 10)} | fields,
    )
    mission.institutions.set(
        Organisation.objects.filter(slug__in=institutions).order_by("pk")
    )
    return mission


@pytest.fixture
def counterpart(references):
    return Organisation.objects.create(
        slug="mag-paraguay",
        name_es="Ministerio de Agricultura y Ganadería",
        name_en="Ministry of Agriculture and Livestock",
        acronym_es="MAG",
        kind=Organisation.Kind.PARTNER_INSTITUTION,
        country=Country.objects.get(code="PY"),
        iati_type="10",
    )


@pytest.fixture
def rich(make_project, make_programme, counterpart):
    """A project of a published programme, approved, executed on both sides (FAO,
    international, on neither), with two missions: one outbound of three INTA
    experts, planned, with a published report; one inbound of two MAG
    technicians, done, whose report is not published."""
    project = make_project(
        programme=make_programme("PY", number=4),
        approved_on=D(2024, 5, 12),
        partners=[
            ("AR", "provider"),
            ("inta", "provider"),
            ("fao", "provider"),
            ("PY", "recipient"),
            ("mag-paraguay", "recipient"),
        ],
    )
    outbound = make_mission(
        project,
        institutions=["inta"],
        experts=3,
        place="Asunción",
        purpose_es="Capacitar a técnicos.",
        purpose_en="Train technicians.",
        report=ContentFile(b"%PDF-1.4 report", name="informe.pdf"),
        report_is_public=True,
        cost_tickets=1850,
        currency=Currency.objects.get(code="USD"),
    )
    inbound = make_mission(
        project,
        "inbound",
        institutions=["mag-paraguay", "inta"],
        experts=2,
        planned_start=D(2024, 9, 2),
        planned_end=D(2024, 9, 6),
        actual_start=D(2024, 9, 2),
        actual_end=D(2024, 9, 4),
        report=ContentFile(b"%PDF-1.4 private", name="privado.pdf"),
    )
    return project, outbound, inbound


def test_the_new_columns_come_after_the_older_ones_and_before_the_notes(
    client, rich, make_project, make_programme
):
    hidden = make_programme("UY", published=False)
    plain = make_project(
        programme=hidden, partners=[("AR", "provider"), ("UY", "recipient")]
    )
    project, _outbound, _inbound = rich
    header, *rows = english_csv(client)
    assert len(header) == 47
    assert header[0] == "IATI identifier"
    assert header[24] == "Web page"
    assert header[37] == "Subnational partners"
    assert header[39:46] == NEW_COLUMNS
    assert header[-1] == "Notes on the data"
    by_slug = {row[24].rstrip("/").rsplit("/", 1)[-1]: row for row in rows}
    programme = project.programme
    assert by_slug[project.slug][39:46] == [
        f"{programme.iati_identifier} {programme.title_en}",
        "2024-05-12",
        "INTA National Institute of Agricultural Technology",
        "MAG Ministry of Agriculture and Livestock, Paraguay",
        "2",
        "5",  # three experts and two technicians
        "21",  # 3 experts for 5 days, 2 for 3 (the actual dates)
    ]
    # An unpublished programme is not named; no mission counts nothing.
    assert by_slug[plain.slug][39:46] == ["", "", "", "", "0", "0", "0"]


def test_an_unpublished_projects_missions_are_not_exported(client, rich, make_project):
    draft = make_project(publication="draft")
    make_mission(draft, experts=9)
    _header, *rows = english_csv(client)
    assert len(rows) == 1
    assert rows[0][43:46] == ["2", "5", "21"]


def test_the_xlsx_types_the_new_columns(client, rich):
    header, row = sheet_rows(client.get(XLSX))
    at = [cell.value for cell in header].index("Fecha de aprobación")
    approved = row[at]
    assert approved.is_date
    assert approved.value.date() == D(2024, 5, 12)
    assert approved.number_format == "yyyy-mm-dd"
    missions, experts, expert_days = row[at + 3 : at + 6]
    assert [c.value for c in (missions, experts, expert_days)] == [2, 5, 21]
    assert {c.data_type for c in (missions, experts, expert_days)} == {"n"}
    assert row[at + 1].value == "INTA Instituto Nacional de Tecnología Agropecuaria"


def test_the_data_catalogue_says_the_counts_are_integers(client, rich):
    catalogue = json.loads(client.get("/data.json").content)
    (dataset,) = [
        d for d in catalogue["dataset"] if d["identifier"] == "dgcin-projects"
    ]
    files = {d["identifier"]: d for d in dataset["distribution"]}
    for identifier in ("dgcin-projects-csv-en", "dgcin-projects-xlsx-es"):
        types = [field["type"] for field in files[identifier]["field"]]
        assert types[39:46] == [
            "string",
            "date",
            "string",
            "string",
            "integer",
            "integer",
            "integer",
        ]


def test_the_json_carries_the_missions_the_page_shows_and_follows_its_schema(
    client, rich, make_project
):
    project, outbound, _inbound = rich
    plain = make_project()
    records = json_projects(client)
    record = records[project.slug]
    assert record["approved_on"] == "2024-05-12"
    first, second = record["missions"]
    assert first == {
        "direction": {
            "code": "outbound",
            "label": {
                "es": "Expertos argentinos viajan al país socio",
                "en": "Argentine experts travel to the partner country",
            },
        },
        "country": "PY",
        "planned_start": "2024-05-06",
        "planned_end": "2024-05-10",
        "actual_start": None,
        "actual_end": None,
        "experts": 3,
        "institutions": [
            {
                "code": "inta",
                "name": {
                    "es": "Instituto Nacional de Tecnología Agropecuaria",
                    "en": "National Institute of Agricultural Technology",
                },
                "acronym": {"es": "INTA", "en": "INTA"},
                "iati_identifier": None,
                "country": "AR",
            }
        ],
        "days": 5,
        "expert_days": 15,
        "place": "Asunción",
        "purpose": {"es": "Capacitar a técnicos.", "en": "Train technicians."},
        "report_url": f"http://testserver/projects/{project.slug}/missions/"
        f"{outbound.pk}/report/",
    }
    assert client.get(first["report_url"]).status_code == 200
    # Institutions in their model's order; an unpublished report is not linked;
    # no cost anywhere (FO.AR's costs count in cost_sharing).
    assert [i["code"] for i in second["institutions"]] == ["inta", "mag-paraguay"]
    assert (second["days"], second["expert_days"]) == (3, 6)
    assert second["report_url"] is None
    assert not {"cost_tickets", "currency", "costs"} & (set(first) | set(second))
    sides = {p["code"]: p["executing_side"] for p in record["participants"]}
    assert sides == {
        "AR": None,
        "inta": "argentina",
        "fao": None,
        "PY": None,
        "mag-paraguay": "partner",
    }
    assert (records[plain.slug]["approved_on"], records[plain.slug]["missions"]) == (
        None,
        [],
    )


def test_argentinas_executed_cost_is_per_year_with_its_missions(client, make_project):
    """The missions' costs count in the year each ended, per currency."""
    project = make_project()
    usd = Currency.objects.get(code="USD")
    make_mission(
        project,
        actual_start=D(2024, 5, 6),
        actual_end=D(2024, 5, 10),
        cost_tickets=100,
        currency=usd,
    )
    make_mission(
        project,
        planned_start=D(2025, 3, 3),
        planned_end=D(2025, 3, 7),
        actual_start=D(2025, 3, 3),
        actual_end=D(2025, 3, 7),
        cost_per_diems=40,
        currency=usd,
    )
    # Planned only: it may not have happened, so nothing of it is executed.
    make_mission(project, cost_tickets=999, currency=usd)
    (record,) = json_projects(client).values()
    (argentina,) = record["cost_sharing"]
    assert argentina["partner"] == "AR"
    assert argentina["includes_missions"] is True
    assert argentina["years"] == [
        {
            "year": 2024,
            "currency": "USD",
            "executed_cash": "100.00",
            "executed_in_kind": None,
        },
        {
            "year": 2025,
            "currency": "USD",
            "executed_cash": "40.00",
            "executed_in_kind": None,
        },
    ]


def test_the_api_gives_the_missions_in_the_language_asked(client, rich):
    project, _outbound, _inbound = rich
    response = client.get(f"/api/v1/projects/{project.slug}", {"lang": "en"})
    assert response.status_code == 200
    item = response.json()
    assert item["approved_on"] == "2024-05-12"
    first = item["missions"][0]
    assert first["direction"] == {
        "code": "outbound",
        "label": "Argentine experts travel to the partner country",
    }
    assert first["purpose"] == "Train technicians."
    assert first["institutions"][0]["name"] == (
        "National Institute of Agricultural Technology"
    )


@pytest.mark.parametrize("path", [*EXPORTS, XLSX])
def test_missions_and_their_institutions_add_no_query(client, make_project, path):
    projects = [make_project() for _ in range(4)]
    without = count_export_queries(client, path)
    for project in projects:
        make_mission(project, institutions=["inta", "senasa"])
        make_mission(project, "virtual", institutions=["inta"])
    assert count_export_queries(client, path) == without


def test_the_open_data_page_lists_the_new_fields_in_both_languages(client):
    spanish = client.get("/open-data/").text
    english = client.get("/en/open-data/").text
    for name in ("approved_on", "missions[].expert_days", "executing_side"):
        assert f"<code>{name}</code>" in spanish
        assert f"<code>{name}</code>" in english
    assert "Expertos por días" in spanish
    assert "Experts times days" in english
    assert "<code>null</code>" in english  # an enumeration's null, as written
