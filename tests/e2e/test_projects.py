import io
import re

import pytest
from django.core.management import call_command

from projects.models import Participation, Project
from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue_site(site):
    for command in ("load_partners", "load_project_references"):
        call_command(command, stdout=io.StringIO())
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return site


def test_filter_triangular_projects_by_country_open_one_and_read_it_in_english(
    page, catalogue_site
):
    recipient = (
        Participation.objects.filter(
            project__modality="triangular",
            segib_role="recipient",
            country__isnull=False,
        )
        .select_related("country", "project")
        .first()
    )
    country = recipient.country
    page.goto(catalogue_site + "/projects/")
    assert page.get_by_text("Datos de ejemplo.").is_visible()
    page.get_by_label("Modalidad").select_option("triangular")
    # Countries are checkboxes grouped by region (issue 14); the script adds a
    # box that narrows them.
    countries = page.get_by_role("group", name="País", exact=True)
    countries.get_by_role("searchbox").fill(country.name[:5])
    countries.get_by_role("checkbox", name=re.compile(re.escape(country.name))).check()
    page.get_by_role("button", name="Aplicar").click()
    page.wait_for_url(re.compile(rf"modality=triangular.*country={country.code}"))

    results = page.locator(".project-list")
    expected = Project.objects.published().filter(
        modality="triangular", participations__country=country
    )
    assert results.locator("li").count() == expected.distinct().count()
    assert page.get_by_role(
        "link", name=re.compile("Modalidad: Cooperación Triangular")
    )

    results.get_by_role("link", name=recipient.project.title_es).click()
    page.wait_for_url(catalogue_site + recipient.project.get_absolute_url())
    assert (
        page.get_by_role("heading", level=1).inner_text() == recipient.project.title_es
    )
    partners = page.get_by_role("table", name=re.compile("socios", re.IGNORECASE))
    assert "Segundo oferente" in partners.inner_text()

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/projects/"))
    assert (
        page.get_by_role("heading", level=1).inner_text() == recipient.project.title_en
    )
    assert "Second provider" in page.locator("main").inner_text()
    assert page.csp_violations == []


@pytest.mark.parametrize("path", ["/projects/", "/en/projects/?modality=regional"])
def test_axe_finds_no_violations_in_the_catalogue(page, catalogue_site, path):
    page.goto(catalogue_site + path)
    assert axe_violations(page) == []


def test_axe_finds_no_violations_on_a_project_page(page, catalogue_site):
    project = Project.objects.published().filter(modality="triangular").first()
    page.goto(catalogue_site + project.get_absolute_url())
    assert axe_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("width", [1280, 320])
def test_cost_sharing_and_transactions_read_well_at_every_width(
    browser, catalogue_site, width
):
    """A sample project with transactions and mission costs (sample_money.json)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    project = Project.objects.get(slug="kaizen-productividad-pymes-paraguay")
    page.goto(catalogue_site + "/en" + project.get_absolute_url())
    assert page.locator("#cost-sharing-table tbody tr").count() == 4
    assert page.locator("#transactions-table tbody tr").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    context.close()


def test_the_catalogue_fits_a_320_pixel_screen(browser, catalogue_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(catalogue_site + "/projects/")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320
