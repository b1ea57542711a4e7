"""The API's programmes, partners and directory: list and detail of each,
identified as their pages are, in the language asked, only what the public
sees, in a fixed number of queries per page."""

import datetime

import pytest
from django.utils import timezone

from directory.models import Representation, Unit
from partners.models import Bloc, BlocMembership, Country, Organisation
from projects.models import Project

from .api_helpers import every, get

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def representations(references):
    return [
        Representation.objects.create(
            country=Country.objects.get(code=code),
            kind=kind,
            city=city,
            phone="+595 21 212320",
        )
        for code, kind, city in [
            ("PY", "embassy", "Asunción"),
            ("BO", "embassy", "La Paz"),
            ("BO", "consulate-general", "Santa Cruz de la Sierra"),
            ("CL", "embassy", "Santiago"),
        ]
    ]


def test_programmes_are_the_published_ones_with_their_published_projects(
    client, make_programme, make_project
):
    bolivia = make_programme(
        "BO", venue="La Paz", title_en="Argentina-BO Programme III"
    )
    hidden = make_programme("UY", published=False)
    shown = make_project(programme=bolivia)
    make_project(programme=bolivia, publication=Project.Publication.DRAFT)
    make_project(programme=hidden)
    items = get(client, f"{API}/programmes")["results"]
    assert [item["slug"] for item in items] == [bolivia.slug]
    item = get(client, f"{API}/programmes/{bolivia.slug}?lang=en")
    assert item["title"] == "Argentina-BO Programme III"
    assert item["country"] == "BO"
    assert item["directorate"] == "bilateral-cooperation"
    assert item["commission"]["number"] == 6
    assert item["commission"]["venue"] == "La Paz"
    assert [project["slug"] for project in item["projects"]] == [shown.slug]
    assert item["url"] == f"http://testserver/en/programmes/{bolivia.slug}/"
    assert get(client, f"{API}/projects/{shown.slug}")["programme"] == bolivia.slug
    error = get(client, f"{API}/programmes/{hidden.slug}", status=404)["error"]
    assert error["status"] == 404


def test_countries_by_code_with_their_region_and_current_blocs(client, references):
    items = every(client, f"{API}/countries?page_size=500")
    codes = {item["code"] for item in items}
    assert codes == set(
        Country.objects.filter(is_active=True).values_list("code", flat=True)
    )
    assert {"FK", "GS", "AQ"}.isdisjoint(codes)
    paraguay = get(client, f"{API}/countries/py?lang=en")
    assert paraguay["name"] == "Paraguay"
    assert paraguay["url"] == "http://testserver/en/partners/country/py/"
    assert paraguay["api_url"] == "http://testserver/api/v1/countries/PY"
    current = BlocMembership.objects.current().filter(country__code="PY")
    assert {m["bloc"] for m in paraguay["blocs"]} == {m.bloc.slug for m in current}
    assert "mercosur" in {m["bloc"] for m in paraguay["blocs"]}
    assert get(client, f"{API}/countries/FK", status=404)["error"]["status"] == 404


def test_organisations_by_slug_with_labels_in_the_language_asked(client, references):
    items = every(client, f"{API}/organisations?page_size=500")
    assert len(items) == Organisation.objects.count()
    jica = get(client, f"{API}/organisations/jica?lang=en")
    spanish = get(client, f"{API}/organisations/jica")
    assert jica["kind"]["code"] == spanish["kind"]["code"] == "cooperation-agency"
    assert jica["kind"]["label"] == "Cooperation agency"
    assert spanish["kind"]["label"] != jica["kind"]["label"]
    assert jica["url"] == "http://testserver/en/partners/organisation/jica/"


def test_blocs_carry_every_dated_membership(client, references):
    mercosur = Bloc.objects.get(slug="mercosur")
    ended = BlocMembership.objects.create(
        bloc=mercosur,
        country=Country.objects.get(code="MX"),
        status=BlocMembership.Status.OBSERVER,
        since=datetime.date(2004, 1, 1),
        until=datetime.date(2010, 1, 1),
        source="Decisión CMC N° 18/04",
    )
    item = get(client, f"{API}/blocs/mercosur?lang=en")
    assert item["kind"] == {"code": "integration", "label": "Regional integration bloc"}
    memberships = item["memberships"]
    assert len(memberships) == mercosur.memberships.count()
    mexico = next(m for m in memberships if m["country"] == "MX")
    assert mexico == {
        "country": "MX",
        "country_name": "Mexico",
        "status": {"code": "observer", "label": "Observer"},
        "since": "2004-01-01",
        "until": "2010-01-01",
        "current": False,
        "source": ended.source,
        "needs_review": False,
    }
    assert any(m["current"] for m in memberships)
    items = every(client, f"{API}/blocs?page_size=2")
    assert len(items) == Bloc.objects.count()


def test_units_with_their_lines_and_parent(client, directory_data):
    items = every(client, f"{API}/units")
    assert {item["slug"] for item in items} == set(directory_data)
    unit = get(client, f"{API}/units/bilateral-cooperation?lang=en")
    assert unit["parent"] == "dgcin"
    assert unit["kind"]["label"] == "Directorate"
    lines = directory_data["bilateral-cooperation"].lines.all()
    assert [line["number"] for line in unit["phone_lines"]] == [
        line.number for line in lines
    ]
    assert unit["url"] == "http://testserver/en/directory/bilateral-cooperation/"


def test_representations_by_number(client, representations):
    items = every(client, f"{API}/representations?page_size=3")
    assert [item["id"] for item in items] == [r.pk for r in representations]
    santa_cruz = representations[2]
    item = get(client, f"{API}/representations/{santa_cruz.pk}?lang=en")
    assert item["kind"] == {"code": "consulate-general", "label": "Consulate general"}
    assert item["country"] == "BO"
    assert item["country_name"] == "Bolivia (Plurinational State of)"
    assert item["url"] == "http://testserver/en/directory/representations/#bo"
    status = get(client, f"{API}/representations/0", status=404)["error"]["status"]
    assert status == 404
    assert get(client, f"{API}/representations/abc", status=404)["error"]


@pytest.mark.parametrize(
    ("resource", "model"), [("units", Unit), ("representations", Representation)]
)
def test_updated_since_in_the_directory(client, representations, resource, model):
    model.objects.update(updated_at=timezone.now() - datetime.timedelta(days=10))
    changed = model.objects.order_by("pk").first()
    changed.save()
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    items = every(client, f"{API}/{resource}?updated_since={since}")
    key = "slug" if resource == "units" else "id"
    assert [item[key] for item in items] == [getattr(changed, key.replace("id", "pk"))]
    bad = get(client, f"{API}/{resource}?updated_since=soon", status=400)
    assert "updated_since" in bad["error"]["details"][0]


@pytest.mark.parametrize(
    "resource", ["programmes", "countries", "organisations", "blocs"]
)
def test_lists_without_dates_refuse_updated_since(client, references, resource):
    error = get(client, f"{API}/{resource}?updated_since=2026-01-01", status=400)[
        "error"
    ]
    assert "updated_since" not in error["accepted"]
    assert error["accepted"] == ["cursor", "lang", "page_size"]


@pytest.mark.parametrize(
    "resource",
    [
        "programmes",
        "countries",
        "organisations",
        "blocs",
        "units",
        "representations",
    ],
)
def test_each_list_reads_a_page_in_the_same_queries_for_3_or_30_items(
    client, count_queries, make_programme, make_project, representations, resource
):
    for country in ("BO", "CL", "UY", "PE"):
        make_project(programme=make_programme(country))
    for code in ("PE", "EC", "CO", "MX"):
        Representation.objects.create(
            country=Country.objects.get(code=code), kind="embassy", city=code
        )
    few = count_queries(client, f"{API}/{resource}?page_size=2")
    many = count_queries(client, f"{API}/{resource}?page_size=30")
    assert few == many
    assert few <= 4
