"""Hostile input on every address: NUL characters in paths, query strings and
forms, and language links that would leave the site. Run this module on SQLite and
on PostgreSQL (which rejects NUL in text):
DATABASE_URL=postgres://… pytest tests/dgcin/test_hostile_input.py
(the admin's spreadsheets: tests/partners/test_spreadsheet_safety.py)"""

import re

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

pytestmark = pytest.mark.django_db

# --- NUL characters


def routes(patterns=None, prefix="", localised=False):
    """(route, whether under i18n_patterns) of every URL pattern of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                localised or isinstance(pattern.pattern, LocalePrefixPattern),
            )
        else:
            yield prefix + str(pattern.pattern), localised


GROUP = re.compile(r"\((?:\?P<\w+>)?[^()]*\)")
CONVERTER = re.compile(r"<[^<>]+>")


def with_nul(route):
    """The route with "%00" for each of its parameters (regex groups or path
    converters)."""
    url = CONVERTER.sub("%00", GROUP.sub("%00", route))
    return "/" + url.replace("^", "").replace("$", "").replace("\\", "")


def addresses(parameters):
    """Every address of the site (both languages where it has two) whose pattern
    takes a parameter (``parameters``) or takes none."""
    found = []
    with translation.override("es"):  # the default language has no prefix
        patterns = list(routes())
    for route, localised in patterns:
        url = with_nul(route)
        if ("%00" in url) == parameters:
            found += [url, f"/en{url}"] if localised else [url]
    return found


# The error page's footer reads the head office's contact, and for a signed-in
# client the session says whether the page is private: no view runs.
REFUSAL_QUERIES = 3


def assert_refused(response, url):
    assert response.status_code in (400, 404), (url, response.status_code)
    english = url.startswith("/en/")
    expected = {
        400: "Bad request" if english else "Solicitud incorrecta",
        404: "Page not found" if english else "Página no encontrada",
    }[response.status_code]
    assert expected in response.content.decode(), url


def test_nul_in_any_parameter_of_any_address_is_refused(
    admin_client, django_assert_max_num_queries
):
    urls = addresses(parameters=True)
    assert len(urls) > 100  # the admin's and the public site's
    for url in urls:
        with django_assert_max_num_queries(REFUSAL_QUERIES):
            response = admin_client.get(url)
        assert_refused(response, url)


def filter_names(url):
    with translation.override("es"):
        view = getattr(resolve(url.removeprefix("/en")).func, "view_class", None)
    filterset = getattr(view, "filterset_class", None)
    return list(filterset.base_filters) if filterset else []


def test_nul_in_the_query_string_of_any_page_is_refused(
    admin_client, django_assert_max_num_queries
):
    for url in addresses(parameters=False):
        names = {"q", "page", "p", "o", "country", "next", *filter_names(url)}
        query = "&".join(f"{name}=%00" for name in sorted(names))
        with django_assert_max_num_queries(REFUSAL_QUERIES):
            response = admin_client.get(f"{url}?{query}")
        assert_refused(response, url)
        response = admin_client.get(f"{url}?%00=1")
        assert_refused(response, url)


def test_nul_in_a_submitted_field_is_refused(admin_client, client):
    for url in addresses(parameters=False):
        for data in ({"q": "\x00"}, {"username": "ana\x00", "email": "a\x00@b.ar"}):
            assert_refused(admin_client.post(url, data), url)
    for data in (
        {"username": "\x00", "password": "x"},
        {"username": "ana@example.org", "password": "\x00"},
    ):
        assert_refused(client.post("/accounts/login/", data), "/accounts/login/")
    assert_refused(
        client.post("/en/accounts/password/reset/", {"email": "a\x00@b.ar"}),
        "/en/accounts/password/reset/",
    )


def test_requests_without_nul_pass(client, partners_data):
    assert client.get("/partners/", {"q": "Perú"}).status_code == 200
    assert client.get("/partners/country/py/").status_code == 200
    assert client.get("/partners/country/zz/").status_code == 404


# --- language links

LINKS = re.compile(r'<(?:a|link)\b[^>]*\bhreflang="(\w+)"[^>]*>')
HREF = re.compile(r'\bhref="([^"]*)"')


def language_links(response):
    """{language: [every href the page gives for it]}."""
    links = {}
    for match in LINKS.finditer(response.content.decode()):
        href = HREF.search(match[0])[1].replace("&amp;", "&")
        # The <link> alternates are absolute on the site's address (issue 14).
        href = href.removeprefix(settings.DGCIN_SITE_URL.rstrip("/"))
        links.setdefault(match[1], []).append(href)
    return links


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "//evil.example/about/",
        "///evil.example/",
        "//evil.example/no-such-page/",
        "/\\evil.example/",
        "/\\/evil.example/",
    ],
)
def test_language_links_never_leave_the_site(
    client, directory_data, django_assert_max_num_queries, path
):
    with django_assert_max_num_queries(3):
        response = client.get("/", PATH_INFO=path)
    links = language_links(response)
    assert set(links) == {"es", "en"}
    for href in [*links["es"], *links["en"]]:
        assert url_has_allowed_host_and_scheme(href, allowed_hosts=None), href
        assert href.startswith("/"), href
        assert not href.startswith(("//", "/\\")), href
    if path.startswith("//"):  # read as another site: the home page instead
        assert links == {"es": ["/"], "en": ["/en/", "/en/"]}


def test_an_encoded_double_slash_links_to_this_site(client, directory_data):
    response = client.get("/%2F%2Fevil.example/")
    assert response.status_code == 404
    assert language_links(response)["en"] == ["/en/", "/en/"]


def test_language_links_still_follow_the_page(client, directory_data):
    links = language_links(client.get("/partners/?q=Per%C3%BA"))
    assert links["en"] == ["/en/partners/?q=Per%C3%BA"] * 2
    links = language_links(client.get("/no-such-page/"))
    assert links["en"] == ["/no-such-page/"] * 2
