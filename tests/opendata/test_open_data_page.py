"""The open-data page: every file, the licence, how to cite, and every field of
the JSON file read from its JSON Schema, in both languages."""

import html
import itertools
import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext

from opendata import exports

pytestmark = pytest.mark.django_db

URL = "/open-data/"
SCHEMA = Path(exports.__file__).resolve().parent / "schemas" / "projects.schema.json"


def schema():
    return json.loads(SCHEMA.read_text())


def described(node):
    """Every (path, node) of the schema that carries a description."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node
        for key, value in node.items():
            if key != "description" or not isinstance(value, str):
                yield from described(value)
    elif isinstance(node, list):
        for item in node:
            yield from described(item)


def property_names(node):
    names = set()
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            names.add(name)
            names |= property_names(prop)
        for key, value in node.items():
            if key != "properties":
                names |= property_names(value)
    elif isinstance(node, list):
        for item in node:
            names |= property_names(item)
    return names


def test_the_schema_stays_valid_and_says_everything_in_spanish():
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    nodes = list(described(document))
    assert len(nodes) > 60
    for node in nodes:
        assert node.get("x-description-es"), node["description"]
        assert node["x-description-es"] != node["description"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_schema_property_is_on_the_page(client, references, language):
    prefix = "" if language == "es" else "/en"
    response = client.get(f"{prefix}{URL}")
    assert response.status_code == 200
    text = html.unescape(response.text)
    for name in sorted(property_names(schema())):
        assert f"<code>{name}</code>" in text or f".{name}</code>" in text, name
    document = schema()
    key = "x-description-es" if language == "es" else "description"
    for node in described(document["$defs"]["project"]):
        assert node[key] in text
    assert document["properties"]["licence"][key] in text


def test_the_page_names_every_file_and_links_them(client, references):
    text = client.get(URL).text
    for path in (
        "/projects/export.csv",
        "/projects/export.xlsx",
        "/projects/export.json",
        "/projects/export.schema.json",
        "/projects/iati.xml",
        "/data.json",
    ):
        assert f'href="{path}"' in text, path
    # Files other parts of the portal serve: linked once the portal answers there,
    # named until then (never a dead link).
    for path in ("/iati/organisation.xml", "/iati/", "/api/v1/docs"):
        try:
            resolve(path)
        except Resolver404:
            assert f"<code>{path}</code>" in text, path
            assert f'href="{path}"' not in text, path
        else:
            assert f'href="{path}"' in text, path
    english = client.get(f"/en{URL}").text
    assert 'href="/en/projects/export.csv"' in english


def test_licence_and_citation(client, references, settings):
    text = html.unescape(client.get(f"/en{URL}").text)
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in text
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in text
    assert "General Directorate of International Cooperation (" in text
    assert "http://testserver/en/projects/" in text
    settings.DGCIN_OPEN_DATA_LICENCE = ""
    text = html.unescape(client.get(f"/en{URL}").text)
    with translation.override("en"):
        assert gettext("No licence has been declared for these data yet.") in text


def test_headings_in_order_and_tables_with_captions(client, references):
    text = client.get(URL).text
    main = text[text.index("<main") : text.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert main.count("<table") == main.count("<caption>") > 3


def test_linked_from_the_footer_the_catalogue_and_the_figures(client, make_project):
    make_project()
    for path in ("/", "/projects/", "/projects/stats/"):
        assert 'href="/open-data/"' in client.get(path).text, path


def test_a_fixed_number_of_queries(client, references, count_queries):
    assert count_queries(client, URL) <= 6
    assert count_queries(client, f"/en{URL}") <= 6
