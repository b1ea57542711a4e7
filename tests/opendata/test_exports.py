"""The catalogue's open data: CSV, JSON and IATI XML, through the client."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import capfirst
from lxml import etree

from opendata import csv_export, exports, formatting, json_export
from opendata.iati_rules import check_activity
from projects.models import Project

pytestmark = pytest.mark.django_db

SCHEMA = Path(exports.__file__).resolve().parent / "schemas" / "projects.schema.json"
EXPORTS = ["/projects/export.csv", "/projects/export.json", "/projects/iati.xml"]


def content(response):
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content)


def csv_rows(response):
    raw = content(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for spreadsheets"
    text = raw.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def json_document(response):
    return json.loads(content(response))


def iati_document(response):
    return etree.fromstring(content(response))


def exported_identifiers(response, path):
    if path.endswith(".csv"):
        return {row[0] for row in csv_rows(response)[1:]}
    if path.endswith(".json"):
        return {p["iati_identifier"] for p in json_document(response)["projects"]}
    return {element.text for element in iati_document(response).iter("iati-identifier")}


# CSV -----------------------------------------------------------------------------


def test_csv_has_a_row_per_project_with_codes_and_spanish_labels(client, full_project):
    response = client.get("/projects/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="dgcin-projects-es-{today}.csv"'
    )
    raw = content(client.get("/projects/export.csv"))
    assert raw.count(b"\r\n") == 2
    assert b"\n" not in raw.replace(b"\r\n", b"")
    header, row = csv_rows(response)
    with translation.override("es"):
        assert header == [
            capfirst(str(title))
            for title, _value in csv_export.export_columns(str, "es")
        ]
    assert header[0] == "Identificador IATI"
    assert header[16] == "Provincias argentinas"
    assert all(title[0].isupper() for title in header)
    assert len(row) == len(header) == 47
    assert header[-1] == "Notas sobre los datos"
    assert row[36:38] == ["no", ""]
    assert row[0] == full_project.iati_identifier
    assert row[1] == "Gestión del agua en el Chaco"
    assert row[3:7] == ["triangular", "Cooperación Triangular", "project", "Proyecto"]
    assert row[7:9] == ["2", "En ejecución"]
    assert row[9] == "AR Argentina (Primer oferente); PY Paraguay (Receptor)"
    assert row[10].startswith("XM-DAC-701-8 ")
    assert row[10].endswith("(Segundo oferente)")
    assert row[11].startswith("31120 ")
    assert "(60%); 14010 " in row[11]
    assert row[13].startswith("6 ")
    assert row[14] == "6.5"
    assert row[16] == "AR-X Córdoba"
    assert row[18:22] == ["2024-03-01", "2026-02-28", "2024-04-01", ""]
    assert row[22] == "ARS 1500000.00; USD 70000.00"
    assert row[23] == "FO.AR 2024-031"
    assert row[24] == f"http://testserver/projects/{full_project.slug}/"


def test_csv_under_en_has_english_header_and_labels(client, full_project):
    response = client.get("/en/projects/export.csv")
    assert "dgcin-projects-en-" in response["Content-Disposition"]
    header, row = csv_rows(response)
    assert header[:5] == [
        "IATI identifier",
        "Title",
        "Summary",
        "Modality code",
        "Modality",
    ]
    assert header[22] == "Budget (total per currency)"
    assert row[1] == "Water management in the Chaco"
    assert row[4] == "Triangular"
    assert row[9] == "AR Argentina (First provider); PY Paraguay (Recipient)"
    assert row[24] == f"http://testserver/en/projects/{full_project.slug}/"


def test_csv_quotes_commas_quotes_and_line_breaks(client, make_project):
    make_project(summary_es='Agua, saneamiento y "riego"\nSegunda línea; fin')
    raw = content(client.get("/projects/export.csv"))
    assert b'"Agua, saneamiento y ""riego""\nSegunda l\xc3\xadnea; fin"' in raw
    _header, row = csv_rows(client.get("/projects/export.csv"))
    assert row[2] == 'Agua, saneamiento y "riego"\nSegunda línea; fin'


def test_csv_defuses_spreadsheet_formulas(client, make_project):
    make_project(
        title_es='=HYPERLINK("http://evil.example","clic")',
        summary_es="+54 11 4819 7000",
        fo_ar_number="@SUM(A1)",
    )
    _header, row = csv_rows(client.get("/projects/export.csv"))
    assert row[1] == '\'=HYPERLINK("http://evil.example","clic")'
    assert row[2] == "'+54 11 4819 7000"
    assert row[23] == "'@SUM(A1)"
    assert csv_export.spreadsheet_safe("-1") == "'-1"
    assert csv_export.spreadsheet_safe("\t=1") == "'\t=1"
    assert csv_export.spreadsheet_safe("Plan 2024-2026") == "Plan 2024-2026"


# JSON ----------------------------------------------------------------------------


def test_json_follows_its_published_schema(client, full_project, make_project):
    import jsonschema

    make_project(modality="regional")
    schema = json.loads(client.get("/projects/export.schema.json").content)
    assert schema == json.loads(SCHEMA.read_text())
    response = client.get("/projects/export.json")
    assert response["Content-Type"] == "application/json"
    document = json_document(response)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors == []
    assert document["count"] == len(document["projects"]) == 2
    assert list(document)[-2:] == ["projects", "count"]


def test_json_carries_both_languages_roles_and_money(client, full_project):
    document = json_document(client.get("/en/projects/export.json"))
    assert document["schema_version"] == json_export.JSON_SCHEMA_VERSION
    assert document["publisher"]["name"]["es"] == (
        "Dirección General de Cooperación Internacional"
    )
    assert document["filters"] == {}
    (project,) = document["projects"]
    assert project["title"] == {
        "es": "Gestión del agua en el Chaco",
        "en": "Water management in the Chaco",
    }
    assert project["description"] == {"es": "Descripción larga.", "en": None}
    assert project["modality"] == {
        "code": "triangular",
        "label": {"es": "Cooperación Triangular", "en": "Triangular"},
    }
    assert project["url"] == {
        "es": f"http://testserver/projects/{full_project.slug}/",
        "en": f"http://testserver/en/projects/{full_project.slug}/",
    }
    jica = project["participants"][1]
    assert jica["type"] == "organisation"
    assert jica["iati_identifier"] == "XM-DAC-701-8"
    assert jica["segib_role"]["label"] == {
        "es": "Segundo oferente",
        "en": "Second provider",
    }
    assert jica["iati_role"]["code"] == "4"
    assert project["participants"][0]["contribution"] == {
        "value": "50000.00",
        "currency": "USD",
    }
    assert [s["percentage"] for s in project["sectors"]] == [60, 40]
    assert project["sectors"][0]["category"]["code"] == "311"
    assert project["sdg_targets"][0]["code"] == "6.5"
    assert project["budget_totals"] == [
        {"currency": "ARS", "value": "1500000.00"},
        {"currency": "USD", "value": "70000.00"},
    ]
    urls = [document["url"] for document in project["documents"]]
    assert urls[0] == "https://www.example.org/acta.pdf"
    assert urls[1].startswith(f"http://testserver/projects/{full_project.slug}/")
    indicator = project["results"][0]["indicators"][0]
    assert indicator["target_value"] == "20"
    assert indicator["measure"]["label"]["en"] == "Unit"


# IATI ----------------------------------------------------------------------------


def test_iati_export_follows_the_standard(client, full_project, make_project):
    make_project(
        modality="regional",
        partners=[("AR", "participant"), ("UY", "participant"), ("BO", "participant")],
    )
    response = client.get("/projects/iati.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert "dgcin-iati-activities-" in response["Content-Disposition"]
    document = iati_document(response)
    assert document.get("version") == "2.03"
    activities = document.findall("iati-activity")
    assert len(activities) == 2
    for activity in activities:
        assert [i for i in check_activity(activity) if i.severity == "error"] == []
    triangular, regional = activities
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert triangular.get(lang) == "es"
    assert triangular.findtext("iati-identifier") == full_project.iati_identifier
    reporting = triangular.find("reporting-org")
    assert reporting.get("ref") == "AR-DGCIN"
    assert reporting.get("type") == "10"
    assert reporting.findtext("narrative") == (
        "Dirección General de Cooperación Internacional (DGCIN)"
    )
    titles = triangular.findall("title/narrative")
    assert [(t.get(lang), t.text) for t in titles] == [
        (None, "Gestión del agua en el Chaco"),
        ("en", "Water management in the Chaco"),
    ]
    assert [
        (o.get("ref"), o.get("role")) for o in triangular.iter("participating-org")
    ] == [
        ("AR-DGCIN", "1"),
        ("XM-DAC-701-8", "4"),
        (None, "4"),
    ]
    assert triangular.find("collaboration-type").get("code") == "8"
    assert regional.find("collaboration-type").get("code") == "1"
    assert [
        (c.get("code"), c.get("percentage"))
        for c in triangular.iter("recipient-country")
    ] == [("PY", "100")]
    assert [
        (c.get("code"), c.get("percentage")) for c in regional.iter("recipient-country")
    ] == [("AR", "33.34"), ("UY", "33.33"), ("BO", "33.33")]
    assert [
        (s.get("vocabulary"), s.get("code"), s.get("percentage"))
        for s in triangular.iter("sector")
    ] == [
        ("1", "31120", "60"),
        ("1", "14010", "40"),
        ("2", "311", "60"),
        ("2", "140", "40"),
    ]
    assert [(t.get("vocabulary"), t.get("code")) for t in triangular.iter("tag")] == [
        ("2", "6"),
        ("3", "6.5"),
    ]
    assert [d.get("type") for d in triangular.iter("activity-date")] == ["1", "2", "3"]
    budget = triangular.find("budget")
    assert budget.find("value").attrib == {
        "currency": "USD",
        "value-date": "2024-03-01",
    }
    links = triangular.findall("document-link")
    assert links[0].get("url") == "https://www.example.org/acta.pdf"
    assert links[1].get("url").startswith("http://testserver/projects/")
    assert links[1].get("format") == "application/pdf"
    assert triangular.find("result/indicator/period/target").get("value") == "20"
    contact = triangular.find("contact-info")
    assert (
        contact.findtext("department/narrative") == "Dirección de Cooperación Bilateral"
    )
    assert contact.findtext("telephone") == "+541148197000"
    assert contact.findtext("website").startswith("http://testserver/directory/")


def test_iati_export_validates_against_the_official_schema(
    client, full_project, make_project, iati_schema
):
    make_project(modality="multilateral", partners=[("AR", "both"), ("undp", "both")])
    document = iati_document(client.get("/projects/iati.xml"))
    assert iati_schema.validate(document), iati_schema.error_log


def test_iati_export_escapes_markup_and_drops_characters_xml_cannot_hold(
    client, make_project, iati_schema
):
    make_project(
        title_es='Agua & <saneamiento> "rural"\x0b\x1f',
        summary_es="]]> <!-- &amp; -->",
    )
    document = iati_document(client.get("/projects/iati.xml"))
    assert iati_schema.validate(document), iati_schema.error_log
    activity = document.find("iati-activity")
    assert activity.findtext("title/narrative") == 'Agua & <saneamiento> "rural"'
    assert activity.findtext("description/narrative") == "]]> <!-- &amp; -->"


def test_iati_export_of_no_project_is_refused(client, make_project):
    make_project(modality="bilateral")
    response = client.get("/projects/iati.xml", {"modality": "triangular"})
    assert response.status_code == 404
    assert "al menos una actividad" in response.text


# Filters -------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_apply_the_catalogues_filters_and_search(client, make_project, path):
    triangular = make_project(modality="triangular", title_es="Agua potable")
    bilateral = make_project(title_es="Agua para riego")
    angola = make_project(partners=[("AR", "provider"), ("AO", "recipient")])
    make_project(publication=Project.Publication.DRAFT, modality="triangular")
    make_project(publication=Project.Publication.ARCHIVED)

    def exported(**query):
        response = client.get(path, query)
        assert response.status_code == 200
        return exported_identifiers(response, path)

    published = {triangular, bilateral, angola}
    assert exported() == {p.iati_identifier for p in published}
    assert exported(modality="triangular") == {triangular.iati_identifier}
    assert exported(q="agua", country="PY") == {
        triangular.iati_identifier,
        bilateral.iati_identifier,
    }
    assert exported(region="africa", page="3", sort="title") == {angola.iati_identifier}


def test_json_names_the_filters_it_applied(client, make_project):
    make_project(modality="triangular")
    document = json_document(
        client.get("/projects/export.json", {"modality": "triangular", "q": "x" * 150})
    )
    assert document["filters"] == {"modality": "triangular", "q": "x" * 100}
    assert document["source"].startswith("http://testserver/projects/?modality=")


@pytest.mark.parametrize("path", EXPORTS)
@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"year": "abc"}, "year=abc"),
        ({"modality": "unknown"}, "modality=unknown"),
        ({"country": "ZZ"}, "country=ZZ"),
        ({"year": "1800"}, "year=1800"),
        ({"sort": "price"}, "sort=price"),
    ],
)
def test_bad_filters_get_a_clear_400(client, make_project, path, query, shown):
    make_project()
    response = client.get(path, query)
    assert response.status_code == 400
    # A spreadsheet's link is opened in a browser: a page; JSON and XML are read
    # by programs: an error in their own format.
    kind = {"csv": "text/html", "json": "application/json", "xml": "application/xml"}
    assert response["Content-Type"].startswith(kind[path.rsplit(".", 1)[1]])
    assert shown in response.text
    assert "no es válido" in response.text
    response = client.get(f"/en{path}", query)
    assert response.status_code == 400
    assert "is not valid" in response.text


# Streaming and queries -----------------------------------------------------------


def count_export_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200
        content(response)
    return len(queries)


@pytest.mark.parametrize("path", EXPORTS)
def test_export_queries_do_not_grow_with_the_projects(client, make_project, path):
    for _ in range(5):
        make_project(modality="triangular")
    five = count_export_queries(client, path)
    for _ in range(45):
        make_project(modality="triangular")
    assert count_export_queries(client, path) == five
    # The reference lists once, then one query per kind of row per chunk (partners,
    # sectors, budgets, transactions, missions, markers, results, periods…).
    assert five <= 40


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_read_the_projects_in_chunks(client, make_project, monkeypatch, path):
    projects = [make_project() for _ in range(5)]
    one_chunk = count_export_queries(client, path)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    three_chunks = count_export_queries(client, path)
    per_chunk = (three_chunks - one_chunk) // 2
    assert three_chunks == one_chunk + 2 * per_chunk
    assert per_chunk > 0
    response = client.get(path)
    assert exported_identifiers(response, path) == {p.iati_identifier for p in projects}


def test_exports_start_streaming_before_reading_the_projects(client, make_project):
    make_project()
    for path in EXPORTS:
        response = client.get(path)
        with CaptureQueriesContext(connection) as queries:
            first = next(iter(response.streaming_content))
        assert queries.captured_queries == []
        assert first


# Catalogue -----------------------------------------------------------------------


def test_catalogue_links_to_the_exports_with_its_filters(client, make_project):
    make_project(modality="triangular")
    response = client.get(
        "/projects/", {"modality": "triangular", "page": "1", "sort": "title"}
    )
    for path in EXPORTS:
        assert f'href="{path}?modality=triangular"' in response.text
    assert "/projects/export.schema.json" in response.text
    english = client.get("/en/projects/")
    assert 'href="/en/projects/export.csv"' in english.text
    assert "CSV spreadsheet (English)" in english.text


def test_decimal_text_never_uses_exponents():
    assert formatting.decimal_text(Decimal("100.00")) == "100"
    assert formatting.decimal_text(Decimal("33.30")) == "33.3"
    assert formatting.decimal_text(Decimal("1E+2")) == "100"


@pytest.mark.parametrize("path", EXPORTS)
def test_a_head_request_answers_the_headers_without_making_the_file(
    client, make_project, path, django_assert_max_num_queries
):
    make_project()
    with django_assert_max_num_queries(6):
        response = client.head(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not response.streaming
    assert response.content == b""
    assert client.head(path, {"year": "abc"}).status_code == 400


def test_page_and_exports_give_the_same_budget_totals_in_the_same_order(
    client, full_project
):
    """One definition of the totals: per currency, in currency-code order (amounts
    in different currencies are never compared), on the page and in every export."""
    page = client.get(full_project.get_absolute_url()).text
    totals = page[page.index('id="budget"') :]
    assert totals.index(" ARS</strong>") < totals.index(" USD</strong>")
    streamed = client.get("/projects/export.json").streaming_content
    exported = json.loads(b"".join(streamed))["projects"][0]
    assert [row["currency"] for row in exported["budget_totals"]] == ["ARS", "USD"]
    response = client.get("/projects/export.csv")
    csv_text = b"".join(response.streaming_content)
    assert "ARS 1500000.00; USD 70000.00" in csv_text.decode("utf-8-sig")
