"""Projects published the way staff publish them (the admin's change form, its
publish action, the spreadsheet import), then downloaded: the IATI file validates
against the IATI 2.03 schema and rules, the CSV and JSON hold the same projects, and
an activity that is invalid all the same is left out and named to the staff."""

import csv
import io
import json
import logging

import pytest
from django.utils.html import escape
from django.utils.translation import gettext as _
from lxml import etree

from opendata.iati_rules import check_activity
from partners.models import Country, Organisation
from projects import publishing
from projects.models import Project, ProjectSector, Sector
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import (
    add_form,
    confirm,
    export_csv,
    import_csv,
    set_rows,
)

pytestmark = pytest.mark.django_db


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def downloads(client):
    """(IATI document, CSV rows, JSON document) of every published project."""
    iati = etree.fromstring(streamed(client.get("/projects/iati.xml")))
    text = streamed(client.get("/projects/export.csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    document = json.loads(streamed(client.get("/projects/export.json")))
    return iati, rows, document


def assert_valid(iati, schema):
    assert schema.validate(iati), schema.error_log
    for activity in iati.iter("iati-activity"):
        errors = [i for i in check_activity(activity) if i.severity == "error"]
        assert errors == [], [str(error) for error in errors]


def identifiers(iati, rows, document):
    return (
        {a.findtext("iati-identifier") for a in iati.iter("iati-activity")},
        {row[0] for row in rows[1:]},
        {project["iati_identifier"] for project in document["projects"]},
    )


def publish_through_the_change_form(admin_client):
    """A triangular project added as a draft, then published on its change form."""
    response = admin_client.post("/admin/projects/project/add/", add_form(admin_client))
    assert response.status_code == 302
    project = Project.objects.get(slug="semillas")
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data.update(publication="published", summary_es="Semillas para la agricultura.")
    assert admin_client.post(url, data).status_code == 302
    return project


def add_bilateral_with_an_organisation(admin_client):
    """A bilateral draft whose recipient is an organisation based in a country."""
    data = add_form(admin_client)
    data.update(
        title_es="Capacitación con JICA",
        title_en="",
        slug="capacitacion-jica",
        modality="bilateral",
        summary_es="Capacitación de técnicos.",
    )
    set_rows(
        data,
        "participations",
        [
            {
                "country": str(Country.objects.get(code="AR").pk),
                "segib_role": "provider",
                "iati_role": "1",
                "position": "0",
            },
            {
                "organisation": str(Organisation.objects.get(slug="jica").pk),
                "segib_role": "recipient",
                "iati_role": "4",
                "position": "1",
            },
        ],
    )
    set_rows(
        data,
        "sectors",
        [{"sector": str(Sector.objects.get(code="11430").pk), "percentage": "100"}],
    )
    response = admin_client.post("/admin/projects/project/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Project.objects.get(slug="capacitacion-jica")


@pytest.fixture
def published_through_the_admin(admin_client, make_project):
    """Three projects published through the change form, the publish action and
    the import."""
    first = publish_through_the_change_form(admin_client)
    second = add_bilateral_with_an_organisation(admin_client)
    response = admin_client.post(
        "/admin/projects/project/",
        {"action": "publish", "_selected_action": [second.pk]},
    )
    assert response.status_code == 302
    third = make_project(publication="draft", modality="regional")
    row = next(r for r in export_csv(admin_client) if r["slug"] == third.slug)
    row["publication"] = "published"
    preview = import_csv(admin_client, [row])
    assert not preview.context["result"].has_validation_errors()
    assert confirm(admin_client, preview).status_code == 302
    projects = [Project.objects.get(pk=p.pk) for p in (first, second, third)]
    assert [p.publication for p in projects] == ["published"] * 3
    return projects


def test_projects_published_through_the_admin_make_valid_consistent_files(
    client, published_through_the_admin, iati_schema
):
    import jsonschema

    iati, rows, document = downloads(client)
    assert_valid(iati, iati_schema)
    expected = {p.iati_identifier for p in published_through_the_admin}
    assert identifiers(iati, rows, document) == (expected, expected, expected)
    schema = json.loads(client.get("/projects/export.schema.json").content)
    validator = jsonschema.Draft202012Validator(schema)
    assert [error.message for error in validator.iter_errors(document)] == []
    jica = next(
        a for a in iati.iter("iati-activity") if "JICA" in a.findtext("title/narrative")
    )
    assert [c.get("code") for c in jica.iter("recipient-country")] == ["JP"]


def break_outside_the_checklist(project):
    """Data changed behind the admin's back: the sector shares add up to 90."""
    ProjectSector.objects.filter(project=project, percentage=60).update(percentage=50)


def test_an_invalid_activity_is_left_out_logged_and_named_to_the_staff(
    client, admin_client, published_through_the_admin, iati_schema, caplog
):
    broken = published_through_the_admin[0]
    break_outside_the_checklist(broken)
    with caplog.at_level(logging.WARNING, logger="opendata.iati_file"):
        iati, rows, document = downloads(client)
    assert_valid(iati, iati_schema)
    in_iati, in_csv, in_json = identifiers(iati, rows, document)
    assert broken.iati_identifier not in in_iati
    assert in_iati == {p.iati_identifier for p in published_through_the_admin[1:]}
    assert broken.iati_identifier in in_csv == in_json
    assert f"{broken.iati_identifier} ({broken.slug}) left out" in caplog.text
    assert "2.1.2" in caplog.text
    changelist = admin_client.get("/admin/projects/project/")
    text = changelist.text
    assert f'/admin/projects/project/{broken.pk}/change/"' in text
    heading = _(
        "These published projects were left out of the IATI file because their "
        "activity is not valid. Complete them, or archive them:"
    )
    assert escape(heading) in text
    # In the staff's words: what the checklist finds missing.
    assert escape(publishing.missing_for_publication(broken)[0]) in text
    # Fixed and saved: the next download takes it back and the list forgets it.
    ProjectSector.objects.filter(project=broken, percentage=50).update(percentage=60)
    broken.save()
    iati, rows, document = downloads(client)
    assert broken.iati_identifier in identifiers(iati, rows, document)[0]
    assert publishing.left_out_of_iati() == []


def test_what_only_iati_refuses_is_left_out_and_named_with_iatis_words(
    client, admin_client, published_through_the_admin, iati_schema
):
    """An organisation left without name or identifier (a reference list edited
    behind the admin's back) breaks IATI's rule 6.10.1, which the checklist does not
    look at: the file leaves the project out and the staff read IATI's reason."""
    jica_project = published_through_the_admin[1]
    Organisation.objects.filter(slug="jica").update(
        name_es="", name_en="", acronym_es="", acronym_en="", iati_identifier=""
    )
    iati, _rows, _document = downloads(client)
    assert_valid(iati, iati_schema)
    assert jica_project.iati_identifier not in {
        a.findtext("iati-identifier") for a in iati.iter("iati-activity")
    }
    ((project, problems),) = publishing.left_out_of_iati()
    assert project == jica_project
    assert (
        "The participating organisation must have an identifier or a narrative. "
        "(IATI rule 6.10.1)"
    ) in problems
    assert "(IATI rule 6.10.1)" in admin_client.get("/admin/projects/project/").text


def test_a_file_whose_every_project_is_invalid_says_so(client, make_project):
    project = make_project()
    ProjectSector.objects.filter(project=project).update(percentage=50)
    text = streamed(client.get("/projects/iati.xml")).decode()
    assert "<!-- No activity: every matching project was left out. -->" in text
    assert "<iati-activity" not in text


def test_the_staff_list_costs_no_query_when_nothing_was_left_out(
    admin_client, make_project, count_queries
):
    make_project()
    quiet = count_queries(admin_client, "/admin/projects/project/")
    broken = make_project()
    ProjectSector.objects.filter(project=broken).update(percentage=10)
    streamed(admin_client.get("/projects/iati.xml"))
    # One query for the listed projects and the checklist's of each (7 at most).
    assert count_queries(admin_client, "/admin/projects/project/") <= quiet + 8


def test_a_failing_cache_never_cuts_the_file(client, make_project, monkeypatch):
    """The staff's list lives in the cache; if the cache fails, the file is whole."""
    projects = [make_project(), make_project()]

    def unavailable(results):
        raise ConnectionError("cache down")

    monkeypatch.setattr(publishing, "record_iati_check", unavailable)
    document = etree.fromstring(streamed(client.get("/projects/iati.xml")))
    assert {a.findtext("iati-identifier") for a in document} == {
        p.iati_identifier for p in projects
    }
