"""Phones and wide screens: the catalogue's results come before its filters on a
phone, tables keep their column names when they stack, and the focal points' contact
details never overlap (screenshots saved under /tmp/e2e-shots/)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import FocalPoint
from partners.models import Province

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/e2e-shots")  # noqa: S108 - the brief names this folder
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def catalogue_site(site):
    for command in ("load_partners", "load_project_references"):
        call_command(command, stdout=io.StringIO())
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return site


@pytest.fixture
def screen(browser):
    """screen(viewport): a fresh page of that size, closed after the test."""
    contexts = []

    def make(viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def test_on_a_phone_the_first_result_shows_before_the_folded_filters(
    screen, catalogue_site
):
    page = screen(PHONE)
    page.goto(catalogue_site + "/projects/?modality=triangular")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "catalogue-360.png"))
    # The "Filter" control is on the first screen, the first result's title no
    # lower than the second.
    toggle = page.locator("summary", has_text="Filtrar")
    assert toggle.bounding_box()["y"] < PHONE["height"]
    first = page.locator(".project-card__title").first
    top = first.bounding_box()["y"]
    assert top + 40 < 2 * PHONE["height"], f"first result at {top}px"
    assert page.locator(".catalogue__filters").is_hidden()
    toggle = page.locator("summary", has_text="Filtrar")
    assert "(1 activo)" in toggle.inner_text()

    toggle.click()
    assert page.get_by_label("Modalidad", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(
    screen, catalogue_site
):
    page = screen(DESKTOP)
    page.goto(catalogue_site + "/projects/")
    assert page.get_by_label("Modalidad", exact=True).is_visible()
    assert page.locator("summary", has_text="Filtrar").is_hidden()
    filters = page.locator(".catalogue__filters").bounding_box()
    results = page.locator(".catalogue__results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    # A country's checkbox is checkbox-sized, its name right beside it (the
    # column's text inputs fill it; a checkbox that did pushed names to the edge).
    option = page.locator(".checklist__options label").first
    box = option.locator("input").bounding_box()
    name = option.evaluate(
        "l => { const r = document.createRange(); r.selectNodeContents(l);"
        " return r.getClientRects()[1].x; }"
    )
    assert box["width"] < 32
    assert name - (box["x"] + box["width"]) < 16


def test_project_tables_stack_on_a_phone_and_keep_their_column_names(
    screen, catalogue_site
):
    page = screen(PHONE)
    page.goto(catalogue_site + "/projects/")
    page.locator(".project-card a").first.click()
    partners = page.locator("section[aria-labelledby=partners] table")
    cell = partners.locator("tbody td").first
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"Rol (SEGIB)" ": "' or "Rol (SEGIB)" in label
    # The header row is still there for screen readers, only moved out of sight.
    head = partners.locator("thead")
    assert head.evaluate("h => getComputedStyle(h).display") != "none"
    assert page.get_by_role("columnheader", name="Aporte").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    wide = screen(DESKTOP)
    wide.goto(page.url)
    wide_cell = wide.locator("section[aria-labelledby=partners] tbody td").first
    assert wide_cell.evaluate("c => getComputedStyle(c).display") == "table-cell"


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_focal_point_contacts_neither_overlap_nor_overflow_their_card(
    screen, site, viewport
):
    call_command("load_partners", stdout=io.StringIO())
    FocalPoint.objects.create(
        province=Province.objects.get(code="AR-T"),
        institution="Secretaría de Relaciones Internacionales y Cooperación de Tucumán",
        address="Avenida Presidente Sarmiento 1234, piso 5, San Miguel de Tucumán",
        phone="(0381) 484-4000",
        email="cooperacion.internacional.relaciones@tucuman.gob.ar",
        website="https://relacionesinternacionales.tucuman.gob.ar/cooperacion-descentralizada/",
        person_name="María de los Ángeles Fernández Etcheverry",
        person_position="Directora de Cooperación Internacional Descentralizada",
        person_email="mariadelosangeles.fernandez@tucuman.gob.ar",
        person_phone="(0381) 484-4001",
        person_is_public=True,
    )
    page = screen(viewport)
    page.goto(site + "/directory/focal-points/")
    card = page.locator("#ar-t")
    card.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(SHOTS / f"focal-point-card-{viewport['width']}.png"))
    page.screenshot(
        path=str(SHOTS / f"focal-points-{viewport['width']}.png"), full_page=True
    )

    box = card.bounding_box()
    items = card.locator("dt, dd")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    assert len(boxes) == 14
    for i, first in enumerate(boxes):
        assert first["x"] >= box["x"] - 0.5
        assert first["x"] + first["width"] <= box["x"] + box["width"] + 0.5
        for second in boxes[i + 1 :]:
            assert not overlaps(first, second), (first, second)
    # Nothing is clipped: every value is as wide as the text it holds.
    clipped = card.locator("dd").evaluate_all(
        "dds => dds.filter(dd => dd.scrollWidth > dd.clientWidth + 1).length"
    )
    assert clipped == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_the_header_search_box_is_styled_and_the_header_keeps_its_rows(
    screen, site, viewport
):
    """The header's search box matches its button; on a wide screen the brand,
    the search, the account link and the languages share one row, on a phone the
    search takes the whole width under the brand."""
    page = screen(viewport)
    page.goto(site + "/search/?q=salud")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"header-search-{viewport['width']}.png"))
    box = page.locator("#site-search-q").bounding_box()
    button = page.locator(".site-header .site-search button").bounding_box()
    assert abs(box["height"] - button["height"]) < 1
    assert box["height"] >= 40  # a finger's size, not the browser's default box
    form = page.locator(".site-header .site-search").bounding_box()
    if viewport is DESKTOP:
        tops = [
            page.locator(selector).bounding_box()["y"]
            for selector in (".brand", ".account-links", ".language-switch")
        ]
        assert all(form["y"] - 30 < top < form["y"] + 30 for top in tops), tops
    else:
        inner = page.locator(".site-header__inner").bounding_box()
        assert form["width"] > inner["width"] - 40
        assert form["y"] > page.locator(".brand").bounding_box()["y"]
