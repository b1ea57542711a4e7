import re

import pytest
from django.core.management import call_command

from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def partners_site(site):
    call_command("load_partners", verbosity=0)
    return site


def test_a_visitor_filters_by_mercosur_and_opens_paraguay(page, partners_site):
    page.goto(partners_site + "/partners/")
    page.get_by_label("Bloque o foro").select_option(label="MERCOSUR")
    page.get_by_role("button", name="Aplicar").click()
    page.wait_for_url(re.compile(r"bloc=mercosur"))
    results = page.locator(".partner-list")
    assert results.get_by_role("link", name="Paraguay").is_visible()
    assert not results.get_by_role("link", name="Japón").count()

    results.get_by_role("link", name="Paraguay").click()
    page.wait_for_url(partners_site + "/partners/country/py/")
    row = page.get_by_role("row", name=re.compile("MERCOSUR"))
    assert "Miembro pleno" in row.inner_text()
    page.get_by_role("link", name="English").click()
    assert (
        "Full member"
        in page.get_by_role("row", name=re.compile("MERCOSUR")).inner_text()
    )
    assert page.csp_violations == []


@pytest.mark.parametrize(
    "path",
    [
        "/partners/",
        "/en/partners/?kind=organisation&type=un-system",
        "/partners/?kind=bloc",
        "/partners/country/py/",
        "/partners/bloc/mercosur/",
        "/partners/organisation/undp/",
        "/directory/representations/",
        "/partners/?region=nonsense&page=abc",
    ],
)
def test_axe_finds_no_violations_on_partner_pages(page, partners_site, path):
    page.goto(partners_site + path)
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_partner_list_fits_a_320_pixel_screen(browser, partners_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(partners_site + "/partners/country/py/")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.goto(partners_site + "/partners/")
    list_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert (width, list_width) == (320, 320)
