"""The activity rules of IATI's Standard ruleset that the portal's data could break,
checked on the ``iati-activity`` elements ``projects.iati`` writes.

Each rule keeps the id, severity and message it has in the ruleset
(``rules/standard.json``), so that a report reads like the IATI Validator's. Left
out: rules on elements the portal never writes (aid types other than vocabulary 1,
country budget items, result references); policy markers are checked in
``iati_fields`` and those that need the IATI
Registry's lists of organisation identifiers (1.14.8 and the ``idCondition``
variants).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from . import iati_fields
from .formatting import decimal_text
from .iati import QUALITATIVE, XML_LANG, Issue, clean
from .iati_transactions import transaction_issues

RULES = {
    "1.1.3": (
        "error",
        "The activity identifier must be different to the organisation identifier "
        "of the reporting organisation.",
    ),
    "1.1.21": (
        "warning",
        "The activity identifier should begin with your IATI organisation identifier "
        "(either the current IATI Organisation identifier for the reporting "
        "organisation or a previous version included in other-identifier element) "
        "followed by a unique string for the activity separated by a hyphen",
    ),
    "1.3.1": (
        "warning",
        "The iati-identifier should not start or end with spaces or newlines.",
    ),
    "1.3.13": (
        "warning",
        "The iati-identifier must not contain any of the symbols /, &, | or ?.",
    ),
    "1.14.1": (
        "warning",
        "The reporting-org identifier should not start or end with spaces or newlines.",
    ),
    "1.14.13": (
        "warning",
        "The reporting-org identifier must not contain any of the symbols /, &, | or "
        "?.",
    ),
    "1.8.1": (
        "warning",
        "The participating-org identifier should not start or end with spaces or "
        "newlines.",
    ),
    "1.8.13": (
        "warning",
        "The receiver-org identifier must not contain any of the symbols /, &, | or ?.",
    ),
    "1.6.1": (
        "warning",
        "The previous activity identifier should not start or end with spaces or "
        "newlines.",
    ),
    "1.7.1": (
        "warning",
        "The related activity identifier should not start or end with spaces or "
        "newlines.",
    ),
    "6.10.1": (
        "error",
        "The participating organisation must have an identifier or a narrative.",
    ),
    "6.8.1": (
        "error",
        "The owner organisation must have an identifier or a narrative.",
    ),
    "1.11.1": (
        "warning",
        "The owner organisation identifier should not start or end with spaces or "
        "newlines.",
    ),
    "6.11.1": (
        "error",
        "The activity must have a planned start date or an actual start date.",
    ),
    "6.2.2": (
        "error",
        "Each activity must have a specified sector, either at activity level OR for "
        "all transactions.",
    ),
    "4.1.1": (
        "error",
        "The activity should specify a default language OR the language must be "
        "specified for each narrative element.",
    ),
    "7.8.1": (
        "error",
        "The activity should specify a default currency OR the currency must be "
        "specified for each monetary value.",
    ),
    "11.1.1": (
        "error",
        "The last updated datetime of the activity must not be in the future.",
    ),
    "11.1.2": (
        "error",
        "The planned start date of the activity must be before the planned end date.",
    ),
    "11.1.3": (
        "error",
        "The actual start date of the activity must be before the actual end date.",
    ),
    "11.1.4": (
        "error",
        "The actual start date of the activity must not be in the future.",
    ),
    "11.1.5": (
        "error",
        "The actual end date of the activity must not be in the future.",
    ),
    "2.1.1": (
        "error",
        "When multiple sectors, within a vocabulary (e.g. 1 - OECD DAC) are declared, "
        "each must have a percentage.",
    ),
    "2.1.2": (
        "error",
        "Percentage values for sectors, within a vocabulary (e.g. 1 - OECD DAC), must "
        "add up to 100%.",
    ),
    "2.1.4": (
        "error",
        "When a single sector is declared, the percentage must either be omitted, or "
        "set to 100.",
    ),
    "12.3.1": (
        "error",
        "The sector percentage value must be between 0.0 and 100.0 (inclusive).",
    ),
    "3.7.1": (
        "error",
        "Recipient country or recipient region should be declared for either the "
        "activity or for all transactions.",
    ),
    "3.1.1": (
        "error",
        "When multiple recipient countries are declared, each must have a percentage.",
    ),
    "3.1.2": (
        "error",
        "Percentage values for recipient countries, must add up to 100%.",
    ),
    "3.1.4": (
        "error",
        "When a single recipient country is declared, the percentage must either be "
        "omitted, or set to 100.",
    ),
    "3.4.1": (
        "error",
        "When multiple recipient countries or regions are declared, each must have a "
        "percentage.",
    ),
    "3.4.2": (
        "error",
        "Percentage values for recipient countries or regions, must add up to 100%.",
    ),
    "3.4.4": (
        "error",
        "When a single recipient region in a vocabulary is declared, the percentage "
        "must either be omitted, or set to 100.",
    ),
    "12.1.1": (
        "error",
        "The country/region percentage value must be between 0.0 and 100.0 "
        "(inclusive).",
    ),
    "8.6.3": (
        "error",
        "The start of the period must be before the end of the period.",
    ),
    "7.5.3": ("error", "Budget Period must not be longer than one year."),
    "8.6.1": (
        "error",
        "The start date of the indicator period must be before the end date of the "
        "indicator period.",
    ),
    "8.8.1": (
        "error",
        "The baseline must have a value when the indicator measure is non-qualitative "
        "(e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.8.2": (
        "warning",
        "The baseline value should be a valid number for all non-qualitative measures "
        "(e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.8.3": (
        "warning",
        "The baseline value should be omitted for qualitative measures.",
    ),
    "8.9.1": (
        "error",
        "The target must have a value when indicator measure is non-qualitative (e.g. "
        "1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.9.2": (
        "warning",
        "The target value should be a valid number for all non-qualitative measures "
        "(e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.9.3": (
        "warning",
        "The target value should be omitted for qualitative measures.",
    ),
    "8.10.1": (
        "error",
        "The actual must have a value when the indicator measure is non-qualitative "
        "(e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.10.2": (
        "warning",
        "The actual value should be a valid number for all non-qualitative indicator "
        "measures (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).",
    ),
    "8.10.3": (
        "warning",
        "The actual value should be omitted for qualitative indicator measures.",
    ),
    "4.3.1": ("error", "The title must contain narrative content."),
    "4.4.1": ("error", "The description must contain narrative content."),
}
IDENTIFIER_SYMBOLS = re.compile(r"[/&|?]")


def parse_date(text):
    try:
        return datetime.date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def parse_decimal(text):
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def is_number(text):
    value = parse_decimal(text)
    return value is not None and value.is_finite()


class _Checker:
    def __init__(self, activity, now):
        self.activity = activity
        self.now = now
        self.today = timezone.localdate(now)
        self.issues = []

    def fail(self, rule, detail=""):
        severity, message = RULES[rule]
        self.issues.append(Issue(rule, severity, f"{message} {detail}".strip()))

    def first_date(self, path):
        element = self.activity.find(path)
        return None if element is None else parse_date(element.get("iso-date"))

    def run(self):
        self.identifiers()
        self.dates()
        self.classifications()
        self.geography()
        self.money()
        self.results()
        self.texts()
        self.issues += iati_fields.check(self.activity)
        return self.issues

    def identifiers(self):
        activity = self.activity
        identifier = activity.findtext("iati-identifier") or ""
        reporting = activity.find("reporting-org")
        ref = reporting.get("ref", "") if reporting is not None else ""
        if identifier and identifier == ref:
            self.fail("1.1.3")
        prefixes = [ref] + [
            other.get("ref", "")
            for other in activity.findall("other-identifier[@type='B1']")
        ]
        if not any(identifier.startswith(f"{prefix}-") for prefix in prefixes):
            self.fail("1.1.21", f"({identifier})")
        for rule_spaces, rule_symbols, value in (
            ("1.3.1", "1.3.13", identifier),
            ("1.14.1", "1.14.13", ref),
        ):
            if value != value.strip():
                self.fail(rule_spaces)
            if IDENTIFIER_SYMBOLS.search(value):
                self.fail(rule_symbols, f"({value})")
        for org in activity.findall("participating-org"):
            org_ref = org.get("ref")
            if org_ref is None and org.find("narrative") is None:
                self.fail("6.10.1")
            if org_ref is not None:
                if org_ref != org_ref.strip():
                    self.fail("1.8.1", f"({org_ref})")
                if IDENTIFIER_SYMBOLS.search(org_ref):
                    self.fail("1.8.13", f"({org_ref})")
        for previous in activity.findall("other-identifier[@type='A3']"):
            if previous.get("ref", "") != previous.get("ref", "").strip():
                self.fail("1.6.1")
        for related in activity.findall("related-activity"):
            related_ref = related.get("ref", "")
            if related_ref != related_ref.strip():
                self.fail("1.7.1", f"({related_ref.strip()})")
        for owner in activity.findall("other-identifier/owner-org"):
            owner_ref = owner.get("ref")
            if owner_ref is None and owner.find("narrative") is None:
                self.fail("6.8.1")
            if owner_ref is not None and owner_ref != owner_ref.strip():
                self.fail("1.11.1")

    def dates(self):
        activity = self.activity
        if activity.find("activity-date[@type='1']") is None and (
            activity.find("activity-date[@type='2']") is None
        ):
            self.fail("6.11.1")
        updated = activity.get("last-updated-datetime")
        if updated:
            try:
                moment = datetime.datetime.fromisoformat(updated)
            except ValueError:
                moment = None
            if moment and moment.tzinfo and moment > self.now:
                self.fail("11.1.1", f"({updated})")
        planned_start = self.first_date("activity-date[@type='1']")
        actual_start = self.first_date("activity-date[@type='2']")
        planned_end = self.first_date("activity-date[@type='3']")
        actual_end = self.first_date("activity-date[@type='4']")
        if planned_start and planned_end and planned_start > planned_end:
            self.fail("11.1.2", f"({planned_start} > {planned_end})")
        if actual_start and actual_end and actual_start > actual_end:
            self.fail("11.1.3", f"({actual_start} > {actual_end})")
        if actual_start and actual_start > self.today:
            self.fail("11.1.4", f"({actual_start})")
        if actual_end and actual_end > self.today:
            self.fail("11.1.5", f"({actual_end})")

    def classifications(self):
        sectors = self.activity.findall("sector")
        if not sectors and self.activity.find("transaction/sector") is None:
            self.fail("6.2.2")
        by_vocabulary = {}
        for sector in sectors:
            vocabulary = sector.get("vocabulary") or "1"
            by_vocabulary.setdefault(vocabulary, []).append(sector)
            percentage = parse_decimal(sector.get("percentage"))
            if percentage is not None and not 0 <= percentage <= 100:
                self.fail("12.3.1", f"({sector.get('code')}: {percentage})")
        for vocabulary, group in by_vocabulary.items():
            self.percentages(
                group,
                many=("2.1.1", "2.1.2"),
                single="2.1.4",
                detail=f"(vocabulary {vocabulary})",
            )

    def percentages(self, elements, many, single, detail, extra=()):
        """Each of several elements has a percentage and they add up to 100; a
        single one has none or 100."""
        every = [*elements, *extra]
        given = [parse_decimal(e.get("percentage")) for e in every]
        if len(every) > 1:
            if any(value is None for value in given) and many[0]:
                self.fail(many[0], detail)
            total = sum(value for value in given if value is not None)
            if total != 100 and any(value is not None for value in given):
                self.fail(many[1], f"{detail} The sum is {decimal_text(total)}.")
        elif len(every) == 1 and given[0] is not None and given[0] != 100:
            self.fail(single, detail)

    def geography(self):
        activity = self.activity
        countries = activity.findall("recipient-country")
        regions = activity.findall("recipient-region")
        in_transactions = activity.find(
            "transaction/recipient-country"
        ) is not None or (activity.find("transaction/recipient-region") is not None)
        if not (countries or regions or in_transactions):
            self.fail("3.7.1")
        for element in [*countries, *regions]:
            percentage = parse_decimal(element.get("percentage"))
            if percentage is not None and not 0 <= percentage <= 100:
                self.fail("12.1.1", f"({element.get('code')}: {percentage})")
        if not regions:
            self.percentages(
                countries, many=("3.1.1", "3.1.2"), single="3.1.4", detail=""
            )
            return
        by_vocabulary = {}
        for region in regions:
            if region.get("vocabulary"):
                by_vocabulary.setdefault(region.get("vocabulary"), []).append(region)
        for vocabulary, group in by_vocabulary.items():
            detail = f"(region vocabulary {vocabulary})"
            given = [parse_decimal(region.get("percentage")) for region in group]
            if len(group) > 1 and any(value is None for value in given):
                self.fail("3.4.1", detail)
            if len(group) == 1 and not countries and given[0] not in (None, 100):
                self.fail("3.4.4", detail)
            if len(group) + len(countries) > 1:
                self.percentages(
                    group,
                    many=(None, "3.4.2"),
                    single="",
                    detail=detail,
                    extra=countries,
                )

    def money(self):
        activity = self.activity
        if not activity.get("default-currency"):
            for tag in ("value", "forecast", "loan-status"):
                if any(e.get("currency") is None for e in activity.iter(tag)):
                    self.fail("7.8.1")
                    break
        for budget in activity.findall("budget"):
            start = self.first_date_of(budget, "period-start")
            end = self.first_date_of(budget, "period-end")
            if start and end:
                if start > end:
                    self.fail("8.6.3", f"(budget {start} to {end})")
                elif (end - start).days > 365:
                    self.fail("7.5.3", f"(budget {start} to {end})")

    @staticmethod
    def first_date_of(element, tag):
        child = element.find(tag)
        return None if child is None else parse_date(child.get("iso-date"))

    def results(self):
        for indicator in self.activity.iterfind("result/indicator"):
            quantitative = indicator.get("measure") in ("1", "2", "3", "4")
            qualitative = indicator.get("measure") == QUALITATIVE
            title = clean(indicator.findtext("title/narrative"))
            detail = f"(indicator “{title}”)"
            checks = [("baseline", "8.8")] + [
                (f"period/{tag}", rule)
                for tag, rule in (("target", "8.9"), ("actual", "8.10"))
            ]
            for path, rule in checks:
                for element in indicator.iterfind(path):
                    value = element.get("value")
                    if quantitative and value is None:
                        self.fail(f"{rule}.1", detail)
                    if quantitative and value is not None and not is_number(value):
                        self.fail(f"{rule}.2", detail)
                    if qualitative and value is not None:
                        self.fail(f"{rule}.3", detail)
            for period in indicator.iterfind("period"):
                start = self.first_date_of(period, "period-start")
                end = self.first_date_of(period, "period-end")
                if start and end and start > end:
                    self.fail("8.6.1", detail)

    def texts(self):
        for tag, rule in (("title", "4.3.1"), ("description", "4.4.1")):
            for element in self.activity.iter(tag):
                if not any(
                    (narrative.text or "").strip()
                    for narrative in element.findall("narrative")
                ):
                    self.fail(rule, f"(<{element.getparent().tag}>)")
        if not self.activity.get(XML_LANG) and any(
            narrative.get(XML_LANG) is None
            for narrative in self.activity.iter("narrative")
        ):
            self.fail("4.1.1")


def check_activity(activity, now=None):
    """The IATI rules ``activity`` breaks, as Issues (errors and warnings)."""
    now = now or timezone.now()
    issues = _Checker(activity, now).run()
    return issues + transaction_issues(activity, timezone.localdate(now))
