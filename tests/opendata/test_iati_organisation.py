"""DGCIN's IATI organisation file (/iati/organisation.xml): schema-valid, its
budgets per year and currency and per recipient country, its links and notices."""

from decimal import Decimal

import pytest
from lxml import etree

from opendata.iati_org import check_organisation, split
from partners.models import Country

from .iati_helpers import BASE_URL, add_budget, parse, publish, read

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def budgets(make_project):
    """A project with Paraguay in 2024 and 2025 (USD) and in 2024 (ARS), one with
    Bolivia and Chile in 2024 (USD, committed), one not published."""
    paraguay = make_project()
    add_budget(paraguay, 2024, 1000)
    add_budget(paraguay, 2025, 500, month=1)
    add_budget(paraguay, 2024, 300000, currency="ARS")
    shared = make_project(
        partners=[("AR", "provider"), ("BO", "recipient"), ("CL", "recipient")]
    )
    add_budget(shared, 2024, Decimal("100.01"), status="2")
    draft = make_project(publication="draft")
    add_budget(draft, 2024, 7777)
    return paraguay, shared


def organisation(index):
    return parse(index, "organisation.xml").find("iati-organisation")


def amounts(element, tag):
    found = {}
    for budget in element.findall(tag):
        value = budget.find("value")
        country = budget.find("recipient-country")
        key = (
            *((country.get("code"),) if country is not None else ()),
            budget.find("period-start").get("iso-date")[:4],
            value.get("currency"),
        )
        assert key not in found
        found[key] = (Decimal(value.text), budget.get("status"))
        assert budget.find("period-start").get("iso-date").endswith("-01-01")
        assert budget.find("period-end").get("iso-date").endswith("-12-31")
        assert value.get("value-date") == budget.find("period-start").get("iso-date")
    return found


def test_the_file_is_valid_against_the_schema_and_the_rules(
    iati_dir, budgets, iati_org_schema
):
    index = publish()
    document = etree.fromstring(read(index, "organisation.xml"))
    assert iati_org_schema.validate(document), iati_org_schema.error_log
    assert document.get("version") == "2.03"
    assert document.get(XML_LANG) == "es"
    element = document.find("iati-organisation")
    assert element.get(XML_LANG) == "es"
    assert check_organisation(element) == []


def test_who_reports(iati_dir, budgets):
    element = organisation(publish())
    assert element.findtext("organisation-identifier") == "AR-DGCIN"
    reporting = element.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == ("AR-DGCIN", "10")
    names = {
        narrative.get(XML_LANG, "es"): narrative.text
        for narrative in element.findall("name/narrative")
    }
    assert set(names) == {"es", "en"}
    assert names["es"] != names["en"]
    # The same name the activity files give the reporting organisation.
    activity = parse(publish(), "activities-2024.xml").find("iati-activity")
    assert [n.text for n in activity.findall("reporting-org/narrative")] == [
        n.text for n in reporting.findall("narrative")
    ]


def test_total_budget_per_year_and_currency_never_converted(iati_dir, budgets):
    element = organisation(publish())
    assert amounts(element, "total-budget") == {
        ("2024", "USD"): (Decimal("1100.01"), "1"),  # one committed, one not
        ("2024", "ARS"): (Decimal("300000.00"), "1"),
        ("2025", "USD"): (Decimal("500.00"), "1"),
    }
    # USD is most of the lines.
    assert element.get("default-currency") == "USD"


def test_recipient_country_budgets_share_each_line(iati_dir, budgets):
    element = organisation(publish())
    assert amounts(element, "recipient-country-budget") == {
        ("PY", "2024", "USD"): (Decimal("1000.00"), "1"),
        ("PY", "2024", "ARS"): (Decimal("300000.00"), "1"),
        ("PY", "2025", "USD"): (Decimal("500.00"), "1"),
        ("BO", "2024", "USD"): (Decimal("50.01"), "2"),
        ("CL", "2024", "USD"): (Decimal("50.00"), "2"),
    }
    codes = {c.get("code") for c in element.iter("recipient-country")}
    assert not codes & {"AR-V", "FK", "GS", "AQ"}
    assert codes <= set(Country.objects.values_list("code", flat=True))


def test_split_gives_cents_that_add_up():
    parts = split(Decimal("100.00"), ["BO", "CL", "PE"])
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")
    assert split(Decimal(5), []) == []


def test_a_left_out_project_counts_in_no_budget(iati_dir, budgets, make_project):
    undated = make_project(planned_start=None, planned_end=None)
    add_budget(undated, 2024, 999)
    totals = amounts(organisation(publish()), "total-budget")
    assert totals["2024", "USD"][0] == Decimal("1100.01")


def test_document_links(iati_dir, budgets):
    index = publish()
    links = {
        link.get("url"): link for link in organisation(index).findall("document-link")
    }
    assert f"{BASE_URL}/about/" in links
    assert f"{BASE_URL}/iati/" in links
    for item in index["files"]:
        if item["kind"] == "activities":
            link = links[f"{BASE_URL}/iati/{item['name']}"]
            assert link.get("format") == "application/xml"
            assert link.find("category").get("code") == "B16"
            assert item["name"] in link.findtext("title/narrative")
            assert [lang.get("code") for lang in link.findall("language")] == [
                "es",
                "en",
            ]


def test_notices_before_the_root(iati_dir, budgets, make_project):
    make_project(is_sample=True)
    text = read(publish(), "organisation.xml").decode()
    head = text[: text.index("<iati-organisations")]
    assert "AR-DGCIN" in head  # the placeholder identifier
    assert "XE-EXAMPLE" in head  # sample data


def test_a_budget_change_changes_the_file_and_its_last_update(iati_dir, budgets):
    paraguay, _shared = budgets
    first = publish()
    before = organisation(first).get("last-updated-datetime")
    add_budget(paraguay, 2026, 10, month=1)
    second = publish()
    entry = next(i for i in second["files"] if i["name"] == "organisation.xml")
    assert entry["modified"] == second["started"]
    assert organisation(second).get("last-updated-datetime") >= before
    assert ("2026", "USD") in amounts(organisation(second), "total-budget")


def test_the_rules_find_what_they_cover():
    element = etree.fromstring(
        """<iati-organisation last-updated-datetime="2999-01-01T00:00:00Z">
          <organisation-identifier> AR/X</organisation-identifier>
          <name><narrative>DGCIN</narrative></name>
          <reporting-org ref="AR/X " type="10"><narrative>D</narrative></reporting-org>
          <total-budget>
            <period-start iso-date="2024-01-01"/><period-end iso-date="2025-06-30"/>
            <value value-date="2024-01-01">1</value>
          </total-budget>
          <document-link url="https://x" format="text/html">
            <title><narrative> </narrative></title><category code="B16"/>
          </document-link>
        </iati-organisation>"""
    )
    assert {issue.rule for issue in check_organisation(element)} == {
        "11.4.1",
        "4.5.1",
        "7.8.2",
        "1.12.1",
        "1.12.13",
        "1.18.1",
        "1.18.13",
        "7.5.3",
        "4.3.1",
    }
