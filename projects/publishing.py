"""What a project needs before it is published: the publish checklist.

The checks are the conditions under which the project's IATI activity (what
``opendata.iati`` writes) passes the IATI 2.03 schema and the error-level rules of
the IATI Standard ruleset, in plain words for the staff, plus the SEGIB role rules
and a text describing the project:

- a title in Spanish, the file's default language (schema: ``title``; rule 4.3.1);
- a summary or a description in Spanish (``description``: rule 4.4.1, without the
  title standing in for it);
- participating partners with roles that fit the modality (schema:
  ``participating-org``; SEGIB roles);
- a recipient country: a partner with a receiving role that is, or is based in, a
  country (rule 3.7.1: IATI has no recipient role, so these become
  ``recipient-country``);
- in a bilateral programme, the programme's partner country among the partners
  (its projects are the programme's children in the IATI file);
- DAC sectors whose percentages add up to 100 (rules 6.2.2, 2.1.1, 2.1.2, 2.1.4);
- a main SDG when the project has SDGs (SEGIB counts a project under one goal; the
  portal's own rule: IATI would take the activity without it);
- a planned or actual start date, dates in order and no actual date in the future
  (schema: ``activity-date``; rules 6.11.1, 11.1.2 to 11.1.5);
- budget lines in order and of a year at most (rules 8.6.3, 7.5.3);
- a title on every document, result and indicator (rule 4.3.1).

The admin's change form, its publish action and the spreadsheet import ask
``missing_for_publication`` before a project becomes (or stays) published; the
change page shows ``checklist``. The rows come from ``saved_rows`` or, in the admin,
from the inline forms being saved (``Rows``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Indicator, Participation, Project
from .models.money import one_year_after
from .rules import (
    participation_errors,
    programme_country_problems,
    sector_percentage_error,
)

# SEGIB roles whose partner receives the cooperation (IATI's recipient-country).
RECEIVING_ROLES = {"recipient", "both", "participant"}


@dataclass
class Rows:
    """A project's rows as they will be saved: participations (with country and
    organisation), DAC sector shares, budget lines, documents, results, and the
    indicators of the results that are kept."""

    participations: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    results: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    # The ids of the project's SDGs (with its targets' goals, as saving adds them).
    sdg_goals: set = field(default_factory=set)


RELATIONS = ("participations", "sectors", "budgets", "documents", "results")


def saved_rows(project, **given):
    """The project's saved rows (prefetched ones when there are), except the
    relations given as keyword arguments (lists of the rows about to be saved)."""
    rows = {}
    for relation in RELATIONS:
        if relation in given:
            rows[relation] = list(given[relation])
        elif project.pk:
            rows[relation] = list(related(project, relation))
        else:
            rows[relation] = []
    kept_results = [result.pk for result in rows["results"] if result.pk]
    indicators = (
        list(
            Indicator.objects.filter(result__in=kept_results).only(
                "result_id", "title_es", "title_en"
            )
        )
        if kept_results
        else []
    )
    if "sdg_goals" in given:
        goals = set(given["sdg_goals"])
    elif project.pk:
        goals = {goal.pk for goal in related(project, "sdg_goals")}
    else:
        goals = set()
    return Rows(**rows, indicators=indicators, sdg_goals=goals)


def with_rows(projects):
    """``projects`` with the rows the checklist reads, prefetched (in place of
    any prefetching the queryset had)."""
    return (
        projects.select_related("programme__commission__country")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "country", "organisation__country"
                ),
            ),
            *RELATIONS[1:],
            "sdg_goals",
        )
    )


def related(project, relation):
    """A relation's rows: the prefetched ones, or else read with what the checks
    look at (a participation's country, or its organisation's)."""
    prefetched = getattr(project, "_prefetched_objects_cache", {})
    if relation == "participations" and relation not in prefetched:
        return project.participations.select_related("country", "organisation__country")
    return getattr(project, relation).all()


def has_text(value):
    """Whether ``value`` holds a visible character (not only spaces or control
    characters, which the open data files drop)."""
    return any(char.isprintable() and not char.isspace() for char in value or "")


@dataclass
class Check:
    """One item of the checklist: what it asks, and what is missing (empty when
    it is done)."""

    label: str
    problems: list

    @property
    def done(self):
        return not self.problems


LABELS = {
    "title": gettext_lazy("A title in Spanish"),
    "description": gettext_lazy("A summary or a description in Spanish"),
    "partners": gettext_lazy(
        "Participating partners, with roles that fit the modality"
    ),
    "recipient": gettext_lazy("A recipient country"),
    "programme": gettext_lazy(
        "In a programme: the programme's partner country among the partners"
    ),
    "sectors": gettext_lazy("DAC sectors whose percentages add up to 100"),
    "main_sdg": gettext_lazy("A main SDG among the project's SDGs"),
    "dates": gettext_lazy("A start date, with the actual dates not in the future"),
    "budgets": gettext_lazy("Budget lines of one year at most"),
    "titles": gettext_lazy("A title on every document, result and indicator"),
}


def checklist(project, rows=None):
    """[Check] for ``project`` with ``rows`` (its saved rows by default)."""
    rows = saved_rows(project) if rows is None else rows
    found = {
        "title": title_problems(project),
        "description": description_problems(project),
        "partners": partner_problems(project, rows.participations),
        "recipient": recipient_problems(rows.participations),
        "programme": programme_country_problems(project, rows.participations),
        "sectors": sector_problems(rows.sectors),
        "main_sdg": main_sdg_problems(project, rows.sdg_goals),
        "dates": date_problems(project),
        "budgets": budget_problems(rows.budgets),
        "titles": row_title_problems(rows),
    }
    if not project.programme_id:
        del found["programme"]  # an item of the projects of a programme only
    return [Check(str(LABELS[key]), problems) for key, problems in found.items()]


def missing_for_publication(project, rows=None):
    """What ``project`` lacks to be published, as messages; empty when ready."""
    return [problem for check in checklist(project, rows) for problem in check.problems]


def is_ready(project, rows=None):
    return not missing_for_publication(project, rows)


def title_problems(project):
    if has_text(project.title_es):
        return []
    return [_("Write the title in Spanish.")]


def description_problems(project):
    if has_text(project.summary_es) or has_text(project.description_es):
        return []
    return [
        _(
            "Write a summary or a description in Spanish: the open data files "
            "describe the project with it."
        )
    ]


def partner_problems(project, participations):
    if not participations:
        return [
            _(
                "Add at least one participating partner (a country or an "
                "organisation) with its SEGIB and IATI roles."
            )
        ]
    problems = []
    if any(not p.segib_role or not p.iati_role for p in participations):
        problems.append(_("Give every participating partner its SEGIB and IATI roles."))
    if project.modality:
        problems += participation_errors(
            project.modality, [p.segib_role for p in participations if p.segib_role]
        )
    return problems


def receiving_country(participation):
    if participation.segib_role not in RECEIVING_ROLES:
        return None
    if participation.country_id:
        return participation.country
    organisation = participation.organisation if participation.organisation_id else None
    return organisation.country if organisation and organisation.country_id else None


def recipient_problems(participations):
    if any(receiving_country(p) for p in participations):
        return []
    return [
        _(
            "Give at least one partner that is a country, or an organisation based "
            "in one, a receiving role (recipient, provider and recipient, or "
            "participant): the open data files name the countries that receive "
            "the cooperation."
        )
    ]


def sector_problems(sectors):
    if not sectors:
        return [_("Add at least one DAC sector with its percentage.")]
    error = sector_percentage_error(
        [share.percentage for share in sectors if share.percentage is not None]
    )
    return [error] if error else []


def main_sdg_problems(project, goals):
    if not goals or project.main_sdg_id:
        return []
    return [
        _(
            "Choose the main SDG among the project's SDGs: SEGIB counts each "
            "project under one goal."
        )
    ]


def date_problems(project):
    problems = []
    if not (project.planned_start or project.actual_start):
        problems.append(_("Give a planned or an actual start date."))
    periods = (
        (
            "planned_start",
            "planned_end",
            _("The planned end is before the planned start."),
        ),
        ("actual_start", "actual_end", _("The actual end is before the actual start.")),
    )
    for start, end, message in periods:
        first, last = getattr(project, start), getattr(project, end)
        if first and last and first > last:
            problems.append(message)
    today = timezone.localdate()
    if project.actual_start and project.actual_start > today:
        problems.append(
            _("The actual start is in the future; give it as the planned start.")
        )
    if project.actual_end and project.actual_end > today:
        problems.append(
            _("The actual end is in the future; give it as the planned end.")
        )
    return problems


def budget_problems(budgets):
    problems = []
    for budget in budgets:
        start, end = budget.period_start, budget.period_end
        if not (start and end):
            continue
        period = {"start": date_format(start), "end": date_format(end)}
        if end < start:
            problems.append(
                _("The budget line from %(start)s to %(end)s ends before it starts.")
                % period
            )
        elif end > one_year_after(start):
            problems.append(
                _(
                    "The budget line from %(start)s to %(end)s is longer than a "
                    "year; split it into yearly lines."
                )
                % period
            )
    return problems


def row_title_problems(rows):
    problems = []
    for items, message in (
        (rows.documents, _("A document has no title.")),
        (rows.results, _("A result has no title.")),
        (rows.indicators, _("An indicator has no title.")),
    ):
        if any(
            not (has_text(item.title_es) or has_text(item.title_en)) for item in items
        ):
            problems.append(message)
    return problems


def published(project):
    return project.publication == Project.Publication.PUBLISHED


# Identifiers the open data gives ---------------------------------------------------

# The prefix org-id.guide reserves for example data ("List code prefix reserved for
# use in example data which require a valid org-id.guide prefix", IATI
# OrganisationRegistrationAgency codelist, code XE-EXAMPLE). IATI has no test flag
# for activities: sample projects are reported under it, so no data user can take
# them for DGCIN's real portfolio.
SAMPLE_PREFIX = "XE-EXAMPLE"


def uses_placeholder_reference():
    """Whether DGCIN's IATI organisation identifier is still the placeholder."""
    return settings.DGCIN_IATI_ORG_REF in ("", settings.DGCIN_IATI_ORG_REF_PLACEHOLDER)


def reporting_reference(project):
    """The IATI organisation identifier ``project`` is reported under."""
    reference = settings.DGCIN_IATI_ORG_REF
    return f"{SAMPLE_PREFIX}-{reference}" if project.is_sample else reference


def public_identifier(project, identifier=None):
    """The project's IATI identifier (or ``identifier``, one it had before) as the
    open data and its page give it: a sample project's carries the example-data
    prefix."""
    identifier = project.iati_identifier if identifier is None else identifier
    if project.is_sample and not identifier.startswith(f"{SAMPLE_PREFIX}-"):
        return f"{SAMPLE_PREFIX}-{identifier}"
    return identifier


# Projects the IATI file left out --------------------------------------------------

LEFT_OUT_KEY = "projects:publishing:left-out-of-iati"
LEFT_OUT_TIMEOUT = 60 * 60 * 24 * 30
SHOWN_LEFT_OUT = 20


def record_iati_check(results):
    """Remember which published projects the IATI download had to leave out.

    ``results`` maps each checked project to the IATI problems of its activity
    (empty when it went in the file). Kept in the shared cache, one entry for the
    site, updated only when something changed; a project is listed until a
    download finds it valid (or it is changed, unpublished or deleted)."""
    record = cache.get(LEFT_OUT_KEY) or {}
    changed = False
    for project, problems in results.items():
        if problems:
            record[project.pk] = {
                "updated_at": project.updated_at.isoformat(),
                "problems": [str(problem) for problem in problems],
            }
            changed = True
        elif record.pop(project.pk, None) is not None:
            changed = True
    if changed:
        cache.set(LEFT_OUT_KEY, record, LEFT_OUT_TIMEOUT)


def left_out_of_iati():
    """[(project, [message])] of the published projects the IATI file left out,
    as they still are (unchanged since), the first ``SHOWN_LEFT_OUT`` by title.
    The messages are the checklist's where it finds something missing, else the
    IATI problems found."""
    record = cache.get(LEFT_OUT_KEY) or {}
    if not record:
        return []
    projects = (
        Project.objects.published()
        .filter(pk__in=list(record))
        .order_by("title")[:SHOWN_LEFT_OUT]
    )
    listed = []
    for project in projects:
        entry = record[project.pk]
        if project.updated_at.isoformat() != entry["updated_at"]:
            continue  # changed since: the next download checks it again
        listed.append((project, missing_for_publication(project) or entry["problems"]))
    return listed
