"""The statistics page in a real browser: accessible, no CSP violation, readable from
320 px to a desktop, and linked both ways with the catalogue. Screenshots go to
/tmp/stats-*.png for a person to look at."""

import io
import re
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from projects.models import Project
from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stats_site(site):
    for command in ("load_partners", "load_project_references"):
        call_command(command, stdout=io.StringIO())
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return site


def open_every_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


@pytest.mark.parametrize(
    "path", ["/projects/stats/", "/en/projects/stats/?modality=triangular"]
)
def test_axe_finds_no_violations_and_csp_blocks_nothing(page, stats_site, path):
    page.goto(stats_site + path)
    open_every_details(page)  # the filters and the tables are checked too
    assert axe_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize(
    ("language", "width"), [("es", 1280), ("en", 1280), ("es", 320), ("en", 320)]
)
def test_charts_fit_their_column_at_every_width(browser, stats_site, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    prefix = "" if language == "es" else "/en"
    page.goto(stats_site + prefix + "/projects/stats/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for chart in page.locator("svg.chart").all():
        box = chart.bounding_box()
        assert box["width"] > 0
        # Every label and number is inside the chart, none cut at its edge.
        for text in chart.locator("text").all():
            inner = text.bounding_box()
            assert inner["x"] >= box["x"] - 1, text.text_content()
            assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, (
                text.text_content()
            )
        # The longest bar takes the same share of the width at every size.
        widest = max(bar.bounding_box()["width"] for bar in chart.locator("rect").all())
        axis = box["width"] * (
            0.16 if "chart--inline" in chart.get_attribute("class") else 0
        )
        assert widest == pytest.approx(0.82 * box["width"] - axis, abs=2)
    shot = Path(tempfile.gettempdir()) / f"stats-{language}-{width}.png"
    page.screenshot(path=shot, full_page=True)
    context.close()


def test_from_the_catalogue_to_the_figures_and_back(page, stats_site):
    page.goto(stats_site + "/en/projects/?modality=triangular")
    page.get_by_role("link", name="See figures for these projects").click()
    page.wait_for_url(re.compile(r"/en/projects/stats/\?modality=triangular$"))
    triangular = Project.objects.published().filter(modality="triangular").count()
    assert page.get_by_role(
        "heading",
        level=2,
        name=re.compile(rf"^{triangular} projects match these filters"),
    ).is_visible()
    countries = page.locator("#country")
    countries.get_by_text("Table: Projects by partner country").click()
    link = countries.get_by_role("table").get_by_role("link").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(
        re.compile(r"/en/projects/\?modality=triangular&country=[A-Z]{2}$")
    )
    assert page.get_by_role("link", name=re.compile(f"Country: {name}"))
    assert page.csp_violations == []
