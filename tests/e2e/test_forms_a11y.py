"""Forms and pages for assistive technology: a failed submit focuses an error
summary that links to each field and says "Error:" in the title; required fields
say so in words; long headings wrap at 320 px; the map legends keep their colours
in forced-colours mode; Spanish text on an English page is marked lang="es"; axe
finds nothing on the public pages in both languages."""

import io
import re

import pytest
from django.core.management import call_command

from projects.models import Project
from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Str0ng-passphrase"

# WCAG relative luminance and contrast, computed in the page from computed styles.
CONTRAST = """element => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let node = element, background = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor;
    node = node.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(element).color)), lum(rgb(background))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture
def sample_site(site):
    for command in ("load_partners", "load_project_references"):
        call_command(command, stdout=io.StringIO())
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return site


def assert_error_summary_has_focus(page, title_start="Error: "):
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert summary.evaluate("s => s === document.activeElement")
    assert page.title().startswith(title_start), page.title()
    links = summary.get_by_role("link")
    assert links.count() >= 1
    for link in links.all():
        assert link.evaluate(CONTRAST) >= 4.5
    return summary


def test_a_failed_sign_in_focuses_the_error_summary(page, site):
    page.goto(site + "/accounts/login/")
    assert page.get_by_label("Contraseña (obligatorio)").is_visible()
    page.locator("input[name=username]").fill("nobody@example.org")
    page.locator("input[name=password]").fill("wrong-password")
    page.locator("form.form button[type=submit]").click()
    summary = assert_error_summary_has_focus(page)
    assert summary.get_by_role("heading").inner_text() == "Hay un problema"
    summary.get_by_role("link").first.click()
    assert page.locator("input[name=username]").evaluate(
        "i => i === document.activeElement"
    )
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_a_failed_password_reset_says_error_in_english_and_links_to_the_field(
    page, site
):
    page.goto(site + "/en/accounts/password/reset/")
    label = page.locator("label[for=id_email]")
    assert label.inner_text().endswith("(required)")
    # The browser's own check would stop the submit: let the server answer.
    page.evaluate("document.querySelector('form.form').noValidate = true")
    page.locator("#id_email").fill("not an address")
    page.locator("form.form button[type=submit]").click()
    summary = assert_error_summary_has_focus(page)
    link = summary.get_by_role("link")
    assert link.get_attribute("href") == "#id_email"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


def test_a_proposal_saved_without_a_title_focuses_the_summary(
    page, site, make_focal_point
):
    call_command("load_project_references", stdout=io.StringIO())
    make_focal_point("AR-T", email="ana@tucuman.gob.ar")
    page.goto(site + "/accounts/login/")
    page.locator("input[name=username]").fill("ana@tucuman.gob.ar")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/proposals/$"))
    page.goto(site + "/proposals/new/")
    assert "(obligatorio)" in page.locator("label[for=id_title]").inner_text()
    page.get_by_role("button", name="Guardar borrador").click()
    summary = assert_error_summary_has_focus(page)
    summary.locator("a[href='#id_title']").click()
    assert page.locator("#id_title").evaluate("i => i === document.activeElement")
    assert axe_violations(page) == []


def test_a_long_heading_wraps_on_a_320_pixel_screen(browser, sample_site):
    project = Project.objects.published().first()
    project.title_es = (
        "Fortalecimiento institucional interministerial y descentralización "
        "de las capacidades técnico-administrativas de las municipalidades"
    )
    project.save()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(sample_site + project.get_absolute_url())
    heading = page.get_by_role("heading", level=1)
    assert heading.bounding_box()["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_map_legends_keep_their_colours_in_forced_colours_mode(page, sample_site):
    page.emulate_media(forced_colors="active")
    page.goto(sample_site + "/projects/stats/")
    swatches = page.locator(".map-legend__swatch")
    assert swatches.count() > 2
    colours = {
        swatch.evaluate("s => getComputedStyle(s).backgroundColor")
        for swatch in swatches.all()
    }
    # Forced colours would paint them all the same: they stay told apart.
    assert len(colours) > 2
    unshaded = page.locator(".world-map__country--0").first.evaluate(
        "p => getComputedStyle(p).fill"
    )
    assert unshaded == "rgb(228, 228, 228)"


def test_spanish_text_on_an_english_page_is_marked_as_spanish(page, sample_site):
    project = Project.objects.published().first()
    project.title_en = ""
    project.summary_en = "An English summary."
    project.save()
    page.goto(sample_site + "/en" + project.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").get_attribute("lang") == "es"
    assert page.locator("p.lead").get_attribute("lang") is None
    page.goto(sample_site + project.get_absolute_url())
    assert page.locator("h1").get_attribute("lang") is None


PUBLIC_PAGES = [
    "/",
    "/about/",
    "/projects/",
    "/projects/?modality=triangular",
    "/projects/stats/",
    "/partners/",
    "/partners/country/PY/",
    "/partners/province/AR-T/",
    "/directory/",
    "/directory/focal-points/",
    "/directory/representations/",
    "/directory/bilateral-cooperation/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "PROJECT",
]


@pytest.mark.parametrize("language", ["", "/en"], ids=["es", "en"])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_violations_on_any_public_page(
    browser, sample_site, language, width
):
    project = Project.objects.published().first()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = {}
    for path in PUBLIC_PAGES:
        path = project.get_absolute_url() if path == "PROJECT" else path
        response = page.goto(sample_site + language + path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
    assert failures == {}
