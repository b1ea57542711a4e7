"""An Argentine public body is in Argentina: saved without a country it gets
Argentina, so its page and the open data never call it an international body; a
partner country's public body names its country; only the UN system's and the
multilaterals are "international bodies"."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import translation

from partners.models import Country, Organisation

pytestmark = pytest.mark.django_db


def body(slug, kind, country=None, **fields):
    organisation = Organisation(
        slug=slug,
        name_es=f"Organismo {slug}",
        name_en=f"Body {slug}",
        kind=kind,
        country=Country.objects.get(code=country) if country else None,
        iati_type="10",
        **fields,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def country_shown(client, organisation):
    with translation.override("en"):
        page = client.get(organisation.get_absolute_url()).text
    return page.split("<dt>Country</dt>")[1].split("</dd>")[0]


def test_an_argentine_public_body_without_a_country_is_in_argentina(
    client, partners_data
):
    institute = body("instituto-x", "argentine-institution")

    assert institute.country.code == "AR"
    shown = country_shown(client, institute)
    assert "Argentina" in shown
    assert "International body" not in shown
    api = client.get(f"/api/v1/organisations/{institute.slug}").json()
    assert api["country"] == "AR"


def test_the_kinds_of_public_body_name_the_right_country(partners_data):
    with pytest.raises(ValidationError) as error:
        body("instituto-y", "argentine-institution", country="PY")
    assert "country" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        body("ministerio-z", "partner-institution")
    assert "country" in error.value.message_dict
    with pytest.raises(ValidationError):
        body("ministerio-w", "partner-institution", country="AR")
    assert body("ministerio-py", "partner-institution", country="PY").country.code


def test_only_international_bodies_are_called_so(client, partners_data):
    undp = Organisation.objects.get(slug="undp")
    assert "International body" in country_shown(client, undp)
    ngo = body("ong-sin-pais", "ngo")
    shown = country_shown(client, ngo)
    assert "International body" not in shown
    assert "Not given yet" in shown


def test_the_migration_puts_argentine_bodies_in_argentina(partners_data):
    institute = body("instituto-v", "argentine-institution")
    Organisation.objects.filter(pk=institute.pk).update(country=None)

    migration = importlib.import_module(
        "partners.migrations.0010_subdivision_search_organisation_sample"
    )
    migration.argentine_bodies_in_argentina(django_apps, None)

    institute.refresh_from_db()
    assert institute.country.code == "AR"
    assert institute.history.latest().country_id == institute.country_id
