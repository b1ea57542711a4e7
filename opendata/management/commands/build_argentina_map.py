"""Rebuild opendata/data/argentina_map.json, the statistics page's map of Argentina
by province, bicontinental as Law 26.651 requires of the Republic's maps.

The shapes are the Instituto Geográfico Nacional's (IGN) provinces as the national
georeferencing service (georef-ar, datos.gob.ar) publishes them under CC BY 4.0: a
GeoJSON FeatureCollection in longitude and latitude, one feature per jurisdiction
with its INDEC code in the ``id`` property (georef's "provincias" download). IGN's
Tierra del Fuego, Antártida e Islas del Atlántico Sur (AR-V) holds the eastern part of
the Isla Grande de Tierra del Fuego, the Isla de los Estados, the Malvinas, South
Georgia and the South Sandwich Islands and the Antarctic sector to the pole; the
command refuses a source whose AR-V lacks any of them. A maintainer runs it:

    manage.py build_argentina_map provincias.geojson

The whole Republic is drawn in one Lambert azimuthal equal-area projection centred
on the parallel midway between La Quiaca and the South Pole: the American and the
Antarctic parts share one scale, with areas in their true proportion. The limits of
the Antarctic sector (meridians 25° W and 74° W south of parallel 60° S, Decree-Law
2129/57 and Law 23.775 art. 1) are drawn as a line. Simplified to a few kilobytes:
one SVG path per province, keyed by its ISO 3166-2 code.
"""

import itertools
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .build_world_map import path, simplify

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "argentina_map.json"
HEIGHT = 1000  # map units from the Republic's northern tip to the South Pole
MARGIN = 4
RADIUS = 6371.0  # km, the authalic sphere
LONGITUDE, LATITUDE = -60.0, -56.0  # centre of the projection
TOLERANCE = 0.4  # Douglas-Peucker, in map units (about 3 km)
MIN_AREA = 10.0  # km²: smaller islets are left out
MIN_SIZE = 3  # map units: smaller islands and the City are enlarged to this size
SECTOR = (-74.0, -25.0, -60.0)  # west and east meridians, northern parallel

# INDEC province codes (georef's "id") and ISO 3166-2, as datosgobar's georef-ar-etl
# pairs them (data/iso-3166-provincias-arg.csv, CC BY 4.0).
ISO = {
    "02": "AR-C",
    "06": "AR-B",
    "10": "AR-K",
    "14": "AR-X",
    "18": "AR-W",
    "22": "AR-H",
    "26": "AR-U",
    "30": "AR-E",
    "34": "AR-P",
    "38": "AR-Y",
    "42": "AR-L",
    "46": "AR-F",
    "50": "AR-M",
    "54": "AR-N",
    "58": "AR-Q",
    "62": "AR-R",
    "66": "AR-A",
    "70": "AR-J",
    "74": "AR-D",
    "78": "AR-Z",
    "82": "AR-S",
    "86": "AR-G",
    "90": "AR-T",
    "94": "AR-V",
}
TERRITORY = "AR-V"
# Points (longitude, latitude) that the source's AR-V must cover: the parts of the
# province as Law 23.775 art. 1 (text of Law 26.552) lists them.
TERRITORY_PARTS = {
    "Isla Grande de Tierra del Fuego (Ushuaia)": (-68.3, -54.8),
    "Isla de los Estados": (-64.3, -54.78),
    "Isla Soledad (Islas Malvinas)": (-58.8, -51.75),
    "Isla Gran Malvina (Islas Malvinas)": (-60.0, -51.8),
    "Islas Georgias del Sur": (-36.6, -54.3),
    "Islas Sandwich del Sur (Isla Montagu)": (-26.33, -58.42),
    "Antártida Argentina (Península Antártica)": (-63.0, -65.0),
    "Antártida Argentina (near the South Pole)": (-50.0, -89.5),
}


def project(longitude, latitude):
    """Lambert azimuthal equal-area on the sphere, in km from the centre, y north."""
    lam = math.radians(longitude - LONGITUDE)
    phi, phi0 = math.radians(latitude), math.radians(LATITUDE)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(
        lam
    )
    k = RADIUS * math.sqrt(2 / (1 + cos_c))
    return (
        k * math.cos(phi) * math.sin(lam),
        k
        * (
            math.cos(phi0) * math.sin(phi)
            - math.sin(phi0) * math.cos(phi) * math.cos(lam)
        ),
    )


def edges(ring):
    """A ring's sides, the closing one included."""
    return itertools.pairwise([*ring, ring[0]])


def area(ring):
    """Shoelace area of a ring, unsigned, in its units squared."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges(ring))) / 2


def contains(rings, x, y):
    """Even-odd point in polygon (an exterior ring and its holes, or several)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in edges(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def polygons(geometry):
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["coordinates"]
    return []


def enlarged(rings, size):
    """``rings`` scaled about their centre so that the larger side is ``size``."""
    xs = [x for x, _ in rings[0]]
    ys = [y for _, y in rings[0]]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    if extent >= size:
        return rings
    factor = size / extent if extent else 1
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [
        [(cx + (x - cx) * factor, cy + (y - cy) * factor) for x, y in ring]
        for ring in rings
    ]


def sector_limits():
    """The sector's limits, in km: 74° W and 25° W from 60° S to the pole, and the
    60° S parallel between them, a degree at a time."""
    west, east, north = SECTOR
    meridian = [float(lat) for lat in range(int(north), -91, -1)]
    return [
        [project(west, lat) for lat in meridian],
        [project(east, lat) for lat in meridian],
        [project(west + step, north) for step in range(int(east - west) + 1)],
    ]


def line_path(points):
    """An open SVG path of relative moves in whole map units."""
    rounded = [(round(x), round(y)) for x, y in points]
    moves = [
        f"{x2 - x1} {y2 - y1}" for (x1, y1), (x2, y2) in itertools.pairwise(rounded)
    ]
    return (f"M{rounded[0][0]} {rounded[0][1]}l" + " ".join(moves)).replace(" -", "-")


class Command(BaseCommand):
    help = "Rebuild the statistics page's bicontinental map of Argentina's provinces."

    def add_arguments(self, parser):
        parser.add_argument("geojson", type=Path, help="georef-ar provinces GeoJSON")
        parser.add_argument("--id-field", default="id", help="INDEC code property")
        parser.add_argument("--source", default="", help="where the file came from")
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, geojson, id_field, source, output, **options):
        try:
            features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Cannot read the source: {error}") from error
        shapes = {}  # ISO code: [polygon as [ring as [(x, y) km]]]
        for feature in features:
            properties = feature.get("properties") or {}
            code = ISO.get(str(properties.get(id_field, "")).zfill(2))
            if not code:
                raise CommandError(f"No province with INDEC code in {properties}")
            try:
                shapes.setdefault(code, []).extend(
                    [[project(*point[:2]) for point in ring] for ring in polygon]
                    for polygon in polygons(feature.get("geometry") or {})
                    if polygon and polygon[0]
                )
            except (TypeError, ValueError, IndexError) as error:
                raise CommandError(f"Bad geometry for {code}: {error}") from error
        missing = sorted(set(ISO.values()) - set(shapes))
        if missing:
            raise CommandError(f"The source lacks {', '.join(missing)}.")
        self.check_territory(shapes[TERRITORY])
        output.write_text(
            json.dumps(self.draw(shapes, source), separators=(",", ":")) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(
            f"{len(shapes)} provinces, {output.stat().st_size // 1024} KB: {output}"
        )

    def check_territory(self, territory):
        """AR-V as the Argentine state draws it, or no map."""
        lacking = [
            name
            for name, point in TERRITORY_PARTS.items()
            if not any(contains(rings, *project(*point)) for rings in territory)
        ]
        if lacking:
            raise CommandError(
                f"{TERRITORY} in the source lacks: {'; '.join(lacking)}. Use the IGN "
                "geometry, which draws the whole province."
            )

    def draw(self, shapes, source):
        """The JSON: SVG paths in map units, y down, and how they were made."""
        points = [
            p for polygons in shapes.values() for rings in polygons for p in rings[0]
        ]
        limits = sector_limits()
        points += [p for line in limits for p in line]
        left = min(x for x, _ in points)
        top = max(y for _, y in points)
        scale = (HEIGHT - 2 * MARGIN) / (top - min(y for _, y in points))

        def to_map(ring):
            return [
                ((x - left) * scale + MARGIN, (top - y) * scale + MARGIN)
                for x, y in ring
            ]

        provinces = {}
        for code, polygons_km in sorted(shapes.items()):
            rings = []
            for outer, *holes in polygons_km:
                if area(outer) < MIN_AREA:
                    continue
                kept = [outer, *(hole for hole in holes if area(hole) >= MIN_AREA)]
                rings += [
                    simplify(ring, TOLERANCE)
                    for ring in enlarged([to_map(ring) for ring in kept], MIN_SIZE)
                ]
            provinces[code] = path(rings)
        width = round((max(x for x, _ in points) - left) * scale + 2 * MARGIN)
        return {
            "source": "Provinces: Instituto Geográfico Nacional (IGN), as the "
            "Servicio de Normalización de Datos Geográficos de Argentina (georef-ar, "
            "datos.gob.ar) publishes them, CC BY 4.0"
            + (f"; read from {source}" if source else "")
            + ". Limits of the Antarctic sector: meridians 25° W and 74° W south of "
            "parallel 60° S (Decree-Law 2129/57; Law 23.775 art. 1, text of Law "
            "26.552). Built by manage.py build_argentina_map.",
            "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
            "projection": {
                "name": "Lambert azimuthal equal-area, sphere",
                "radius_km": RADIUS,
                "longitude": LONGITUDE,
                "latitude": LATITUDE,
                "units_per_km": scale,
                "left_km": left,
                "top_km": top,
                "margin": MARGIN,
            },
            "generalisation": f"Douglas-Peucker at {TOLERANCE} map units; islets "
            f"under {MIN_AREA:g} km² left out; islands and the City of Buenos Aires "
            f"narrower than {MIN_SIZE} map units enlarged to that size about their "
            "centre, so that they stay visible.",
            "width": width,
            "height": HEIGHT,
            "provinces": provinces,
            "sector": "".join(line_path(to_map(line)) for line in limits),
        }
