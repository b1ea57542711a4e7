"""/partners/ lists by default the partners that matter: countries with published
projects or in a bloc, each with its number of projects; a switch shows them all;
Argentina is never its own partner (issue 14)."""

import pytest

from partners.models import BlocMembership, Country
from projects.models import Project

pytestmark = pytest.mark.django_db


def listed(response):
    assert response.status_code == 200
    return {country.code: country for country in response.context["partners"]}


def every_page(client, query=""):
    """The countries of every page of the list."""
    codes, page = {}, 1
    while True:
        response = client.get(f"/partners/?{query}&page={page}")
        codes |= listed(response)
        if not response.context["page_obj"].has_next():
            return codes
        page += 1


@pytest.fixture
def projects(make_project):
    # Angola belongs to no bloc here: only its projects list it.
    make_project(partners=[("AR", "provider"), ("AO", "recipient")])
    make_project(partners=[("AR", "provider"), ("AO", "recipient"), ("PY", "both")])
    make_project(
        partners=[("AR", "provider"), ("NP", "recipient")],
        publication=Project.Publication.DRAFT,
    )


def test_by_default_countries_with_projects_or_in_a_bloc(client, projects):
    shown = every_page(client)
    in_blocs = set(
        BlocMembership.objects.current()
        .exclude(country__code="AR")
        .values_list("country__code", flat=True)
    )
    assert set(shown) == in_blocs | {"AO"}
    assert shown["AO"].project_count == 2
    assert shown["PY"].project_count == 1
    assert "NP" not in shown or "NP" in in_blocs  # a draft makes no partner
    response = client.get("/partners/?q=angola")
    assert "2 proyectos" in response.text
    tabs = client.get("/partners/").context["tabs"]
    assert tabs[0]["count"] == len(shown)


def test_a_switch_shows_every_country(client, projects):
    response = client.get("/partners/")
    assert 'href="?scope=all"' in response.text
    every = every_page(client, "scope=all")
    assert len(every) == Country.objects.filter(is_active=True).count() - 1
    assert 'href="?"' in client.get("/partners/?scope=all").text


def test_argentina_is_never_its_own_partner(client, projects):
    for query in ("", "scope=all", "bloc=mercosur", "region=south-america"):
        assert "AR" not in every_page(client, query), query
    assert listed(client.get("/partners/?q=argentina")) == {}


def test_a_search_finds_a_country_without_projects_or_blocs(client, projects):
    assert "NP" in listed(client.get("/partners/?q=nepal"))


def test_a_bad_switch_gets_a_notice(client, projects):
    response = client.get("/partners/?scope=everything")
    assert "Mostrar" in " ".join(response.context["notices"])
    assert "AO" in every_page(client, "scope=everything")


def test_the_list_costs_the_same_with_more_projects(
    client, projects, make_project, count_queries
):
    before = count_queries(client, "/partners/")
    for _ in range(10):
        make_project(partners=[("AR", "provider"), ("KE", "recipient")])
    assert count_queries(client, "/partners/") == before
