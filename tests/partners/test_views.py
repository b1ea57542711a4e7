import re
import string

import pytest
from model_bakery import baker

from directory.models import Representation
from partners.models import (
    ARGENTINE_TERRITORY_CODES,
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Region,
)

pytestmark = pytest.mark.django_db


def names(response):
    return [partner.name for partner in response.context["partners"]]


def test_countries_are_listed_by_default_with_counts_per_kind(client, partners_data):
    response = client.get("/partners/")
    assert response.status_code == 200
    tabs = {tab["kind"]: tab["count"] for tab in response.context["tabs"]}
    # Countries: only those with projects or in a bloc, Argentina aside (issue 14).
    in_blocs = BlocMembership.objects.current().exclude(country__code="AR")
    assert tabs == {
        "country": in_blocs.values("country").distinct().count(),
        "organisation": Organisation.objects.count(),
        "bloc": 6,
    }
    assert response.context["result_count"] == tabs["country"]
    assert len(names(response)) == 24


def test_search_ignores_accents_in_both_languages(client, partners_data):
    assert names(client.get("/partners/", {"q": "Peru"})) == ["Perú"]
    assert names(client.get("/en/partners/", {"q": "perú"})) == ["Peru"]
    assert "Estados Unidos de América" in names(
        client.get("/partners/", {"q": "united states"})
    )


def test_filter_countries_by_region_including_subregions(client, partners_data):
    south = names(client.get("/partners/", {"region": "south-america"}))
    assert "Paraguay" in south
    assert "México" not in south
    latin = client.get("/partners/", {"region": "latin-america-caribbean"})
    assert latin.context["result_count"] > len(south)


def test_filter_countries_by_bloc(client, partners_data):
    response = client.get("/partners/", {"bloc": "mercosur"})
    current = BlocMembership.objects.current().filter(bloc__slug="mercosur")
    current = current.exclude(country__code="AR")  # never its own partner
    assert response.context["result_count"] == current.count()
    assert "Paraguay" in names(response)


def test_filter_organisations_by_type_and_region(client, partners_data):
    response = client.get("/partners/", {"kind": "organisation", "type": "un-system"})
    assert "Programa de las Naciones Unidas para el Desarrollo" in names(response)
    assert all(o.kind == "un-system" for o in response.context["partners"])
    asian = client.get("/partners/", {"kind": "organisation", "region": "asia"})
    assert {o.country.code for o in asian.context["partners"]} <= {
        "JP",
        "KR",
        "CN",
        "TR",
        "IN",
    }
    assert asian.context["result_count"] >= 2


def test_blocs_are_listed_with_member_counts(client, partners_data):
    response = client.get("/en/partners/", {"kind": "bloc"})
    counts = {bloc.acronym: bloc.member_count for bloc in response.context["partners"]}
    assert counts["CELAC"] == 33
    assert counts["FEALAC"] == 36


def test_pagination_keeps_every_filter(client, partners_data):
    response = client.get("/partners/", {"region": "africa", "q": "a"})
    assert response.context["page_obj"].paginator.num_pages > 1
    links = re.findall(r'href="(\?[^"]*page=2[^"]*)"', response.text)
    assert links
    assert "region=africa" in links[0]
    assert "q=a" in links[0]
    second = client.get("/partners/" + links[0].replace("&amp;", "&"))
    assert second.context["page_obj"].number == 2
    assert set(names(second)).isdisjoint(names(response))


def test_tabs_carry_the_search_to_the_other_kinds(client, partners_data):
    response = client.get("/partners/", {"q": "arg", "bloc": "mercosur"})
    queries = {tab["kind"]: tab["query"] for tab in response.context["tabs"]}
    assert queries["organisation"] == "q=arg&kind=organisation"
    assert "bloc=" not in queries["bloc"]


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"region": "nonsense"}, "Región"),
        ({"bloc": "<script>"}, "Bloque o foro"),
        ({"page": "abc"}, "no es un número de página"),
        ({"page": "9999"}, "No existe la página 9999"),
        ({"kind": "planet"}, "no es un tipo de socio"),
        ({"q": "x" * 5000}, "demasiado larga"),
        ({"kind": "organisation", "type": "spaceship"}, "Tipo"),
    ],
)
def test_bad_query_strings_give_a_page_with_a_message(
    client, partners_data, params, notice
):
    response = client.get("/partners/", params)
    assert response.status_code == 200
    notices = " ".join(response.context["notices"])
    assert notice in notices
    assert "<script>" not in response.text.split("<main", 1)[1].split("</main>")[0]


def test_an_empty_result_suggests_removing_the_filters(client, partners_data):
    response = client.get("/partners/", {"q": "atlantis", "region": "europe"})
    assert response.context["result_count"] == 0
    assert "Quitar los filtros y ver todos" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/partners/",
        "/partners/?kind=organisation&type=un-system",
        "/partners/?kind=bloc",
        "/partners/?region=south-america&bloc=mercosur",
        "/directory/representations/",
    ],
)
def test_list_pages_cost_the_same_with_5_and_with_50_rows(
    client, no_reference_data, url, count_queries
):
    region = baker.make(Region, slug="south-america", name="América del Sur")
    bloc = baker.make(Bloc, slug="mercosur", kind="integration")
    codes = (
        a + b
        for a in string.ascii_uppercase
        for b in string.ascii_uppercase
        if a + b not in ARGENTINE_TERRITORY_CODES
    )

    def add(quantity):
        for _ in range(quantity):
            country = baker.make(Country, code=next(codes), region=region)
            baker.make(BlocMembership, bloc=bloc, country=country, until=None)
            baker.make(Organisation, kind="un-system", iati_type="40", country=country)
            baker.make(Representation, country=country, kind="embassy")
            baker.make(Bloc, kind="forum")

    add(5)
    with_5 = count_queries(client, url)
    add(45)
    assert count_queries(client, url) == with_5
    assert with_5 <= 12


def test_country_page_shows_region_blocs_and_representation(client, partners_data):
    paraguay = Country.objects.get(code="PY")
    Representation.objects.create(
        country=paraguay,
        kind="embassy",
        city="Asunción",
        phone="+595 21 212 320",
        email="embajada@example.org",
    )
    response = client.get("/partners/country/py/")
    assert response.status_code == 200
    text = response.text
    assert "América del Sur" in text
    assert 'href="/partners/bloc/mercosur/"' in text
    assert "Miembro pleno" in text
    assert "Embajada · Asunción" in text
    assert 'href="tel:+59521212320"' in text


def test_country_page_in_english_and_uppercase_codes_redirect(client, partners_data):
    response = client.get("/en/partners/country/py/")
    assert "Full member" in response.text
    redirect = client.get("/partners/country/PY/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/partners/country/py/"
    assert client.get("/partners/country/zz/").status_code == 404


def test_country_pages_query_count_does_not_grow_with_blocs(
    client, partners_data, count_queries
):
    few = count_queries(client, "/partners/country/fj/")
    many = count_queries(client, "/partners/country/ar/")
    assert few == many


def test_bloc_page_groups_members_by_status(client, partners_data):
    response = client.get("/en/partners/bloc/mercosur/")
    assert response.status_code == 200
    groups = dict(response.context["member_groups"])
    full = {m.country.code for m in groups["Full member"]}
    assert {"AR", "BR", "PY", "UY"} <= full
    assert [m.country.code for m in groups["Suspended"]] == ["VE"]
    assert "Earlier statuses" in response.text


def test_organisation_page(client, partners_data):
    response = client.get("/en/partners/organisation/undp/")
    assert response.status_code == 200
    assert "United Nations Development Programme" in response.text
    assert "XM-DAC-41114" in response.text
    assert client.get("/partners/organisation/nope/").status_code == 404


def test_representations_page_says_so_when_none_are_entered(client, partners_data):
    response = client.get("/directory/representations/")
    assert response.status_code == 200
    assert "Todavía no se registraron las representaciones" in response.text


def test_representations_are_grouped_by_region(client, partners_data):
    for code, city in [("PY", "Asunción"), ("JP", "Tokio"), ("BR", "Brasilia")]:
        Representation.objects.create(
            country=Country.objects.get(code=code), kind="embassy", city=city
        )
    text = client.get("/directory/representations/").text
    assert text.index("América del Sur") < text.index("Brasil") < text.index("Paraguay")
    assert text.index("Paraguay") < text.index("Asia") < text.index("Japón")
    assert 'id="py"' in text
