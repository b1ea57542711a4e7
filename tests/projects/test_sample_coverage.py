"""What the sample loaders give a fresh machine to show (``make run``): every
province's page lists a project, the executing institutions of both sides are
named (partner countries' ministries and agencies, an Argentine national
university and provincial ministries), and every organisation the samples bring is
flagged as a sample and says so on its page. Focal points are not sampled: the
directory holds only what the source documents say."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from lxml import html

from directory.models import FocalPoint
from partners.institutions import IMPLEMENTING, executing_sides
from partners.models import Organisation, Province
from projects.models import Project

pytestmark = pytest.mark.django_db


def english_page(client, obj):
    with translation.override("en"):
        return client.get(obj.get_absolute_url()).text


@pytest.fixture
def samples(references):
    call_command("load_sample_calls", allow_production=True, stdout=io.StringIO())
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return Project.objects.published().filter(is_sample=True)


def test_every_province_page_lists_a_sample_project(client, samples):
    assert Province.objects.count() == 24
    for province in Province.objects.all():
        page = html.fromstring(client.get(province.get_absolute_url()).text)
        listed = page.xpath(
            '//section[@aria-labelledby="national-cooperation" or '
            '@aria-labelledby="decentralised-cooperation"]//li/a'
        )
        assert listed, province.code


def test_every_sample_project_with_an_argentine_institution_names_its_counterpart(
    samples,
):
    for project in samples.prefetch_related("participations__organisation__country"):
        argentine, partner = executing_sides(project.participations.all())
        if argentine:
            assert partner, project.slug
        for organisation in partner:
            assert organisation.is_sample, organisation.slug
            assert organisation.kind in ("partner-institution",), organisation.slug
    counterparts = Organisation.objects.filter(
        kind="partner-institution",
        participations__project__in=samples,
        participations__iati_role=IMPLEMENTING,
    ).distinct()
    assert counterparts.count() >= 40


def test_the_decentralised_sample_names_a_university_and_a_provincial_ministry(
    client, samples
):
    project = samples.get(slug="vitivinicultura-mendoza-valparaiso")
    page = english_page(client, project)
    executing = html.fromstring(page).xpath('//section[@aria-labelledby="executing"]')
    text = executing[0].text_content()
    assert "National University of Cuyo" in text
    assert "Ministry of Production of Mendoza" in text
    assert "Regional Ministerial Secretariat of Agriculture of Valparaíso" in text
    assert "No counterpart institution is named yet." not in page
    university = Organisation.objects.get(slug="uncuyo")
    assert (university.kind, university.country.code) == ("academic", "AR")
    assert university in Organisation.objects.filter(
        participations__project=project, participations__iati_role=IMPLEMENTING
    )


def test_sample_organisations_are_marked_as_such(client, samples):
    ministry = Organisation.objects.get(slug="mag-paraguay")
    assert ministry.is_sample
    page = english_page(client, ministry)
    assert "Sample data." in page
    assert "Paraguay" in page.split("<dt>Country</dt>")[1]
    assert not Organisation.objects.get(slug="inta").is_sample
    institutions = client.get("/en/partners/institutions/").text
    assert "National University of Cuyo" in institutions


def test_a_second_load_adds_no_organisation(samples):
    before = Organisation.objects.count()
    out = io.StringIO()
    call_command("load_sample_projects", allow_production=True, stdout=out)
    assert Organisation.objects.count() == before
    assert "Sample organisations: 0 added." in out.getvalue()


def test_no_sample_focal_point_is_loaded(samples):
    """The directory is the source documents' own, which list no focal point."""
    assert not FocalPoint.objects.exists()
