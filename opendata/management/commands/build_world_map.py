"""Rebuild opendata/data/world_map.json, the statistics page's map of countries.

The shapes come from Natural Earth (public domain) at 1:110 million, as the npm
package world-atlas (ISC licence) ships them in TopoJSON, with ISO 3166-1 numeric
ids; the numeric to alpha-2 table from the npm package i18n-iso-countries (MIT).
Both are read from files, so the portal never depends on them at run time:

    npm pack world-atlas i18n-iso-countries   # then untar both
    manage.py build_world_map world-atlas/countries-110m.json \\
        i18n-iso-countries/codes.json

The map is drawn in the Equal Earth projection (areas true to scale), simplified to
a few tens of kilobytes: one SVG path per country. ISO 3166-1 lists the Malvinas
(FK) and South Georgia and the South Sandwich Islands (GS) apart; they are Argentine
territory, part of the province of Tierra del Fuego, Antártida e Islas del Atlántico
Sur (Law 23.775 art. 1, text of Law 26.552), so their shapes join Argentina's: no
path or code of their own. Antarctica is left out: no partner country lies there, and
the statistics page draws the Argentine Antarctic sector at its true scale on the
bicontinental map of the provinces (manage.py build_argentina_map).
"""

import itertools
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "world_map.json"
WIDTH = 1000
TOLERANCE = 0.2  # Douglas-Peucker tolerance, in degrees (about 0.6 map units)
ANTARCTICA = "010"
# ISO 3166-1 codes of Argentine territory, drawn as part of Argentina (AR).
ARGENTINE_TERRITORY = {
    "FK": "the Malvinas Islands",
    "GS": "the South Georgia and South Sandwich Islands",
}
# Natural Earth shapes without an ISO numeric code, and the code they stand for.
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude, latitude):
    """Equal Earth projection (Šavrič, Patterson and Jenny, 2018), in radians."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker: the arc's ends stay, so shared borders stay shared."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    far, index = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            distance = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
        else:
            distance = math.hypot(x - x1, y - y1)
        if distance > far:
            far, index = distance, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(
        points[index:], tolerance
    )


def across_the_antimeridian(points):
    """A ring that crosses 180° (Russia, Fiji) continued past it, not drawn back
    across the whole map; the map's edge clips what lies beyond."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(points)):
        return points
    return [(x + 360 if x < 0 else x, y) for x, y in points]


def ring(indices, arcs):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path(rings):
    """An SVG path of relative moves in whole map units; rings that shrink to less
    than a triangle are left out."""
    parts = []
    for points in rings:
        rounded = []
        for x, y in points:
            point = (round(x), round(y))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        if len(rounded) < 3:
            continue
        (x0, y0), moves = rounded[0], []
        previous = rounded[0]
        for x, y in rounded[1:]:
            moves.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(moves) + "z")
    return "".join(parts).replace(" -", "-")


class Command(BaseCommand):
    help = "Rebuild the statistics page's world map from world-atlas TopoJSON."

    def add_arguments(self, parser):
        parser.add_argument("topojson", type=Path, help="countries-110m.json")
        parser.add_argument("codes", type=Path, help="i18n-iso-countries codes.json")
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, topojson, codes, output, **options):
        try:
            topology = json.loads(topojson.read_text(encoding="utf-8"))
            alpha2 = {
                numeric: code
                for code, _alpha3, numeric, *_rest in json.loads(
                    codes.read_text(encoding="utf-8")
                )
            }
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the sources: {error}") from error
        geometries = topology["objects"]["countries"]["geometries"]
        # Simplified arc by arc, in degrees, so that neighbours keep one border.
        arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
        left, _ = equal_earth(-180, 0)
        right, _ = equal_earth(180, 0)
        scale = WIDTH / (right - left)
        shapes, merged, top, bottom = {}, [], 0, 0
        for geometry in geometries:
            if geometry.get("id") == ANTARCTICA or not geometry.get("arcs"):
                continue
            code = alpha2.get(geometry.get("id")) or BY_NAME.get(
                geometry.get("properties", {}).get("name")
            )
            if not code:
                self.stderr.write(f"No ISO code for {geometry.get('properties')}")
                continue
            rings = [
                [
                    equal_earth(*point)
                    for point in across_the_antimeridian(ring(indices, arcs))
                ]
                for polygon in polygons(geometry)
                for indices in polygon
            ]
            top = max([top, *(y for r in rings for _x, y in r)])
            bottom = min([bottom, *(y for r in rings for _x, y in r)])
            if code in ARGENTINE_TERRITORY:
                merged.append(ARGENTINE_TERRITORY[code])
                code = "AR"
            shapes.setdefault(code, []).extend(rings)
        shapes = {
            code: path(
                [((x - left) * scale, (top - y) * scale) for x, y in r] for r in rings
            )
            for code, rings in sorted(shapes.items())
        }
        output.write_text(
            json.dumps(
                {
                    "source": "Natural Earth 1:110m (public domain) via world-atlas "
                    "2.0.2 (ISC)"
                    + (
                        f"; {' and '.join(sorted(merged))} drawn as part of Argentina "
                        "(Law 23.775 art. 1, text of Law 26.552)"
                        if merged
                        else ""
                    )
                    + "; Antarctica left out; Equal Earth projection; built by "
                    "manage.py build_world_map.",
                    # x = (equal_earth x - left) * scale, y = (top - y) * scale
                    "projection": {
                        "name": "Equal Earth",
                        "left": left,
                        "top": top,
                        "scale": scale,
                    },
                    "width": WIDTH,
                    "height": round((top - bottom) * scale),
                    "countries": {code: d for code, d in shapes.items() if d},
                },
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",
        )
        self.stdout.write(
            f"{len(shapes)} countries, {output.stat().st_size // 1024} KB: {output}"
        )


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []
