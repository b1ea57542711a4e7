"""Bilateral programmes in the IATI file: a parent activity (hierarchy 1) over its
projects (hierarchy 2), linked both ways by related-activity."""

import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from opendata import exports
from opendata.iati_programmes import Child, sector_shares, status
from opendata.iati_rules import check_activity
from projects.identifiers import activity_identifier
from projects.models import Programme, Project, ProjectSector

pytestmark = pytest.mark.django_db

BASE_URL = "https://cooperacion.example.gob.ar"
DASH = "\N{EN DASH}"


def activities(document):
    return {
        activity.findtext("iati-identifier"): activity
        for activity in document.iter("iati-activity")
    }


def download(client, **query):
    response = client.get("/projects/iati.xml", query)
    assert response.status_code == 200
    return etree.fromstring(b"".join(response.streaming_content))


def related(activity, kind):
    return [
        element.get("ref")
        for element in activity.findall("related-activity")
        if element.get("type") == kind
    ]


def test_the_download_is_schema_and_rules_valid_with_parents_and_children(
    client, two_programmes, iati_schema
):
    children, _hidden, _hidden_child, _loose = two_programmes
    document = download(client)
    assert iati_schema.validate(document), iati_schema.error_log
    found = activities(document)
    for activity in found.values():
        assert check_activity(activity) == [], activity.findtext("iati-identifier")
    assert len(found) == 5 + 2  # five projects, two published programmes
    for programme in children:
        parent = found[programme.iati_identifier]
        assert parent.get("hierarchy") == "1"
        assert parent.findtext("title/narrative") == programme.title_es
        assert parent.find("recipient-country").get("code") == programme.country.code
        assert parent.find("activity-status").get("code") == "2"
        assert [
            (date.get("type"), date.get("iso-date"))
            for date in parent.findall("activity-date")
        ] == [
            ("1", programme.period_start.isoformat()),
            ("3", programme.period_end.isoformat()),
        ]
        assert "Comisión Mixta" in parent.findtext("description/narrative")
        assert parent.find("reporting-org").get("ref") == (
            found[children[programme][0].iati_identifier]
            .find("reporting-org")
            .get("ref")
        )


def test_parent_and_children_name_each_other(client, two_programmes):
    children, _hidden, _hidden_child, _loose = two_programmes
    found = activities(download(client))
    for programme, projects in children.items():
        parent = found[programme.iati_identifier]
        assert related(parent, "2") == [p.iati_identifier for p in projects]
        assert related(parent, "1") == []
        for project in projects:
            child = found[project.iati_identifier]
            assert child.get("hierarchy") == "2"
            assert related(child, "1") == [programme.iati_identifier]
            assert related(child, "2") == []


def test_an_unpublished_programme_is_not_exported_nor_named(client, two_programmes):
    _children, hidden, hidden_child, loose = two_programmes
    found = activities(download(client))
    assert hidden.iati_identifier not in found
    for project in (hidden_child, loose):
        activity = found[project.iati_identifier]
        assert activity.get("hierarchy") is None
        assert activity.find("related-activity") is None


def test_a_programme_is_exported_only_with_projects_in_the_file(client, two_programmes):
    children, _hidden, _hidden_child, _loose = two_programmes
    bolivia, chile = children
    found = activities(download(client, country="CL"))
    assert chile.iati_identifier in found
    assert bolivia.iati_identifier not in found
    Project.objects.filter(programme=chile).update(
        publication=Project.Publication.DRAFT
    )
    assert chile.iati_identifier not in activities(download(client))


def test_a_child_left_out_of_the_download_is_not_named_by_its_parent(
    client, two_programmes
):
    children, _hidden, _hidden_child, _loose = two_programmes
    bolivia = next(iter(children))
    good, bad = children[bolivia]
    ProjectSector.objects.filter(project=bad).update(percentage=30)
    found = activities(download(client))
    assert bad.iati_identifier not in found
    assert related(found[bolivia.iati_identifier], "2") == [good.iati_identifier]
    shares = {
        s.get("code"): s.get("percentage")
        for s in found[bolivia.iati_identifier].findall("sector[@vocabulary='1']")
    }
    assert shares == {"31120": "100"}


def test_the_command_writes_the_programmes_and_checks_them(
    tmp_path, two_programmes, iati_schema
):
    children, _hidden, _hidden_child, _loose = two_programmes
    output = tmp_path / "iati.xml"
    stderr = io.StringIO()
    call_command("export_iati", output=str(output), base_url=BASE_URL, stderr=stderr)
    document = etree.parse(str(output))
    assert iati_schema.validate(document), iati_schema.error_log
    found = activities(document)
    for programme, projects in children.items():
        assert related(found[programme.iati_identifier], "2") == [
            p.iati_identifier for p in projects
        ]
    assert "7 activities: 0 errors in 0 projects, 0 warnings." in stderr.getvalue()


def test_the_identifier_is_given_once_and_kept(make_programme, settings):
    programme = make_programme()
    expected = f"{settings.DGCIN_IATI_ORG_REF}-PRG-{programme.pk:06d}"
    assert programme.iati_identifier == expected
    assert Programme.objects.get(pk=programme.pk).iati_identifier == expected
    assert activity_identifier(programme.pk, "PRG") == expected
    settings.DGCIN_IATI_ORG_REF = "XM-OTHER-1"
    programme.title_es = "Otro título"
    programme.number = 9
    programme.save()
    programme.refresh_from_db()
    assert programme.iati_identifier == expected
    other = make_programme("CL")
    assert other.iati_identifier == f"XM-OTHER-1-PRG-{other.pk:06d}"
    # The creation's history record has it too: no change for the history to show.
    assert set(programme.history.values_list("iati_identifier", flat=True)) == {
        expected
    }


def test_the_migration_gives_existing_programmes_the_same_identifier(
    make_programme, settings
):
    from django.apps import apps

    migration = importlib.import_module(
        "projects.migrations.0017_programme_iati_identifier"
    )
    programme = make_programme()
    Programme.objects.filter(pk=programme.pk).update(iati_identifier="")
    programme.history.update(iati_identifier="")
    migration.give_identifiers(apps, None)
    expected = f"{settings.DGCIN_IATI_ORG_REF}-PRG-{programme.pk:06d}"
    assert Programme.objects.get(pk=programme.pk).iati_identifier == expected
    assert set(programme.history.values_list("iati_identifier", flat=True)) == {
        expected
    }


def test_projects_still_get_their_own_identifiers(make_project, settings):
    project = make_project()
    assert project.iati_identifier == f"{settings.DGCIN_IATI_ORG_REF}-{project.pk:06d}"
    project.save()
    project.refresh_from_db()
    assert project.iati_identifier == f"{settings.DGCIN_IATI_ORG_REF}-{project.pk:06d}"


def test_the_status_follows_the_period_and_the_projects():
    programme = Programme(
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2025, 12, 31)
    )
    today = timezone.localdate()
    open_child = Child("A-1", Project.Status.IMPLEMENTATION, today, ())
    closed = Child("A-2", Project.Status.CLOSED, today, ())
    cancelled = Child("A-3", Project.Status.CANCELLED, today, ())
    assert status(programme, [open_child], datetime.date(2023, 12, 31)) == "1"
    assert status(programme, [open_child], datetime.date(2024, 1, 1)) == "2"
    assert status(programme, [open_child], datetime.date(2025, 12, 31)) == "2"
    assert status(programme, [open_child, closed], datetime.date(2026, 1, 1)) == "3"
    assert status(programme, [closed, cancelled], datetime.date(2026, 1, 1)) == "4"


def test_sector_shares_weigh_each_project_alike_and_add_up_to_100():
    today = timezone.localdate()
    children = [
        Child("A-1", "2", today, (("31120", "311", 100),)),
        Child("A-2", "2", today, (("31120", "311", 50), ("14010", "140", 50))),
        Child("A-3", "2", today, (("15110", "151", 100),)),
        Child("A-4", "2", today, ()),
    ]
    shares = sector_shares(children)
    assert sum(percentage for _code, _category, percentage in shares) == 100
    assert [(code, percentage) for code, _category, percentage in shares] == [
        ("31120", Decimal("50")),
        ("15110", Decimal("33.33")),
        ("14010", Decimal("16.67")),
    ]


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects/iati.xml")
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return len(queries)


def test_the_download_queries_do_not_grow_with_programmes_and_projects(
    client, make_programme, make_project, monkeypatch
):
    first = make_programme("BO", number=1)
    make_project(programme=first)
    make_project()
    few = count_queries(client)
    for number in range(2, 6):
        programme = make_programme("BO", number=number)
        for _ in range(3):
            make_project(programme=programme)
    make_programme("CL", published=False)
    assert count_queries(client) == few
    monkeypatch.setattr(exports, "CHUNK_SIZE", 100)
    assert count_queries(client) == few


def test_the_checker_warns_of_spaces_around_a_related_activity(client, two_programmes):
    children, _hidden, _hidden_child, _loose = two_programmes
    child = activities(download(client))[
        next(iter(children.values()))[0].iati_identifier
    ]
    assert check_activity(child) == []
    child.find("related-activity").set("ref", " AR-DGCIN-PRG-000001\n")
    assert {(issue.rule, issue.severity) for issue in check_activity(child)} == {
        ("1.7.1", "warning")
    }
