"""Budgeted and executed cost per year and currency on the statistics page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from opendata.money_stats import compact
from partners.models import Country
from projects.models import Currency, Mission, Project, Transaction

pytestmark = pytest.mark.django_db

URL = "/projects/stats/"
D = datetime.date


def budget(project, year, value, code="USD"):
    project.budgets.create(
        period_start=D(year, 3, 1),
        period_end=D(year + 1, 2, 28),
        value=Decimal(value),
        currency=Currency.objects.get(code=code),
        value_date=D(year, 3, 1),
    )


def pay(project, day, value, code="USD", type="4", in_kind=False):
    Transaction.objects.create(
        project=project,
        participation=project.participations.first(),
        type=type,
        date=day,
        value=Decimal(value),
        currency=Currency.objects.get(code=code),
        value_date=day,
        in_kind=in_kind,
    )


def mission(project, end, cost, happened=True):
    """A mission ending on ``end``; without actual dates unless it ``happened``."""
    start = end - datetime.timedelta(days=2)
    Mission.objects.create(
        project=project,
        country=Country.objects.get(code="PY"),
        planned_start=start,
        planned_end=end,
        actual_start=start if happened else None,
        actual_end=end if happened else None,
        cost_tickets=Decimal(cost),
        currency=Currency.objects.get(code="USD"),
    )


@pytest.fixture
def money(make_project):
    one, two = make_project(), make_project()
    draft = make_project(publication=Project.Publication.DRAFT)
    budget(one, 2023, 10000)
    budget(two, 2024, 30000)
    budget(one, 2024, 800000, "ARS")
    pay(one, D(2023, 6, 1), 4000)
    pay(one, D(2023, 7, 1), 999, type="2")  # a commitment: not executed
    pay(two, D(2024, 5, 1), 6000, in_kind=True)
    pay(two, D(2024, 8, 1), 200000, "ARS", type="3")
    mission(one, D(2024, 1, 3), 1500)  # ended in 2024
    mission(two, D(2023, 9, 1), 777, happened=False)  # planned only: not counted
    budget(draft, 2024, 99999)
    pay(draft, D(2024, 2, 1), 5555)


def figures(response):
    return {
        figure.currency: {year: tuple(numbers) for year, *numbers in figure.rows}
        for figure in response.context["money_figures"]
    }


def test_budgeted_and_executed_per_year_and_currency_match_a_hand_count(client, money):
    response = client.get("/en" + URL)
    assert figures(response) == {
        "ARS": {
            "2024": (
                Decimal(800000),
                Decimal(200000),
                Decimal(0),
                Decimal(200000),
                Decimal("25.0"),
            )
        },
        "USD": {
            "2023": (
                Decimal(10000),
                Decimal(4000),
                Decimal(0),
                Decimal(4000),
                Decimal("40.0"),
            ),
            "2024": (
                Decimal(30000),
                Decimal(1500),
                Decimal(6000),
                Decimal(7500),
                Decimal("25.0"),
            ),
        },
    }
    text = response.text
    assert "Budgeted and executed cost per year, in USD" in text
    assert 'id="money-usd-table"' in text
    assert "2024, executed: 7,500" in text  # the chart's description


def test_a_new_transaction_changes_the_cached_figures(client, money):
    assert figures(client.get(URL))["USD"]["2023"][1] == Decimal(4000)
    pay(Project.objects.published().first(), D(2023, 9, 1), 100)
    assert figures(client.get(URL))["USD"]["2023"][1] == Decimal(4100)


def test_a_new_budget_line_changes_the_cached_figures(client, money):
    assert figures(client.get(URL))["USD"]["2023"][0] == Decimal(10000)
    budget(Project.objects.published().first(), 2023, 500)
    assert figures(client.get(URL))["USD"]["2023"][0] == Decimal(10500)


def test_the_queries_do_not_grow_with_transactions(client, money, count_queries):
    cold = count_queries(client, URL)
    warm = count_queries(client, URL)
    project = Project.objects.published().first()
    for year in range(2015, 2022):
        pay(project, D(year, 1, 1), 10, in_kind=bool(year % 2))
        budget(project, year, 20, "EUR")
    assert count_queries(client, URL) == cold
    assert count_queries(client, URL) == warm


def test_a_page_without_money_says_so(client, make_project):
    make_project()
    response = client.get("/en" + URL)
    assert response.context["money_figures"] == []
    assert "None of these projects has a budget or executed cost" in response.text


def test_the_chart_writes_short_numbers_that_fit_beside_its_bars():
    with translation.override("en"):
        assert compact(Decimal(16000000)) == "16 M"
        assert compact(Decimal(9600)) == "9.6 k"
        assert compact(Decimal(960000)) == "960 k"
        assert compact(Decimal(850)) == "850"
    with translation.override("es"):
        assert compact(Decimal(2400)) == "2,4 k"


def test_executed_bars_are_told_apart_from_budgeted_ones(client, money):
    page = client.get(URL).text
    usd = page[page.index('id="money-usd"') :]
    usd = usd[: usd.index("</svg>")]
    bars = re.findall(r'<rect class="(chart__bar[^"]*)"', usd)
    assert bars[0::2] == ["chart__bar"] * (len(bars) // 2)  # budgeted
    assert bars[1::2] == ["chart__bar chart__bar--executed"] * (len(bars) // 2)


def test_every_published_projects_budget_is_all_lines_less_the_unpublished(
    make_project,
):
    """The unfiltered page's shortcut (all lines less those of the projects not
    published) gives what summing the published projects' lines gives, a year
    only unpublished projects budget left out, a published line of 0 kept."""
    from projects import costs
    from projects.models import Budget, Currency

    usd, eur = Currency.objects.get(code="USD"), Currency.objects.get(code="EUR")

    def line(project, year, value, currency=usd):
        Budget.objects.create(
            project=project,
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            value=value,
            currency=currency,
            value_date=datetime.date(year, 1, 1),
        )

    published, other = make_project(), make_project()
    draft = make_project(publication=Project.Publication.DRAFT)
    archived = make_project(publication=Project.Publication.ARCHIVED)
    line(published, 2024, 1000)
    line(other, 2024, 500)
    line(other, 2025, 0, eur)
    line(draft, 2024, 700)
    line(draft, 2031, 900)  # only a draft budgets this year
    line(archived, 2025, 300, eur)
    expected = sorted(costs.budgeted_by_year(Project.objects.published()))
    assert sorted(costs.budgeted_by_year_of_published()) == expected
    assert {(year, total) for year, _currency, total in expected} == {
        (2024, 1500),
        (2025, 0),
    }
