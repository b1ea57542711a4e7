"""The data catalogue /data.json against Argentina's national metadata profile."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from directory.models import Unit
from projects.models import Project

pytestmark = pytest.mark.django_db

URL = "/data.json"

# The fields the profile requires ("Requerido: Sí"), class by class: "Perfil de
# Aplicación Nacional de Metadatos para Datos Abiertos" 1.2,
# https://datosgobar.github.io/paquete-apertura-datos/perfil-metadatos/ (written
# here from the profile, not from opendata.catalogue, so that each checks the other).
CATALOG = ["title", "description", "publisher", "dataset", "superThemeTaxonomy"]
PUBLISHER = ["name", "mbox"]
DATASET = [
    "identifier",
    "title",
    "description",
    "publisher",
    "distribution",
    "superTheme",
    "issued",
    "accrualPeriodicity",
]
DISTRIBUTION = ["identifier", "title", "downloadURL", "accessURL", "issued"]
# Annex I: ISO 8601 repeating intervals, or "eventual".
FREQUENCY = re.compile(r"^(R/P(\d+(\.\d+)?[YMWD]|T\d+[HS])|eventual)$")
# Annex II: the global themes.
SUPER_THEMES = {
    "AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL",
    "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN",
}  # fmt: skip
FIELD_TYPES = {
    "string", "number", "integer", "date", "time", "date-time", "boolean",
    "binary", "geo_point", "geojson", "array", "object", "any",
}  # fmt: skip
IDENTIFIER = re.compile(r"^[A-Za-z0-9_.-]+$")


def iso(text):
    return datetime.datetime.fromisoformat(text)


@pytest.fixture
def catalogue(client, make_project, settings):
    settings.DGCIN_OPEN_DATA_EMAIL = "datos@example.gob.ar"
    make_project()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_every_required_field_of_the_profile_is_filled(catalogue):
    for name in CATALOG:
        assert catalogue[name], name
    for name in PUBLISHER:
        assert catalogue["publisher"][name], name
    assert (
        catalogue["superThemeTaxonomy"]
        == "https://datos.gob.ar/superThemeTaxonomy.json"
    )
    theme_ids = {theme["id"] for theme in catalogue["themeTaxonomy"]}
    identifiers = []
    for dataset in catalogue["dataset"]:
        for name in DATASET:
            assert dataset[name], (dataset["identifier"], name)
        assert dataset["publisher"]["name"]
        assert FREQUENCY.match(dataset["accrualPeriodicity"])
        assert set(dataset["superTheme"]) <= SUPER_THEMES
        assert set(dataset["theme"]) <= theme_ids
        iso(dataset["issued"])
        iso(dataset["modified"])
        assert dataset["contactPoint"]["fn"]
        assert dataset["contactPoint"]["hasEmail"] == "datos@example.gob.ar"
        identifiers.append(dataset["identifier"])
        for distribution in dataset["distribution"]:
            for name in DISTRIBUTION:
                assert distribution[name], (distribution["identifier"], name)
            assert IDENTIFIER.match(distribution["identifier"])
            assert distribution["downloadURL"].startswith("http://testserver/")
            assert distribution["accessURL"].startswith("http://testserver/")
            for field in distribution.get("field", []):
                assert field["title"]
                assert field["type"] in FIELD_TYPES
            identifiers.append(distribution["identifier"])
    assert len(identifiers) == len(set(identifiers)), "identifiers are unique"


def test_the_datasets_and_their_files(catalogue):
    datasets = {d["identifier"]: d for d in catalogue["dataset"]}
    assert set(datasets) == {"dgcin-projects", "dgcin-iati", "dgcin-directory"}

    def urls(identifier):
        return {
            d["downloadURL"].removeprefix("http://testserver")
            for d in datasets[identifier]["distribution"]
        }

    assert urls("dgcin-projects") >= {
        "/projects/export.csv",
        "/en/projects/export.csv",
        "/projects/export.xlsx",
        "/projects/export.json",
        "/projects/export.schema.json",
    }
    assert urls("dgcin-iati") == {
        "/projects/iati.xml",
        "/iati/organisation.xml",
        "/iati/",
    }
    assert "/directory/" in urls("dgcin-directory")
    files = {d["identifier"]: d for d in datasets["dgcin-projects"]["distribution"]}
    schema = files["dgcin-projects-json-schema"]
    assert schema["byteSize"] > 1000
    assert schema["mediaType"] == "application/schema+json"
    csv_fields = files["dgcin-projects-csv-es"]["field"]
    assert csv_fields[0] == {"title": "Identificador IATI", "type": "string"}
    types = {f["title"]: f["type"] for f in files["dgcin-projects-xlsx-es"]["field"]}
    assert types["Inicio previsto"] == "date"
    assert types["Presupuesto (total por moneda)"] == "number"
    assert files["dgcin-projects-csv-en"]["field"][1]["title"] == "Title"
    assert files["dgcin-projects-xlsx-es"]["mediaType"].endswith(".sheet")


def test_modified_is_the_latest_change_of_the_published_projects(client, make_project):
    make_project()
    later = make_project()
    draft = make_project(publication=Project.Publication.DRAFT)
    Project.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() + datetime.timedelta(days=3)
    )
    later.refresh_from_db()
    document = json.loads(client.get(URL).content)
    projects = next(
        d for d in document["dataset"] if d["identifier"] == "dgcin-projects"
    )
    assert iso(projects["modified"]) == later.updated_at.replace(microsecond=0)
    assert projects["issued"] == document["issued"]


def test_the_licence_comes_from_the_settings(client, make_project, settings):
    make_project()
    document = json.loads(client.get(URL).content)
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    settings.DGCIN_OPEN_DATA_LICENCE = "https://opendatacommons.org/licenses/odbl/1-0/"
    document = json.loads(client.get(URL).content)
    assert document["license"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    for dataset in document["dataset"]:
        assert dataset["license"] == document["license"]
        assert {d["license"] for d in dataset["distribution"]} == {document["license"]}


def test_the_publisher_is_the_general_directorate_and_its_email(client, references):
    head = Unit.objects.get(parent=None)
    head.email = "dgcin@example.gob.ar"
    head.save()
    document = json.loads(client.get(URL).content)
    assert document["publisher"] == {
        "name": head.name_es,
        "mbox": "dgcin@example.gob.ar",
    }


def test_no_language_prefix_and_a_fixed_number_of_queries(
    client, make_project, count_queries
):
    assert client.get(f"/en{URL}").status_code == 404
    make_project()
    few = count_queries(client, URL)
    for _ in range(10):
        make_project()
    assert count_queries(client, URL) == few <= 10
