"""A published project's own files beside its page: /projects/<slug>.json (the JSON
export's document with this project, valid against its schema) and
/projects/<slug>.xml (its IATI activity), conditional GET, errors in the file's
own format."""

import json

import pytest
from django.utils import translation
from django.utils.http import http_date
from lxml import etree

from opendata.iati import schema_errors
from projects.models import Project

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def test_the_json_file_holds_the_project_and_follows_the_schema(client, make_project):
    import jsonschema

    from opendata.views import JSON_SCHEMA

    project = make_project()
    make_project()  # another project: not in this file
    response = client.get(f"/projects/{project.slug}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'inline; filename="{project.slug}.json"'
    document = json.loads(body(response))
    assert document["count"] == 1
    assert [record["slug"] for record in document["projects"]] == [project.slug]
    assert document["source"].endswith(project.get_absolute_url())
    validator = jsonschema.Draft202012Validator(
        json.loads(JSON_SCHEMA.read_text()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert [error.message for error in validator.iter_errors(document)] == []


def test_the_xml_file_is_the_projects_valid_iati_activity(
    client, make_project, iati_schema
):
    project = make_project()
    response = client.get(f"/projects/{project.slug}.xml")
    assert response.status_code == 200
    tree = etree.fromstring(body(response))
    activities = tree.findall("iati-activity")
    assert [a.findtext("iati-identifier") for a in activities] == [
        project.iati_identifier
    ]
    assert schema_errors(iati_schema, activities[0]) == []


def test_a_conditional_get_answers_304_until_the_data_changes(
    client, make_project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        project = make_project()
    url = f"/projects/{project.slug}.json"
    first = client.get(url)
    last_modified, etag = first["Last-Modified"], first["ETag"]
    assert last_modified >= http_date(project.updated_at.timestamp())
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    unchanged = client.get(url, headers={"If-Modified-Since": last_modified})
    assert unchanged.status_code == 304
    project.title_es = "Otro título"
    project.save()  # not committed yet: this transaction reads its own change
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_a_change_to_a_partner_changes_the_files_etag(
    client, make_project, django_capture_on_commit_callbacks
):
    project = make_project()
    url = f"/projects/{project.slug}.xml"
    etag = client.get(url)["ETag"]
    partner = project.participations.exclude(country=None).first().country
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [("json", "application/json"), ("xml", "application/xml; charset=utf-8")],
)
def test_an_unknown_or_unpublished_project_is_an_error_in_the_files_format(
    client, make_project, extension, content_type
):
    draft = make_project(publication=Project.Publication.DRAFT)
    for slug in ("no-existe", draft.slug):
        with translation.override("es"):
            response = client.get(f"/projects/{slug}.{extension}")
        assert response.status_code == 404
        assert response["Content-Type"] == content_type
        text = response.content.decode()
        assert "No hay ningún proyecto publicado en esta dirección." in text
        assert "<html" not in text


def test_the_project_page_links_its_files(client, make_project):
    project = make_project()
    page = client.get(project.get_absolute_url()).text
    assert f'href="/projects/{project.slug}.json"' in page
    assert f'href="/projects/{project.slug}.xml"' in page
