"""Technical missions on the statistics page: missions, experts and expert-days of
published projects by year, partner country and sector category."""

import datetime

import pytest

from partners.models import Country
from projects.models import Mission, Project, SectorCategory

pytestmark = pytest.mark.django_db

URL = "/projects/stats/"
D = datetime.date


def mission(project, country, start, length, experts, **fields):
    """A mission planned for ``length`` days from ``start``."""
    return Mission.objects.create(
        project=project,
        country=Country.objects.get(code=country),
        planned_start=start,
        planned_end=start + datetime.timedelta(days=length - 1),
        experts=experts,
        purpose_es="Misión técnica.",
        **fields,
    )


@pytest.fixture
def missions(make_project):
    """Five missions of published projects and one of a draft (left out)."""
    paraguay = make_project(sectors=[("31120", 60), ("31195", 40)])  # both in 311
    bolivia = make_project(
        partners=[("AR", "provider"), ("BO", "recipient"), ("PY", "recipient")],
        sectors=[("12220", 100)],
    )
    draft = make_project(
        partners=[("AR", "provider"), ("UY", "recipient")],
        publication=Project.Publication.DRAFT,
    )
    mission(paraguay, "PY", D(2023, 4, 3), 5, 2)  # 10 expert-days
    mission(  # the actual dates count: 3 days
        paraguay,
        "PY",
        D(2024, 2, 5),
        5,
        3,
        actual_start=D(2024, 2, 6),
        actual_end=D(2024, 2, 8),
    )
    mission(paraguay, "PY", D(2024, 12, 30), 5, 1, days=4)  # typed: 4
    mission(bolivia, "BO", D(2024, 6, 10), 10, 4)  # 40
    mission(bolivia, "PY", D(2025, 1, 20), 2, 2, direction="virtual")  # 4
    mission(draft, "UY", D(2024, 6, 1), 30, 9)


def table(response, slug):
    """{first column: (missions, experts, expert-days)} of a mission table."""
    (found,) = [
        t for t in response.context["mission_figures"]["tables"] if t.slug == slug
    ]
    return {label: tuple(numbers) for label, *numbers in found.rows}


def test_missions_by_year_country_and_sector_match_a_hand_count(client, missions):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["mission_figures"]["total"] == [5, 12, 67]
    assert table(response, "missions-year") == {
        "2023": (1, 2, 10),
        "2024": (3, 8, 9 + 4 + 40),
        "2025": (1, 2, 4),
    }
    paraguay, bolivia = (Country.objects.get(code=code).name for code in ("PY", "BO"))
    assert table(response, "missions-country") == {
        paraguay: (4, 8, 10 + 9 + 4 + 4),
        bolivia: (1, 4, 40),
    }
    # Two sectors of one category (311) count each mission once in it.
    agriculture, health = (
        SectorCategory.objects.get(code=code).name for code in ("311", "122")
    )
    assert table(response, "missions-sector") == {
        agriculture: (3, 6, 23),
        health: (2, 6, 44),
    }
    text = response.content.decode()
    assert 'id="missions-year"' in text
    assert "Uruguay" not in text.split('id="missions-heading"')[1]


def test_the_figures_follow_the_pages_filters(client, missions):
    response = client.get(URL, {"country": "BO"})
    assert response.context["mission_figures"]["total"] == [2, 6, 44]


def test_a_new_mission_changes_the_cached_figures(client, missions, make_project):
    assert client.get(URL).context["mission_figures"]["total"][0] == 5
    project = Project.objects.published().first()
    mission(project, "PY", D(2026, 3, 2), 1, 1)
    assert client.get(URL).context["mission_figures"]["total"][0] == 6


def test_the_queries_do_not_grow_with_missions(client, missions, count_queries):
    cold = count_queries(client, URL)
    warm = count_queries(client, URL)
    assert warm < cold
    project = Project.objects.published().first()
    for number in range(10):
        mission(project, "PY", D(2020 + number, 1, 1), 3, 2)
    assert count_queries(client, URL) == cold
    assert count_queries(client, URL) == warm


def test_a_page_without_missions_says_so(client, make_project):
    make_project()
    response = client.get("/en" + URL)
    assert response.context["mission_figures"]["total"] == [0, 0, 0]
    assert "None of these projects has a mission recorded yet." in response.text
    assert 'id="missions-year"' not in response.text
