"""The API's projects: published ones only, the JSON export's record in one
language, the catalogue's filters with the catalogue's own results, updated_since,
cursor pages that neither repeat nor skip, a fixed number of queries per page."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from opendata.exports import filter_errors
from projects.filters import ProjectFilter
from projects.models import Budget, Currency, Project

from .api_helpers import get, walk

pytestmark = pytest.mark.django_db

API = "/api/v1/projects"


def in_one_language(value, language):
    """The export's {"es": ..., "en": ...} values as their ``language`` text."""
    if isinstance(value, dict):
        if set(value) == {"es", "en"}:
            return value[language]
        return {key: in_one_language(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [in_one_language(item, language) for item in value]
    return value


@pytest.fixture
def portfolio(make_project):
    """Published projects of several kinds, and a draft and an archived one that
    would match every filter."""
    usd = Currency.objects.get(code="USD")
    projects = [
        make_project(planned_start=datetime.date(2022, 1, 10)),
        make_project(modality=Project.Modality.TRIANGULAR),
        make_project(modality=Project.Modality.REGIONAL, is_decentralised=False),
        make_project(
            partners=[("AR", "provider"), ("BO", "recipient")],
            sectors=[("14010", 100)],
            status=Project.Status.CLOSED,
            planned_start=datetime.date(2019, 5, 1),
            title_es="Agua potable en Bolivia",
            title_en="Drinking water in Bolivia",
        ),
        make_project(planned_start=datetime.date(2022, 7, 1)),
    ]
    Budget.objects.create(
        project=projects[1],
        value=80000,
        currency=usd,
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2025, 2, 28),
        value_date=datetime.date(2024, 3, 1),
    )
    make_project(publication=Project.Publication.DRAFT, slug="draft-project")
    make_project(publication=Project.Publication.ARCHIVED, slug="archived-project")
    return projects


def test_the_list_holds_the_published_projects_with_their_addresses(client, portfolio):
    page = get(client, API)
    assert page["previous"] is None
    assert page["next"] is None
    slugs = [item["slug"] for item in page["results"]]
    assert slugs == [project.slug for project in portfolio]  # by id
    first = page["results"][0]
    slug = portfolio[0].slug
    assert first["url"] == f"http://testserver/projects/{slug}/"
    assert first["api_url"] == f"http://testserver/api/v1/projects/{slug}"
    assert first["files"] == {
        "json": f"http://testserver/projects/{slug}.json",
        "xml": f"http://testserver/projects/{slug}.xml",
    }
    assert first["iati_identifier"] == portfolio[0].iati_identifier


def test_unpublished_projects_never_appear(client, portfolio):
    every = get(client, f"{API}?page_size=500&q=proyecto")["results"]
    assert {"draft-project", "archived-project"}.isdisjoint(
        item["slug"] for item in every
    )
    for slug in ("draft-project", "archived-project"):
        error = get(client, f"{API}/{slug}", status=404)["error"]
        assert error["status"] == 404


def test_an_item_is_the_json_exports_record_in_the_language_asked(client, full_project):
    exported = json.loads(
        b"".join(client.get(f"/projects/{full_project.slug}.json").streaming_content)
    )["projects"][0]
    spanish = get(client, f"{API}/{full_project.slug}")
    english = get(client, f"{API}/{full_project.slug}?lang=en")
    assert set(spanish) == set(exported) | {"programme", "api_url", "files"}
    assert spanish["title"] == exported["title"]["es"]
    assert english["title"] == exported["title"]["en"]
    assert english["modality"] == {
        "code": "triangular",
        "label": exported["modality"]["label"]["en"],
    }
    assert spanish["modality"]["label"] == exported["modality"]["label"]["es"]
    assert english["url"] == exported["url"]["en"]
    assert english["files"]["json"].endswith(f"/en/projects/{full_project.slug}.json")
    assert (
        english["participants"][0]["segib_role"]["label"]
        == (exported["participants"][0]["segib_role"]["label"]["en"])
    )
    # Everything else is the export's, value for value, in one language.
    for key in set(exported) - {"url"}:
        assert spanish[key] == in_one_language(exported[key], "es"), key


def test_a_text_not_written_in_english_falls_back_to_spanish(client, make_project):
    project = make_project(summary_en="", objectives_es="Objetivos en castellano.")
    item = get(client, f"{API}/{project.slug}?lang=en")
    assert item["summary"] == "Resumen del proyecto."
    assert item["objectives"] == "Objetivos en castellano."
    assert item["description"] is None


FILTERS = [
    "modality=triangular",
    "country=BO",
    "country=BO&country=UY",
    "status=4",
    "decentralised=no",
    "sector=140",
    "year=2022",
    "budget_min=50000",
    "q=agua",
    "q=cooperation&modality=bilateral",
    "directorate=bilateral-cooperation&sort=title",
]


@pytest.mark.parametrize("query", FILTERS)
def test_filters_give_the_catalogues_projects(client, portfolio, query):
    expected = ProjectFilter(
        QueryDict(query), queryset=Project.objects.published(), request=None
    ).qs
    items, _pages = walk(client, f"{API}?{query}&page_size=2")
    assert sorted(item["slug"] for item in items) == sorted(
        project.slug for project in expected
    )
    assert len(items) < len(portfolio) or query.startswith(("directorate", "decent"))


@pytest.mark.parametrize(
    ("query", "field"),
    [("year=abc", "year"), ("country=ZZ", "country"), ("sort=oldest", "sort")],
)
def test_a_filter_that_cannot_be_applied_is_refused_as_the_exports_refuse_it(
    client, portfolio, query, field
):
    with translation.override("en"):
        filterset = ProjectFilter(
            QueryDict(query), queryset=Project.objects.published(), request=None
        )
        filterset.is_valid()
        expected = filter_errors(filterset)
    error = get(client, f"{API}?{query}&lang=en", status=400)["error"]
    assert error["message"] == "These filters cannot be applied"
    assert error["details"] == expected
    assert f"{field}=" in error["details"][0]


@pytest.mark.parametrize("sort", ["title", "-start", "start", "-updated"])
def test_sorted_pages_follow_the_catalogues_order(client, portfolio, sort):
    catalogue = ProjectFilter(
        QueryDict(f"sort={sort}"), queryset=Project.objects.published(), request=None
    ).qs
    items, pages = walk(client, f"{API}?sort={sort}&page_size=2")
    assert pages == 3
    slugs = [item["slug"] for item in items]
    assert len(slugs) == len(set(slugs)) == len(portfolio)
    key = {  # the catalogue's order, then the id where it leaves a tie
        "title": lambda p: (p.title_es, p.pk),
        "-start": lambda p: (-p.start_year, p.pk),
        "start": lambda p: (p.start_year, p.pk),
        "-updated": lambda p: (-p.updated_at.timestamp(), p.pk),
    }[sort]
    assert slugs == [project.slug for project in sorted(catalogue, key=key)]


def test_walking_the_pages_repeats_and_skips_nothing_both_ways(client, portfolio):
    items, pages = walk(client, f"{API}?page_size=2")
    assert pages == 3
    assert [item["slug"] for item in items] == [p.slug for p in portfolio]
    last = get(client, f"{API}?page_size=2")
    while last["next"]:
        last = get(client, last["next"])
    backwards, url = [], last["previous"]
    while url:
        page = get(client, url)
        backwards = page["results"] + backwards
        url = page["previous"]
    assert [item["slug"] for item in backwards + last["results"]] == [
        p.slug for p in portfolio
    ]


def test_a_project_published_while_walking_comes_last_and_nothing_repeats(
    client, portfolio, make_project
):
    first = get(client, f"{API}?page_size=3")
    late = make_project()
    rest, _pages = walk(client, first["next"])
    slugs = [item["slug"] for item in first["results"] + rest]
    assert slugs == [p.slug for p in portfolio] + [late.slug]


def test_updated_since_keeps_the_projects_saved_since(client, portfolio):
    old = timezone.now() - datetime.timedelta(days=30)
    Project.objects.filter(pk__in=[p.pk for p in portfolio[:3]]).update(updated_at=old)
    day = (old + datetime.timedelta(days=1)).date().isoformat()
    recent = {p.slug for p in portfolio[3:]}
    for since in (day, f"{day}T00:00:00", f"{day}T00:00:00-03:00", f"{day}T03:00:00Z"):
        items, _pages = walk(client, f"{API}?{urlencode({'updated_since': since})}")
        assert {item["slug"] for item in items} == recent, since
    # A "+" not encoded arrives as a space: still read as the offset.
    items, _pages = walk(client, f"{API}?updated_since={day}T05:00:00+02:00")
    assert {item["slug"] for item in items} == recent
    items, _pages = walk(client, f"{API}?updated_since=2000-01-01")
    assert len(items) == len(portfolio)


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-02-30", "2026-13-01", "0001-01-01T00:00:00+14:00"]
)
def test_a_bad_updated_since_is_refused_saying_what_it_takes(client, portfolio, value):
    error = get(
        client, f"{API}?{urlencode({'updated_since': value, 'lang': 'en'})}", 400
    )["error"]
    assert error["status"] == 400
    assert "ISO 8601" in error["details"][0]
    assert value[:10] in error["details"][0]


def test_the_list_reads_a_page_in_the_same_queries_for_3_or_30_projects(
    client, full_project, make_project, count_queries
):
    for _ in range(29):
        make_project(modality=Project.Modality.TRIANGULAR)
    few = count_queries(client, f"{API}?page_size=3")
    many = count_queries(client, f"{API}?page_size=30")
    assert few == many
    sorted_few = count_queries(client, f"{API}?page_size=3&sort=title")
    assert sorted_few == count_queries(client, f"{API}?page_size=30&sort=title")
