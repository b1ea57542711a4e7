"""Sample data is labelled wherever it shows, and DGCIN's IATI organisation
identifier is a setting production requires: pages, the open-data files, the admin
and the production settings."""

import csv
import io
import json

import pytest
from django.test import override_settings
from django.utils.html import escape
from django.utils.translation import gettext as _
from lxml import etree

from opendata.exports import SAMPLE_PROJECT
from opendata.iati_rules import check_activity
from partners.models import Country
from projects import publishing
from tests.dgcin.test_security import PROD_ENV, run_manage

pytestmark = pytest.mark.django_db

NOTICE = "Sample data."
REAL_REFERENCE = "AR-CUIT-00000000000"  # not a real CUIT: the right shape only
PAGES = ["/", "/projects/", "/projects/stats/", "paraguay"]


def page(path):
    """The path, or the page of the partner it names."""
    if path == "paraguay":
        return Country.objects.get(code="PY").get_absolute_url()
    return path


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def iati(client):
    return streamed(client.get("/projects/iati.xml")).decode()


def csv_rows(client, path="/projects/export.csv"):
    text = streamed(client.get(path)).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def json_document(client):
    return json.loads(streamed(client.get("/projects/export.json")))


@pytest.fixture
def sample(make_project):
    return make_project(is_sample=True, title_es="Proyecto ficticio de riego")


# Pages -------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_that_shows_sample_projects_says_so(client, sample, path):
    assert escape(_(NOTICE)) in client.get(page(path)).text


def test_the_sample_projects_page_says_so_and_gives_the_files_identifier(
    client, sample
):
    text = client.get(sample.get_absolute_url()).text
    assert escape(_(NOTICE)) in text
    assert f"<code>XE-EXAMPLE-{sample.iati_identifier}</code>" in text


@pytest.mark.parametrize("path", PAGES)
def test_pages_without_sample_projects_say_nothing(client, make_project, path):
    make_project()
    assert escape(_(NOTICE)) not in client.get(page(path)).text


def test_the_partner_pages_notice_costs_no_query(
    client, make_project, sample, count_queries
):
    make_project(is_sample=False)
    with_sample = count_queries(client, page("paraguay"))
    sample.delete()
    assert count_queries(client, page("paraguay")) == with_sample


# Files ------------------------------------------------------------------------


def test_the_iati_file_marks_sample_activities_and_keeps_them_valid(
    client, sample, make_project, iati_schema
):
    real = make_project()
    text = iati(client)
    document = etree.fromstring(text.encode())
    assert iati_schema.validate(document), iati_schema.error_log
    head = text[: text.index("<iati-activities")]
    assert "This file contains sample data" in head  # in English after the Spanish
    activities = {a.findtext("iati-identifier"): a for a in document}
    marked = activities[f"XE-EXAMPLE-{sample.iati_identifier}"]
    assert marked.find("reporting-org").get("ref") == "XE-EXAMPLE-AR-DGCIN"
    assert [o.get("ref") for o in marked.iter("participating-org") if o.get("ref")] == [
        "XE-EXAMPLE-AR-DGCIN"
    ]
    (note,) = [n for n in marked if isinstance(n, etree._Comment)]
    assert "Sample data: a fictitious project" in note.text
    assert check_activity(marked) == []  # warnings too: the prefix is consistent
    unmarked = activities[real.iati_identifier]
    assert unmarked.find("reporting-org").get("ref") == "AR-DGCIN"
    assert not [n for n in unmarked if isinstance(n, etree._Comment)]


def test_csv_and_json_mark_the_sample_projects(client, sample, make_project):
    real = make_project()
    _header, *rows = csv_rows(client)
    by_identifier = {row[0]: row for row in rows}
    sample_row = by_identifier[f"XE-EXAMPLE-{sample.iati_identifier}"]
    assert sample_row[-1].startswith(str(SAMPLE_PROJECT))
    assert not by_identifier[real.iati_identifier][-1].startswith(str(SAMPLE_PROJECT))
    document = json_document(client)
    assert document["sample_data"] is True
    records = {p["slug"]: p for p in document["projects"]}
    assert records[sample.slug]["sample"] is True
    assert records[sample.slug]["iati_identifier"].startswith("XE-EXAMPLE-")
    assert records[real.slug]["sample"] is False
    notices = [notice["en"] for notice in document["notices"]]
    assert notices[0].startswith("This file contains sample data")


@override_settings(DGCIN_IATI_ORG_REF=REAL_REFERENCE)
def test_files_of_real_projects_under_a_real_identifier_carry_no_notice(
    client, make_project
):
    project = make_project()
    assert project.iati_identifier.startswith(f"{REAL_REFERENCE}-")
    text = iati(client)
    assert "<!--" not in text
    rows = csv_rows(client)
    assert rows[1][-1] == ""
    document = json_document(client)
    assert document["sample_data"] is False
    assert document["notices"] == []
    assert document["publisher"]["iati_identifier"] == REAL_REFERENCE
    assert document["publisher"]["iati_identifier_provisional"] is False


def test_files_say_when_the_identifier_is_the_placeholder(client, make_project):
    make_project()
    head = iati(client).split("<iati-activities")[0]
    assert "(AR-DGCIN) is a placeholder, not registered with the IATI Registry" in head
    document = json_document(client)
    assert document["publisher"]["iati_identifier_provisional"] is True
    (notice,) = document["notices"]
    assert notice["en"].startswith("Provisional identifiers: DGCIN's IATI")
    assert "(AR-DGCIN)" in notice["en"]
    assert notice["es"]
    assert csv_rows(client, "/en/projects/export.csv")[1][-1] == (
        "Provisional IATI identifier: DGCIN's IATI organisation identifier is not "
        "set yet."
    )


def test_the_iati_comments_cannot_break_the_xml(client, make_project, settings):
    settings.DGCIN_IATI_ORG_REF = "AR--DGCIN"
    settings.DGCIN_IATI_ORG_REF_PLACEHOLDER = "AR--DGCIN"
    make_project(is_sample=True)
    text = iati(client)
    head = text.split("<iati-activities")[0]
    assert "AR- -DGCIN" in head
    assert etree.fromstring(text.encode()).tag == "iati-activities"


# The admin -------------------------------------------------------------------


ADMIN_PAGES = [
    "/admin/",
    "/admin/projects/project/",
    "/admin/projects/project/add/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_the_staff_are_warned_while_the_identifier_is_the_placeholder(
    admin_client, references, path
):
    text = admin_client.get(path).text
    assert "iati-reference-warning" in text
    assert "AR-DGCIN" in text


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_no_warning_once_the_identifier_is_set(admin_client, references, path):
    with override_settings(DGCIN_IATI_ORG_REF=REAL_REFERENCE):
        text = admin_client.get(path).text
    assert "iati-reference-warning" not in text


def test_the_project_change_page_warns_too(admin_client, make_project):
    project = make_project()
    text = admin_client.get(f"/admin/projects/project/{project.pk}/change/").text
    assert "iati-reference-warning" in text


def test_the_placeholder_is_told_apart_from_a_set_identifier(settings):
    assert publishing.uses_placeholder_reference()
    settings.DGCIN_IATI_ORG_REF = REAL_REFERENCE
    assert not publishing.uses_placeholder_reference()


# Production ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (None, "Set DGCIN_IATI_ORG_REF for production"),
        ("", "Set DGCIN_IATI_ORG_REF for production"),
        ("AR-DGCIN", "a placeholder or example identifier"),
        ("XE-EXAMPLE-DGCIN", "a placeholder or example identifier"),
        ("DGCIN", "not an IATI organisation identifier"),
        ("AR-CUIT-30 123", "not an IATI organisation identifier"),
    ],
)
def test_production_refuses_a_missing_or_placeholder_identifier(reference, message):
    env = {k: v for k, v in PROD_ENV.items() if k != "DGCIN_IATI_ORG_REF"}
    if reference is not None:
        env["DGCIN_IATI_ORG_REF"] = reference
    result = run_manage("check", "--settings=dgcin.settings.prod", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_a_registered_shape_identifier():
    result = run_manage("check", "--settings=dgcin.settings.prod", env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert PROD_ENV["DGCIN_IATI_ORG_REF"] == REAL_REFERENCE
