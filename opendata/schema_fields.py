"""The fields of the JSON file as the open-data page lists them, read from its JSON
Schema (opendata/schemas/projects.schema.json): the page never lists a field by
hand, so it cannot drift from the file.

One table for the file, one for each type the schema defines (``$defs``: the
project first), each with its properties; objects and arrays written inline are
walked into (``dates.planned_start``, ``results[].indicators[].periods[]``), a
``$ref`` links to its type's table. Descriptions are in the page's language:
``description`` is English, ``x-description-es`` Spanish (an annotation JSON
Schema validators ignore).
"""

import functools
import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .views import JSON_SCHEMA

# An enumeration of up to this many values is listed.
SMALL_ENUM = 12


@functools.cache
def schema():
    return json.loads(JSON_SCHEMA.read_text())


def describe(node, language):
    """The node's description in ``language`` (English where none is written)."""
    return node.get(f"x-description-{language}") or node.get("description", "")


def anchor(name):
    return f"field-type-{name}"


def type_html(node):
    """The node's type in words, with links to the tables of the types it names."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return format_html('<a href="#{}"><code>{}</code></a>', anchor(name), name)
    choices = node.get("anyOf") or node.get("oneOf")
    if choices:
        return either([type_html(choice) for choice in choices])
    kinds = node.get("type")
    if kinds is None and "enum" in node:
        kinds = sorted({json_type(value) for value in node["enum"]})
    if isinstance(kinds, list):
        return either([type_html({**node, "type": kind}) for kind in kinds])
    if kinds == "array":
        return format_html(_("array of {}"), type_html(node.get("items", {})))
    if not kinds:
        return ""
    if "format" in node:
        return format_html("<code>{}</code> ({})", kinds, node["format"])
    return format_html("<code>{}</code>", kinds)


def either(parts):
    return mark_safe(_(" or ").join(str(part) for part in parts))  # noqa: S308


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return "string"


def value_text(value):
    """A value of an enumeration as the file writes it (null, not None)."""
    return value if isinstance(value, str) else json.dumps(value)


def inline_object(node):
    """The object written inside ``node`` whose properties are walked into, and
    the suffix of its path ("." for an object, "[]." for an array's items)."""
    if "properties" in node:
        return node, "."
    for choice in node.get("anyOf", []) + node.get("oneOf", []):
        if "properties" in choice:
            return choice, "."
    items = node.get("items", {})
    if "properties" in items:
        return items, "[]."
    return None, ""


def rows(node, language, prefix=""):
    """A row for each property of ``node``, and of the objects written inside it."""
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        enum = prop.get("enum") or prop.get("items", {}).get("enum") or []
        yield {
            "name": path,
            "type": type_html(prop),
            "required": name in required,
            "description": describe(prop, language),
            "values": [value_text(value) for value in enum]
            if len(enum) <= SMALL_ENUM
            else [],
        }
        inner, suffix = inline_object(prop)
        if inner is not None:
            yield from rows(inner, language, path + suffix)


def tables(language):
    """[{id, name, description, rows}]: the file, then each type with properties,
    then ``simple``: the types that are a single value (money, currency...)."""
    document = schema()
    definitions = document.get("$defs", {})
    order = sorted(definitions, key=lambda name: name != "project")
    found = [
        {
            "id": "field-file",
            "name": None,
            "description": describe(document, language),
            "rows": list(rows(document, language)),
        }
    ]
    simple = []
    for name in order:
        definition = definitions[name]
        if "properties" in definition:
            found.append(
                {
                    "id": anchor(name),
                    "name": name,
                    "description": describe(definition, language),
                    "rows": list(rows(definition, language)),
                }
            )
        else:
            simple.append(
                {
                    "id": anchor(name),
                    "name": name,
                    "type": type_html(definition),
                    "description": describe(definition, language),
                    "pattern": definition.get("pattern", ""),
                }
            )
    return found, simple
