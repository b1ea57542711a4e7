"""A project's transactions in its IATI activity, and the rules they must pass.

- Each ``Transaction`` is a ``transaction`` of its type (2 commitment, 3
  disbursement, 4 expenditure), dated, with its value (currency, value-date), its
  description (a valued in-kind contribution says so, since IATI has no field for
  it), the partner as provider-org (Argentina under DGCIN's reference, an
  organisation under its IATI identifier) and its aid type (OECD DAC, vocabulary 1).
- Each technical mission with costs and an actual end date is an expenditure of
  Argentina's (FO.AR pays tickets and per diems) on the day it ended, for the sum
  of its cost lines (``projects.costs``: a mission with planned dates only is not
  reported), provided by Argentina under DGCIN's reference whether or not
  Argentina is among the partners (``costs.mission_payer``, the rule the pages
  follow: never an Argentine organisation), with the aid type of its kind: D01
  (Argentine experts sent), E01 (partner technicians received in Argentina), D02
  (virtual and other technical assistance).

Sectors and recipient countries stay at activity level: IATI allows them in one
place only. ``transaction_issues`` checks the rules of the IATI ruleset on
transactions (dates not in the future, provider and receiver named, one DAC aid
type); ``iati_rules.check_activity`` adds them to the activity's.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from projects.costs import mission_cost, mission_counts, mission_payer
from projects.models import AidType, Mission

from .formatting import LANGUAGES, in_languages, money_text

MISSION_AID_TYPES = {
    Mission.Direction.OUTBOUND: AidType.D01,  # donor country personnel
    Mission.Direction.INBOUND: AidType.E01,  # scholarships/training in donor country
    Mission.Direction.VIRTUAL: AidType.D02,  # other technical assistance
}
EXPENDITURE = "4"
GOVERNMENT = "10"
DAC = "1"


def add_transactions(activity, project, reference, today=None):
    """Writes the project's transactions and its missions' costs into
    ``activity`` (where the schema puts them: after the budgets)."""
    from .iati import add_narratives, sub

    today = today or timezone.localdate()
    home = mission_payer(project.contents.participations)
    for item in project.contents.transactions:
        element = sub(activity, "transaction")
        sub(element, "transaction-type", {"code": item.type})
        sub(element, "transaction-date", {"iso-date": item.date.isoformat()})
        sub(
            element,
            "value",
            {"currency": item.currency.code, "value-date": item.value_date.isoformat()},
            text=money_text(item.value),
        )
        texts = transaction_texts(item)
        if any(texts.values()):
            add_narratives(sub(element, "description"), texts)
        provider(element, item.participation, reference)
        if item.aid_type:
            sub(element, "aid-type", {"code": item.aid_type, "vocabulary": DAC})
    for mission in project.contents.missions:
        if not mission_counts(mission, today):
            continue
        ended = mission.actual_end.isoformat()
        element = sub(activity, "transaction")
        sub(element, "transaction-type", {"code": EXPENDITURE})
        sub(element, "transaction-date", {"iso-date": ended})
        sub(
            element,
            "value",
            {"currency": mission.currency.code, "value-date": ended},
            text=money_text(mission_cost(mission)),
        )
        add_narratives(sub(element, "description"), mission_texts(mission))
        if home is not None:
            provider(element, home, reference)
        else:
            org = sub(element, "provider-org", {"ref": reference, "type": GOVERNMENT})
            add_narratives(org, {"es": "Argentina", "en": "Argentina"})
        sub(
            element,
            "aid-type",
            {"code": MISSION_AID_TYPES[mission.direction], "vocabulary": DAC},
        )


def transaction_texts(item):
    """The description in each language; an in-kind contribution says so first."""
    texts = in_languages(item, "description")
    if not item.in_kind:
        return texts
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            note = gettext("Valued in-kind contribution")
        text = texts.get(language) or texts.get(settings.LANGUAGE_CODE)
        found[language] = f"{note}: {text}" if text else note
    return found


def mission_texts(mission):
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = gettext(
                "Technical mission (%(direction)s, %(country)s) from %(start)s to "
                "%(end)s: tickets, per diems and other costs paid by FO.AR"
            ) % {
                "direction": mission.get_direction_display(),
                "country": getattr(mission.country, f"name_{language}", "")
                or mission.country.name_es,
                "start": mission.start_date.isoformat(),
                "end": mission.end_date.isoformat(),
            }
    return texts


def provider(element, participation, reference):
    """The provider-org of a partner's transaction: as its participating-org."""
    from .iati import add_narratives, sub

    country, organisation = participation.country, participation.organisation
    if country:
        home = country.code == settings.HOME_COUNTRY
        attributes = {"ref": reference if home else None, "type": GOVERNMENT}
        names = in_languages(country, "name")
    else:
        attributes = {
            "ref": organisation.iati_identifier or None,
            "type": organisation.iati_type,
        }
        names = in_languages(organisation, "name")
    add_narratives(sub(element, "provider-org", attributes), names)


# Checking ---------------------------------------------------------------------------

RULES = {
    "11.2.1": ("error", "The transaction date must not be in the future."),
    "11.2.2": ("error", "The transaction value date must not be in the future."),
    "6.9.1": (
        "error",
        "The provider organisation must have an organisation identifier or a "
        "narrative.",
    ),
    "6.9.2": (
        "error",
        "The receiver organisation must have an organisation identifier or a "
        "narrative.",
    ),
    "107.2.2": (
        "warning",
        "Each transaction should only contain one aid type code per aid type "
        "vocabulary (e.g. 1 - OECD DAC)",
    ),
}


def transaction_issues(activity, today):
    """The IATI rules the activity's transactions break, as Issues."""
    from .iati import Issue
    from .iati_rules import parse_date

    issues = []

    def fail(rule, detail):
        severity, message = RULES[rule]
        issues.append(Issue(rule, severity, f"{message} {detail}".strip()))

    for number, element in enumerate(activity.iterfind("transaction"), start=1):
        detail = f"(transaction {number})"
        day = parse_date(element.find("transaction-date").get("iso-date"))
        if day and day > today:
            fail("11.2.1", detail)
        value = element.find("value")
        value_day = parse_date(value.get("value-date")) if value is not None else None
        if value_day and value_day > today:
            fail("11.2.2", detail)
        for tag, rule in (("provider-org", "6.9.1"), ("receiver-org", "6.9.2")):
            for org in element.iterfind(tag):
                named = any((n.text or "").strip() for n in org.iterfind("narrative"))
                if not (org.get("ref") or "").strip() and not named:
                    fail(rule, detail)
        vocabularies = [
            aid.get("vocabulary") or DAC for aid in element.iterfind("aid-type")
        ]
        if any(vocabularies.count(v) > 1 for v in set(vocabularies)):
            fail("107.2.2", detail)
    return issues
