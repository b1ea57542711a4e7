"""Issue 12, part 1: the Malvinas, South Georgia and South Sandwich Islands and the
Argentine Antarctic Sector are Argentine territory (province AR-V), never a foreign
country or a partner: no row, no page, no filter, no admin choice, no import."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client

from partners.models import ARGENTINE_TERRITORY_CODES, Country, Province
from tests.partners.test_admin import csv_upload, import_file
from tests.proposals.test_upgrade import latest, migrate

pytestmark = pytest.mark.django_db

NAMES = {
    "es": [
        "Islas Malvinas",
        "Islas Georgias del Sur",
        "Islas Sandwich del Sur",
        "Antártida Argentina",
    ],
    "en": [
        "Malvinas Islands",
        "South Georgia Islands",
        "South Sandwich Islands",
        "Argentine Antarctica",
    ],
}


def test_the_reference_data_has_no_country_for_argentine_territory(partners_data):
    assert Country.objects.count() > 190
    assert not Country.objects.filter(code__in=ARGENTINE_TERRITORY_CODES).exists()


@pytest.mark.parametrize("code", ARGENTINE_TERRITORY_CODES)
def test_a_country_row_for_argentine_territory_is_refused(partners_data, code):
    with pytest.raises(ValidationError) as error:
        Country(code=code, name_es="x", name_en="x").full_clean()
    assert "Tierra del Fuego" in " ".join(error.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code=code, name_es="x", name_en="x")


@pytest.mark.parametrize("code", ["fk", "FK", "gs", "aq", "Aq"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_old_country_pages_move_permanently_to_the_province(
    client, partners_data, code, prefix
):
    response = client.get(f"{prefix}/partners/country/{code}/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/partners/province/ar-v/"


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_province_page_names_every_part_of_it(client, partners_data, language):
    prefix = "/en" if language == "en" else ""
    response = client.get(f"{prefix}/partners/province/ar-v/")
    assert response.status_code == 200
    text = response.content.decode()
    for name in NAMES[language]:
        assert name in text
    assert "Falkland" not in text


def test_a_province_page_lists_its_published_projects(client, make_project):
    project = make_project(title_es="Huertas fueguinas")
    project.provinces.add(Province.objects.get(code="AR-V"))
    draft = make_project(title_es="Borrador fueguino", publication="draft")
    draft.provinces.add(Province.objects.get(code="AR-V"))
    response = client.get("/partners/province/AR-V/", follow=True)
    assert response.redirect_chain == [("/partners/province/ar-v/", 301)]
    text = response.content.decode()
    assert "Huertas fueguinas" in text
    assert "Borrador fueguino" not in text
    assert client.get("/partners/province/ar-zz/").status_code == 404


def test_partner_lists_and_filters_offer_no_argentine_territory(
    client, admin_client, partners_data, make_focal_point
):
    listing = client.get("/partners/", {"kind": "country"})
    listed = {country.code for country in listing.context["filter"].qs}
    assert "PY" in listed
    assert not listed & set(ARGENTINE_TERRITORY_CODES)
    assert "/partners/province/ar-v/" in listing.content.decode()

    catalogue = client.get("/projects/")
    choices = {
        str(value)
        for value, _ in catalogue.context["filter"].form.fields["country"].choices
    }
    assert "PY" in choices
    assert not choices & set(ARGENTINE_TERRITORY_CODES)

    autocomplete = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "projects",
            "model_name": "participation",
            "field_name": "country",
            "term": "mal",
        },
    )
    assert autocomplete.status_code == 200
    texts = [row["text"] for row in autocomplete.json()["results"]]
    assert "Malí" in texts
    assert not any("Malvinas" in text for text in texts)

    focal_point = Client()
    focal_point.force_login(make_focal_point("AR-V"))
    form = focal_point.get("/proposals/new/").context["form"]
    offered = {c.code for c in form.fields["partner_countries"].queryset}
    assert "PY" in offered
    assert not offered & set(ARGENTINE_TERRITORY_CODES)


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        (
            "/admin/partners/country/",
            "code,name_es,name_en,region,is_active\n"
            "FK,Islas Malvinas,Malvinas Islands,south-america,1\n",
        ),
        (
            "/admin/partners/organisation/",
            "slug,acronym_es,acronym_en,name_es,name_en,kind,country,iati_type,"
            "iati_identifier,website\n"
            "radio-x,RX,RX,Radio X,Radio X,ngo,GS,22,,\n",
        ),
        (
            "/admin/directory/representation/",
            "country,kind,city,address,phone,email,website\nAQ,embassy,Base,,,,\n",
        ),
    ],
)
def test_an_import_naming_argentine_territory_says_why_per_row(
    admin_client, partners_data, url, rows
):
    before = Country.objects.count()
    preview = import_file(admin_client, url, csv_upload(rows), "0")
    result = preview.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    errors = " ".join(
        str(error) for row in result.invalid_rows for error in row.error_dict.values()
    ) + " ".join(str(e.error) for _, errs in result.row_errors() for e in errs)
    assert "territorio argentino" in errors
    assert "Tierra del Fuego" in errors
    assert Country.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_the_migration_removes_territory_rows_and_keeps_projects_safe():
    """A database loaded before this release had Country rows for FK, GS and AQ,
    with bloc periods, representations, organisations and proposals pointing at
    them: the migration removes them all and describes AR-V; a project naming one
    as a partner stops it with the projects to fix."""
    before = [("partners", "0001_initial")]
    try:
        apps = migrate(before)
        Country = apps.get_model("partners", "Country")
        Bloc = apps.get_model("partners", "Bloc")
        Organisation = apps.get_model("partners", "Organisation")
        Province = apps.get_model("partners", "Province")
        Representation = apps.get_model("directory", "Representation")
        Project = apps.get_model("projects", "Project")
        Participation = apps.get_model("projects", "Participation")
        Province.objects.update_or_create(
            code="AR-V", defaults={"slug": "tierra-del-fuego", "name": "TDF"}
        )
        malvinas = Country.objects.create(
            code="FK", name="Islas Malvinas", name_en="Falkland Islands (Malvinas)"
        )
        Country.objects.create(code="GS", name="Georgias")
        bloc = Bloc.objects.create(slug="x-bloc", acronym="X", name="X", kind="forum")
        bloc.memberships.create(country=malvinas, status="full")
        Representation.objects.create(country=malvinas, kind="consulate", city="X")
        Organisation.objects.create(
            slug="x-org", name="X", kind="ngo", iati_type="22", country=malvinas
        )
        project = Project.objects.create(
            title="Proyecto", slug="proyecto-fk", modality="bilateral"
        )
        participation = Participation.objects.create(
            project=project, country=malvinas, segib_role="recipient", iati_role="4"
        )
        with pytest.raises(RuntimeError, match="proyecto-fk"):
            migrate(latest())
        participation.delete()

        apps = migrate(latest())
        Country = apps.get_model("partners", "Country")
        Organisation = apps.get_model("partners", "Organisation")
        Province = apps.get_model("partners", "Province")
        Representation = apps.get_model("directory", "Representation")
        assert not Country.objects.filter(code__in=ARGENTINE_TERRITORY_CODES).exists()
        assert not Representation.objects.filter(city="X").exists()
        assert Organisation.objects.get(slug="x-org").country_id is None
        assert not bloc.memberships.exists()
        province = Province.objects.get(code="AR-V")
        assert "Islas Malvinas" in province.description_es
        assert "Argentine Antarctica" in province.description_en
    finally:
        migrate(latest())
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
