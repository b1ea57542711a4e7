"""Issue 14, found by search engines and share links: canonical and hreflang
addresses, Open Graph and Twitter cards, sitemap.xml, robots.txt, the feeds of newly
published projects and the JSON-LD of the home and project pages, all on
DGCIN_SITE_URL whatever Host a request names."""

import datetime
import json
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench import site_image
from projects.models import Project
from projects.publishing import public_identifier

pytestmark = pytest.mark.django_db

SITE = "https://cooperacion.example.gob.ar"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}
HOSTILE_TITLE = '</script><script>alert("x")</script> Agua & "saneamiento"'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.DGCIN_SITE_URL = f"{SITE}/"  # the final slash is not doubled


class Head(HTMLParser):
    """The <link> and <meta> tags of a page, and its JSON-LD blocks."""

    def __init__(self, text):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self._in_json_ld = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def canonical(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def one(self, key):
        (value,) = self.meta[key]
        return value


def head(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return Head(response.content.decode())


# ---------------------------------------------------------------- head of a page


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_project_page_has_canonical_alternates_and_share_tags(
    client, make_project, language
):
    project = make_project(
        title_es="Agua & saneamiento", title_en="Water & sanitation", slug="agua"
    )
    prefix = "/en" if language == "en" else ""
    page = head(client, f"{prefix}/projects/agua/?utm_source=news&fbclid=x")
    spanish, english = f"{SITE}/projects/agua/", f"{SITE}/en/projects/agua/"
    own = english if language == "en" else spanish
    assert page.canonical() == [own]
    assert page.alternates() == {"es": spanish, "en": english, "x-default": spanish}
    title = project.title_en if language == "en" else project.title_es
    assert page.one("og:title") == page.one("twitter:title") == title
    summary = "Project summary." if language == "en" else "Resumen del proyecto."
    assert page.one("og:description") == page.one("twitter:description") == summary
    assert page.one("og:url") == own
    assert page.one("og:type") == "website"
    assert page.one("og:site_name") == (
        "General Directorate of International Cooperation"
        if language == "en"
        else "Dirección General de Cooperación Internacional"
    )
    locale, other = ("en_GB", "es_AR") if language == "en" else ("es_AR", "en_GB")
    assert page.one("og:locale") == locale
    assert page.meta["og:locale:alternate"] == [other]
    image = f"{SITE}/static/img/share.png"
    assert page.one("og:image") == page.one("twitter:image") == image
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("og:image:alt") == page.one("twitter:image:alt")


def test_the_addresses_never_come_from_the_request_host(client, references):
    page = head(client, "/about/", HTTP_HOST="localhost:8000", secure=False)
    assert page.canonical() == [f"{SITE}/about/"]
    addresses = [*page.canonical(), *page.alternates().values(), page.one("og:url")]
    addresses += [page.one("og:image")]
    addresses += [link["href"] for link in page.links if "feed" in link["href"]]
    assert len(addresses) == 8
    assert all(address.startswith(f"{SITE}/") for address in addresses), addresses
    assert not any("localhost" in address for address in addresses)


def test_the_home_page_is_shared_under_the_sites_name(client, references):
    page = head(client, "/")
    assert page.canonical() == [f"{SITE}/"]
    assert page.one("og:title") == "Dirección General de Cooperación Internacional"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # Filters and page choose the content; sorting, tracking and page 1 do not.
        (
            "/projects/?sort=-start&modality=triangular&utm_source=x&page=1&q=",
            "/projects/?modality=triangular",
        ),
        ("/projects/?page=2&status=2&gclid=abc", "/projects/?page=2&status=2"),
        ("/projects/?page=first", "/projects/"),
        ("/en/projects/?q=agua&ref=home", "/en/projects/?q=agua"),
        (
            "/projects/stats/?modality=bilateral&page=3",
            "/projects/stats/?modality=bilateral",
        ),
        (
            "/partners/?utm_medium=mail&region=south-america&kind=organisation",
            "/partners/?kind=organisation&region=south-america",
        ),
        ("/partners/?kind=country&page=1", "/partners/"),  # the default kind
        # Pages whose content no parameter changes have none.
        ("/about/?utm_campaign=launch", "/about/"),
        ("/directory/?page=2", "/directory/"),
    ],
)
def test_the_canonical_address_keeps_only_the_parameters_that_make_the_content(
    client, references, url, canonical
):
    page = head(client, url)
    assert page.canonical() == [f"{SITE}{canonical}"]
    query = urlsplit(canonical).query
    alternates = page.alternates()
    assert all(urlsplit(href).query == query for href in alternates.values())
    assert alternates["x-default"] == alternates["es"]


def test_a_list_of_values_is_kept_whole_and_in_order(client, references):
    page = head(client, "/projects/?year=2025&year=2024&year=")
    assert page.canonical() == [f"{SITE}/projects/?year=2024&year=2025"]


def test_error_and_private_pages_have_no_canonical_nor_share_tags(client, references):
    missing = client.get("/projects/no-such-project/")
    assert missing.status_code == 404
    for response in (
        missing,
        client.get("/no/such/page/"),
        client.get("/accounts/login/"),
    ):
        page = Head(response.content.decode())
        assert page.canonical() == []
        assert "og:url" not in page.meta
        assert "twitter:card" not in page.meta
        # The language alternates stay, absolute and without parameters.
        assert set(page.alternates()) == {"es", "en", "x-default"}
        assert all(h.startswith(f"{SITE}/") for h in page.alternates().values())


def test_the_share_image_is_the_one_the_script_makes(client):
    path = Path(settings.BASE_DIR) / "static" / "img" / "share.png"
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)
    assert len(data) < 20_000  # small: it is fetched by every link preview
    # Same pixels as bench/site_image.py draws (compression aside).
    idat = data[data.index(b"IDAT") + 4 : data.index(b"IEND") - 8]
    assert zlib.decompress(idat) == site_image.scanlines()
    response = client.get("/static/img/share.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_pages_and_the_catalogue_link_to_the_feeds(client, references):
    page = client.get("/en/projects/").content.decode()
    heads = Head(page)
    feeds = {
        link["type"]: link["href"]
        for link in heads.links
        if link.get("rel") == "alternate" and "type" in link
    }
    assert feeds == {
        "application/atom+xml": f"{SITE}/en/projects/feed.atom",
        "application/rss+xml": f"{SITE}/en/projects/feed.rss",
    }
    main = page.split("<main", 1)[1]
    assert 'href="/en/projects/feed.atom"' in main
    assert 'href="/en/projects/feed.rss"' in main


# --------------------------------------------------------------------- JSON-LD


def json_ld(client, url):
    (block,) = head(client, url).json_ld
    return json.loads(block)


def test_the_home_page_describes_dgcin_as_a_government_organisation(client, references):
    data = json_ld(client, "/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Dirección General de Cooperación Internacional"
    assert data["alternateName"] == "DGCIN"
    assert data["url"] == f"{SITE}/"
    assert data["parentOrganization"] == {
        "@type": "GovernmentOrganization",
        "name": "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto",
        "url": "https://www.cancilleria.gob.ar/",
    }
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Esmeralda 1212, Piso 12",
        "postalCode": "C1007ABR",
        "addressLocality": "C.A.B.A.",
        "addressCountry": "AR",
    }
    assert data["telephone"] == "+541148197000"  # the switchboard the footer gives
    assert data["faxNumber"] == "+541148197272"
    english = json_ld(client, "/en/")
    assert english["name"] == "General Directorate of International Cooperation"
    assert english["url"] == f"{SITE}/en/"
    assert english["parentOrganization"]["alternateName"] == (
        "Ministry of Foreign Affairs, International Trade and Worship"
    )


def test_a_project_page_describes_the_project(client, make_project):
    project = make_project(
        slug="apicultura",
        modality=Project.Modality.TRIANGULAR,
        actual_start=datetime.date(2024, 4, 2),
        actual_end=datetime.date(2025, 1, 31),
    )
    project.provinces.set(project.provinces.model.objects.filter(code="AR-V"))
    data = json_ld(client, "/projects/apicultura/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Project"
    assert data["name"] == project.title_es
    assert data["description"] == "Resumen del proyecto."
    assert data["url"] == f"{SITE}/projects/apicultura/"
    assert data["identifier"] == public_identifier(project) != ""
    assert data["foundingDate"] == "2024-04-02"
    assert data["dissolutionDate"] == "2025-01-31"
    # make_project: Argentina funds (IATI role 1) and provides, JICA provides.
    assert [f["identifier"] for f in data["funder"]] == ["AR"]
    assert [s["name"] for s in data["sponsor"]] == [
        "Argentina",
        "Agencia de Cooperación Internacional del Japón",
    ]
    assert data["sponsor"][1]["alternateName"] == "JICA"
    areas = {(a["@type"], a["identifier"]) for a in data["areaServed"]}
    assert areas == {  # the recipient, and the province; not the providers
        ("Country", "PY"),
        ("AdministrativeArea", "AR-V"),
    }
    assert data["parentOrganization"]["url"] == (
        f"{SITE}/directory/bilateral-cooperation/"
    )
    text = json.dumps(data, ensure_ascii=False)
    assert "falkland" not in text.lower()
    assert '"FK"' not in text
    assert "/fk/" not in text


def test_a_hostile_title_stays_inside_the_json_ld(client, make_project):
    make_project(slug="hostil", title_es=HOSTILE_TITLE)
    response = client.get("/projects/hostil/")
    text = response.content.decode()
    assert '<script>alert("x")' not in text
    assert text.count("</script>") == 1  # the JSON-LD block's own end
    page = Head(text)
    assert json.loads(page.json_ld[0])["name"] == HOSTILE_TITLE
    assert page.one("og:title") == HOSTILE_TITLE


def test_a_draft_seen_by_staff_has_no_json_ld(admin_client, make_project):
    make_project(slug="borrador", publication=Project.Publication.DRAFT)
    response = admin_client.get("/projects/borrador/")
    assert response.status_code == 200
    assert Head(response.content.decode()).json_ld == []
