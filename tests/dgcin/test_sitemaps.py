"""Issue 14: robots.txt and sitemap.xml (dgcin/sitemaps.py and each app's
sitemaps.py), on DGCIN_SITE_URL whatever Host a request names."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from partners.models import Country
from partners.seo import PortalSitemap
from projects.models import JointCommission, Programme, Project

pytestmark = pytest.mark.django_db

SITE = "https://cooperacion.example.gob.ar"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.DGCIN_SITE_URL = f"{SITE}/"  # the final slash is not doubled


# ------------------------------------------------------------------ robots.txt


def test_robots_txt_allows_the_public_site_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.split(": ")[1] for line in lines if line.startswith("Disallow")}
    assert disallowed == {
        "/admin/",
        "/accounts/",
        "/en/accounts/",
        "/proposals/",
        "/en/proposals/",
    }
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


# -------------------------------------------------------------------- sitemaps


def sitemap_entries(client):
    """{location: (lastmod or None, {language: alternate})} of every section and
    page the index lists, and the sections' addresses."""
    index = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert index.status_code == 200
    assert index["Content-Type"] == "application/xml"
    sections = [
        loc.text
        for loc in etree.fromstring(index.content).findall("sm:sitemap/sm:loc", NS)
    ]
    entries = {}
    for section in sections:
        assert section.startswith(f"{SITE}/sitemap-"), section
        response = client.get(section.removeprefix(SITE), HTTP_HOST="localhost")
        assert response.status_code == 200, section
        assert b"falkland" not in response.content.lower(), section
        for url in etree.fromstring(response.content).findall("sm:url", NS):
            lastmod = url.find("sm:lastmod", NS)
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
            }
            entries[url.find("sm:loc", NS).text] = (
                lastmod.text if lastmod is not None else None,
                alternates,
            )
    return sections, entries


def test_the_sitemap_lists_every_public_page_in_both_languages(client, make_project):
    published = make_project(slug="published-one")
    make_project(slug="still-a-draft", publication=Project.Publication.DRAFT)
    commission = JointCommission.objects.create(
        country=Country.objects.get(code="BO"),
        number=6,
        date=datetime.date(2016, 5, 12),
        directorate=published.directorate,
    )
    for slug, shown in (("iii-programa-bolivia", True), ("en-preparacion", False)):
        Programme.objects.create(
            title_es=slug,
            slug=slug,
            commission=commission,
            number=3,
            period_start=datetime.date(2016, 6, 1),
            period_end=datetime.date(2018, 5, 31),
            is_published=shown,
        )
    sections, entries = sitemap_entries(client)
    assert [urlsplit(s).path for s in sections] == [
        f"/sitemap-{name}.xml"
        for name in (
            "pages",
            "projects",
            "programmes",
            "countries",
            "organisations",
            "blocs",
            "provinces",
            "units",
        )
    ]
    for path in [
        "/",
        "/about/",
        "/projects/",
        "/projects/stats/",
        "/partners/",
        "/directory/",
        "/directory/representations/",
        "/directory/focal-points/",
        "/projects/published-one/",
        "/programmes/iii-programa-bolivia/",
        "/partners/country/py/",
        "/partners/organisation/jica/",
        "/partners/bloc/mercosur/",
        "/partners/province/ar-v/",
        "/directory/bilateral-cooperation/",
    ]:
        spanish, english = f"{SITE}{path}", f"{SITE}/en{path}"
        assert spanish in entries, path
        assert english in entries, path
        assert entries[spanish][1] == {
            "es": spanish,
            "en": english,
            "x-default": spanish,
        }
        assert entries[english][1] == entries[spanish][1]
    # Spain's page keeps its /es/ in x-default (Django would drop it).
    spain = f"{SITE}/partners/country/es/"
    assert entries[spain][1]["x-default"] == spain
    assert f"{SITE}/projects/still-a-draft/" not in entries
    assert f"{SITE}/programmes/en-preparacion/" not in entries
    assert f"{SITE}/partners/country/ar/" not in entries
    assert not [loc for loc in entries if re.search(r"/country/(fk|gs|aq)/", loc)]
    # lastmod from the data: the project's last change, the home page's latest.
    published.refresh_from_db()
    lastmod = entries[f"{SITE}/projects/published-one/"][0]
    assert lastmod == timezone.localdate(published.updated_at).isoformat()
    assert entries[f"{SITE}/"][0] is not None
    assert entries[f"{SITE}/partners/"][0] is None  # no date kept for this list


def test_every_address_of_the_sitemap_answers_and_never_names_the_falklands(
    client, make_project
):
    make_project(slug="in-the-sitemap")
    _sections, entries = sitemap_entries(client)
    assert len(entries) > 400
    for location in entries:
        response = client.get(location.removeprefix(SITE))
        assert response.status_code == 200, location
        assert "falkland" not in response.content.decode().lower(), location


def sitemap_queries(client):
    """The queries of the index and of each section."""
    counts = {}
    for url in ["/sitemap.xml", *(f"/sitemap-{s}.xml" for s in ("pages", "projects"))]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_the_sitemap_makes_as_many_queries_for_many_projects_as_for_few(
    client, make_project
):
    make_project()
    few = sitemap_queries(client)
    for _ in range(6):
        make_project()
    assert sitemap_queries(client) == few
    assert few["/sitemap-projects.xml"] <= 2


def test_a_long_section_is_paged_and_the_index_lists_its_pages(
    client, make_project, monkeypatch
):
    monkeypatch.setattr(PortalSitemap, "limit", 4)
    for number in range(3):
        make_project(slug=f"paged-{number}")
    index = client.get("/sitemap.xml").content.decode()
    assert f"{SITE}/sitemap-projects.xml?p=2" in index
    first = client.get("/sitemap-projects.xml").content.decode()
    second = client.get("/sitemap-projects.xml", {"p": 2}).content.decode()
    paths = re.findall(r"<loc>([^<]*)</loc>", first + second)
    assert len(paths) == len(set(paths)) == 6
    assert client.get("/sitemap-projects.xml", {"p": 3}).status_code == 404
    assert client.get("/sitemap-projects.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
