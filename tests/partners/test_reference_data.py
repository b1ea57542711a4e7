import io

import pytest
from django.core.management import call_command
from django_countries import countries

from partners.models import (
    ARGENTINE_TERRITORY_CODES,
    Bloc,
    BlocMembership,
    Country,
    IatiOrganisationType,
    Organisation,
    Province,
    Region,
)

pytestmark = pytest.mark.django_db

PROVINCE_CODES = {
    "AR-A", "AR-B", "AR-C", "AR-D", "AR-E", "AR-F", "AR-G", "AR-H", "AR-J", "AR-K",
    "AR-L", "AR-M", "AR-N", "AR-P", "AR-Q", "AR-R", "AR-S", "AR-T", "AR-U", "AR-V",
    "AR-W", "AR-X", "AR-Y", "AR-Z",
}  # fmt: skip


def current_members(slug, status=None):
    memberships = BlocMembership.objects.current().filter(bloc__slug=slug)
    if status:
        memberships = memberships.filter(status=status)
    return set(memberships.values_list("country__code", flat=True))


def test_the_24_jurisdictions_with_their_iso_codes(partners_data):
    assert set(Province.objects.values_list("code", flat=True)) == PROVINCE_CODES
    assert (
        Province.objects.get(code="AR-C").name_es == "Ciudad Autónoma de Buenos Aires"
    )
    assert Province.objects.get(code="AR-X").name_es == "Córdoba"


def test_every_iso_country_with_spanish_and_english_names(partners_data):
    # Every ISO code but the parts of Argentina ISO lists apart, plus Kosovo (XK).
    expected = {code for code, _ in countries} - set(ARGENTINE_TERRITORY_CODES)
    assert set(Country.objects.values_list("code", flat=True)) == expected | {"XK"}
    paraguay = Country.objects.get(code="PY")
    assert (paraguay.name_es, paraguay.name_en) == ("Paraguay", "Paraguay")
    germany = Country.objects.get(code="DE")
    assert (germany.name_es, germany.name_en) == ("Alemania", "Germany")
    assert not Country.objects.filter(name_es="").exists()


def test_countries_are_placed_in_regions(partners_data):
    expected = {
        "AR": "south-america",
        "MX": "central-america",
        "CU": "caribbean",
        "EG": "africa",
        "SA": "middle-east",
        "JP": "asia",
        "ES": "europe",
        "CA": "north-america",
        "FJ": "oceania",
    }
    found = dict(
        Country.objects.filter(code__in=expected).values_list("code", "region__slug")
    )
    assert found == expected
    assert Country.objects.filter(region__isnull=True).count() <= 2


def test_regions_carry_iati_codes_where_one_exists(partners_data):
    codes = dict(Region.objects.values_list("slug", "iati_code"))
    assert codes["south-america"] == "489"
    assert codes["africa"] == "298"
    assert codes["north-america"] == ""
    assert Region.objects.get(slug="middle-east").parent.slug == "asia"
    assert set(
        Region.objects.get(slug="latin-america-caribbean").subregions.values_list(
            "slug", flat=True
        )
    ) == {"south-america", "central-america", "caribbean"}


def test_the_six_blocs_of_the_sources(partners_data):
    assert set(Bloc.objects.values_list("acronym_en", flat=True)) == {
        "MERCOSUR", "CELAC", "UNASUR", "ASA", "FEALAC", "ASPA",
    }  # fmt: skip
    assert Bloc.objects.get(slug="fealac").acronym_es == "FOCALAE"


def test_bloc_membership_as_publicly_known(partners_data):
    assert {"AR", "BR", "PY", "UY"} <= current_members("mercosur", "full")
    assert current_members("mercosur", "suspended") == {"VE"}
    assert {"CL", "PE", "CO", "EC"} <= current_members("mercosur", "associate")
    assert len(current_members("celac")) == 33
    assert len(current_members("fealac")) == 36
    assert len(current_members("aspa")) == 34
    assert len(current_members("asa")) >= 66
    assert "AR" in current_members("asa")
    assert "US" not in current_members("celac")


def test_uncertain_statuses_are_marked_not_guessed(partners_data):
    flagged = BlocMembership.objects.filter(needs_review=True)
    assert flagged.exists()
    assert not flagged.filter(note="").exists()


def test_organisations_with_iati_types_and_identifiers(partners_data):
    undp = Organisation.objects.get(slug="undp")
    assert (undp.acronym_es, undp.acronym_en) == ("PNUD", "UNDP")
    assert undp.iati_identifier == "XM-DAC-41114"
    assert undp.country is None
    assert Organisation.objects.get(slug="inta").country.code == "AR"
    valid_types = set(IatiOrganisationType.values)
    assert set(Organisation.objects.values_list("iati_type", flat=True)) <= valid_types
    for kind in (
        "un-system",
        "multilateral",
        "cooperation-agency",
        "argentine-institution",
    ):
        assert Organisation.objects.filter(kind=kind).count() >= 5, kind


def test_a_second_load_adds_what_is_missing_and_keeps_staff_edits(partners_data):
    peru = Country.objects.get(code="PE")
    peru.name_es = "República del Perú"
    peru.save()
    chile = BlocMembership.objects.get(bloc__slug="mercosur", country__code="CL")
    chile.status = BlocMembership.Status.OBSERVER
    chile.save()
    Organisation.objects.get(slug="fao").delete()
    before = BlocMembership.objects.count()

    out = io.StringIO()
    call_command("load_partners", stdout=out)

    assert Country.objects.get(code="PE").name_es == "República del Perú"
    chile.refresh_from_db()
    assert chile.status == BlocMembership.Status.OBSERVER
    assert BlocMembership.objects.count() == before
    assert Organisation.objects.filter(slug="fao").exists()
    assert "1 organisations" in out.getvalue()


def test_reference_data_has_history(partners_data):
    assert Country.history.filter(code="PY").count() == 1
    assert BlocMembership.history.filter(bloc_id__isnull=False).exists()
