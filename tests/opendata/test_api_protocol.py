"""What every address of the API does alike: errors in one JSON shape (unknown
parameters, bad values, bad cursors, bad language, 404, 405), read-only,
conditional GET answered without reading the data, the OpenAPI schema and its
documentation page from our own static files."""

import base64
import json
import re

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.http import http_date, parse_http_date

from opendata.api.errors import server_error
from partners.filters import unknown_parameters_message
from projects import facets

pytestmark = pytest.mark.django_db

API = "/api/v1"
READ = "GET, HEAD, OPTIONS"
RESOURCES = [
    "projects",
    "programmes",
    "countries",
    "organisations",
    "blocs",
    "units",
    "representations",
]


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]


@pytest.fixture
def project(make_project):
    return make_project()


def test_the_index_names_every_resource(client, references):
    index = json.loads(client.get(f"{API}/").content)
    assert index["resources"] == {
        name: f"http://testserver{API}/{name}" for name in RESOURCES
    }
    assert index["openapi"] == f"http://testserver{API}/openapi.json"
    assert index["documentation"] == f"http://testserver{API}/docs"


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("projects?contry=PY&lang=en", None),
        ("countries?region=south-america&lang=en", ["cursor", "lang", "page_size"]),
        (
            "units?q=x&lang=en",
            ["cursor", "lang", "page_size", "updated_since"],
        ),
        ("countries/PY?page_size=2&lang=en", ["lang"]),
    ],
)
def test_an_unknown_parameter_is_refused_with_the_accepted_ones(
    client, project, url, accepted
):
    error = error_of(client.get(f"{API}/{url}"), 400)
    unknown = url.split("?")[1].split("=")[0]
    if accepted is None:  # the catalogue's filters and the API's own
        assert {"q", "country", "sort", "budget_max", "year"} <= set(error["accepted"])
        assert {"lang", "cursor", "page_size", "updated_since"} <= set(
            error["accepted"]
        )
    else:
        assert error["accepted"] == accepted
    with translation.override("en"):
        assert error["message"] == unknown_parameters_message(
            [unknown], error["accepted"]
        )


def test_answers_speak_spanish_unless_english_is_asked_whatever_the_browser(
    client, project
):
    browser = {"Accept-Language": "en"}
    response = client.get(f"{API}/projects?year=abc", headers=browser)
    assert error_of(response, 400)["message"] == "No se pueden aplicar estos filtros"
    assert response["Content-Language"] == "es"
    response = client.get(f"{API}/projects?year=abc&lang=en")
    assert error_of(response, 400)["message"] == "These filters cannot be applied"
    assert response["Content-Language"] == "en"
    response = client.get(f"{API}/projects/{project.slug}", headers=browser)
    assert json.loads(response.content)["title"] == project.title_es
    assert response["Content-Language"] == "es"


@pytest.mark.parametrize("value", ["fr", "", "EN", "es-ar"])
def test_an_unknown_language_is_refused(client, project, value):
    error = error_of(client.get(f"{API}/projects?lang={value}"), 400)
    assert error["accepted"] == ["es", "en"]


def encoded(text):
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "zzz",
        "%C3%B1",
        encoded("p=abc"),
        encoded("p=1&o=-1"),
        encoded("p=1&o=100000"),
        encoded("r=maybe"),
        encoded("p=1e3"),
        encoded("p=99999999999999999999999"),
    ],
)
@pytest.mark.parametrize("query", ["", "&sort=title"])
def test_a_cursor_this_api_did_not_give_is_refused(client, project, cursor, query):
    error = error_of(client.get(f"{API}/projects?cursor={cursor}{query}"), 400)
    assert "cursor" in error["message"]


@pytest.mark.parametrize("size", ["0", "501", "abc", "-3", "2.5"])
def test_a_page_size_out_of_range_is_refused_saying_the_range(client, project, size):
    error = error_of(client.get(f"{API}/countries?page_size={size}&lang=en"), 400)
    assert error["details"] == [
        f"The parameter “page_size” ({size}) is not valid: give a whole number "
        "from 1 to 500."
    ]


def test_the_largest_page(client, references):
    page = json.loads(client.get(f"{API}/countries?page_size=500").content)
    assert 100 < len(page["results"]) <= 500


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/nowhere",
        f"{API}/projects/",
        f"{API}/projects/no-such-project",
        f"{API}/countries/zz",
        f"{API}/blocs/nada",
        f"{API}/units/nadie",
        f"{API}/representations/99999999999999999999999",
        "/api/v2/projects",
        "/api/",
    ],
)
def test_an_unknown_address_is_a_json_404(client, project, url):
    error_of(client.get(url), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/projects", "/countries/PY", "/openapi.json", "/docs", "/"]
)
def test_the_api_only_reads(project, method, path):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(API + path, data="{}", content_type="text/json")
    error = error_of(response, 405)
    assert response["Allow"] == READ
    assert error["accepted"] == ["GET", "HEAD", "OPTIONS"]


def test_options_and_head(client, project):
    options = client.options(f"{API}/projects")
    assert options.status_code == 204
    assert options["Allow"] == READ
    head = client.head(f"{API}/projects/{project.slug}")
    assert head.status_code == 200
    assert head["ETag"]
    assert head.content == b""


def test_a_nul_in_the_request_is_a_json_400(client, project):
    error_of(client.get(f"{API}/projects?q=a%00b"), 400)


def test_a_failure_under_the_api_is_json():
    request = RequestFactory().get(f"{API}/projects?lang=en")
    response = server_error(request)
    assert json.loads(response.content)["error"] == {
        "status": 500,
        "message": "The API failed to answer; try again later.",
    }
    page = server_error(RequestFactory().get("/projects/"))
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url",
    [
        "/projects?modality=bilateral",
        "/projects/{slug}",
        "/countries",
        "/blocs/mercosur",
        "/units?lang=en",
        "/openapi.json",
        "/docs",
    ],
)
def test_a_current_copy_is_answered_304_without_reading_the_data(client, project, url):
    url = API + url.format(slug=project.slug)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert len(queries) == 0
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_etag_tells_the_language_the_query_and_any_change(client, make_project):
    project = make_project()
    url = f"{API}/projects"
    etag = client.get(url)["ETag"]
    assert client.get(f"{url}?lang=en")["ETag"] != etag
    assert client.get(f"{url}?lang=es")["ETag"] not in (etag, None)
    assert client.get(f"{url}?modality=bilateral")["ETag"] != etag
    assert client.get(url)["ETag"] == etag
    project.title_es = "Otro título"
    project.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Otro título" in changed.content.decode()
    etag = changed["ETag"]
    facets.bump()  # what any committed change to the open data does
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_last_modified_is_when_the_data_last_changed(
    client, make_project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = make_project()
    url = f"{API}/projects/{project.slug}"
    response = client.get(url)
    last_modified = response["Last-Modified"]
    assert last_modified == http_date(facets.last_change().timestamp())
    assert client.get(f"{API}/projects")["Last-Modified"] == last_modified
    since = client.get(url, headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304
    # A change of what the project's answer shows but not of the project's own
    # row (its country's name) is a change of the answer too.
    from partners.models import Country

    country = Country.objects.get(code="PY")
    with django_capture_on_commit_callbacks(execute=True):
        country.name_es = f"{country.name_es} (nuevo nombre)"
        country.save()
    changed = client.get(url, headers={"If-Modified-Since": last_modified})
    assert changed.status_code == 200
    assert "(nuevo nombre)" in changed.content.decode()
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(last_modified)


def test_the_openapi_schema_describes_every_resource_and_filter(client, references):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "DGCIN open data API"
    for name in RESOURCES:
        assert f"{API}/{name}" in schema["paths"]
        assert "get" in schema["paths"][f"{API}/{name}"]
    assert f"{API}/projects/{{slug}}" in schema["paths"]
    assert f"{API}/representations/{{id}}" in schema["paths"]
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"][f"{API}/projects"]["get"]["parameters"]
    }
    from projects.filters import ProjectFilter

    assert set(ProjectFilter.base_filters) | {
        "lang",
        "cursor",
        "page_size",
        "updated_since",
    } == set(parameters)
    assert all(parameter.get("description") for parameter in parameters.values())
    assert parameters["country"]["schema"]["anyOf"][0]["type"] == "array"


def test_the_documentation_page_uses_only_our_static_files(client, references):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert addresses
    assert all(address.startswith("/static/") for address in addresses), addresses
    assert "cdn" not in html.lower()
    assert "https://" not in html
    assert "http://" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in addresses
