"""Issue: country names as the UN writes them, Kosovo, organisations with the IATI
identifiers they publish, and an identifier check that knows every registration
agency of the IATI OrganisationRegistrationAgency codelist."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import translation
from django_countries import countries

from partners.identifiers import validate_organisation_identifier
from partners.models import ARGENTINE_TERRITORY_CODES, Country, Organisation
from tests.directory.test_admin import change_form_data
from tests.proposals.test_upgrade import latest, migrate

DATA = Path(settings.BASE_DIR) / "partners" / "data"


def data(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


AGENCIES = [agency["code"] for agency in data("registration_agencies.json")["agencies"]]
ORGANISATIONS = data("organisations.json")["organisations"]
COUNTRY_NAMES = data("country_names.json")["countries"]


# Country names.


@pytest.mark.parametrize(
    ("code", "name_es", "name_en"),
    [
        ("SZ", "Eswatini", "Eswatini"),
        ("MM", "Myanmar", "Myanmar"),
        ("TL", "Timor-Leste", "Timor-Leste"),
        ("TR", "Türkiye", "Türkiye"),
        ("CZ", "Chequia", "Czechia"),
        ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
        ("CV", "Cabo Verde", "Cabo Verde"),
        ("MK", "Macedonia del Norte", "North Macedonia"),
        ("VN", "Viet Nam", "Viet Nam"),
        ("BO", "Bolivia (Estado Plurinacional de)", "Bolivia (Plurinational State of)"),
        ("TT", "Trinidad y Tabago", "Trinidad and Tobago"),
        ("KR", "República de Corea", "Republic of Korea"),
        ("VA", "Santa Sede", "Holy See"),
        ("PY", "Paraguay", "Paraguay"),
    ],
)
def test_countries_carry_the_un_short_names_in_both_languages(
    partners_data, code, name_es, name_en
):
    country = Country.objects.get(code=code)
    assert (country.name_es, country.name_en) == (name_es, name_en)


def test_every_corrected_name_is_loaded_with_its_source(partners_data):
    loaded = {
        code: (es, en)
        for code, es, en in Country.objects.values_list("code", "name_es", "name_en")
    }
    for code, row in COUNTRY_NAMES.items():
        assert loaded[code] == (row["name_es"], row["name_en"]), code
        assert row["source"].startswith("United Nations"), code
        assert row["note"], code


def test_kosovo_is_present_under_resolution_1244(partners_data, client):
    kosovo = Country.objects.get(code="XK")
    assert "1244" in kosovo.name_es
    assert "1244" in kosovo.name_en
    assert kosovo.region.slug == "europe"
    assert "Kosovo" in client.get("/partners/", {"q": "kosovo"}).text
    assert "Argentina does not recognise" in COUNTRY_NAMES["XK"]["note"]


def test_the_loader_never_creates_argentine_territory(no_reference_data):
    # Even with django-countries listing them (settings remove them too).
    try:
        with override_settings(COUNTRIES_OVERRIDE={}):
            del countries.countries
            assert set(ARGENTINE_TERRITORY_CODES) <= {code for code, _ in countries}
            call_command("load_partners", stdout=io.StringIO())
            call_command("load_partners", stdout=io.StringIO())
    finally:
        del countries.countries
    codes = set(Country.objects.values_list("code", flat=True))
    assert not codes & set(ARGENTINE_TERRITORY_CODES)
    assert {"AR", "PY", "GB", "XK"} <= codes
    regions = data("country_regions.json")["regions"]
    assert not set(regions) & set(ARGENTINE_TERRITORY_CODES)
    assert regions["XK"] == "europe"


def test_a_reload_keeps_a_staff_edited_name(partners_data):
    Country.objects.filter(code="TR").update(name_es="Turquía", name="Turquía")
    call_command("load_partners", stdout=io.StringIO())
    assert Country.objects.get(code="TR").name_es == "Turquía"


# The identifier check.


@pytest.mark.parametrize("agency", AGENCIES)
def test_every_registration_agency_prefix_is_accepted(agency):
    validate_organisation_identifier(f"{agency}-12345")
    validate_organisation_identifier(f"{agency}-AB_12.3-4")


def test_the_agency_list_is_the_codelist_less_argentine_territory():
    agencies = data("registration_agencies.json")
    assert len(AGENCIES) == len(set(AGENCIES)) == 536
    assert {"XM-DAC", "XI-IATI", "AR-CUIT", "GB-COH", "CA_AB-ABT"} <= set(AGENCIES)
    assert agencies["left_out"]["codes"] == ["AQ-COA", "FK-COA", "GS-COA"]
    assert "iatistandard.org" in agencies["source"]


@pytest.mark.parametrize(
    "identifier",
    [
        "XI-IATI-IADB",
        "XI-IATI-EC_INTPA",
        "XM-DAC-41114",
        "XM-DAC-50-21",
        "AR-CUIT-30-70806240-1",
        "XI-GRID-grid.13001.33",
    ],
)
def test_published_identifiers_pass(partners_data, identifier):
    validate_organisation_identifier(identifier)
    Organisation(
        slug="check",
        name_es="Prueba",
        kind=Organisation.Kind.OTHER,
        iati_type="90",
        iati_identifier=identifier,
    ).full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.parametrize(
    ("identifier", "code"),
    [
        ("ZZ-NOPE-1", "unknown_registration_agency"),
        ("nonsense", "unknown_registration_agency"),
        ("FR-3", "unknown_registration_agency"),
        ("xm-dac-41114", "unknown_registration_agency"),
        ("FK-COA-1", "unknown_registration_agency"),
        ("41AAA", "unknown_registration_agency"),
        ("XM-DAC-", "invalid_agency_identifier"),
        ("XM-DAC-41 114", "invalid_agency_identifier"),
        ("XI-IATI-IADB/2", "invalid_agency_identifier"),
    ],
)
def test_nonsense_is_refused_with_a_clear_message(identifier, code):
    with pytest.raises(ValidationError) as error:
        validate_organisation_identifier(identifier)
    assert error.value.code == code
    with translation.override("en"):
        message = error.value.messages[0]
    if code == "unknown_registration_agency":
        assert identifier in message
        assert "OrganisationRegistrationAgency codelist" in message
    else:
        assert "XM-DAC-" in message or "XI-IATI-" in message
        assert "without spaces" in message


def test_the_admin_refuses_an_unknown_prefix_and_saves_a_known_one(
    admin_client, partners_data
):
    unops = Organisation.objects.get(slug="unops")
    url = f"/admin/partners/organisation/{unops.pk}/change/"
    form = change_form_data(admin_client.get(url))
    refused = admin_client.post(url, form | {"iati_identifier": "ZZ-UNOPS-41AAA"})
    assert refused.status_code == 200
    assert "ZZ-UNOPS-41AAA" in refused.context["adminform"].form.errors.as_text()
    unops.refresh_from_db()
    assert unops.iati_identifier == ""
    saved = admin_client.post(url, form | {"iati_identifier": "XM-DAC-41502"})
    assert saved.status_code == 302
    unops.refresh_from_db()
    assert unops.iati_identifier == "XM-DAC-41502"


# Organisations and their identifiers.

EXPECTED_IDENTIFIERS = {
    "idb": "XI-IATI-IADB",
    "world-bank": "",
    "unops": "",
    "giz": "XM-DAC-5-52",
    "aecid": "XM-DAC-50-21",
    "jica": "XM-DAC-701-8",
    "koica": "",
    "agcid": "",
    "apc-colombia": "",
    "amexcid": "",
    "abc": "",
    "fao": "XM-DAC-41301",
    "paho": "",
    "iica": "",
    "caf": "XM-DAC-46008",
    "fonplata": "XM-DAC-46027",
    "european-union": "XI-IATI-EC_INTPA",
    "afd": "",
}


def test_organisations_have_their_identifiers_exactly_as_sourced(partners_data):
    loaded = dict(Organisation.objects.values_list("slug", "iati_identifier"))
    for slug, identifier in EXPECTED_IDENTIFIERS.items():
        assert loaded[slug] == identifier, slug
    for row in ORGANISATIONS:
        assert loaded[row["slug"]] == row["iati_identifier"], row["slug"]
        assert row["identifier_source"], row["slug"]
        if row["iati_identifier"]:
            validate_organisation_identifier(row["iati_identifier"])
            assert row["iati_identifier"] in row["identifier_source"], row["slug"]
            assert "iatiregistry.org/publisher/" in row["identifier_source"]
    assert len(ORGANISATIONS) == 53


def test_the_new_organisations_are_found_by_name(partners_data):
    assert Organisation.objects.search("fonplata").get().slug == "fonplata"
    assert Organisation.objects.search("union europea").get().slug == ("european-union")
    assert Organisation.objects.search("ec_intpa").exists()


# Migration partners 0005 on a database loaded before the corrections.

BEFORE = [("partners", "0004_correct_bloc_memberships")]


def make_old_database(apps):
    """The reference rows as the old loaders left them, with some staff edits."""
    Country = apps.get_model("partners", "Country")
    Organisation = apps.get_model("partners", "Organisation")
    for code, name_es, name_en in [
        ("BO", "Bolivia", "Bolivia"),
        ("VN", "Vietnam", "Vietnam"),
        ("SZ", "Suazilandia", "Eswatini"),
        # Staff renamed Türkiye in Spanish and Korea in English.
        ("TR", "República de Türkiye", "Türkiye"),
        ("KR", "Corea del Sur", "Korea (Republic of)"),
    ]:
        Country.objects.filter(code=code).update(
            name=name_es,
            name_es=name_es,
            name_en=name_en,
            search_text=f"{code.lower()} {name_es.lower()} {name_en.lower()}",
        )
    Country.objects.filter(code="XK").delete()
    for slug, identifier in [
        ("idb", "XM-DAC-46012"),
        ("caf", ""),
        ("aecid", ""),
        ("afd", "FR-3"),
        ("giz", "XM-DAC-5-7"),  # a staff edit
    ]:
        Organisation.objects.filter(slug=slug).update(iati_identifier=identifier)
    Organisation.objects.filter(slug__in=["fonplata", "european-union"]).delete()


@pytest.mark.django_db(transaction=True)
def test_the_migration_corrects_an_old_database_and_leaves_staff_edits():
    ContentType.objects.clear_cache()
    try:
        make_old_database(migrate(BEFORE))
        migrate(latest())

        names = {
            code: (es, en)
            for code, es, en in Country.objects.values_list(
                "code", "name_es", "name_en"
            )
        }
        assert names["BO"] == (
            "Bolivia (Estado Plurinacional de)",
            "Bolivia (Plurinational State of)",
        )
        assert names["VN"] == ("Viet Nam", "Viet Nam")
        assert names["SZ"] == ("Eswatini", "Eswatini")
        assert names["TR"] == ("República de Türkiye", "Türkiye")
        assert names["KR"] == ("República de Corea", "Korea (Republic of)")
        assert Country.objects.get(code="BO").name == (
            "Bolivia (Estado Plurinacional de)"
        )
        assert Country.objects.search("viet nam").get().code == "VN"
        assert Country.objects.search("plurinacional").get().code == "BO"
        bolivia = Country.history.filter(code="BO").latest("history_date")
        assert bolivia.history_change_reason.startswith("Reference data corrected")
        assert Country.history.filter(code="TR").count() == 1

        kosovo = Country.objects.get(code="XK")
        assert kosovo.region.slug == "europe"
        assert kosovo.name_en == "Kosovo (UN Security Council Resolution 1244)"
        assert Country.history.filter(code="XK", history_type="+").exists()

        identifiers = dict(Organisation.objects.values_list("slug", "iati_identifier"))
        assert identifiers["idb"] == "XI-IATI-IADB"
        assert identifiers["caf"] == "XM-DAC-46008"
        assert identifiers["aecid"] == "XM-DAC-50-21"
        assert identifiers["afd"] == ""
        assert identifiers["giz"] == "XM-DAC-5-7"
        assert identifiers["fonplata"] == "XM-DAC-46027"
        assert identifiers["european-union"] == "XI-IATI-EC_INTPA"
        assert Organisation.objects.search("xi-iati-iadb").get().slug == "idb"
        fonplata = Organisation.objects.get(slug="fonplata")
        assert fonplata.name_en == "FONPLATA Development Bank"
        fonplata.full_clean()
        assert not Country.objects.filter(code__in=ARGENTINE_TERRITORY_CODES).exists()
    finally:
        # Always back to the latest schema: the tests after this one need it.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
