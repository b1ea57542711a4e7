"""Bilateral programmes in the IATI file: a parent activity over their projects.

A published programme (``projects.models.Programme``) with at least one project in
the file is written as an activity of ``hierarchy="1"`` after the projects, with a
``related-activity`` of type 2 (child) for each of its projects the file holds; each
such project carries ``hierarchy="2"`` and a ``related-activity`` of type 1 (parent)
naming the programme (``iati.build_activity``). Projects of an unpublished programme,
or of none, are written as before.

How a programme maps to IATI:

- reporting-org and identifier: DGCIN's reference, as for a project
  (``projects.identifiers``: ``AR-DGCIN-PRG-000003``); a programme is never sample
  data, even when the projects it holds are;
- description: the joint commission that approved it, in each language;
- participating-org: the two governments that agreed on it at the joint commission,
  both accountable (2); the funding and implementing roles stay with each project;
- activity-status from the programme's period on the file's date: pipeline (1)
  before it starts, implementation (2) while it runs, then finalisation (3) while a
  project of it is still open, closed (4) once every one is closed or cancelled;
- activity-date: planned start (1) and planned end (3), the programme's period;
- recipient-country: the commission's country, with the directorate's contact;
- sector (IATI requires one): the DAC sectors of its projects in the file, each
  project weighing the same, and their categories.
"""

import copy
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from lxml import etree

from partners.models import Country
from projects.models import Programme, Project

from .formatting import LANGUAGES, decimal_text, in_languages
from .iati import (
    BILATERAL,
    DEFAULT_LANGUAGE,
    GOVERNMENT,
    XML_LANG,
    add_narratives,
    iso_datetime,
    sub,
)

ACCOUNTABLE = "2"
PLANNED_START, PLANNED_END = "1", "3"
PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED = "1", "2", "3", "4"
ENDED = {Project.Status.CLOSED, Project.Status.CANCELLED}
APPROVED_AT = _(
    "Bilateral cooperation programme approved at the %(commission)s, on %(date)s."
)


@dataclass(frozen=True)
class Child:
    """What a programme's activity needs of one of its projects in the file."""

    identifier: str
    status: str
    updated_at: object
    sectors: tuple  # ((DAC code, category code, percentage), ...)


class Programmes:
    """The projects written to one file, by programme; then the programmes' own
    activities. Only keys and codes are kept, so memory stays small."""

    def __init__(self, context):
        self.context = context
        self.children = {}

    def add(self, project, identifier):
        """``project`` went into the file under ``identifier``."""
        if project.programme_id not in self.context.programmes:
            return
        sectors = tuple(
            (share.sector.code, share.sector.category.code, share.percentage)
            for share in project.contents.sectors
        )
        self.children.setdefault(project.programme_id, []).append(
            Child(identifier, project.status, project.updated_at, sectors)
        )

    def activities(self):
        """(programme, its ``iati-activity``) for each programme with projects in
        the file, in the programmes' order."""
        if not self.children:
            return
        home = Country.objects.filter(code=settings.HOME_COUNTRY).first()
        saved = dict(
            Programme.history.filter(id__in=list(self.children))
            .order_by()
            .values("id")
            .annotate(last=Max("history_date"))
            .values_list("id", "last")
        )
        for pk, programme in self.context.programmes.items():
            children = self.children.get(pk)
            if children:
                programme.home = home
                programme.saved_at = saved.get(pk)
                yield (
                    programme,
                    build_programme_activity(programme, children, self.context),
                )


def status(programme, children, today):
    if today < programme.period_start:
        return PIPELINE
    if today <= programme.period_end:
        return IMPLEMENTATION
    if all(child.status in ENDED for child in children):
        return CLOSED
    return FINALISATION


def descriptions(programme):
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(APPROVED_AT) % {
                "commission": programme.commission.name,
                "date": formats.date_format(programme.commission.date),
            }
    return texts


def sector_shares(children):
    """[(DAC code, category code, percentage)]: the projects' shares, each project
    weighing the same, in hundredths that add up to exactly 100."""
    with_sectors = [child for child in children if child.sectors]
    totals, categories = {}, {}
    for child in with_sectors:
        for code, category, percentage in child.sectors:
            totals[code] = totals.get(code, Decimal(0)) + Decimal(percentage)
            categories[code] = category
    if not totals:
        return []
    count = len(with_sectors)
    exact = {code: total * 100 / count for code, total in totals.items()}
    cents = {code: int(value) for code, value in exact.items()}
    missing = 10000 - sum(cents.values())
    by_remainder = sorted(
        exact, key=lambda code: exact[code] - cents[code], reverse=True
    )
    for code in by_remainder[: max(missing, 0)]:
        cents[code] += 1
    ordered = sorted(cents, key=lambda code: (-cents[code], code))
    return [(code, categories[code], Decimal(cents[code]) / 100) for code in ordered]


def build_programme_activity(programme, children, context):
    """The programme's ``iati-activity`` (hierarchy 1) over ``children``."""
    reference = settings.DGCIN_IATI_ORG_REF
    with translation.override(DEFAULT_LANGUAGE):
        page = context.absolute_url(programme.get_absolute_url())
    moments = [child.updated_at for child in children]
    if programme.saved_at:
        moments.append(programme.saved_at)
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": iso_datetime(max(moments)),
            XML_LANG: DEFAULT_LANGUAGE,
            "linked-data-uri": page,
            "hierarchy": "1",
        },
    )
    sub(activity, "iati-identifier", text=programme.iati_identifier)
    reporting = sub(activity, "reporting-org", {"ref": reference, "type": GOVERNMENT})
    add_narratives(reporting, context.reporting_names or {"es": reference})
    add_narratives(sub(activity, "title"), in_languages(programme, "title"))
    add_narratives(sub(activity, "description", {"type": "1"}), descriptions(programme))
    country = programme.commission.country
    home = programme.home
    for ref, names in (
        (reference, in_languages(home, "name") if home else {"es": reference}),
        (None, in_languages(country, "name")),
    ):
        org = sub(
            activity,
            "participating-org",
            {"ref": ref, "type": GOVERNMENT, "role": ACCOUNTABLE},
        )
        add_narratives(org, names)
    today = timezone.localdate(context.generated)
    sub(activity, "activity-status", {"code": status(programme, children, today)})
    for kind, day in (
        (PLANNED_START, programme.period_start),
        (PLANNED_END, programme.period_end),
    ):
        sub(activity, "activity-date", {"type": kind, "iso-date": day.isoformat()})
    contact = context.contacts.get(programme.commission.directorate_id)
    if contact is not None:
        activity.append(copy.deepcopy(contact))
    sub(activity, "activity-scope", {"code": "4"})
    sub(activity, "recipient-country", {"code": country.code, "percentage": "100"})
    categories = {}
    for code, category, percentage in sector_shares(children):
        sub(
            activity,
            "sector",
            {"vocabulary": "1", "code": code, "percentage": decimal_text(percentage)},
        )
        categories[category] = categories.get(category, 0) + percentage
    for code, percentage in categories.items():
        sub(
            activity,
            "sector",
            {"vocabulary": "2", "code": code, "percentage": decimal_text(percentage)},
        )
    sub(activity, "collaboration-type", {"code": BILATERAL})
    for child in children:
        sub(activity, "related-activity", {"ref": child.identifier, "type": "2"})
    return activity
