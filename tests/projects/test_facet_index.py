"""The facet rows and counts (projects.facet_index) follow every write in the
writer's transaction: after any sequence of changes they equal what a rewrite from
scratch gives, a rolled-back change leaves them as they were, and the unfiltered
catalogue, statistics and home page read the counts in one small query."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from partners.models import Bloc, Country, Organisation, Province, Region
from projects import facet_index, facets
from projects.models import (
    FacetCount,
    FacetRow,
    Participation,
    Project,
    ProjectSector,
    SdgGoal,
    Sector,
    SubnationalParticipation,
)

pytestmark = pytest.mark.django_db


def stored():
    """(rows, counts) as stored."""
    rows = set(FacetRow.objects.values_list("project", "published", "facet", "value"))
    counts = {
        (facet, value): number
        for facet, value, number in FacetCount.objects.filter(
            projects__gt=0
        ).values_list("facet", "value", "projects")
    }
    return rows, counts


def assert_in_step():
    """The stored rows and counts are what rewriting them from scratch gives."""
    rows, counts = stored()
    FacetRow.objects.all().delete()
    FacetCount.objects.all().delete()
    facet_index.refresh(Project.objects.values_list("pk", flat=True))
    assert stored() == (rows, counts)
    assert counts == {
        (row["facet"], row["value"]): row["projects"]
        for row in FacetRow.objects.filter(published=True)
        .values("facet", "value")
        .annotate(projects=Count("*"))
    }
    return counts


def test_rows_and_counts_follow_every_kind_of_change(make_project):
    triangular = make_project(modality="triangular")
    bilateral = make_project(start_year=2019)
    draft = make_project(publication=Project.Publication.DRAFT)
    counts = assert_in_step()
    assert counts[("total", "")] == 2  # the draft is not counted
    assert counts[("modality", "triangular")] == 1
    assert counts[("organisation", "jica")] == 1
    assert ("country", "AR") not in counts  # Argentina is no partner
    assert counts[("home", "")] == 2
    assert counts[("role", "first-provider")] == 1

    # The project's own fields, publication included.
    bilateral.status = Project.Status.CLOSED
    bilateral.save()
    draft.publication = Project.Publication.PUBLISHED
    draft.save()
    counts = assert_in_step()
    assert counts[("total", "")] == 3
    assert counts[("status", Project.Status.CLOSED)] == 1

    # Its rows: partners, sectors, goals, provinces, blocs, subnational partners.
    Participation.objects.create(
        project=bilateral, country=Country.objects.get(code="AO"), position=9
    )
    Participation.objects.filter(
        project=triangular, organisation__isnull=False
    ).delete()
    ProjectSector.objects.create(
        project=bilateral, sector=Sector.objects.get(code="11220"), percentage=100
    )
    bilateral.sdg_goals.add(SdgGoal.objects.get(number=2))
    salta = Province.objects.get(code="AR-A")
    draft.provinces.add(salta)
    salta.projects.add(bilateral)  # from the other side
    triangular.is_decentralised = True
    triangular.save()
    SubnationalParticipation.objects.create(project=triangular, province=salta)
    counts = assert_in_step()
    assert counts[("country", "AO")] == 1
    assert counts[("region", "africa")] == 1
    assert ("organisation", "jica") not in counts
    assert counts[("sdg", "2")] == 1
    assert counts[("sector", "112")] == 1
    # Two linked by hand, one as the subnational partner of a decentralised one.
    assert counts[("province", "AR-A")] == 3
    assert counts[("decentralised-province", "AR-A")] == 1

    # Reference rows whose codes the rows hold.
    angola = Country.objects.get(code="AO")
    angola.region = Region.objects.get(slug="caribbean")
    angola.save()
    counts = assert_in_step()
    assert ("region", "africa") not in counts
    assert counts[("region", "caribbean")] >= 1

    # Deletes: a project, a province's links, a province and a bloc named by
    # projects (their links go with them).
    draft.delete()
    salta.projects.clear()
    counts = assert_in_step()
    assert counts[("total", "")] == 2
    assert ("province", "AR-A") not in counts
    assert counts[("decentralised-province", "AR-A")] == 1
    SubnationalParticipation.objects.filter(province=salta).delete()
    jujuy = Province.objects.get(code="AR-Y")
    jujuy.projects.add(bilateral)  # (a subnational partner would protect it)
    mercosur = Bloc.objects.get(slug="mercosur")
    mercosur.projects.add(triangular)
    assert_in_step()
    jujuy.delete()
    mercosur.delete()
    counts = assert_in_step()
    assert not {facet for facet, value in counts if value in ("AR-Y", "mercosur")}


def test_a_rolled_back_change_leaves_rows_and_counts_as_they_were(make_project):
    project = make_project()
    before = stored()

    def change_then_fail():
        with transaction.atomic():
            project.modality = Project.Modality.REGIONAL
            project.save()
            project.sdg_goals.add(SdgGoal.objects.get(number=5))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert stored() == before
    assert_in_step()


def test_an_organisation_renamed_counts_under_its_new_slug(make_project):
    make_project(modality="triangular")
    jica = Organisation.objects.get(slug="jica")
    jica.slug = "jica-japan"
    jica.save()
    counts = assert_in_step()
    assert counts[("organisation", "jica-japan")] == 1


def test_the_unfiltered_pages_read_the_counts_in_one_query(
    client, make_project, django_assert_num_queries, fresh_pages
):
    make_project()
    facets.bump()
    with django_assert_num_queries(1) as captured:
        every = facets.every_count()
    assert "projects_facetcount" in captured.captured_queries[0]["sql"]
    assert every["total"] == {"": 1}
    assert facets.key_figures() == {"projects": 1, "countries": 1, "organisations": 0}


def test_refresh_facets_puts_right_what_a_write_without_signals_left(make_project):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(modality="regional")  # no signal
    assert stored()[1][("modality", "bilateral")] == 1
    out = io.StringIO()
    call_command("refresh_facets", stdout=out)
    assert "2 count(s) were out of step" in out.getvalue()
    counts = assert_in_step()
    assert counts[("modality", "regional")] == 1
    assert ("modality", "bilateral") not in counts
    out = io.StringIO()
    call_command("refresh_facets", stdout=out)
    assert "every count was right" in out.getvalue()
