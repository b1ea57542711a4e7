"""A published programme's own files beside its page, /programmes/<slug>.json and
.xml, and the programme each project names in the JSON export."""

import json

import jsonschema
import pytest
from django.utils import translation
from lxml import etree

from opendata.iati import schema_errors
from opendata.views import JSON_SCHEMA
from projects.models import Project

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def by_country(programmes, code):
    return next(item for item in programmes if item.slug == f"programa-{code}-3")


def schema_problems(document):
    validator = jsonschema.Draft202012Validator(
        json.loads(JSON_SCHEMA.read_text()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return [error.message for error in validator.iter_errors(document)]


def test_the_json_file_holds_the_programmes_published_projects(
    client, two_programmes, make_project
):
    children, *_ = two_programmes
    bolivia = by_country(children, "bo")
    make_project(programme=bolivia, publication=Project.Publication.DRAFT)
    response = client.get(f"/programmes/{bolivia.slug}.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="{bolivia.slug}.json"'
    document = json.loads(body(response))
    assert schema_problems(document) == []
    assert sorted(record["slug"] for record in document["projects"]) == sorted(
        project.slug for project in children[bolivia]
    )
    assert document["source"] == f"http://testserver/programmes/{bolivia.slug}/"
    named = document["projects"][0]["programme"]
    assert named["code"] == bolivia.slug
    assert named["iati_identifier"] == bolivia.iati_identifier
    assert named["title"]["en"] == bolivia.title_en
    assert named["url"] == {
        "es": f"http://testserver/programmes/{bolivia.slug}/",
        "en": f"http://testserver/en/programmes/{bolivia.slug}/",
    }
    assert named["commission"]["country"] == "BO"
    assert named["commission"]["date"] == "2024-05-12"


def test_the_export_names_published_programmes_only(client, two_programmes):
    children, _hidden, hidden_child, loose = two_programmes
    response = client.get("/projects/export.json")
    document = json.loads(body(response))
    assert schema_problems(document) == []
    by_slug = {record["slug"]: record for record in document["projects"]}
    assert by_slug[loose.slug]["programme"] is None
    assert by_slug[hidden_child.slug]["programme"] is None  # unpublished programme
    for programme, projects in children.items():
        for project in projects:
            assert by_slug[project.slug]["programme"]["code"] == programme.slug


def test_the_xml_file_is_the_programme_over_its_projects(
    client, two_programmes, iati_schema
):
    children, *_ = two_programmes
    chile = by_country(children, "cl")
    response = client.get(f"/programmes/{chile.slug}.xml")
    assert response.status_code == 200
    tree = etree.fromstring(body(response))
    activities = {
        activity.findtext("iati-identifier"): activity
        for activity in tree.findall("iati-activity")
    }
    assert set(activities) == {
        chile.iati_identifier,
        *(project.iati_identifier for project in children[chile]),
    }
    assert activities[chile.iati_identifier].get("hierarchy") == "1"
    for activity in activities.values():
        assert schema_errors(iati_schema, activity) == []


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [("json", "application/json"), ("xml", "application/xml; charset=utf-8")],
)
def test_an_unknown_or_unpublished_programme_is_an_error_in_the_files_format(
    client, two_programmes, extension, content_type
):
    _children, hidden, *_ = two_programmes
    for slug in ("no-existe", hidden.slug):
        with translation.override("es"):
            response = client.get(f"/programmes/{slug}.{extension}")
        assert response.status_code == 404
        assert response["Content-Type"] == content_type
        assert "No hay ningún programa publicado en esta dirección." in (
            response.content.decode()
        )


def test_a_programme_without_published_projects_has_no_iati_file(
    client, make_programme
):
    programme = make_programme("PE")
    assert client.get(f"/programmes/{programme.slug}.json").status_code == 200
    response = client.get(f"/programmes/{programme.slug}.xml")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/xml")
    page = client.get(programme.get_absolute_url()).text
    assert f'href="/programmes/{programme.slug}.json"' in page
    assert f'href="/programmes/{programme.slug}.xml"' not in page


def test_the_programme_page_links_its_files(client, two_programmes):
    children, *_ = two_programmes
    programme = next(iter(children))
    page = client.get(f"/en{programme.get_absolute_url()}").text
    assert f'href="/en/programmes/{programme.slug}.json"' in page
    assert f'href="/en/programmes/{programme.slug}.xml"' in page


def test_a_programme_file_answers_304_to_a_current_copy(client, two_programmes):
    children, *_ = two_programmes
    url = f"/programmes/{next(iter(children)).slug}.json"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
