import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from directory.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def axe_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} "
        f"({[node['target'] for node in violation['nodes']]})"
        for violation in results.response["violations"]
    ]


def test_a_visitor_switches_to_english_and_finds_the_bilateral_direct_line(page, site):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("navigation", name="Idioma").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url(site + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Directory"
    ).click()
    page.wait_for_url(site + "/en/directory/")
    bilateral = page.get_by_role("region", name="Directorate of Bilateral Cooperation")
    direct = (
        bilateral.locator("dt", has_text="Direct line")
        .locator("+ dd")
        .get_by_role("link")
    )
    assert direct.inner_text() == "(5411) 4819-8486"
    assert direct.get_attribute("href") == "tel:+541148198486"
    assert page.csp_violations == []


def test_the_language_switch_keeps_the_current_page(page, site):
    page.goto(site + "/directory/multilateral-cooperation/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(site + "/en/directory/multilateral-cooperation/")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(site + "/directory/multilateral-cooperation/")


@pytest.mark.parametrize("path", ["/", "/directory/", "/en/", "/en/directory/"])
def test_axe_finds_no_accessibility_violations(page, site, path):
    page.goto(site + path)
    assert axe_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("fonts", ["web fonts", "fallback fonts"])
@pytest.mark.parametrize("path", ["/", "/directory/", "/about/"])
def test_pages_fit_a_320_pixel_wide_screen(browser, site, path, fonts):
    """Also before the web fonts arrive (font-display: swap shows the system's
    first): a wider fallback must not push the header's search box off screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    if fonts == "fallback fonts":
        context.route("**/*.woff2", lambda route: route.abort())
    page = context.new_page()
    page.goto(site + path)
    page.evaluate("document.fonts.ready")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= 320


def test_the_skip_link_moves_focus_to_the_main_content(page, site):
    page.goto(site + "/directory/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_vcard_downloads_from_the_unit_page(page, site):
    page.goto(site + "/en/directory/bilateral-cooperation/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("vCard")).click()
    download = download_info.value
    assert download.suggested_filename == "bilateral-cooperation.vcf"
    content = open(download.path(), encoding="utf-8").read()  # noqa: SIM115
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+541148198486" in content


def test_staff_edit_a_unit_in_the_admin_under_the_csp(page, site, django_user_model):
    django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "a-strong-password-123"
    )
    page.goto(site + "/admin/")
    page.get_by_label(re.compile("Nombre de usuario|Username")).fill("editor")
    page.get_by_label(re.compile("Contraseña|Password")).fill("a-strong-password-123")
    page.get_by_role("button", name=re.compile("Iniciar sesión|Log in")).click()
    page.wait_for_url(site + "/admin/")
    page.goto(site + "/admin/directory/unit/?q=8486")
    page.locator("#result_list").get_by_role(
        "link", name="Dirección de Cooperación Bilateral"
    ).click()
    page.locator("#id_office").fill("1210")
    page.get_by_role("button", name=re.compile("^Guardar$|^Save$")).click()
    page.wait_for_url(re.compile(r"/admin/directory/unit/\?q=8486$"))
    assert "correctamente" in page.locator(".messagelist").inner_text()
    latest = Unit.objects.get(slug="bilateral-cooperation").history.first()
    assert (latest.office, latest.history_user.username) == ("1210", "editor")
    page.goto(site + "/directory/bilateral-cooperation/")
    assert "Oficina 1210" in page.locator("main").inner_text()
    assert page.csp_violations == []
