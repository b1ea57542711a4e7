"""The publish checklist against IATI: whatever it passes makes an activity the
IATI 2.03 schema and rules accept, and each item it finds missing is something IATI
refuses (or the portal's own rule, said so)."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from directory.models import Unit
from opendata.exports import in_chunks
from opendata.iati import Context, build_activity
from opendata.iati_file import ActivityCheck
from opendata.iati_rules import check_activity
from partners.models import Country, Organisation
from projects import publishing
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    Participation,
    Project,
    ProjectSector,
    Result,
    Sector,
)

pytestmark = pytest.mark.django_db


def future():
    """40 days after today in TIME_ZONE, as of when the test runs."""
    return timezone.localdate() + datetime.timedelta(days=40)


def absolute(location):
    return location if "://" in location else f"https://portal.example.ar{location}"


def activity_of(project):
    """(the project's activity, [Issue] of its IATI rules and data left out)."""
    (chunk,) = in_chunks(Project.objects.filter(pk=project.pk))
    activity, notes = build_activity(chunk[0], Context(absolute))
    return activity, notes + check_activity(activity)


def invalidity(project, schema):
    """The rule ids (and "schema") that make the project's activity invalid."""
    activity, _issues = activity_of(project)
    return {issue.rule for issue in ActivityCheck(schema)(activity)}


# What the checklist asks ----------------------------------------------------------


def test_a_complete_project_passes_with_every_item_done(full_project, iati_schema):
    checks = publishing.checklist(full_project)
    assert [check.done for check in checks] == [True] * 9
    assert publishing.missing_for_publication(full_project) == []
    _activity, issues = activity_of(full_project)
    assert issues == []
    assert invalidity(full_project, iati_schema) == set()


def drop_rows(model):
    return lambda project: model.objects.filter(project=project).delete()


def update(**fields):
    """A change: set the project's fields; a function given as a value (``future``)
    is called when the change is made."""

    def change(project):
        values = {name: v() if callable(v) else v for name, v in fields.items()}
        Project.objects.filter(pk=project.pk).update(**values)

    return change


def roles(*pairs):
    """Replace the partners by (country code or organisation slug, SEGIB role)."""

    def change(project):
        project.participations.all().delete()
        for position, (partner, role) in enumerate(pairs):
            is_country = len(partner) == 2
            Participation.objects.create(
                project=project,
                country=Country.objects.get(code=partner) if is_country else None,
                organisation=None
                if is_country
                else Organisation.objects.get(slug=partner),
                segib_role=role,
                iati_role="4",
                position=position,
            )

    return change


def long_budget(project):
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2025, 3, 31),
        value=10,
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2024, 3, 1),
    )


def both(*changes):
    def change(project):
        for one in changes:
            one(project)

    return change


def untitled(model):
    def change(project):
        if model is Document:
            Document.objects.filter(project=project).update(title_es="", title_en="")
        elif model is Result:
            Result.objects.filter(project=project).update(title_es="", title_en="")
        else:
            Indicator.objects.filter(result__project=project).update(
                title_es="", title_en=" \x0b"
            )

    return change


# (change to the complete triangular project, the checklist items it breaks, the
# IATI rules it breaks: none where the item is the portal's own, not IATI's).
MISSING = {
    "no title": (update(title_es="", title_en=""), ["title"], {"4.3.1", "schema"}),
    "title of control characters": (
        update(title_es="\x01\x02", title_en=""),
        ["title"],
        {"4.3.1", "schema"},
    ),
    "no summary or description": (
        update(summary_es="", summary_en="", description_es=""),
        ["description"],
        set(),
    ),
    "no partner": (
        drop_rows(Participation),
        ["partners", "recipient"],
        {"schema", "3.7.1"},
    ),
    "triangular without second provider": (
        roles(("AR", "first-provider"), ("PY", "recipient")),
        ["partners"],
        set(),
    ),
    "a partner without its IATI role": (
        lambda p: p.participations.filter(position=0).update(iati_role=""),
        ["partners"],
        {"schema"},
    ),
    "nobody receives": (
        both(update(modality="bilateral"), roles(("AR", "provider"))),
        ["recipient"],
        {"3.7.1"},
    ),
    "the recipient is an organisation of no country": (
        roles(
            ("AR", "first-provider"), ("jica", "second-provider"), ("undp", "recipient")
        ),
        ["recipient"],
        {"3.7.1"},
    ),
    "no sector": (drop_rows(ProjectSector), ["sectors"], {"6.2.2"}),
    "sectors add up to 90": (
        lambda p: ProjectSector.objects.filter(project=p, percentage=40).update(
            percentage=30
        ),
        ["sectors"],
        {"2.1.2"},
    ),
    "SDGs without a main one": (update(main_sdg=None), ["main_sdg"], set()),
    "no start date": (
        update(planned_start=None, actual_start=None, planned_end=None),
        ["dates"],
        {"6.11.1", "schema"},
    ),
    "an end date only": (
        update(planned_start=None, actual_start=None),
        ["dates"],
        {"6.11.1"},
    ),
    "actual start in the future": (
        update(actual_start=future),
        ["dates"],
        {"11.1.4"},
    ),
    "actual end in the future": (update(actual_end=future), ["dates"], {"11.1.5"}),
    "a budget line over a year": (long_budget, ["budgets"], {"7.5.3"}),
    "an untitled document": (untitled(Document), ["titles"], {"4.3.1"}),
    "an untitled result": (untitled(Result), ["titles"], {"4.3.1"}),
    "an untitled indicator": (untitled(Indicator), ["titles"], {"4.3.1"}),
}


@pytest.mark.parametrize("case", list(MISSING))
def test_each_missing_item_makes_the_checklist_refuse(case, full_project, iati_schema):
    change, items, broken = MISSING[case]
    change(full_project)
    project = Project.objects.get(pk=full_project.pk)
    checks = publishing.checklist(project)
    failing = [check.label for check in checks if not check.done]
    assert failing == [str(publishing.LABELS[item]) for item in items]
    assert publishing.missing_for_publication(project)
    assert invalidity(project, iati_schema) >= broken
    if not broken:  # the portal's own rules: IATI would take the activity
        assert invalidity(project, iati_schema) == set()


VALID_ROLES = {
    "bilateral": ["provider", "recipient"],
    "triangular": ["first-provider", "second-provider", "recipient"],
    "regional": ["participant", "participant"],
    "multilateral": ["both", "both"],
}


def random_project(rng, number, countries, organisations, sectors, unit):
    """A project whose every part is complete most of the time, and missing or
    wrong in one of the ways the checklist looks at otherwise."""

    def ok():
        return rng.random() < 0.88

    def pick(good, *bad):
        return good if ok() else rng.choice(bad)

    today = timezone.localdate()
    modality = rng.choice(list(Project.Modality))
    start = datetime.date(rng.randint(2012, today.year - 1), rng.randint(1, 12), 1)
    project = Project.objects.create(
        title_es=pick(f"Proyecto {number}", "", " ", "\x01"),
        title_en=rng.choice(["", f"Project {number}"]),
        summary_es=pick("Resumen.", "", "\t"),
        description_es=rng.choice(["", "Descripción."]),
        objectives_es=rng.choice(["", "  ", "Objetivos."]),
        slug=f"random-{number}",
        modality=modality,
        status=rng.choice(Project.Status.values),
        directorate=unit,
        planned_start=pick(start, None),
        planned_end=rng.choice([None, start + datetime.timedelta(days=700)]),
        actual_start=rng.choice([None, start, start, future()]),
        publication=Project.Publication.DRAFT,
    )
    roles = VALID_ROLES[modality] if ok() else rng.choice([[], ["provider"]])
    for position, role in enumerate(roles):
        partner = rng.choice(countries) if ok() else rng.choice(organisations)
        is_country = isinstance(partner, Country)
        Participation.objects.create(
            project=project,
            country=partner if is_country else None,
            organisation=None if is_country else partner,
            segib_role=role,
            iati_role=rng.choice(Participation.IatiRole.values),
            position=position,
        )
    shares = pick(rng.choice([[100], [60, 40], [50, 30, 20]]), [], [70, 20])
    for sector, share in zip(rng.sample(sectors, len(shares)), shares, strict=True):
        ProjectSector.objects.create(
            project=project, sector=sector, percentage=Decimal(share)
        )
    for _line in range(rng.choice([0, 1, 2])):
        begins = start + datetime.timedelta(days=rng.randint(0, 400))
        Budget.objects.create(
            project=project,
            period_start=begins,
            period_end=begins + datetime.timedelta(days=pick(364, 500, 366)),
            value=Decimal(rng.randint(1, 900) * 100),
            currency=Currency.objects.get(code=rng.choice(["USD", "ARS"])),
            value_date=begins,
        )
    if rng.random() < 0.4:
        Document.objects.create(
            project=project,
            title_es=pick("Acta", ""),
            category=DocumentCategory.objects.get(code="A09"),
            url="https://www.example.org/acta.pdf",
        )
    if rng.random() < 0.5:
        result = Result.objects.create(project=project, title_es=pick("Resultado", ""))
        for _indicator in range(rng.choice([0, 1, 2])):
            Indicator.objects.create(
                result=result,
                title_es=pick("Indicador", ""),
                measure=rng.choice(Indicator.Measure.values),
                baseline_year=rng.choice([None, 2020]),
                baseline_value=rng.choice([None, Decimal(0)]),
                target_value=rng.choice([None, Decimal(10)]),
                actual_value=rng.choice([None, Decimal(4)]),
            )
    return project


def test_a_project_the_checklist_passes_makes_a_valid_and_clean_activity(
    references,
    iati_schema,
):
    """The checklist against IATI on varied projects: whatever passes it gives an
    activity the schema and every rule (warnings too, but for data the file left
    out) accept; whatever IATI refuses, the checklist refused."""
    rng = random.Random(2026)  # noqa: S311 (repeatable test data)
    countries = list(Country.objects.filter(code__in=["AR", "PY", "BO", "UY", "AO"]))
    organisations = list(Organisation.objects.filter(slug__in=["jica", "undp", "inta"]))
    sectors = list(Sector.objects.all()[:40])
    unit = Unit.objects.get(slug="bilateral-cooperation")
    passed = refused = 0
    for number in range(40):
        project = random_project(rng, number, countries, organisations, sectors, unit)
        project = Project.objects.get(pk=project.pk)
        ready = publishing.is_ready(project)
        invalid = invalidity(project, iati_schema)
        if ready:
            passed += 1
            assert invalid == set(), (project.slug, invalid)
            _activity, issues = activity_of(project)
            kept = [i for i in issues if i.rule != "portal"]
            assert kept == [], (project.slug, [str(i) for i in kept])
            assert not any("description" in i.message for i in issues)
        else:
            refused += 1
    assert passed >= 10
    assert refused >= 10
