"""Budgeted and executed cost per partner (SEGIB's cost sharing), with FO.AR's
mission costs counted as Argentine expenditure; on the project and programme
pages, in a fixed number of queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from partners.models import Country
from projects import costs
from projects.models import Currency, Mission, Project, Transaction
from tests.projects.test_programmes import commission, programme  # noqa: F401

pytestmark = pytest.mark.django_db

D = datetime.date


def usd():
    return Currency.objects.get(code="USD")


def ars():
    return Currency.objects.get(code="ARS")


def pay(project, partner, value, *, type="4", currency=None, day=None, **kw):
    """A transaction of ``partner`` (a country code) in ``project``."""
    day = day or D(2024, 6, 3)
    participation = project.participations.get(country__code=partner)
    transaction = Transaction(
        project=project,
        participation=participation,
        type=type,
        date=day,
        value=Decimal(value),
        currency=currency or usd(),
        value_date=day,
        **kw,
    )
    transaction.full_clean()
    transaction.save()
    return transaction


def mission(project, *, end=None, currency=None, happened=True, **cost):
    """A mission ending on ``end``; one that ``happened`` has its actual dates,
    else only planned ones."""
    end = end or D(2024, 5, 10)
    start = end - datetime.timedelta(days=4)
    actual = {"actual_start": start, "actual_end": end} if happened else {}
    return Mission.objects.create(
        project=project,
        country=Country.objects.get(code="PY"),
        planned_start=start,
        planned_end=end,
        currency=currency or usd(),
        **actual,
        **cost,
    )


def sharing(project):
    project.refresh_from_db()
    return costs.cost_sharing(
        project.participations.select_related("country", "currency"),
        project.transactions.select_related("currency"),
        project.missions.select_related("currency"),
    )


def amounts_of(found, code):
    """{currency code: Amounts} of the partner with country ``code``."""
    partner = next(p for p in found if p.participation.country.code == code)
    return {currency.code: amounts for currency, amounts in partner.currencies}


def test_executed_cost_is_per_partner_currency_and_cash_or_in_kind(make_project):
    project = make_project()  # Argentina budgets 50 000 USD; Paraguay nothing
    paraguay = project.participations.get(country__code="PY")
    paraguay.in_kind_amount, paraguay.currency = Decimal(8000), usd()
    paraguay.save()
    pay(project, "AR", "12000.50", type="3")
    pay(project, "AR", "1000", currency=ars())
    pay(project, "AR", "999", type="2")  # a commitment is not executed
    pay(project, "PY", "3000", in_kind=True)
    found = sharing(project)
    argentina = amounts_of(found, "AR")
    assert set(argentina) == {"ARS", "USD"}  # never added up across currencies
    assert argentina["USD"].budgeted_cash == Decimal(50000)
    assert argentina["USD"].executed_cash == Decimal("12000.50")
    assert argentina["USD"].executed_in_kind is None
    assert argentina["USD"].share == Decimal("24.0")
    assert argentina["ARS"].executed_cash == Decimal(1000)
    assert argentina["ARS"].budgeted is None
    assert argentina["ARS"].share is None
    paraguay = amounts_of(found, "PY")["USD"]
    assert paraguay.budgeted_in_kind == Decimal(8000)
    assert paraguay.executed_in_kind == Decimal(3000)
    assert paraguay.executed_cash is None
    assert paraguay.share == Decimal("37.5")


def test_mission_costs_are_argentine_expenditure_in_the_year_the_mission_ended(
    make_project,
):
    project = make_project()
    mission(project, end=D(2023, 12, 30), cost_tickets=Decimal(1500))
    mission(
        project,
        end=D(2024, 1, 2),  # began in 2023: counts in 2024
        cost_tickets=Decimal(1000),
        cost_per_diems=Decimal(400),
        cost_other=Decimal("50.25"),
    )
    mission(project, end=D(2024, 3, 1), currency=ars(), cost_per_diems=Decimal(9000))
    future = timezone.localdate() + datetime.timedelta(days=30)
    mission(project, end=future, cost_tickets=Decimal(777), happened=False)
    mission(project, end=D(2024, 4, 1))  # no costs
    pay(project, "AR", "100", day=D(2024, 2, 1))
    argentina = next(
        p for p in sharing(project) if p.participation.country.code == "AR"
    )
    assert argentina.includes_missions
    totals = {currency.code: amounts for currency, amounts in argentina.currencies}
    assert totals["USD"].executed_cash == Decimal("3050.25")
    assert totals["ARS"].executed_cash == Decimal(9000)
    years = {(year, c.code): a.executed_cash for year, c, a in argentina.years}
    assert years == {
        (2023, "USD"): Decimal(1500),
        (2024, "USD"): Decimal("1550.25"),
        (2024, "ARS"): Decimal(9000),
    }
    assert all(
        not p.includes_missions
        for p in sharing(project)
        if p.participation.country.code != "AR"
    )


def test_a_mission_with_only_planned_dates_in_the_past_is_not_counted(
    make_project,
):
    """It may have been postponed or cancelled: nothing says it happened."""
    project = make_project()
    mission(project, end=D(2023, 3, 10), cost_tickets=Decimal(500), happened=False)
    pay(project, "AR", "100")
    projects = Project.objects.filter(pk=project.pk)
    argentina = amounts_of(sharing(project), "AR")["USD"]
    assert argentina.executed_cash == Decimal(100)
    assert not any(p.includes_missions for p in sharing(project))
    assert costs.executed_totals(projects)[usd().pk].executed_cash == Decimal(100)
    assert [
        amounts.executed_cash
        for _, amounts in costs.executed_by_currency(
            project.transactions.select_related("currency"),
            project.missions.select_related("currency"),
        )
    ] == [Decimal(100)]
    # Once its actual dates are recorded, it counts in the year it really ended.
    project.missions.update(actual_start=D(2023, 4, 3), actual_end=D(2023, 4, 7))
    argentina = next(p for p in sharing(project) if p.participation)
    assert argentina.includes_missions
    years = {(year, c.code): a.executed_cash for year, c, a in argentina.years}
    assert years[(2023, "USD")] == Decimal(500)
    assert costs.executed_totals(projects)[usd().pk].executed_cash == Decimal(600)


def test_mission_costs_without_argentina_among_the_partners_stand_apart(
    make_project,
):
    project = make_project(partners=[("PY", "recipient"), ("UY", "provider")])
    mission(project, cost_tickets=Decimal(200))
    found = sharing(project)
    assert [p.participation.country.code for p in found[:-1]] == ["PY"]  # budgeted
    assert found[-1].participation is None
    assert found[-1].includes_missions
    assert found[-1].currencies[0][1].executed_cash == Decimal(200)


def test_the_aggregates_agree_with_the_rows_in_two_queries(
    make_project, django_assert_num_queries
):
    project = make_project()
    pay(project, "AR", "100")
    pay(project, "PY", "40", in_kind=True)
    mission(project, cost_tickets=Decimal(60), cost_per_diems=Decimal(5))
    with django_assert_num_queries(2):
        totals = costs.executed_totals(
            project._meta.model.objects.filter(pk=project.pk)
        )
    assert totals[usd().pk].executed_cash == Decimal(165)
    assert totals[usd().pk].executed_in_kind == Decimal(40)


# The pages


def test_the_project_page_shows_cost_sharing_and_transactions(client, make_project):
    project = make_project()
    pay(project, "AR", "12000", type="3", description_es="Primer desembolso")
    pay(project, "PY", "3000", in_kind=True, description_es="Horas de técnicos")
    mission(project, cost_tickets=Decimal(1500))
    with translation.override("en"):
        text = client.get(project.get_absolute_url()).text
    assert "Budgeted and executed cost per partner" in text
    table = text[
        text.index('id="cost-sharing-table"') : text.index(
            "</table>", text.index('id="cost-sharing-table"')
        )
    ]
    assert "50,000" in table
    assert "13,500" in table
    assert "27 %" in table  # 13 500 of 50 000
    assert "includes the technical missions paid by FO.AR" in table
    assert "Transactions" in text
    assert "Primer desembolso" in text
    assert "in kind" in text
    assert text.index("Disbursement") < text.index("Horas de técnicos")


@pytest.mark.usefixtures("fresh_pages")
def test_the_project_page_costs_the_same_with_1_and_6_transactions(
    client, make_project, count_queries
):
    project = make_project()
    pay(project, "AR", "10")
    mission(project, cost_tickets=Decimal(1))
    one = count_queries(client, project.get_absolute_url())
    for value in range(5):
        pay(project, "PY", str(value + 1), currency=ars(), in_kind=bool(value % 2))
        mission(project, cost_per_diems=Decimal(value))
    assert client.get(project.get_absolute_url()).text.count("<tr>") > 6
    assert count_queries(client, project.get_absolute_url()) == one


def test_the_programme_page_shows_the_executed_share_per_currency(
    client,
    make_project,
    count_queries,
    programme,  # noqa: F811
):
    project = make_project(programme=programme)
    project.budgets.create(
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
        value=Decimal(20000),
        currency=usd(),
        value_date=D(2024, 1, 1),
    )
    pay(project, "AR", "4000")
    pay(project, "PY", "1000", in_kind=True)
    before = count_queries(client, programme.get_absolute_url())
    other = make_project(programme=programme)
    pay(other, "AR", "500", currency=ars())
    with translation.override("en"):
        text = client.get(programme.get_absolute_url()).text
    assert "Executed share of the budget" in text
    table = text[text.index('id="programme-execution-table"') :]
    assert "25 %" in table  # 5 000 of 20 000 USD
    assert "ARS" in table
    assert count_queries(client, programme.get_absolute_url()) == before


# Sample data


def test_sample_money_loads_once_and_fills_the_pages(client, references):
    out = io.StringIO()
    call_command("load_sample_projects", allow_production=True, stdout=out)
    assert "transactions and mission costs for 4" in out.getvalue()
    project = Project.objects.get(slug="extension-rural-algodon-chaco-paraguayo")
    assert project.is_sample
    assert project.transactions.count() == 5
    assert project.transactions.filter(in_kind=True).count() == 2
    assert all("(muestra)" in t.description_es for t in project.transactions.all())
    with translation.override("en"):
        text = client.get(project.get_absolute_url()).text
    assert "Budgeted and executed cost per partner" in text
    assert "includes the technical missions paid by FO.AR" in text
    again = io.StringIO()
    call_command("load_sample_projects", allow_production=True, stdout=again)
    assert "transactions and mission costs for 0" in again.getvalue()
    assert project.transactions.count() == 5
