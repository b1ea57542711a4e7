import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from model_bakery import baker

from partners.models import BlocMembership, Country, Organisation
from partners.search import fold

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Perú", "peru"),
        ("  Côte   d'Ivoire ", "cote d'ivoire"),
        ("COOPERACIÓN Sur-Sur", "cooperacion sur-sur"),
        ("São Tomé and Príncipe", "sao tome and principe"),
    ],
)
def test_fold_lowercases_and_strips_accents(text, folded):
    assert fold(text) == folded


def test_search_ignores_accents_and_case_in_both_languages(no_reference_data):
    peru = baker.make(Country, code="PE", name_es="Perú", name_en="Peru")
    baker.make(Country, code="US", name_es="Estados Unidos", name_en="United States")
    assert list(Country.objects.search("peru")) == [peru]
    assert list(Country.objects.search("PERÚ")) == [peru]
    assert list(Country.objects.search("pe")) == [peru]
    assert Country.objects.search("unidos estados").count() == 1
    assert Country.objects.search("united").count() == 1
    assert Country.objects.search("nowhere").count() == 0


def test_search_text_follows_edits(no_reference_data):
    country = baker.make(Country, code="PE", name_es="Perú", name_en="Peru")
    country.name_es = "República del Perú"
    country.save(update_fields=["name_es"])
    assert Country.objects.search("republica").get() == country


def membership(**kwargs):
    return baker.prepare(
        BlocMembership, bloc=kwargs.pop("bloc"), country=kwargs.pop("country"), **kwargs
    )


def test_overlapping_periods_of_a_country_in_a_bloc_are_refused(no_reference_data):
    first = baker.make(
        BlocMembership,
        status="full",
        since=datetime.date(2012, 7, 31),
        until=datetime.date(2016, 12, 1),
    )
    overlapping = membership(
        bloc=first.bloc,
        country=first.country,
        status="suspended",
        since=datetime.date(2016, 1, 1),
    )
    with pytest.raises(ValidationError, match="se superpone"):
        overlapping.full_clean()
    touching = membership(
        bloc=first.bloc,
        country=first.country,
        status="suspended",
        since=datetime.date(2016, 12, 1),
    )
    touching.full_clean()


def test_an_end_before_the_start_is_refused_by_the_form_and_the_database(
    no_reference_data,
):
    bad = membership(
        bloc=baker.make("partners.Bloc"),
        country=baker.make(Country),
        status="full",
        since=datetime.date(2020, 1, 1),
        until=datetime.date(2019, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "until" in excinfo.value.message_dict
    with pytest.raises(IntegrityError):
        bad.save()


def test_two_open_statuses_of_a_country_in_a_bloc_are_refused_by_the_database(
    no_reference_data,
):
    first = baker.make(BlocMembership, status="full", until=None)
    with pytest.raises(IntegrityError):
        BlocMembership.objects.create(
            bloc=first.bloc, country=first.country, status="observer"
        )


def test_current_means_no_end_or_an_end_still_ahead(no_reference_data):
    today = timezone.localdate()
    ended = baker.make(BlocMembership, until=today - datetime.timedelta(days=1))
    ending_soon = baker.make(BlocMembership, until=today + datetime.timedelta(days=30))
    open_ended = baker.make(BlocMembership, until=None)
    assert set(BlocMembership.objects.current()) == {ending_soon, open_ended}
    assert not ended.is_current
    assert ending_soon.is_current


@pytest.mark.parametrize("identifier", ["XM DAC 41114", "undp", "xm-dac-41114"])
def test_badly_formed_iati_identifiers_are_refused(identifier):
    organisation = baker.prepare(
        Organisation, iati_identifier=identifier, iati_type="40", kind="un-system"
    )
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "iati_identifier" in excinfo.value.message_dict


def test_an_iati_identifier_belongs_to_one_organisation_only(no_reference_data):
    baker.make(Organisation, iati_identifier="XM-DAC-41114")
    baker.make(Organisation, iati_identifier="")
    baker.make(Organisation, iati_identifier="")
    with pytest.raises(IntegrityError):
        baker.make(Organisation, iati_identifier="XM-DAC-41114")
