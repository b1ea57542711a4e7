"""DGCIN's IATI organisation file (``iati-organisations`` 2.03): who DGCIN is,
its budget per year and per recipient country, and the documents it publishes.

- organisation-identifier and reporting-org: ``settings.DGCIN_IATI_ORG_REF``, type
  10 (government), named as the activity files name it; the file carries the same
  notices (sample data, provisional identifier) as comments before the root;
- total-budget: per calendar year, the budget lines of the projects in the
  activity files, each in the year its period starts (as the statistics page
  counts them, ``projects.costs.budgeted_by_year``). **One total-budget per year
  and currency.** An amount is never converted and ARS is never added to USD: the
  schema allows any number of total-budget elements and no rule of the IATI
  ruleset forbids two for the same period, while a single one per year would
  need a conversion at some rate. Each value names its currency, so a reader can
  tell them apart; ``default-currency`` is the currency most lines are in;
- recipient-country-budget: per partner country, year and currency, each line
  shared among the project's recipient countries by the percentages its activity
  gives them (``iati.recipient_countries``, ``iati.shares``), in cents that add
  up to the line. Only countries: never a province, and never FK, GS or AQ
  (Argentine territory, ``partners.models.ARGENTINE_TERRITORY_CODES``);
- status: committed (2) when every line of the sum is committed, else indicative;
- document-link: DGCIN's page on the portal, the IATI page and each activity
  file. IATI has no category for a data file: B16 (Organisation web page) is the
  nearest of the organisation documents' categories.

``check_organisation`` applies the rules of the IATI Standard ruleset that cover
organisation files (``rules/standard.json``, ``/iati-organisations/...``), except
1.18.8, which needs the IATI Registry's list of agency prefixes.
"""

import datetime
import functools
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from partners.models import ARGENTINE_TERRITORY_CODES
from projects.models.money import one_year_after

from .formatting import LANGUAGES
from .iati import (
    DEFAULT_LANGUAGE,
    GOVERNMENT,
    IATI_VERSION,
    XML_LANG,
    Issue,
    add_narratives,
    iso_datetime,
    recipient_countries,
    shares,
    sub,
)
from .iati_rules import IDENTIFIER_SYMBOLS

ORG_SCHEMA_FILE = "iati-organisations-schema.xsd"
INDICATIVE, COMMITTED = "1", "2"
WEB_PAGE = "B16"
CENT = Decimal("0.01")

ORG_RULES = {
    "11.4.1": (
        "error",
        "The last updated datetime of the organisation must not be in the future.",
    ),
    "4.5.1": (
        "error",
        "The organisation should specify a default language, or the language "
        "should be specified for each narrative element.",
    ),
    "7.8.2": (
        "error",
        "The financial value must have a specified currency, or the organisation "
        "must declare a default currency.",
    ),
    "1.12.1": (
        "warning",
        "The organisation-identifier should not start or end with spaces or newlines.",
    ),
    "1.12.13": (
        "warning",
        "The organisation-identifier must not contain any of the symbols /, &, | or ?.",
    ),
    "1.18.1": (
        "warning",
        "The reporting-org identifier should not start or end with spaces or newlines.",
    ),
    "1.18.13": (
        "warning",
        "The reporting-org identifier must not contain any of the symbols /, &, | "
        "or ?.",
    ),
    "8.6.3": (
        "error",
        "The start of the period must be before the end of the period.",
    ),
    "7.5.3": ("error", "Budget Period must not be longer than one year."),
    "4.3.1": ("error", "The title must contain narrative content."),
}


class Budgets:
    """The budget lines of the projects written to the activity files, summed by
    year and currency, and by recipient country, year and currency."""

    def __init__(self):
        self.totals = {}  # (year, currency): [Decimal, all committed]
        self.countries = {}  # (country, year, currency): [Decimal, all committed]
        self.currencies = Counter()

    @staticmethod
    def _add(table, key, value, committed):
        entry = table.setdefault(key, [Decimal(0), True])
        entry[0] += value
        entry[1] = entry[1] and committed

    def add(self, project):
        countries = [
            code
            for code in recipient_countries(project)
            if code not in ARGENTINE_TERRITORY_CODES
        ]
        for budget in project.contents.budgets:
            year, currency = budget.period_start.year, budget.currency.code
            committed = budget.status == COMMITTED
            self.currencies[currency] += 1
            self._add(self.totals, (year, currency), budget.value, committed)
            for code, part in zip(
                countries, split(budget.value, countries), strict=True
            ):
                self._add(self.countries, (code, year, currency), part, committed)

    def default_currency(self):
        if not self.currencies:
            return "USD"
        return min(self.currencies, key=lambda code: (-self.currencies[code], code))


def split(value, countries):
    """``value`` shared among ``countries`` by the activity's percentages, in
    cents that add up to ``value``."""
    if not countries:
        return []
    cents = int((value / CENT).to_integral_value())
    parts = [int(cents * share / 100) for share in shares(len(countries))]
    parts[0] += cents - sum(parts)
    return [Decimal(part) * CENT for part in parts]


def add_budget(parent, tag, year, currency, value, committed, country=None):
    element = sub(parent, tag, {"status": COMMITTED if committed else INDICATIVE})
    if country:
        sub(element, "recipient-country", {"code": country})
    start = datetime.date(year, 1, 1)
    sub(element, "period-start", {"iso-date": start.isoformat()})
    sub(element, "period-end", {"iso-date": datetime.date(year, 12, 31).isoformat()})
    sub(
        element,
        "value",
        {"currency": currency, "value-date": start.isoformat()},
        text=f"{value:.2f}",
    )


def build_organisation(context, budgets, links, last_updated):
    """The ``iati-organisation`` element. ``links`` are (url, format, titles by
    language) of the documents DGCIN publishes."""
    reference = settings.DGCIN_IATI_ORG_REF
    organisation = etree.Element(
        "iati-organisation",
        {
            "last-updated-datetime": iso_datetime(last_updated),
            XML_LANG: DEFAULT_LANGUAGE,
            "default-currency": budgets.default_currency(),
        },
    )
    sub(organisation, "organisation-identifier", text=reference)
    names = context.reporting_names or {"es": reference}
    add_narratives(sub(organisation, "name"), names)
    reporting = sub(
        organisation, "reporting-org", {"ref": reference, "type": GOVERNMENT}
    )
    add_narratives(reporting, names)
    for (year, currency), (value, committed) in sorted(budgets.totals.items()):
        add_budget(organisation, "total-budget", year, currency, value, committed)
    for (code, year, currency), (value, committed) in sorted(budgets.countries.items()):
        add_budget(
            organisation,
            "recipient-country-budget",
            year,
            currency,
            value,
            committed,
            country=code,
        )
    for url, media_type, titles in links:
        link = sub(organisation, "document-link", {"url": url, "format": media_type})
        add_narratives(sub(link, "title"), titles)
        sub(link, "category", {"code": WEB_PAGE})
        for language in LANGUAGES:
            if titles.get(language):
                sub(link, "language", {"code": language})
    return organisation


def document(organisation, generated, comments=""):
    """The organisation file's text: declaration, notices, root and
    ``organisation``."""
    root = etree.Element(
        "iati-organisations",
        {
            "version": IATI_VERSION,
            "generated-datetime": iso_datetime(generated),
            XML_LANG: DEFAULT_LANGUAGE,
        },
    )
    root.append(organisation)
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode")
    root.remove(organisation)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{comments}{body}\n'


# Checking ------------------------------------------------------------------------


# The official organisation schema, kept in the repository (opendata/schemas/
# README.md): the shared IATI folder has only the activity schema and common files.
ORG_SCHEMA = Path(__file__).resolve().parent / "schemas" / ORG_SCHEMA_FILE


@functools.cache
def load_org_schema(directory):
    """The IATI organisation schema, its includes resolved in ``directory`` (the
    IATI schema folder), or None when that folder lacks them."""
    directory = Path(directory)
    if not (directory / "iati-common.xsd").is_file():
        return None
    document = etree.parse(str(ORG_SCHEMA), base_url=f"{directory.as_uri()}/")
    return etree.XMLSchema(document)


def org_schema_errors(schema, root):
    if schema.validate(root):
        return []
    return [Issue("schema", "error", error.message) for error in schema.error_log]


def check_organisation(organisation, now=None):
    """[Issue] for the organisation rules ``organisation`` breaks."""
    now = now or timezone.now()
    issues = []

    def fail(rule, detail=""):
        severity, message = ORG_RULES[rule]
        issues.append(Issue(rule, severity, f"{message} {detail}".strip()))

    updated = organisation.get("last-updated-datetime")
    if updated and datetime.datetime.fromisoformat(updated) > now:
        fail("11.4.1")
    if not organisation.get(XML_LANG) and any(
        narrative.get(XML_LANG) is None for narrative in organisation.iter("narrative")
    ):
        fail("4.5.1")
    if not organisation.get("default-currency") and any(
        not value.get("currency") for value in organisation.iter("value")
    ):
        fail("7.8.2")
    reporting = organisation.find("reporting-org")
    for spaces, symbols, value in (
        ("1.12.1", "1.12.13", organisation.findtext("organisation-identifier") or ""),
        (
            "1.18.1",
            "1.18.13",
            reporting.get("ref", "") if reporting is not None else "",
        ),
    ):
        if value != value.strip():
            fail(spaces)
        if IDENTIFIER_SYMBOLS.search(value):
            fail(symbols, f"({value})")
    for budget in organisation.iterchildren(
        "total-budget", "recipient-country-budget", "recipient-org-budget"
    ):
        start = datetime.date.fromisoformat(budget.find("period-start").get("iso-date"))
        end = datetime.date.fromisoformat(budget.find("period-end").get("iso-date"))
        if start >= end:
            fail("8.6.3")
        if end > one_year_after(start):
            fail("7.5.3")
    for title in organisation.iter("title"):
        if not any((text or "").strip() for text in title.xpath("narrative/text()")):
            fail("4.3.1")
    return issues
