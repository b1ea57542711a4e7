"""What the open-data URLs answer besides their files: 400 naming the accepted
parameters for an unknown one, errors in the file's own format, conditional GET."""

import json

import pytest
from django.utils import translation
from lxml import etree

from projects.filters import ProjectFilter

pytestmark = pytest.mark.django_db

EXPORTS = ["/projects/export.csv", "/projects/export.json", "/projects/iati.xml"]


def accepted():
    return sorted({*ProjectFilter.base_filters, "page"})


@pytest.mark.parametrize("path", EXPORTS)
def test_a_misspelled_filter_is_refused_not_ignored(client, make_project, path):
    make_project()
    response = client.get(path, {"modalty": "triangular", "country": "BO"})
    assert response.status_code == 400
    with translation.override("es"):
        message = (
            "Parámetro desconocido: modalty. Parámetros aceptados: "
            + ", ".join(accepted())
            + "."
        )
    text = response.content.decode()
    assert message in text
    if path.endswith(".json"):
        error = json.loads(text)["error"]
        assert error["status"] == 400
        assert error["accepted_parameters"] == accepted()
    elif path.endswith(".xml"):
        error = etree.fromstring(response.content)
        assert error.tag == "error"
        assert error.get("status") == "400"
        assert error.xpath("accepted-parameters/value/text()") == accepted()
    else:  # a page, whose link back keeps the known filters only
        assert 'href="/projects/?country=BO"' in text


def test_english_names_the_unknown_parameters_in_english(client):
    response = client.get("/en/projects/export.json?foo=1&bar=2")
    assert response.status_code == 400
    message = json.loads(response.content)["error"]["message"]
    assert message.startswith("Unknown parameters: bar, foo. Accepted parameters: ")


def test_the_catalogues_page_parameter_is_accepted_and_ignored(client, make_project):
    make_project()
    make_project()
    response = client.get("/projects/export.json", {"page": "2"})
    assert response.status_code == 200
    assert json.loads(b"".join(response.streaming_content))["count"] == 2


def test_the_catalogue_links_its_downloads_without_unknown_parameters(
    client, make_project
):
    make_project(modality="triangular")
    page = client.get(
        "/projects/", {"modality": "triangular", "utm_source": "boletin", "page": "1"}
    ).text
    assert 'href="/projects/export.json?modality=triangular"' in page
    assert "utm_source" not in page.split("downloads-title")[1]


@pytest.mark.parametrize("path", EXPORTS)
def test_an_export_answers_304_until_the_data_changes(
    client, make_project, path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = make_project()
    query = {"modality": project.modality}

    def get(query, **headers):
        return client.get(path, query, headers=headers)

    first = get(query)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert get(query, **{"If-None-Match": etag}).status_code == 304
    assert get(query, **{"If-Modified-Since": last_modified}).status_code == 304
    # Another query is another file.
    assert get({"sort": "title"}, **{"If-None-Match": etag}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        project.save()
    again = get(query, **{"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_an_error_carries_no_validator(client):
    response = client.get("/projects/export.json", {"year": "abc"})
    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")


@pytest.mark.parametrize(
    ("path", "kind", "message"),
    [
        ("/iati/activities-1999.xml", "xml", "Ningún archivo IATI publicado"),
        ("/iati/activities.xml", "xml", "No hay ningún archivo de datos"),
        ("/projects/no-existe.xml", "xml", ""),
        ("/programmes/no-existe.json", "json", ""),
        ("/datos/proyectos.json", "json", "No hay ningún archivo de datos"),
        ("/en/projects/export.json/extra.json", "json", "There is no data file"),
        ("/api/v1/nothing", "json", "No hay nada en esta dirección de la API"),
    ],
)
def test_a_missing_data_file_answers_in_its_format(client, path, kind, message):
    response = client.get(path)
    assert response.status_code == 404
    if kind == "json":
        assert response["Content-Type"].startswith("application/json")
        error = json.loads(response.content)["error"]
        assert error["status"] == 404
    else:
        assert response["Content-Type"].startswith("application/xml")
        error = etree.fromstring(response.content)
        assert error.tag == "error"
        assert error.get("status") == "404"
    assert message in response.content.decode()


def test_a_missing_page_is_still_a_page(client):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
