"""Performance budget: the first view of a page (its HTML, stylesheets and scripts,
gzip-compressed) weighs at most 50 KB; fonts come on top and are cached after the
first visit; nothing is asked of a third party."""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

BUDGET = 50 * 1024
ASSET = re.compile(
    r"<(?:link|script|img|source|iframe)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"[^>]*>"
)


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6))


def static_file(url):
    path = url.split("?")[0].removeprefix(settings.STATIC_URL)
    found = finders.find(path)
    assert found, url
    with open(found, "rb") as file:
        return file.read()


def first_view(client, url):
    """(total gzip bytes of HTML + CSS + JS, every asset URL the page names)."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    urls = ASSET.findall(html)
    total = gzipped(response.content)
    for tag in re.findall(r"<link\b[^>]*>|<script\b[^>]*>", html):
        href = re.search(r"\b(?:href|src)=\"([^\"]+)\"", tag)
        if not href:
            continue
        is_code = tag.startswith("<script") or 'rel="stylesheet"' in tag
        if is_code:
            total += gzipped(static_file(href.group(1)))
    return total, urls


@pytest.fixture
def pages(make_project, directory_data):
    projects = [make_project() for _ in range(12)]
    return {
        "home": "/",
        "catalogue": "/projects/",
        "project": projects[0].get_absolute_url(),
        "project (English)": "/en" + projects[0].get_absolute_url(),
    }


def test_the_first_view_of_each_main_page_fits_the_budget(client, pages):
    weights = {name: first_view(client, url)[0] for name, url in pages.items()}
    print("first view, gzip bytes:", weights)  # figures for bench/README.md (-s)
    assert all(weight <= BUDGET for weight in weights.values()), weights
    # The figures are real: a page weighs something, the stylesheet counted in.
    assert min(weights.values()) > gzipped(static_file("/static/css/site.css"))


def test_pages_ask_nothing_of_a_third_party(client, pages):
    own_hosts = {"testserver", urlsplit(settings.DGCIN_SITE_URL).netloc}
    for url in pages.values():
        _, urls = first_view(client, url)
        assert urls
        hosts = {urlsplit(u).netloc for u in urls} - {""}
        # Canonical and alternate links name the site itself, never another host.
        assert hosts <= own_hosts, (url, hosts)
    css = static_file("/static/css/site.css").decode()
    assert "@import" not in css
    font_urls = re.findall(r"url\(\"?([^\")]+)", css)
    assert font_urls
    assert all(u.startswith("../fonts/") for u in font_urls), font_urls
    for url in font_urls:
        assert static_file("/static/" + url.removeprefix("../"))


def test_the_fonts_swap_and_the_text_font_is_preloaded(client, directory_data):
    css = static_file("/static/css/site.css").decode()
    faces = re.findall(r"@font-face\s*{[^}]*}", css)
    assert len(faces) == 3
    assert all("font-display: swap" in face for face in faces)
    html = client.get("/").content.decode()
    assert re.search(
        r'<link rel="preload" href="/static/fonts/roboto-latin-400-normal\.woff2" '
        r'as="font" type="font/woff2" crossorigin>',
        html,
    )
