"""IATI 2.03 activity XML for published projects, and the checks it must pass.

``build_activity`` builds a project's activity as an lxml element in the schema's
element order; ``iati_file`` writes the ``iati-activities`` document one activity at
a time (serialised and dropped, so memory stays flat), each checked before it goes
in. ``iati_rules.check_activity`` applies the activity rules of the IATI Standard
ruleset (``rules/standard.json``) that our data can break, and ``schema_errors``
validates an activity against the official XSD.

How the portal's data maps to IATI:

- reporting-org: ``settings.DGCIN_IATI_ORG_REF``, type 10 (government), named after
  the General Directorate as the contact directory gives it; a sample project is
  reported under the example-data prefix (``projects.publishing``: XE-EXAMPLE- before
  the reference and the identifier) and carries a comment saying it is sample data;
- participating-org: every partner with its IATI role; a country is its government
  (type 10), Argentina is reported under DGCIN's reference, an organisation carries
  its IATI identifier and type;
- recipient-country: IATI has no recipient role, so the countries whose SEGIB role
  makes them receive (recipient, provider and recipient, regional participant; an
  organisation counts through its country) share 100 % equally;
- collaboration-type: the DAC codes; a triangular project is 8, every other modality 1
  (bilateral): regional programmes and projects run with a multilateral body for a
  given purpose are bilateral in DAC terms (2 is a core contribution to a
  multilateral, 4 a multilateral's own outflow);
- sectors: DAC 5-digit codes (vocabulary 1) with their percentages, and their 3-digit
  categories (vocabulary 2) with the percentages summed; SDG goals (main first) and
  targets as tags (vocabularies 2 and 3); markers and defaults: ``iati_fields``;
- transactions and the missions' costs (expenditure): ``iati_transactions``;
- hierarchy: a project of a published programme is its child (hierarchy 2, a
  related-activity of type 1); the programme's activity is ``iati_programmes``'s;
- results: IATI needs at least one indicator per result, so a result without one is
  left out, with a warning; an indicator without periods of its own reports its
  target and actual for the project's whole period.
"""

import copy
import datetime
import functools
import mimetypes
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from lxml import etree

from directory.models import Unit
from projects import publishing
from projects.models import Programme, Project

from . import iati_fields, iati_locations, iati_results
from .exports import SAMPLE_PROJECT, in_order
from .exports import in_languages as every_language
from .formatting import (
    LANGUAGES,
    decimal_text,
    document_href,
    in_languages,
    money_text,
)
from .iati_subnational import subnational_orgs
from .iati_transactions import add_transactions

IATI_VERSION = "2.03"
SCHEMA_FILE = "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
GOVERNMENT = "10"
RECIPIENT_ROLES = {"recipient", "both", "participant"}
COLLABORATION_TYPES = {Project.Modality.TRIANGULAR: "8"}
BILATERAL = "1"
QUALITATIVE = "5"
# Characters XML 1.0 cannot carry (control characters pasted from word processors).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text):
    return NOT_XML.sub("", str(text)).strip() if text is not None else ""


def iso_datetime(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sub(parent, tag, attributes=None, text=None):
    """A child element; attributes without a value are left out."""
    element = etree.SubElement(
        parent,
        tag,
        {
            name: clean(value)
            for name, value in (attributes or {}).items()
            if value not in (None, "")
        },
    )
    if text not in (None, ""):
        element.text = clean(text)
    return element


def add_narratives(parent, texts):
    """One narrative per language with text; the default language's carries no
    xml:lang (the activity declares it)."""
    for language in LANGUAGES:
        text = clean(texts.get(language))
        if text:
            narrative = sub(parent, "narrative", text=text)
            if language != DEFAULT_LANGUAGE:
                narrative.set(XML_LANG, language)


def shares(count):
    """``count`` percentages with two decimals that add up to exactly 100."""
    cents, extra = divmod(10000, count)
    return [
        Decimal(cents + (1 if index < extra else 0)) / 100 for index in range(count)
    ]


@dataclass(frozen=True)
class Issue:
    """A problem found in an activity: an IATI rule it breaks (by the rule's id in
    the IATI ruleset), a schema error, or data the file had to leave out."""

    rule: str
    severity: str  # "error" or "warning"
    message: str

    def __str__(self):
        return f"{self.severity} {self.rule}: {self.message}"


# Writing -------------------------------------------------------------------------


class Context:
    """What every activity of one export shares: how to make absolute links, the
    reporting organisation's name and each directorate's contact details, and
    whether the file holds sample data."""

    def __init__(self, absolute_url, generated=None, samples=False):
        self.absolute_url = absolute_url
        self.generated = generated or timezone.now()
        self.samples = samples
        units = list(Unit.objects.with_lines())
        self.head = next((unit for unit in units if unit.parent_id is None), None)
        self.reporting_names = self.unit_names(self.head) if self.head else {}
        self.contacts = {unit.pk: self.contact(unit) for unit in units}
        # Published programmes: parents of their projects (``iati_programmes``).
        self.programmes = in_order(
            Programme.objects.published().select_related("commission__country")
        )

    @staticmethod
    def unit_names(unit):
        names = in_languages(unit, "name")
        if unit.acronym:
            names = {
                language: f"{name} ({unit.acronym})"
                for language, name in names.items()
                if name
            }
        return names

    def contact(self, unit):
        """contact-info for a directorate's projects: the General Directorate, the
        directorate, its first line, e-mail, page on the portal and address."""
        element = etree.Element("contact-info", {"type": "1"})
        if self.head:
            add_narratives(sub(element, "organisation"), self.reporting_names)
        if unit != self.head:
            add_narratives(sub(element, "department"), in_languages(unit, "name"))
        lines = list(unit.lines.all())
        if lines:
            sub(element, "telephone", text=lines[0].e164)
        email = unit.email or (self.head.email if self.head else "")
        if email:
            sub(element, "email", text=email)
        with translation.override(DEFAULT_LANGUAGE):
            sub(element, "website", text=self.absolute_url(unit.get_absolute_url()))
        addresses = {}
        for language in LANGUAGES:
            with translation.override(language):
                addresses[language] = ", ".join(
                    part
                    for part in (unit.street_line, unit.locality_line, unit.country)
                    if part
                )
        if any(addresses.values()):
            add_narratives(sub(element, "mailing-address"), addresses)
        return element


def general_description(project, language):
    texts = (
        getattr(project, f"summary_{language}", ""),
        getattr(project, f"description_{language}", ""),
    )
    return "\n\n".join(text.strip() for text in texts if text and text.strip())


def recipient_countries(project):
    codes = []
    for participation in project.contents.participations:
        if participation.segib_role not in RECIPIENT_ROLES:
            continue
        country = participation.country or (
            participation.organisation and participation.organisation.country
        )
        if country and country.code not in codes:
            codes.append(country.code)
    return codes


def media_type(document):
    name = document.file.name if document.file else urlsplit(document.url).path
    kind, _encoding = mimetypes.guess_type(name)
    if kind:
        return kind
    return "text/html" if document.url else "application/octet-stream"


def comment(texts):
    """An XML comment of ``texts`` in each language ("--" cannot be in one)."""
    text = " / ".join(dict.fromkeys(texts.values()))
    return etree.Comment(f" {clean(text).replace('--', '- -')} ")


def build_activity(project, context):
    """(the project's ``iati-activity`` element, [Issue] for data left out)."""
    notes = []
    reference = publishing.reporting_reference(project)
    with translation.override(DEFAULT_LANGUAGE):
        page = context.absolute_url(project.get_absolute_url())
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": iso_datetime(project.updated_at),
            XML_LANG: DEFAULT_LANGUAGE,
            "linked-data-uri": page,
        },
    )
    programme = context.programmes.get(project.programme_id)
    if programme:
        activity.set("hierarchy", "2")
    if project.is_sample:
        activity.append(comment(every_language(SAMPLE_PROJECT)))
    sub(activity, "iati-identifier", text=publishing.public_identifier(project))
    reporting = sub(activity, "reporting-org", {"ref": reference, "type": GOVERNMENT})
    add_narratives(reporting, context.reporting_names or {"es": reference})
    add_narratives(sub(activity, "title"), in_languages(project, "title"))

    general = {
        language: general_description(project, language) for language in LANGUAGES
    }
    if not any(general.values()):
        general = in_languages(project, "title")
        notes.append(
            Issue(
                "portal",
                "warning",
                "The project has no summary or description: its title stands in "
                "for the description IATI requires.",
            )
        )
    add_narratives(sub(activity, "description", {"type": "1"}), general)
    objectives = in_languages(project, "objectives")
    if any(clean(text) for text in objectives.values()):
        add_narratives(sub(activity, "description", {"type": "2"}), objectives)
    iati_fields.add_target_groups(activity, project)

    for participation in project.contents.participations:
        add_participant(activity, participation, reference)
    for attributes, names in subnational_orgs(project):
        add_narratives(sub(activity, "participating-org", attributes), names)
    if project.fo_ar_number:
        other = sub(
            activity, "other-identifier", {"ref": project.fo_ar_number, "type": "A1"}
        )
        sub(other, "owner-org", {"ref": reference})
    for previous in project.contents.previous_identifiers:
        # A3: "Previous Activity Identifier" (``projects.rekeying``).
        sub(
            activity,
            "other-identifier",
            {"ref": publishing.public_identifier(project, previous), "type": "A3"},
        )
    sub(activity, "activity-status", {"code": project.status})
    for kind, day in (
        ("1", project.planned_start),
        ("2", project.actual_start),
        ("3", project.planned_end),
        ("4", project.actual_end),
    ):
        if day:
            sub(activity, "activity-date", {"type": kind, "iso-date": day.isoformat()})
    contact = context.contacts.get(project.directorate_id)
    if contact is None and context.head:
        contact = context.contacts.get(context.head.pk)
    if contact is not None:
        activity.append(copy.deepcopy(contact))

    recipients = recipient_countries(project)
    if recipients:
        sub(activity, "activity-scope", {"code": "4" if len(recipients) == 1 else "3"})
    if recipients:
        for code, percentage in zip(recipients, shares(len(recipients)), strict=True):
            sub(
                activity,
                "recipient-country",
                {"code": code, "percentage": decimal_text(percentage)},
            )
    iati_locations.add_locations(activity, project)
    add_sectors(activity, project)
    for goal in project.contents.sdg_goals:
        sub(activity, "tag", {"vocabulary": "2", "code": str(goal.number)})
    for target in project.contents.sdg_targets:
        sub(activity, "tag", {"vocabulary": "3", "code": target.code})
    iati_fields.add_policy_markers(activity, project)
    sub(
        activity,
        "collaboration-type",
        {"code": COLLABORATION_TYPES.get(project.modality, BILATERAL)},
    )
    iati_fields.add_defaults(activity, project)
    for budget in project.contents.budgets:
        line = sub(activity, "budget", {"type": budget.type, "status": budget.status})
        sub(line, "period-start", {"iso-date": budget.period_start.isoformat()})
        sub(line, "period-end", {"iso-date": budget.period_end.isoformat()})
        sub(
            line,
            "value",
            {
                "currency": budget.currency.code,
                "value-date": budget.value_date.isoformat(),
            },
            text=money_text(budget.value),
        )
    add_transactions(
        activity, project, reference, timezone.localdate(context.generated)
    )
    for document in project.contents.documents:
        url = context.absolute_url(document_href(document))
        link = sub(
            activity, "document-link", {"url": url, "format": media_type(document)}
        )
        add_narratives(sub(link, "title"), in_languages(document, "title"))
        sub(link, "category", {"code": document.category.code})
        sub(link, "language", {"code": document.language})
    if programme:
        sub(
            activity,
            "related-activity",
            {"ref": programme.iati_identifier, "type": "1"},
        )
    for result in project.contents.results:
        notes += iati_results.add_result(activity, project, result)
    return activity, notes


def add_participant(activity, participation, reference):
    """A participating-org; Argentina is reported under ``reference``."""
    country, organisation = participation.country, participation.organisation
    if country:
        home = country.code == settings.HOME_COUNTRY
        attributes = {
            "ref": reference if home else None,
            "type": GOVERNMENT,
        }
        names = in_languages(country, "name")
    else:
        attributes = {
            "ref": organisation.iati_identifier or None,
            "type": organisation.iati_type,
        }
        names = {}
        for language in LANGUAGES:
            name = getattr(organisation, f"name_{language}", "")
            acronym = getattr(organisation, f"acronym_{language}", "") or (
                organisation.acronym_es
            )
            if name:
                names[language] = f"{name} ({acronym})" if acronym else name
    element = sub(
        activity,
        "participating-org",
        attributes | {"role": participation.iati_role},
    )
    add_narratives(element, names)


def add_sectors(activity, project):
    categories = {}
    for share in project.contents.sectors:
        sub(
            activity,
            "sector",
            {
                "vocabulary": "1",
                "code": share.sector.code,
                "percentage": decimal_text(share.percentage),
            },
        )
        code = share.sector.category.code
        categories[code] = categories.get(code, 0) + share.percentage
    for code, percentage in categories.items():
        sub(
            activity,
            "sector",
            {"vocabulary": "2", "code": code, "percentage": decimal_text(percentage)},
        )


def serialise(activity):
    etree.indent(activity, space="  ", level=1)
    return "  " + etree.tostring(activity, encoding="unicode") + "\n"


# Checking ------------------------------------------------------------------------


@functools.cache
def load_schema(directory):
    """The IATI activity schema from ``directory``, or None if it is not there."""
    path = Path(directory) / SCHEMA_FILE
    if not path.is_file():
        return None
    return etree.XMLSchema(etree.parse(str(path)))


def schema_errors(schema, activity):
    """The XSD's complaints about one activity, as Issues."""
    document = etree.Element("iati-activities", {"version": IATI_VERSION})
    document.append(copy.deepcopy(activity))
    if schema.validate(document):
        return []
    return [Issue("schema", "error", error.message) for error in schema.error_log]
