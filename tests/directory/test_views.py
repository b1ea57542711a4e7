import pytest
import vobject
from model_bakery import baker

from directory.models import PhoneLine, Unit

pytestmark = pytest.mark.django_db


def test_directory_lists_every_number_and_extension_as_tel_links(
    client, directory_data
):
    response = client.get("/directory/")
    assert response.status_code == 200
    for line in PhoneLine.objects.all():
        assert line.number in response.text
        for _extension, uri in line.dial_targets:
            assert f'href="{uri}"' in response.text
    assert 'href="tel:+541148197000;ext=7268"' in response.text
    assert 'href="tel:+541148198486"' in response.text


def test_directory_shows_units_in_hierarchy_with_addresses(client, directory_data):
    response = client.get("/directory/")
    text = response.text
    head = text.index("Dirección General de Cooperación Internacional</a>")
    positions = [
        text.index(f"{name}</a>")
        for name in (
            "Dirección de Cooperación Bilateral",
            "Dirección de Cooperación Multilateral",
            "Dirección de Proyectos de Cooperación Internacional",
        )
    ]
    assert head < min(positions)
    assert positions == sorted(positions)
    assert "Esmeralda 1212, Piso 2, Oficina 204" in text
    assert "(C1007 ABR) C.A.B.A." in text
    assert "Mesa de entradas" in text


def test_directory_in_english(client, directory_data):
    response = client.get("/en/directory/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Directorate of Bilateral Cooperation" in response.text
    assert "Esmeralda 1212, Floor 12, Office 1204" in response.text
    assert "Direct line" in response.text


def test_directory_queries_do_not_grow_with_units(
    client, directory_data, count_queries
):
    with_four = count_queries(client, "/directory/")
    head = directory_data["dgcin"]
    for unit in baker.make(Unit, kind="office", parent=head, _quantity=46):
        baker.make(PhoneLine, unit=unit, kind="direct", number="(5411) 4819-1000")
    assert count_queries(client, "/directory/") == with_four


def test_directory_page_stays_within_a_query_budget(
    client, directory_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get("/directory/")


def test_unit_page_shows_lines_breadcrumbs_and_vcard_link(client, directory_data):
    unit = directory_data["multilateral-cooperation"]
    response = client.get(unit.get_absolute_url())
    assert response.status_code == 200
    assert "(5411) 4819-7266" in response.text
    assert 'href="tel:+541148197000;ext=7284"' in response.text
    assert 'href="/directory/multilateral-cooperation/vcard/"' in response.text
    assert 'href="/directory/dgcin/"' in response.text  # breadcrumb to the parent


def test_unknown_unit_is_a_404(client, directory_data):
    assert client.get("/directory/no-such-unit/").status_code == 404
    assert client.get("/directory/no-such-unit/vcard/").status_code == 404


def parse_vcard(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode()
    assert body.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    return vobject.readOne(body)


def test_vcard_carries_every_line_with_its_type(client, directory_data):
    unit = directory_data["dgcin"]
    card = parse_vcard(client.get(f"/directory/{unit.slug}/vcard/"))
    assert card.version.value == "4.0"
    assert card.kind.value == "org"
    assert card.fn.value == "Dirección General de Cooperación Internacional"
    tels = {(tel.value, tuple(tel.params["TYPE"])) for tel in card.contents["tel"]}
    assert tels == {
        ("tel:+541148197000;ext=7268", ("work", "voice")),
        ("tel:+541148197000;ext=8047", ("work", "voice")),
        ("tel:+541148197268", ("work", "voice")),
        ("tel:+541148197272", ("work", "fax")),
    }
    assert all(tel.params["VALUE"] == ["uri"] for tel in card.contents["tel"])
    adr = card.adr.value
    assert adr.street == "Esmeralda 1212"
    assert adr.code == "C1007ABR"
    assert adr.city == "C.A.B.A."
    assert adr.country == "Argentina"
    assert card.url.value == "http://testserver/directory/dgcin/"


def test_vcard_of_a_directorate_names_its_organisation_and_office(
    client, directory_data
):
    card = parse_vcard(client.get("/en/directory/bilateral-cooperation/vcard/"))
    assert card.org.value == [
        "General Directorate of International Cooperation",
        "Directorate of Bilateral Cooperation",
    ]
    assert card.adr.value.extended == "Floor 12, Office 1204"
    uris = {tel.value for tel in card.contents["tel"]}
    assert uris == {
        "tel:+541148197000;ext=7273",
        "tel:+541148197000;ext=7268",
        "tel:+541148197000;ext=7280",
        "tel:+541148198486",
        "tel:+541148197272",
    }


def test_vcard_escapes_and_folds_long_names(client, db):
    unit = baker.make(
        Unit,
        kind="office",
        parent=None,
        slug="long",
        name_es="Área de coordinación, seguimiento; y evaluación de proyectos " * 2,
        street="Esmeralda 1212",
    )
    card = parse_vcard(client.get(f"/directory/{unit.slug}/vcard/"))
    assert card.fn.value == unit.name_es
