"""Transactions and the missions' costs in the IATI file: schema order and
validity, the ruleset's transaction rules, aid types, and a fixed number of
queries."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from opendata.iati_rules import check_activity
from partners.models import Country
from projects.models import Currency, Mission, Transaction
from tests.opendata.test_exports import SCHEMA, csv_rows

pytestmark = pytest.mark.django_db

D = datetime.date


def download(client):
    response = client.get("/projects/iati.xml")
    assert response.status_code == 200
    return etree.parse(io.BytesIO(b"".join(response.streaming_content)))


def activity_of(document, project):
    return next(
        activity
        for activity in document.getroot().iterfind("iati-activity")
        if activity.findtext("iati-identifier").endswith(project.iati_identifier)
    )


def pay(project, partner, **fields):
    participation = project.participations.get(
        **(
            {"country__code": partner}
            if len(partner) == 2
            else {"organisation__slug": partner}
        )
    )
    values = {
        "project": project,
        "participation": participation,
        "type": Transaction.Type.DISBURSEMENT,
        "date": D(2024, 6, 3),
        "value": Decimal("12000"),
        "currency": Currency.objects.get(code="USD"),
        "value_date": D(2024, 6, 3),
    }
    item = Transaction(**values | fields)
    item.full_clean()
    item.save()
    return item


def mission(project, direction, end, happened=True, **fields):
    """A mission ending on ``end``: one that ``happened`` has its actual dates,
    else only planned ones."""
    start = end - datetime.timedelta(days=3)
    actual = {"actual_start": start, "actual_end": end} if happened else {}
    return Mission.objects.create(
        project=project,
        direction=direction,
        country=Country.objects.get(code="PY"),
        planned_start=start,
        planned_end=end,
        currency=Currency.objects.get(code="USD"),
        **actual,
        **fields,
    )


@pytest.fixture
def project_with_money(make_project):
    project = make_project(
        modality="triangular",
        partners=[
            ("AR", "first-provider"),
            ("jica", "second-provider"),
            ("PY", "recipient"),
        ],
    )
    project.budgets.create(
        period_start=D(2024, 3, 1),
        period_end=D(2025, 2, 28),
        value=Decimal(50000),
        currency=Currency.objects.get(code="USD"),
        value_date=D(2024, 3, 1),
    )
    pay(project, "AR", type="2", date=D(2024, 3, 1), value_date=D(2024, 3, 1))
    pay(project, "jica", description_es="Aporte de JICA", description_en="JICA's share")
    pay(
        project,
        "PY",
        type="4",
        in_kind=True,
        aid_type="D02",
        value=Decimal(3000),
        description_es="Horas de técnicos paraguayos",
    )
    mission(project, "outbound", D(2024, 5, 10), cost_tickets=Decimal(1850))
    mission(
        project,
        "inbound",
        D(2024, 9, 6),
        cost_per_diems=Decimal(900),
        cost_other=Decimal("120.50"),
    )
    mission(project, "virtual", D(2024, 10, 1), cost_other=Decimal(50))
    future = timezone.localdate() + datetime.timedelta(days=40)
    mission(project, "outbound", future, False, cost_tickets=Decimal(999))  # not yet
    # Planned to end long ago, but nothing says it happened (postponed, cancelled?).
    mission(project, "inbound", D(2024, 2, 9), False, cost_tickets=Decimal(444))
    mission(project, "outbound", D(2024, 11, 1))  # no costs
    return project


def test_transactions_are_schema_and_rules_valid_and_in_order(
    client, project_with_money, iati_schema
):
    document = download(client)
    assert iati_schema.validate(document), iati_schema.error_log
    activity = activity_of(document, project_with_money)
    assert check_activity(activity) == []
    tags = [child.tag for child in activity if isinstance(child.tag, str)]
    assert tags.index("budget") < tags.index("transaction")
    last = len(tags) - 1 - tags[::-1].index("transaction")
    assert "document-link" not in tags[: tags.index("transaction")]
    assert all(tag == "transaction" for tag in tags[tags.index("transaction") : last])
    transactions = activity.findall("transaction")
    assert len(transactions) == 3 + 3  # three rows, three missions with costs
    for element in transactions:
        assert [child.tag for child in element][:3] == [
            "transaction-type",
            "transaction-date",
            "value",
        ]


def test_each_transaction_says_who_provides_what(client, project_with_money):
    transactions = activity_of(download(client), project_with_money).findall(
        "transaction"
    )
    commitment, jica, paraguay = transactions[:3]
    assert commitment.find("transaction-type").get("code") == "2"
    provider = commitment.find("provider-org")
    assert provider.get("ref") == activity_of(
        download(client), project_with_money
    ).find("reporting-org").get("ref")
    assert jica.find("provider-org").findtext("narrative") is not None
    assert jica.findtext("description/narrative") == "Aporte de JICA"
    assert [n.text for n in jica.findall("description/narrative")][1] == "JICA's share"
    value = paraguay.find("value")
    assert (value.get("currency"), value.get("value-date"), value.text) == (
        "USD",
        "2024-06-03",
        "3000.00",
    )
    assert paraguay.findtext("description/narrative").startswith(
        "Aporte en especie valorizado"
    ) or paraguay.findtext("description/narrative").startswith(
        "Valued in-kind contribution"
    )
    assert paraguay.find("aid-type").attrib == {"code": "D02", "vocabulary": "1"}
    assert commitment.find("aid-type") is None


def test_missions_with_actual_dates_and_costs_are_argentine_expenditure(
    client, project_with_money
):
    missions = activity_of(download(client), project_with_money).findall("transaction")[
        3:
    ]
    assert [
        (
            element.find("transaction-type").get("code"),
            element.find("transaction-date").get("iso-date"),
            element.findtext("value"),
            element.find("aid-type").get("code"),
            element.find("aid-type").get("vocabulary"),
        )
        for element in missions
    ] == [
        ("4", "2024-05-10", "1850.00", "D01", "1"),
        ("4", "2024-09-06", "1020.50", "E01", "1"),
        ("4", "2024-10-01", "50.00", "D02", "1"),
    ]
    for element in missions:
        assert element.find("provider-org").findtext("narrative") == "Argentina"
        assert "FO.AR" in element.findtext("description/narrative")


def test_the_checker_finds_future_dates_and_two_dac_aid_types(
    client, project_with_money
):
    activity = activity_of(download(client), project_with_money)
    element = activity.find("transaction")
    element.find("transaction-date").set("iso-date", "2999-01-01")
    element.find("value").set("value-date", "2999-01-01")
    for _ in range(2):
        etree.SubElement(element, "aid-type", {"code": "D01", "vocabulary": "1"})
    etree.SubElement(element, "receiver-org")
    found = {(issue.rule, issue.severity) for issue in check_activity(activity)}
    assert found == {
        ("11.2.1", "error"),
        ("11.2.2", "error"),
        ("6.9.2", "error"),
        ("107.2.2", "warning"),
    }


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        download(client)
    return len(queries)


def test_the_download_queries_do_not_grow_with_transactions_and_missions(
    client, make_project
):
    project = make_project()
    pay(project, "AR")
    few = count_queries(client)
    for number in range(4):
        other = make_project()
        pay(other, "PY", in_kind=True)
        mission(other, "inbound", D(2024, 4, 1 + number), cost_tickets=Decimal(5))
    pay(project, "AR", type="4")
    assert count_queries(client) == few


# CSV and JSON


def test_csv_has_the_executed_cost_per_currency_cash_and_in_kind_apart(
    client, project_with_money
):
    rows = csv_rows(client.get("/en/projects/export.csv"))
    header, row = rows[0], rows[1]
    cash = row[header.index("Executed cost in cash (total per currency)")]
    in_kind = row[header.index("Executed cost in kind (total per currency)")]
    # 12 000 (JICA's disbursement) + 1 850 + 1 020.50 + 50 (missions); the
    # commitment is not executed; Paraguay's 3 000 in kind.
    assert cash == "USD 14920.50"
    assert in_kind == "USD 3000.00"


def test_json_has_transactions_and_cost_sharing_and_follows_its_schema(
    client, project_with_money
):
    import jsonschema

    argentina = project_with_money.participations.get(country__code="AR")
    argentina.in_kind_amount = Decimal(5000)
    argentina.save()
    schema = json.loads(SCHEMA.read_text())
    document = json.loads(
        b"".join(client.get("/projects/export.json").streaming_content)
    )
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(document)] == []
    (project,) = document["projects"]
    assert [t["type"]["code"] for t in project["transactions"]] == ["2", "3", "4"]
    assert project["transactions"][2]["in_kind"] is True
    assert project["transactions"][2]["partner"] == "PY"
    assert project["transactions"][2]["aid_type"]["code"] == "D02"
    sharing = {share["partner"]: share for share in project["cost_sharing"]}
    assert sharing["AR"]["includes_missions"] is True
    assert sharing["AR"]["currencies"] == [
        {
            "currency": "USD",
            "budgeted_cash": "50000.00",
            "budgeted_in_kind": "5000.00",
            "executed_cash": "2920.50",
            "executed_in_kind": None,
        }
    ]
    assert sharing["jica"]["years"] == [
        {
            "year": 2024,
            "currency": "USD",
            "executed_cash": "12000.00",
            "executed_in_kind": None,
        }
    ]
    assert project["participants"][0]["in_kind_contribution"] == {
        "value": "5000.00",
        "currency": "USD",
    }
    assert project["executed_totals"] == [
        {"currency": "USD", "executed_cash": "14920.50", "executed_in_kind": "3000.00"}
    ]


def test_mission_costs_are_argentinas_on_the_page_and_in_iati_without_argentina(
    client, make_project
):
    """Argentina itself is not a partner, an Argentine organisation is: FO.AR's
    mission costs are Argentina's in both, never the organisation's."""
    from projects import costs

    project = make_project(partners=[("inta", "provider"), ("PY", "recipient")])
    mission(project, "outbound", D(2024, 5, 10), cost_tickets=Decimal(700))
    shares = costs.cost_sharing(
        project.participations.select_related("country", "organisation__country"),
        [],
        project.missions.select_related("currency"),
    )
    (fo_ar,) = [share for share in shares if share.includes_missions]
    assert fo_ar.participation is None  # "Argentina (FO.AR)", not INTA
    activity = activity_of(download(client), project)
    (element,) = activity.findall("transaction")
    provider = element.find("provider-org")
    assert provider.get("ref") == activity.find("reporting-org").get("ref")
    assert provider.findtext("narrative") == "Argentina"
    with_argentina = make_project()
    mission(with_argentina, "outbound", D(2024, 5, 10), cost_tickets=Decimal(700))
    argentina = with_argentina.participations.get(country__code="AR")
    assert costs.mission_payer(with_argentina.participations.all()) == argentina
    (element,) = activity_of(download(client), with_argentina).findall("transaction")
    assert element.find("provider-org").attrib == provider.attrib
