"""Several values per filter (OR within a filter, AND across filters), the
organisation filter, the budget range, the chips that remove one value each and
"clear all"; old one-value links keep their meaning; bad values get a notice."""

import datetime
import html
import re

import pytest

from partners.models import Province
from projects.models import Budget, Currency, SdgGoal

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    return {project.title for project in response.context["projects"]}


def chips(response):
    """{chip text: the query string its link leaves}."""
    found = re.findall(
        r'<li><a href="\?([^"]*)" aria-label="Quitar el filtro ([^"]*)">',
        response.text,
    )
    return {html.unescape(label): html.unescape(query) for query, label in found}


def budget(project, value, code="USD"):
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        value=value,
        currency=Currency.objects.get(code=code),
        value_date=datetime.date(2024, 1, 1),
    )


@pytest.fixture
def projects(make_project):
    paraguay = make_project(title_es="Con Paraguay", sectors=[("31120", 100)])
    bolivia = make_project(
        title_es="Con Bolivia",
        partners=[("AR", "provider"), ("BO", "recipient")],
        sectors=[("12220", 100)],
    )
    japan = make_project(
        title_es="Con JICA",
        modality="triangular",
        partners=[
            ("AR", "first-provider"),
            ("jica", "second-provider"),
            ("PE", "recipient"),
        ],
    )
    inta = make_project(
        title_es="Con INTA",
        partners=[("AR", "provider"), ("inta", "provider"), ("UY", "recipient")],
    )
    paraguay.provinces.set([Province.objects.get(code="AR-X")])
    bolivia.provinces.set([Province.objects.get(code="AR-Y")])
    paraguay.sdg_goals.set([SdgGoal.objects.get(number=2)])
    bolivia.sdg_goals.set([SdgGoal.objects.get(number=3)])
    japan.sdg_goals.set([SdgGoal.objects.get(number=3)])
    budget(paraguay, 10_000)
    budget(bolivia, 80_000)
    budget(bolivia, 40_000)  # 120,000 in all
    budget(japan, 500_000, code="EUR")  # no total in dollars
    return {"PY": paraguay, "BO": bolivia, "jica": japan, "inta": inta}


def test_several_values_of_a_filter_add_up(client, projects):
    both = client.get("/projects/?country=PY&country=BO")
    assert titles(both) == {projects["PY"].title, projects["BO"].title}
    goals = client.get("/projects/?sdg=2&sdg=3")
    assert titles(goals) == {p.title for k, p in projects.items() if k != "inta"}
    provinces = client.get("/projects/?province=AR-X&province=AR-Y")
    assert titles(provinces) == {projects["PY"].title, projects["BO"].title}
    assert titles(client.get("/projects/?sector=122")) == {projects["BO"].title}
    sectors = client.get("/projects/?sector=311&sector=122")
    assert titles(sectors) == {project.title for project in projects.values()}


def test_different_filters_narrow_each_other(client, projects):
    response = client.get("/projects/?country=PY&country=BO&sdg=3")
    assert titles(response) == {projects["BO"].title}
    response = client.get("/projects/?country=PY&sector=122")
    assert titles(response) == set()


def test_projects_with_jica_or_inta(client, projects):
    response = client.get("/projects/?organisation=jica&organisation=inta")
    assert titles(response) == {projects["jica"].title, projects["inta"].title}
    assert titles(client.get("/projects/?organisation=jica")) == {
        projects["jica"].title
    }


def test_old_one_value_links_keep_their_meaning(client, projects):
    assert titles(client.get("/projects/?country=PY")) == {projects["PY"].title}
    assert titles(client.get("/projects/?sector=122")) == {projects["BO"].title}
    assert titles(client.get("/projects/?sdg=2")) == {projects["PY"].title}
    assert titles(client.get("/projects/?province=AR-Y")) == {projects["BO"].title}


def test_the_budget_range_reads_the_total_in_dollars(client, projects):
    assert titles(client.get("/projects/?budget_min=50000")) == {projects["BO"].title}
    # Without budget lines in dollars (INTA's none, JICA's in euros): left out.
    assert titles(client.get("/projects/?budget_max=50000")) == {projects["PY"].title}
    assert titles(client.get("/projects/?budget_min=5000&budget_max=120000")) == {
        projects["PY"].title,
        projects["BO"].title,
    }


def test_every_chosen_value_is_a_chip_that_removes_only_itself(client, projects):
    response = client.get("/projects/?country=PY&country=BO&modality=bilateral")
    found = chips(response)
    assert sorted(found.values()) == [
        "country=BO&modality=bilateral",
        "country=PY&country=BO",
        "country=PY&modality=bilateral",
    ]
    assert found["País: Paraguay"] == "country=BO&modality=bilateral"
    assert 'href="/projects/">Quitar todos</a>' in response.text
    removed = client.get("/projects/?" + found_query(found, "Paraguay"))
    assert titles(removed) == {projects["BO"].title}


def test_goals_provinces_and_amounts_have_chips_too(client, projects):
    response = client.get(
        "/projects/?sdg=2&sdg=3&province=AR-X&organisation=jica&budget_min=5000"
    )
    found = chips(response)
    assert found_query(found, "ODS") == (
        "sdg=3&province=AR-X&organisation=jica&budget_min=5000"
    )
    assert found_query(found, "JICA") == "sdg=2&sdg=3&province=AR-X&budget_min=5000"
    assert found_query(found, "5.000") == "sdg=2&sdg=3&province=AR-X&organisation=jica"
    assert len(found) == 5


def found_query(found, name):
    return next(query for label, query in found.items() if name in label)


def test_chosen_countries_stay_ticked_in_their_region(client, projects):
    response = client.get("/projects/?country=PY")
    text = response.text
    assert re.search(r'name="country" value="PY" checked', text)
    assert re.search(r'name="country" value="BO">', text)
    country = next(f for f in response.context["facets"] if f["name"] == "country")
    groups = dict(country["groups"])
    assert {value for value, *_rest in groups["América Latina y el Caribe"]} >= {
        "PY",
        "BO",
    }
    assert "js/checklist.js" in text


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ("country=ZZ", "País"),
        ("country=PY&country=ZZ", "País"),
        ("organisation=acme", "Organismo"),
        ("sdg=abc", "ODS"),
        ("province=XX", "Provincia"),
        ("budget_min=mucho", "Presupuesto"),
        ("budget_min=-5", "Presupuesto"),
        ("budget_min=900&budget_max=10", "Presupuesto"),
    ],
)
def test_bad_values_get_a_notice_never_an_error(client, projects, params, notice):
    response = client.get("/projects/?" + params)
    assert response.status_code == 200
    notices = " ".join(response.context["notices"])
    assert notice in notices, notices


def test_min_above_max_keeps_the_minimum(client, projects):
    response = client.get("/projects/?budget_min=50000&budget_max=10")
    assert titles(response) == {projects["BO"].title}


def test_the_same_choices_in_another_order_come_from_the_cache(
    client, projects, count_queries
):
    first = count_queries(client, "/projects/?country=PY&country=BO&sdg=3&sdg=2")
    second = count_queries(client, "/projects/?sdg=2&country=BO&sdg=3&country=PY")
    assert second <= first - 10


def test_several_values_cost_the_same_with_more_projects(
    client, projects, make_project, count_queries
):
    urls = [
        "/projects/?country=PY&country=BO&organisation=jica&organisation=inta",
        "/projects/?sdg=2&sdg=3&province=AR-X&budget_min=1&budget_max=900000",
    ]
    before = [count_queries(client, url) for url in urls]
    for _ in range(20):
        make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    assert [count_queries(client, url) for url in urls] == before
    assert max(before) <= 30
