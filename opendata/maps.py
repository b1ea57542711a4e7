"""The statistics page's maps, drawn as SVG by templates from shapes built beforehand:
partner countries on a world map (manage.py build_world_map) and projects by province
on the bicontinental map of Argentina (manage.py build_argentina_map).

Both keep Argentine territory whole: the Malvinas are part of Argentina's shape on the
world map, and the province of Tierra del Fuego, Antártida e Islas del Atlántico Sur
(AR-V) holds them, South Georgia and the South Sandwich Islands and the Antarctic
sector, drawn at the same scale as the continent (Law 26.651)."""

import functools
import json
from pathlib import Path

from django.conf import settings

from . import charts

DATA = Path(__file__).resolve().parent / "data"
# Drawn last, over the province around it.
ON_TOP = "AR-C"


@functools.cache
def world():
    """Country shapes: see manage.py build_world_map."""
    return json.loads((DATA / "world_map.json").read_text(encoding="utf-8"))


@functools.cache
def argentina():
    """Province shapes: see manage.py build_argentina_map."""
    return json.loads((DATA / "argentina_map.json").read_text(encoding="utf-8"))


def legend(bounds):
    return [
        {"shade": number, "low": low, "high": high}
        for number, (low, high) in enumerate(bounds, start=1)
    ]


def partner_map(counted, names):
    """Partner countries (``counted``: {code: projects}) shaded in up to five
    classes by number of projects, with the legend, and the partner countries too
    small for the map; None without any."""
    if not counted:
        return None
    shapes = world()
    bounds = charts.classes(counted.values())
    countries = [
        {
            "code": code,
            "path": path,
            "name": names.get(code, code),
            "value": counted.get(code, 0),
            "shade": charts.shade(counted.get(code, 0), bounds),
        }
        for code, path in shapes["countries"].items()
        if code != settings.HOME_COUNTRY
    ]
    return {
        "width": shapes["width"],
        "height": shapes["height"],
        "countries": countries,
        "home": shapes["countries"].get(settings.HOME_COUNTRY, ""),
        "home_name": names.get(settings.HOME_COUNTRY, settings.HOME_COUNTRY),
        "legend": legend(bounds),
        "missing": sorted(
            names.get(code, code) for code in counted if code not in shapes["countries"]
        ),
    }


def province_map(counted, names):
    """Every province (``names``: {ISO 3166-2 code: name}, in the order to list
    them) shaded by its number of projects (``counted``: {code: projects})."""
    shapes = argentina()
    bounds = charts.classes(counted.values())
    provinces = sorted(
        (
            {
                "code": code,
                "path": path,
                "name": names.get(code, code),
                "value": counted.get(code, 0),
                "shade": charts.shade(counted.get(code, 0), bounds),
            }
            for code, path in shapes["provinces"].items()
        ),
        key=lambda province: province["code"] == ON_TOP,
    )
    return {
        "width": shapes["width"],
        "height": shapes["height"],
        "provinces": provinces,
        "sector": shapes["sector"],
        "legend": legend(bounds),
    }
