"""The published IATI files (/iati/): activity files by start year, split into
parts under the size limit, their index, and how they are served."""

import datetime
import hashlib
import json

import pytest
from django.db import transaction
from django.utils import translation
from lxml import etree

from opendata import iati_publish, tasks
from opendata.iati_rules import check_activity
from projects.models import Project

from .iati_helpers import (
    activity_files,
    parse,
    publish,
    read,
)

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def portfolio(make_project, make_programme):
    """Projects starting in 2022 and 2024, five of them children of a programme,
    and one without a start date (its activity is invalid: left out)."""
    programme = make_programme()
    projects = [
        make_project(planned_start=datetime.date(2022, 5, 1)),
        *[
            make_project(
                programme=programme if number < 5 else None,
                partners=[("AR", "provider"), ("BO", "recipient")],
            )
            for number in range(7)
        ],
        make_project(planned_start=None, planned_end=None),
    ]
    return programme, projects


def identifiers(document):
    return [activity.findtext("iati-identifier") for activity in document]


def test_one_file_a_year_then_the_programmes(iati_dir, portfolio, iati_schema):
    programme, projects = portfolio
    index = publish()
    assert [item["name"] for item in activity_files(index)] == [
        "activities-2022.xml",
        "activities-2024.xml",
        "activities-programmes.xml",
    ]  # no file for the undated project, left out: IATI needs a start date
    assert identifiers(parse(index, "activities-2022.xml")) == [
        projects[0].iati_identifier
    ]
    assert identifiers(parse(index, "activities-programmes.xml")) == [
        programme.iati_identifier
    ]
    for item in activity_files(index):
        document = parse(index, item["name"])
        assert document.get(XML_LANG) == "es"
        assert iati_schema.validate(document), iati_schema.error_log
        assert item["activities"] == len(document)
        assert item["part"] is None
    assert index["published"] == sorted(project.pk for project in projects[:-1])


def test_a_year_past_the_limit_is_split_into_parts(
    iati_dir, settings, portfolio, iati_schema
):
    programme, projects = portfolio
    whole = read(publish(), "activities-2024.xml")
    settings.DGCIN_IATI_FILE_MAX_BYTES = len(whole) // 3
    index = publish()
    names = [item["name"] for item in activity_files(index)]
    assert names[0] == "activities-2022.xml"
    assert names[-1] == "activities-programmes.xml"
    parts = names[1:-1]
    assert len(parts) > 2
    assert parts == [f"activities-2024-{n}.xml" for n in range(1, len(parts) + 1)]
    seen, references = [], set()
    for item in activity_files(index):
        body = read(index, item["name"])
        assert len(body) <= settings.DGCIN_IATI_FILE_MAX_BYTES
        document = etree.fromstring(body)
        assert iati_schema.validate(document), (item["name"], iati_schema.error_log)
        for activity in document:
            assert not [i for i in check_activity(activity) if i.severity == "error"]
            references |= {ref.get("ref") for ref in activity.iter("related-activity")}
        seen += identifiers(document)
    # Every activity in exactly one file; every related-activity names one of them.
    assert sorted(seen) == sorted(
        [project.iati_identifier for project in projects[:-1]]
        + [programme.iati_identifier]
    )
    assert references
    assert references <= set(seen)


def test_the_index_describes_each_file(iati_dir, portfolio):
    _programme, projects = portfolio
    index = publish()
    for item in index["files"]:
        body = read(index, item["name"])
        assert item["size"] == len(body)
        assert item["sha256"] == hashlib.sha256(body).hexdigest()
        document = etree.fromstring(body)
        if item["kind"] == "activities":
            assert item["activities"] == len(document.findall("iati-activity"))
    first = next(i for i in index["files"] if i["name"] == "activities-2024.xml")
    latest = max(project.updated_at for project in projects[1:8])
    assert first["last_updated"] == latest.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert json.loads((iati_dir / "index.json").read_text())["build"] == index["build"]


def test_a_file_that_did_not_change_keeps_its_checksum(iati_dir, portfolio):
    _programme, projects = portfolio
    before = {item["name"]: item for item in publish()["files"]}
    projects[0].title_es = "Otro título"
    projects[0].save()
    after = {item["name"]: item for item in publish()["files"]}
    changed = {
        name for name in after if after[name]["sha256"] != before[name]["sha256"]
    }
    assert changed == {"activities-2022.xml"}  # a title is not in the others
    assert after["activities-2024.xml"] == before["activities-2024.xml"]
    assert after["organisation.xml"] == before["organisation.xml"]
    # Only the folder being served and the one before it are kept.
    assert len(list(iati_dir.glob("build-*"))) == 2


def test_files_are_served_with_etag_and_last_modified(client, iati_dir, portfolio):
    index = publish()
    item = next(i for i in index["files"] if i["name"] == "activities-2024.xml")
    response = client.get("/iati/activities-2024.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert b"".join(response.streaming_content) == read(index, item["name"])
    assert response["ETag"] == f'"{item["sha256"]}"'
    again = client.get(
        "/iati/activities-2024.xml", headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304
    since = client.get(
        "/iati/activities-2024.xml",
        headers={"if-modified-since": response["Last-Modified"]},
    )
    assert since.status_code == 304
    assert client.get("/iati/organisation.xml").status_code == 200


def test_an_unknown_file_is_an_xml_error(client, iati_dir, portfolio):
    publish()
    with translation.override("en"):
        response = client.get("/iati/activities-1999.xml")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert etree.fromstring(response.content).get("status") == "404"
    assert client.get("/iati/activities-../x.xml").status_code == 404


def test_the_first_request_builds_the_files(client, iati_dir, portfolio):
    # The test settings run tasks at once: the queued run writes the files.
    response = client.get("/iati/activities-2022.xml")
    assert response.status_code == 200
    assert iati_publish.read_index() is not None


def test_before_the_first_run_the_answer_is_503_in_the_files_format(
    client, settings, iati_dir, portfolio
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    response = client.get("/iati/activities-2022.xml")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert etree.fromstring(response.content).get("status") == "503"
    data = client.get("/iati/index.json")
    assert data.status_code == 503
    assert json.loads(data.content)["error"]["status"] == 503
    page = client.get("/iati/")
    assert page.status_code == 503
    assert iati_publish.read_index() is None


def test_index_json_and_page(
    client, iati_dir, portfolio, django_assert_max_num_queries
):
    index = publish()
    data = client.get("/iati/index.json")
    assert data.status_code == 200
    listed = json.loads(data.content)
    assert listed["provisional_identifier"] is True
    assert listed["organisation_identifier"] == "AR-DGCIN"
    assert [item["url"] for item in listed["files"]][:2] == [
        "http://127.0.0.1:8000/iati/organisation.xml",
        "http://127.0.0.1:8000/iati/activities-2022.xml",
    ]
    assert {item["sha256"] for item in listed["files"]} == {
        item["sha256"] for item in index["files"]
    }
    assert "build" not in listed
    assert "published" not in listed
    assert (
        client.get(
            "/iati/index.json", headers={"if-none-match": data["ETag"]}
        ).status_code
        == 304
    )
    with django_assert_max_num_queries(2):  # the layout's; none per file
        page = client.get("/iati/")
    assert page.status_code == 200
    text = page.content.decode()
    for item in index["files"]:
        assert item["sha256"] in text
        assert item["name"] in text
    assert "AR-DGCIN" in text
    with translation.override("en"):
        english = client.get("/en/iati/").content.decode()
    assert "Not registered yet." in english


def test_the_catalogue_links_the_iati_page(client, make_project):
    make_project()
    assert 'href="/iati/"' in client.get("/projects/").content.decode()


def test_the_download_declares_its_language(client, make_project):
    make_project()
    response = client.get("/projects/iati.xml")
    document = etree.fromstring(b"".join(response.streaming_content))
    assert document.get(XML_LANG) == "es"


def test_a_change_to_a_published_project_rewrites_the_files(
    settings, iati_dir, make_project, django_capture_on_commit_callbacks
):
    settings.DGCIN_IATI_PUBLISH_ON_CHANGE = True
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        project = make_project(planned_start=datetime.date(2023, 2, 1))
        project.title_es = "Cambiado"
        project.save()
    runs = [run for run in callbacks if isinstance(run, tasks.PendingPublication)]
    assert len(runs) == 1  # one run per transaction
    index = iati_publish.read_index()
    assert index["published"] == [project.pk]
    # Unpublishing it rewrites them too: it was in the files.
    with django_capture_on_commit_callbacks(execute=True):
        project.publication = Project.Publication.DRAFT
        project.save()
    assert iati_publish.read_index()["published"] == []
