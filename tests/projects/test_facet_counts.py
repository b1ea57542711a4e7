"""Every facet count is the number of projects that choosing the option gives: for
every facet and every option, alone and with other filters, on the sample projects
and on generated projects with several partners each."""

import datetime
import io
import random

import pytest
from django.core.management import call_command
from django.http import QueryDict

from partners.models import Bloc, Country, Organisation, Province
from projects import facets
from projects.filters import ProjectFilter
from projects.models import Budget, Currency, Participation, Project, SdgGoal

pytestmark = pytest.mark.django_db


def catalogue(query):
    filterset = ProjectFilter(QueryDict(query), queryset=Project.objects.published())
    assert filterset.is_valid(), filterset.form.errors
    return filterset


def given(others, name, values):
    """The number of projects the catalogue gives for ``others`` with ``name``
    set to ``values``."""
    query = others.copy()
    query.setlist(name, values)
    return catalogue(query.urlencode()).qs.count()


def walk(query=""):
    """Check every option of every facet under ``query``; returns how many options
    were checked. An option that counts no project must give none too."""
    counts = catalogue(query).facet_counts()
    labels = facets.facet_labels()
    checked = 0
    for name in ProjectFilter.FACETS:
        others = QueryDict(query, mutable=True)
        others.pop(name, None)
        options = [str(value) for value, *_label in labels[name]]
        for value in options:
            if value in counts[name] or name not in ProjectFilter.MULTIPLE:
                expected = counts[name].get(value, 0)
                assert given(others, name, [value]) == expected, (query, name, value)
                checked += expected > 0
        if name in ProjectFilter.MULTIPLE:
            # The options counted as none, in one query: if all of them together
            # give no project, each gives none.
            none = [value for value in options if value not in counts[name]]
            assert not none or given(others, name, none) == 0, (query, name)
    assert counts["total"][""] == catalogue(query).qs.count()
    return checked


@pytest.fixture
def sample_projects(references):
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    assert Project.objects.published().count() >= 40


# Loading the sample projects takes a while: one test walks them all.
SAMPLE_QUERIES = [
    "",
    "modality=triangular",
    "region=south-america&status=2",
    "country=PY&country=BO",
    "sector=311&sdg=2",
    "organisation=jica&organisation=inta",
]


def test_every_facet_count_of_the_sample_projects(client, sample_projects):
    # "Asia (1)" while the filter gave 6: a wider region counts the projects with
    # a partner in it or in any of its sub-regions (through the page, as shown).
    response = client.get("/projects/")
    region = next(f for f in response.context["facets"] if f["name"] == "region")
    assert len(region["options"]) > 5
    for value, label, count, _chosen in region["options"]:
        filtered = client.get("/projects/", {"region": value})
        assert filtered.context["result_count"] == count, label
    for query in SAMPLE_QUERIES:
        assert catalogue(query).qs.exists(), query
        assert walk(query) > (50 if not query else 5), query


@pytest.fixture
def generated_projects(make_project):
    """Projects with two to five partner countries from every part of the world
    (countries placed directly in a wider region and in its sub-regions alike),
    organisations, provinces, blocs, goals and budgets, chosen at random."""
    rng = random.Random(14)  # noqa: S311 (test data, not secrets)
    countries = list(Country.objects.exclude(code="AR").select_related("region"))
    organisations = list(Organisation.objects.all())
    provinces, blocs = list(Province.objects.all()), list(Bloc.objects.all())
    goals, usd = list(SdgGoal.objects.all()), Currency.objects.get(code="USD")
    modalities = [choice for choice, _ in Project.Modality.choices]
    for number in range(40):
        project = make_project(
            modality=rng.choice(modalities),
            status=rng.choice([s for s, _ in Project.Status.choices]),
            planned_start=datetime.date(rng.randint(2015, 2026), 1, 1),
            planned_end=datetime.date(2027, 12, 31),
            partners=[("AR", "provider")],
            sectors=[(rng.choice(["31120", "12220", "15110"]), 100)],
        )
        for position, country in enumerate(rng.sample(countries, rng.randint(2, 5))):
            Participation.objects.create(
                project=project,
                country=country,
                segib_role="recipient",
                iati_role="4",
                position=position + 1,
            )
        for organisation in rng.sample(organisations, rng.randint(0, 2)):
            Participation.objects.create(
                project=project,
                organisation=organisation,
                segib_role="participant",
                iati_role="4",
                position=9,
            )
        project.provinces.set(rng.sample(provinces, rng.randint(0, 3)))
        project.blocs.set(rng.sample(blocs, rng.randint(0, 2)))
        project.sdg_goals.set(rng.sample(goals, rng.randint(1, 3)))
        Budget.objects.create(
            project=project,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            value=1000 * (number + 1),
            currency=usd,
            value_date=datetime.date(2024, 1, 1),
        )


def test_every_facet_count_of_generated_projects(generated_projects):
    for query in ["", "modality=bilateral", "budget_min=5000&budget_max=30000"]:
        assert catalogue(query).qs.exists(), query
        assert walk(query) > (100 if not query else 5), query
    # Regions whose projects have partners in two of their sub-regions, or in the
    # wider region itself and a sub-region, count each project once.
    for region in ("asia", "latin-america-caribbean", "middle-east"):
        if catalogue(f"region={region}").qs.exists():
            walk(f"region={region}")
