"""Foreign subnational governments: the ISO 3166-2 data file, its loader and the
model's rules (never Argentina's jurisdictions nor Argentine territory)."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from partners.models import ARGENTINE_TERRITORY_CODES, Country, Subdivision

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "partners" / "data" / "subdivisions.json"
REFUSED = ("AR", *ARGENTINE_TERRITORY_CODES)


def data():
    return json.loads(DATA.read_text(encoding="utf-8"))


def load():
    out = io.StringIO()
    call_command("load_partners", stdout=out)
    return out.getvalue()


def test_the_data_file_records_its_source_and_licence():
    document = data()
    assert "iso-codes" in document["source"]
    assert "ISO 3166-2" in document["source"]
    assert "LGPL-2.1" in document["licence"]


def test_the_data_file_holds_no_argentine_jurisdiction_nor_territory():
    rows = data()["subdivisions"]
    assert rows, "the file lists subdivisions"
    assert not [row for row in rows if row["country"] in REFUSED]
    assert not [row for row in rows if row["code"][:2] in REFUSED]
    assert all(row["code"].startswith(f"{row['country']}-") for row in rows)


def test_the_data_file_covers_latin_america_and_the_caribbean():
    countries = {row["country"] for row in data()["subdivisions"]}
    assert {"BO", "BR", "CL", "CO", "CU", "MX", "PE", "PY", "UY", "VE"} <= countries
    codes = {row["code"]: row for row in data()["subdivisions"]}
    assert codes["CL-VS"]["name_es"] == "Valparaíso"
    assert codes["BO-P"]["kind"] == "department"
    assert codes["BR-PR"]["kind"] == "state"


ASIA_AND_AFRICA = {
    "CN", "JP", "KR", "IN", "VN", "ID", "MY", "TH", "PH", "TR", "SA", "AE", "AO",
    "MZ", "ZA", "NG", "KE", "ET", "GH", "SN", "MA", "DZ", "EG", "TN", "CV", "GW",
    "ST", "GQ",
}  # fmt: skip


def test_the_data_file_covers_the_partners_of_asia_and_africa():
    rows = data()["subdivisions"]
    assert {row["country"] for row in rows} >= ASIA_AND_AFRICA
    codes = {row["code"]: row for row in rows}
    assert len(codes) == len(rows)
    assert sum(row["country"] == "JP" for row in rows) == 47
    assert codes["CN-JS"]["name_en"] == "Jiangsu Sheng"
    assert codes["CN-JS"]["kind"] == "province"
    assert codes["CN-BJ"]["kind"] == "municipality"
    assert codes["CN-XZ"]["kind"] == "region"
    assert codes["JP-13"]["name_en"] == "Tokyo"
    assert codes["JP-13"]["kind"] == "prefecture"
    assert codes["KR-11"]["kind"] == "municipality"
    assert codes["IN-MH"]["kind"] == "state"
    assert codes["ZA-GP"]["kind"] == "province"
    assert codes["AO-LUA"]["kind"] == "province"
    assert codes["EG-C"]["kind"] == "province"
    assert codes["AE-DU"]["kind"] == "state"
    # Spanish names come from iso-codes' catalogue where it has one.
    assert (codes["AE-DU"]["name_es"], codes["AE-DU"]["name_en"]) == (
        "Dubái",
        "Dubayy",
    )
    assert codes["PH-00"]["name_es"] == "Región de la Capital Nacional"


def test_geographical_groupings_give_way_to_the_governments_below_them():
    codes = {row["code"]: row for row in data()["subdivisions"]}
    # Indonesia's geographical units, Cabo Verde's island groups, Equatorial
    # Guinea's two regions and Guinea-Bissau's provinces have no government.
    for grouping in ("ID-JW", "ID-SM", "CV-B", "CV-S", "GQ-C", "GQ-I", "GW-L"):
        assert grouping not in codes
    assert codes["ID-JB"]["kind"] == "province"
    assert codes["CV-PR"]["kind"] == "municipality"
    assert codes["GQ-BN"]["name_es"] == "Bioko Norte"
    assert codes["GW-BA"]["kind"] == "region"
    assert codes["GW-BS"]["country"] == "GW"


def test_the_data_file_holds_nothing_of_western_sahara():
    rows = data()["subdivisions"]
    assert not [row for row in rows if row["country"] == "EH"]
    assert not [row for row in rows if "(EH" in row["name_en"] + row["name_es"]]
    morocco = {row["code"] for row in rows if row["country"] == "MA"}
    assert morocco == {f"MA-{number:02}" for number in range(1, 10)}


def test_the_kinds_of_the_data_file_are_the_models():
    kinds = {row["kind"] for row in data()["subdivisions"]}
    assert kinds <= set(Subdivision.Kind.values)


def test_the_loader_loads_every_subdivision_of_a_present_country(partners_data):
    expected = {
        row["code"]
        for row in data()["subdivisions"]
        if Country.objects.filter(code=row["country"]).exists()
    }
    assert set(Subdivision.objects.values_list("code", flat=True)) == expected
    valparaiso = Subdivision.objects.select_related("country").get(code="CL-VS")
    assert valparaiso.country.code == "CL"
    assert valparaiso.kind == Subdivision.Kind.REGION
    assert (valparaiso.name_es, valparaiso.name_en) == ("Valparaíso", "Valparaíso")
    assert not Subdivision.objects.filter(country__code__in=REFUSED).exists()
    assert not Subdivision.objects.filter(code__startswith="AR-").exists()
    tokyo = Subdivision.objects.get(code="JP-13")
    assert (tokyo.country.code, tokyo.kind) == ("JP", Subdivision.Kind.PREFECTURE)


def test_a_second_load_adds_nothing_and_keeps_what_staff_edited(partners_data):
    Subdivision.objects.filter(code="CL-VS").update(name_es="Región de Valparaíso")
    count = Subdivision.objects.count()
    assert "0 foreign subnational governments" in load()
    assert Subdivision.objects.count() == count
    assert Subdivision.objects.get(code="CL-VS").name_es == "Región de Valparaíso"


def test_a_deleted_subdivision_comes_back_on_the_next_load(partners_data):
    Subdivision.objects.filter(code="BO-P").delete()
    assert "1 foreign subnational governments" in load()
    assert Subdivision.objects.filter(code="BO-P").exists()


def messages(error, field):
    with translation.override("en"):
        return [str(message) for message in error.value.message_dict[field]]


def test_argentina_is_refused_as_the_country_of_a_subdivision(partners_data):
    subdivision = Subdivision(
        country=Country.objects.get(code="AR"), name_es="Mendoza", kind="province"
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        subdivision.full_clean()
    assert messages(error, "country") == [
        "Argentine jurisdictions are provinces, not foreign subnational "
        "governments: choose a partner country."
    ]


def test_an_argentine_code_is_refused_by_the_model_and_the_database(partners_data):
    chile = Country.objects.get(code="CL")
    subdivision = Subdivision(country=chile, code="AR-M", name_es="X", kind="region")
    with pytest.raises(ValidationError) as error:
        subdivision.full_clean()
    assert "code" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Subdivision.objects.create(
            country=chile, code="FK-01", name_es="X", kind="region"
        )


def test_the_code_starts_with_the_countrys_code(partners_data):
    subdivision = Subdivision(
        country=Country.objects.get(code="CL"),
        code="PE-LIM",
        name_es="Lima",
        kind="region",
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        subdivision.full_clean()
    assert messages(error, "code") == ["The code starts with the country's code: CL-…"]


def test_municipalities_have_no_code_and_codes_are_unique(partners_data):
    chile = Country.objects.get(code="CL")
    for name in ("Viña del Mar", "Quilpué"):
        municipality = Subdivision(country=chile, name_es=name, kind="municipality")
        municipality.full_clean()
        municipality.save()
    with pytest.raises(ValidationError):
        Subdivision(
            country=chile, code="CL-VS", name_es="Otra", kind="region"
        ).full_clean()


def test_a_subdivision_is_shown_with_its_country_in_the_admins_autocomplete(
    admin_client, partners_data
):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "valpara",
            "app_label": "projects",
            "model_name": "subnationalparticipation",
            "field_name": "subdivision",
        },
    )
    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    assert texts == ["Valparaíso (Chile)"]


def autocomplete(admin_client, term):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": "projects",
            "model_name": "subnationalparticipation",
            "field_name": "subdivision",
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("valparaiso", "Valparaíso (Chile)"),
        ("VALPARAÍSO", "Valparaíso (Chile)"),
        ("Sao Paulo", "São Paulo (Brasil)"),
        ("parana brasil", "Paraná (Brasil)"),
        ("cl-vs", "Valparaíso (Chile)"),
    ],
)
def test_the_autocomplete_ignores_accents_and_case_as_other_partners_do(
    admin_client, partners_data, term, found
):
    assert found in autocomplete(admin_client, term)


def test_the_admins_list_searches_without_accents_and_by_country(
    admin_client, partners_data
):
    response = admin_client.get("/admin/partners/subdivision/", {"q": "chile valpar"})
    names = [str(row) for row in response.context["cl"].result_list]
    assert names == ["Valparaíso (Chile)"]


def test_a_municipality_staff_add_is_found_without_its_accents(
    admin_client, partners_data
):
    Subdivision.objects.create(
        country=Country.objects.get(code="CL"), kind="municipality", name="Concón"
    )
    assert "Concón (Chile)" in autocomplete(admin_client, "concon")
