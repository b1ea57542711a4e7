"""Draft projects made from elsewhere (an accepted proposal): the one entry point
other apps call to create a project, so that nothing in ``projects`` needs to know
where the data came from."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from partners.models import Country

from .models import Participation, Project, ProjectSector

# SEGIB roles that provide cooperation: their participation funds it (IATI role 1);
# the others implement it (IATI role 4).
PROVIDING = {"provider", "both", "first-provider", "second-provider"}


def iati_role(country, segib_role):
    """The IATI OrganisationRole of ``country`` taking part as ``segib_role``.

    A provider funds (1). A receiving or participating partner country implements
    (4), but not Argentina: its executing institution, an organisation, is the one
    that implements (the project form refuses Argentina as a country in role 4), so
    its own government answers for the activity on its side: Accountable (2), "an
    organisation responsible for oversight of the activity and its outcomes"."""
    Role = Participation.IatiRole
    if segib_role in PROVIDING:
        return Role.FUNDING
    if country.code == settings.HOME_COUNTRY:
        return Role.ACCOUNTABLE
    return Role.IMPLEMENTING


@dataclass
class DraftProject:
    """What a draft project starts with; texts are Spanish (staff translate)."""

    title: str
    summary: str = ""
    description: str = ""
    objectives: str = ""
    modality: str = ""
    instrument: str = ""
    segib_sector: object = None
    dac_sector: object = None
    directorate_id: int | None = None
    programme_id: int | None = None
    provinces: list = field(default_factory=list)
    sdg_goals: list = field(default_factory=list)
    # (country, SEGIB role) pairs, in order; Argentina first when it takes part.
    participants: list = field(default_factory=list)
    home_role: str = ""
    # (organisation, SEGIB role) pairs of the executing institutions, both sides.
    institutions: list = field(default_factory=list)


def unique_slug(title):
    base = slugify(title)[:100].strip("-") or "project"
    slug, number = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def create_draft_project(draft):
    """A pipeline-status, unpublished project from ``draft``, with its partners,
    sector, provinces and goals; returns it."""
    project = Project(
        title_es=draft.title,
        summary_es=draft.summary,
        description_es=draft.description,
        objectives_es=draft.objectives,
        slug=unique_slug(draft.title),
        modality=draft.modality,
        instrument=draft.instrument or Project.Instrument.PROJECT,
        status=Project.Status.PIPELINE,
        publication=Project.Publication.DRAFT,
        segib_sector=draft.segib_sector,
        directorate_id=draft.directorate_id,
        programme_id=draft.programme_id,
        # A single goal is the main one SEGIB counts; of several, staff choose.
        main_sdg=draft.sdg_goals[0] if len(draft.sdg_goals) == 1 else None,
    )
    project.save()
    project.provinces.add(*draft.provinces)
    project.sdg_goals.set(draft.sdg_goals)
    if draft.dac_sector is not None:
        ProjectSector.objects.create(
            project=project, sector=draft.dac_sector, percentage=100
        )
    rows = []
    if draft.home_role:
        rows.append((Country.objects.get(code=settings.HOME_COUNTRY), draft.home_role))
    rows += draft.participants
    for position, (country, role) in enumerate(rows):
        Participation.objects.create(
            project=project,
            country=country,
            segib_role=role,
            iati_role=iati_role(country, role),
            position=position,
        )
    for position, (organisation, role) in enumerate(draft.institutions, len(rows)):
        Participation.objects.create(
            project=project,
            organisation=organisation,
            segib_role=role,
            iati_role=Participation.IatiRole.IMPLEMENTING,
            position=position,
        )
    return project
