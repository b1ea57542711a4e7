"""Open data: which projects a download holds, and how they are read.

Each export takes the catalogue's filters and search, rejects a filter value it cannot
apply (a file is never quietly wider than asked), then reads the projects in chunks
of ``CHUNK_SIZE`` fetched by primary key, each chunk with everything the files show in
a fixed number of queries: memory stays flat and the first bytes leave at once,
whatever the number of projects. The files themselves are written by ``csv_export``,
``json_export`` and ``iati``, with the values of ``formatting``.

Every file says so when it holds sample data (fictitious projects loaded for
demonstration) or while DGCIN's IATI organisation identifier is the placeholder:
``file_notices`` in the file's metadata or head, ``project_notes`` on each project.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Unit
from partners.models import Bloc, Country, Organisation, Province
from partners.search import MAX_QUERY_LENGTH
from projects import publishing
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    Location,
    Mission,
    Participation,
    PreviousIdentifier,
    Programme,
    Project,
    ProjectSector,
    Result,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibArea,
    SegibSector,
    SubnationalParticipation,
    Transaction,
)

from . import project_fields

CHUNK_SIZE = 500


# What a file says of itself ---------------------------------------------------------

SAMPLE_FILE = gettext_lazy(
    "This file contains sample data: fictitious projects loaded for demonstration, "
    "not DGCIN's real portfolio. Their IATI identifiers start with XE-EXAMPLE, the "
    "prefix reserved for example data."
)
SAMPLE_PROJECT = gettext_lazy(
    "Sample data: a fictitious project loaded for demonstration, not part of "
    "DGCIN's real portfolio."
)
PROVISIONAL_FILE = gettext_lazy(
    "Provisional identifiers: DGCIN's IATI organisation identifier "
    "(%(reference)s) is a placeholder, not registered with the IATI Registry, so "
    "the IATI identifiers in this file are not final."
)
PROVISIONAL_PROJECT = gettext_lazy(
    "Provisional IATI identifier: DGCIN's IATI organisation identifier is not set yet."
)


def has_samples(queryset):
    """Whether the projects of a download include sample data (one query)."""
    return queryset.filter(is_sample=True).exists()


def _provisional_text():
    return str(PROVISIONAL_FILE) % {"reference": settings.DGCIN_IATI_ORG_REF}


def provisional_file():
    """The provisional-identifiers notice, translated when it is read."""
    return lazy(_provisional_text, str)()


def file_notices(samples):
    """The notices a file's metadata or head carries: sample data, provisional
    identifiers (lazy messages)."""
    notices = [SAMPLE_FILE] if samples else []
    if publishing.uses_placeholder_reference():
        notices.append(provisional_file())
    return notices


def project_notes(project):
    """The notices one project's row or record carries (lazy messages)."""
    notes = [SAMPLE_PROJECT] if project.is_sample else []
    if publishing.uses_placeholder_reference():
        notes.append(PROVISIONAL_PROJECT)
    return notes


def licence():
    """{"url", "title"} of the open data's licence (``DGCIN_OPEN_DATA_LICENCE`` and
    its title), or None while none is declared."""
    url = settings.DGCIN_OPEN_DATA_LICENCE
    if not url:
        return None
    return {"url": url, "title": settings.DGCIN_OPEN_DATA_LICENCE_TITLE or url}


def in_languages(message):
    """{language: ``message`` in it} for every language of the site."""
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = str(message)
    return texts


# Choosing the projects ------------------------------------------------------------


def filter_errors(filterset):
    """Messages naming each filter of the query string that cannot be applied."""
    errors = []
    for name, messages in filterset.form.errors.items():
        value = filterset.data.get(name, "")
        errors.append(
            _(
                "The filter “%(filter)s” (%(parameter)s=%(value)s) is not valid: "
                "%(error)s"
            )
            % {
                "filter": filterset.form.fields[name].label,
                "parameter": name,
                "value": value[:40] + ("…" if len(value) > 40 else ""),
                "error": " ".join(messages),
            }
        )
    return errors


def applied_filters(filterset):
    """{parameter: value} of the filters and search a valid filterset applies."""
    applied = {}
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        if hasattr(value, "exists") and not value:  # an empty multiple choice
            continue
        if hasattr(filterset.data, "getlist") and len(filterset.data.getlist(name)) > 1:
            applied[name] = filterset.data.getlist(name)
            continue
        raw = filterset.data.get(name, "")
        applied[name] = raw[:MAX_QUERY_LENGTH] if name == "q" else raw
    return applied


# Reading them in chunks ----------------------------------------------------------


class References:
    """The small lists projects point at (countries, organisations, sectors,
    currencies...), read once per export: each chunk's rows then carry only keys,
    and every project shares the same objects."""

    def __init__(self):
        self.countries = in_order(Country.objects.all())
        self.organisations = in_order(Organisation.objects.all())
        for organisation in self.organisations.values():
            organisation.country = self.countries.get(organisation.country_id)
        self.currencies = in_order(Currency.objects.all())
        categories = in_order(SectorCategory.objects.all())
        self.sectors = in_order(Sector.objects.all())
        for sector in self.sectors.values():
            sector.category = categories[sector.category_id]
        self.sdg_goals = in_order(SdgGoal.objects.all())
        self.sdg_targets = in_order(SdgTarget.objects.all())
        self.provinces = in_order(Province.objects.all())
        self.blocs = in_order(Bloc.objects.all())
        self.document_categories = in_order(DocumentCategory.objects.all())
        self.units = in_order(Unit.objects.all())
        # Published programmes only: a project never names an unpublished one.
        self.programmes = in_order(
            Programme.objects.published().select_related("commission__country")
        )
        areas = in_order(SegibArea.objects.all())
        self.segib_sectors = in_order(SegibSector.objects.all())
        for segib_sector in self.segib_sectors.values():
            segib_sector.area = areas[segib_sector.area_id]


def in_order(queryset):
    """{pk: object} in the model's ordering (dicts keep it)."""
    return {item.pk: item for item in queryset}


class Contents:
    """A project's related rows, as an export reads them (``project.contents``)."""

    def __init__(self):
        self.participations = []
        self.sectors = []
        self.sdg_goals = []
        self.sdg_targets = []
        self.provinces = []
        self.blocs = []
        self.budgets = []
        self.transactions = []
        self.missions = []
        self.documents = []
        self.results = []
        self.policy_markers = []
        self.beneficiaries = []
        self.subnational = []
        self.locations = []
        self.previous_identifiers = []


def attach_contents(projects, references):
    """Give each project of a chunk its ``contents``, in one query per relation.

    Rows are grouped by hand and linked to the shared reference objects: cheaper by
    far than prefetch_related, which builds a queryset per project and relation.
    """
    by_pk = {}
    for project in projects:
        project.contents = Contents()
        project.directorate = references.units.get(project.directorate_id)
        project.segib_sector = references.segib_sectors.get(project.segib_sector_id)
        project.published_programme = references.programmes.get(project.programme_id)
        by_pk[project.pk] = project
    keys = list(by_pk)

    def rows(model, *ordering):
        return model.objects.filter(project_id__in=keys).order_by(
            "project_id", *ordering
        )

    for participation in rows(Participation, "position", "pk"):
        participation.country = references.countries.get(participation.country_id)
        participation.organisation = references.organisations.get(
            participation.organisation_id
        )
        participation.currency = references.currencies.get(participation.currency_id)
        by_pk[participation.project_id].contents.participations.append(participation)
    for share in rows(ProjectSector, "-percentage", "pk"):
        share.sector = references.sectors[share.sector_id]
        by_pk[share.project_id].contents.sectors.append(share)
    for budget in rows(Budget, "period_start", "pk"):
        budget.currency = references.currencies[budget.currency_id]
        by_pk[budget.project_id].contents.budgets.append(budget)
    participations = {
        participation.pk: participation
        for project in projects
        for participation in project.contents.participations
    }
    for item in rows(Transaction, "date", "pk"):
        item.currency = references.currencies[item.currency_id]
        item.participation = participations[item.participation_id]
        by_pk[item.project_id].contents.transactions.append(item)
    missions = {}
    for mission in rows(Mission, "planned_start", "pk"):
        mission.country = references.countries.get(mission.country_id)
        mission.currency = references.currencies.get(mission.currency_id)
        mission.institution_list = []
        missions[mission.pk] = mission
        by_pk[mission.project_id].contents.missions.append(mission)
    attach_mission_institutions(missions, keys, references.organisations)
    for document in rows(Document, "position", "pk"):
        document.project = by_pk[document.project_id]
        document.category = references.document_categories[document.category_id]
        by_pk[document.project_id].contents.documents.append(document)
    results = {}
    for result in rows(Result, "position", "pk"):
        result.indicator_list = []
        results[result.pk] = result
        by_pk[result.project_id].contents.results.append(result)
    indicators = {}
    if results:
        for indicator in Indicator.objects.filter(result_id__in=list(results)).order_by(
            "result_id", "pk"
        ):
            indicators[indicator.pk] = indicator
            results[indicator.result_id].indicator_list.append(indicator)
    home = next(
        (c for c in references.countries.values() if c.code == settings.HOME_COUNTRY),
        None,
    )
    for row in rows(SubnationalParticipation, "position", "pk").select_related(
        "subdivision"
    ):
        # Each row's ``country``: Argentina for a province, else the subdivision's.
        row.province, row.country = references.provinces.get(row.province_id), home
        if row.subdivision is not None:
            row.subdivision.country = references.countries[row.subdivision.country_id]
            row.country = row.subdivision.country
        by_pk[row.project_id].contents.subnational.append(row)
    for location in rows(Location, "position", "pk").select_related("subdivision"):
        # Each location's ``country``: Argentina for a province, else its division's.
        location.province = references.provinces.get(location.province_id)
        location.country = home
        if location.subdivision is not None:
            location.subdivision.country = references.countries[
                location.subdivision.country_id
            ]
            location.country = location.subdivision.country
        by_pk[location.project_id].contents.locations.append(location)
    for previous in rows(PreviousIdentifier, "replaced_at", "pk"):
        by_pk[previous.project_id].contents.previous_identifiers.append(
            previous.identifier
        )
    for field, catalogue in (
        ("sdg_goals", references.sdg_goals),
        ("sdg_targets", references.sdg_targets),
        ("provinces", references.provinces),
        ("blocs", references.blocs),
    ):
        attach_many(Project, field, by_pk, catalogue)
    project_fields.attach(by_pk, indicators)


def attach_many(model, field, by_pk, catalogue):
    """A many-to-many field's objects, from its link table, in their model's order."""
    relation = model._meta.get_field(field)
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    rank = {pk: position for position, pk in enumerate(catalogue)}
    links = relation.remote_field.through.objects.filter(
        **{f"{source}__in": list(by_pk)}
    ).values_list(source, target)
    for project_pk, target_pk in sorted(links, key=lambda link: rank[link[1]]):
        getattr(by_pk[project_pk].contents, field).append(catalogue[target_pk])


def attach_mission_institutions(missions, keys, organisations):
    """Each mission's ``institution_list``: the organisations its experts belong
    to, in their model's order, from the link table (one query per chunk, with or
    without missions, so a download's queries never depend on its rows)."""
    through = Mission.institutions.through
    rank = {pk: position for position, pk in enumerate(organisations)}
    links = through.objects.filter(mission__project_id__in=keys).values_list(
        "mission_id", "organisation_id"
    )
    # A mission or organisation added since its rows were read is left out.
    found = [link for link in links if link[0] in missions and link[1] in organisations]
    for mission_pk, organisation_pk in sorted(found, key=lambda link: rank[link[1]]):
        missions[mission_pk].institution_list.append(organisations[organisation_pk])


def in_chunks(queryset, size=None, references=None):
    """The projects of ``queryset`` by primary key, ``size`` (``CHUNK_SIZE``) at a
    time (keyset pagination: each chunk starts after the last key of the previous
    one), each with its ``contents``; ``references`` may be shared by several
    reads (read on the first chunk otherwise)."""
    size = size or CHUNK_SIZE
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if chunk:
            references = references or References()
            attach_contents(chunk, references)
            yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk


def export_filename(stem, extension, language=None):
    today = timezone.localdate().isoformat()
    parts = ["dgcin", stem, language, today]
    return "-".join(part for part in parts if part) + f".{extension}"
