"""The statistics page's maps draw Argentina as the Argentine state does: the Malvinas
in Argentina's shape on the world map, and a bicontinental map of the provinces
whose Tierra del Fuego, Antártida e Islas del Atlántico Sur (AR-V) holds the South
Atlantic islands and the Antarctic sector, at the same scale as the continent."""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command

from opendata import charts, maps
from opendata.management.commands import build_argentina_map as argentina_builder
from opendata.management.commands.build_world_map import equal_earth
from partners.models import Province
from projects.models import Project

URL = "/projects/stats/"
SVG = "{http://www.w3.org/2000/svg}"
# (longitude, latitude) of places the maps must draw as Argentina.
SOLEDAD = (-58.8, -51.75)  # Isla Soledad, Islas Malvinas
GRAN_MALVINA = (-60.0, -51.8)
GEORGIAS = (-36.6, -54.3)  # Islas Georgias del Sur
MONTAGU = (-26.33, -58.42)  # Isla Montagu, Islas Sandwich del Sur
ESTADOS = (-64.3, -54.78)  # Isla de los Estados
USHUAIA = (-68.3, -54.8)
NORTHERNMOST = (-66.22, -21.78)  # the Republic's northernmost point, in Jujuy
PENINSULA = (-63.0, -65.0)  # Península Antártica
INLAND = (-50.0, -85.0)
POLE = (-50.0, -90.0)


def rings(d):
    """The rings of an SVG path of relative moves, as lists of absolute points."""
    parsed = []
    for part in re.findall(r"M[^M]*", d):
        numbers = [int(n) for n in re.findall(r"-?\d+", part)]
        x, y = numbers[:2]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        parsed.append(points)
    return parsed


def bounds(points):
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def near(ring, x, y, slack=1.5):
    """Whether (x, y) lies within ``ring``'s bounds, give or take ``slack`` units
    (rounding and simplification)."""
    left, top, right, bottom = bounds(ring)
    return left - slack <= x <= right + slack and top - slack <= y <= bottom + slack


def on_world_map(longitude, latitude):
    projection = maps.world()["projection"]
    x, y = equal_earth(longitude, latitude)
    return (
        (x - projection["left"]) * projection["scale"],
        (projection["top"] - y) * projection["scale"],
    )


def on_argentina_map(longitude, latitude):
    """The committed map's own projection, one for the whole Republic."""
    projection = maps.argentina()["projection"]
    assert projection["longitude"] == argentina_builder.LONGITUDE
    assert projection["latitude"] == argentina_builder.LATITUDE
    x, y = argentina_builder.project(longitude, latitude)
    scale, margin = projection["units_per_km"], projection["margin"]
    return (
        (x - projection["left_km"]) * scale + margin,
        (projection["top_km"] - y) * scale + margin,
    )


def svg_of(response, name):
    (block,) = re.findall(rf'<svg class="{name}".*?</svg>', response.text, re.DOTALL)
    return ET.fromstring(block)  # noqa: S314 (our own page)


@pytest.fixture
def provinces_portfolio(make_project):
    """Published projects in Córdoba (3), Tierra del Fuego (2) and Salta (1), one
    without province, and a draft in Córdoba and Chaco that must not count."""

    def located(*codes, **fields):
        project = make_project(**fields)
        project.provinces.set(Province.objects.filter(code__in=codes))
        return project

    located("AR-X", "AR-V")
    located("AR-X", "AR-V", "AR-A")
    located("AR-X")
    located()
    located("AR-X", "AR-H", publication=Project.Publication.DRAFT)


# The world map.


def test_the_world_map_draws_the_malvinas_as_argentina():
    raw = (maps.DATA / "world_map.json").read_text(encoding="utf-8")
    assert "falkland" not in raw.lower()
    countries = maps.world()["countries"]
    assert not {"FK", "GS", "AQ"} & set(countries)
    argentina = rings(countries["AR"])
    assert len(argentina) == 3  # the continent, Tierra del Fuego, the Malvinas
    soledad = on_world_map(*SOLEDAD)
    (island,) = [ring for ring in argentina if near(ring, *soledad, slack=0.5)]
    assert bounds(island)[2] - bounds(island)[0] < 10  # the islands, not the continent
    assert "Malvinas" in maps.world()["source"]


def test_the_world_map_builder_merges_argentine_territory(tmp_path):
    """Whatever the source calls them, the islands join Argentina's shape."""

    def square(x, y):
        return [[x, y], [2, 0], [0, 2], [-2, 0], [0, -2]]

    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "arcs": [
            square(110, 50),  # Argentina's continent
            square(120, 38),  # the Malvinas
            square(142, 34),  # South Georgia
            [[0, 0], [360, 0], [0, 5], [-360, 0], [0, -5]],  # Antarctica
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[1]], "id": "238"},
                    {"type": "Polygon", "arcs": [[0]], "id": "032"},
                    {"type": "Polygon", "arcs": [[2]], "id": "239"},
                    {"type": "Polygon", "arcs": [[3]], "id": "010"},
                ],
            }
        },
    }
    topology["objects"]["countries"]["geometries"][0]["properties"] = {
        "name": "Falkland Is."
    }
    source, codes = tmp_path / "world.json", tmp_path / "codes.json"
    source.write_text(json.dumps(topology))
    codes.write_text(
        json.dumps(
            [
                ["AR", "ARG", "032"],
                ["FK", "FLK", "238"],
                ["GS", "SGS", "239"],
                ["AQ", "ATA", "010"],
            ]
        )
    )
    output = tmp_path / "map.json"
    call_command("build_world_map", source, codes, output=output, stdout=io.StringIO())
    built = json.loads(output.read_text())
    assert set(built["countries"]) == {"AR"}
    assert len(rings(built["countries"]["AR"])) == 3
    assert "falkland" not in output.read_text().lower()
    assert "the Malvinas Islands and the South Georgia" in built["source"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_page_never_shows_the_islands_apart(client, provinces_portfolio, prefix):
    response = client.get(prefix + URL)
    assert response.status_code == 200
    assert "falkland" not in response.text.lower()
    world = svg_of(response, "world-map")
    (home,) = [
        p for p in world.iter(f"{SVG}path") if p.get("class") == "world-map__home"
    ]
    assert home.get("d") == maps.world()["countries"]["AR"]
    # One path per country in the map, none for the islands.
    assert len(list(world.iter(f"{SVG}path"))) == len(maps.world()["countries"])
    desc = world.find(f"{SVG}desc").text
    assert "Malvinas" in desc


# The bicontinental map of the provinces.


@pytest.mark.django_db
def test_the_province_map_holds_the_24_jurisdictions():
    shapes = maps.argentina()
    raw = (maps.DATA / "argentina_map.json").read_text(encoding="utf-8")
    assert "falkland" not in raw.lower()
    assert set(shapes["provinces"]) == set(
        Province.objects.values_list("code", flat=True)
    )
    assert len(shapes["provinces"]) == 24
    assert all(
        d.startswith("M") and d.endswith("z") for d in shapes["provinces"].values()
    )
    assert 5_000 < len(raw) < 60_000  # a few tens of kilobytes
    assert "IGN" in shapes["source"]
    assert "CC BY 4.0" in shapes["licence"]
    assert "equal-area" in shapes["projection"]["name"]


def test_tierra_del_fuego_holds_the_islands_and_the_antarctic_sector():
    provinces = maps.argentina()["provinces"]
    territory = rings(provinces["AR-V"])
    places = (SOLEDAD, GRAN_MALVINA, GEORGIAS, MONTAGU, ESTADOS, USHUAIA)
    for place in (*places, PENINSULA, INLAND):
        point = on_argentina_map(*place)
        assert argentina_builder.contains(territory, *point), place
        for code, d in provinces.items():
            if code != "AR-V":
                assert not argentina_builder.contains(rings(d), *point), code
    # The sector reaches the pole, where its limits meet.
    pole = on_argentina_map(*POLE)
    bottom = max(y for ring in territory for _, y in ring)
    assert abs(bottom - pole[1]) <= 2


def test_the_continent_and_the_antarctic_share_one_scale():
    """Both ends of the Republic sit where the one recorded projection puts them:
    neither part is an inset drawn at a scale of its own."""
    shapes = maps.argentina()
    north = min(y for ring in rings(shapes["provinces"]["AR-Y"]) for _, y in ring)
    south = max(y for ring in rings(shapes["provinces"]["AR-V"]) for _, y in ring)
    assert abs(north - on_argentina_map(*NORTHERNMOST)[1]) <= 2
    assert abs(south - on_argentina_map(*POLE)[1]) <= 2
    # From Jujuy to the pole, some 7,600 km, fills the map's height.
    km = (south - north) / shapes["projection"]["units_per_km"]
    assert 7_300 < km < 7_700
    assert shapes["height"] == argentina_builder.HEIGHT
    assert north < shapes["height"] / 2 < south
    # The sector's limits: 74° W and 25° W from 60° S meet at the pole.
    west, east, parallel = rings(shapes["sector"])
    for meridian, longitude in ((west, -74), (east, -25)):
        assert near([meridian[0]], *on_argentina_map(longitude, -60))
        assert near([meridian[-1]], *on_argentina_map(*POLE))
    assert near([parallel[0]], *on_argentina_map(-74, -60))
    assert near([parallel[-1]], *on_argentina_map(-25, -60))


def test_provinces_are_shaded_by_published_projects_only(client, provinces_portfolio):
    response = client.get("/en" + URL)
    (found,) = [f for f in response.context["figures"] if f.slug == "province"]
    counted = {row.filter[1]: row.value for row in found.rows}
    assert counted["AR-X"] == 3
    assert counted["AR-V"] == 2
    assert counted["AR-A"] == 1
    assert counted["AR-H"] == 0  # only the draft names Chaco
    assert sum(counted.values()) == 6
    svg = svg_of(response, "province-map")
    drawn = {
        path.find(f"{SVG}title").text: path.get("class").rsplit("--", 1)[1]
        for path in svg.iter(f"{SVG}path")
        if path.find(f"{SVG}title") is not None
    }
    bounds_ = charts.classes([3, 2, 1])
    names = dict(Province.objects.values_list("code", "name"))
    assert drawn[f"{names['AR-X']}: 3"] == str(charts.shade(3, bounds_))
    assert drawn[f"{names['AR-V']}: 2"] == str(charts.shade(2, bounds_))
    assert drawn[f"{names['AR-A']}: 1"] == "1"
    assert drawn[f"{names['AR-H']}: 0"] == "0"
    assert len(drawn) == 24
    # The City is drawn last, over the province of Buenos Aires.
    assert (
        list(svg.iter(f"{SVG}path"))[23]
        .find(f"{SVG}title")
        .text.startswith(names["AR-C"])
    )
    legend = response.text.split('class="map-legend"')[-1].split("</ul>")[0]
    assert "3 projects" in legend
    assert "Limits of the Argentine Antarctic Sector" in legend


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_text_alternative_lists_every_province(client, provinces_portfolio, prefix):
    response = client.get(prefix + URL)
    section = response.text.split('id="province"')[1].split("</section>")[0]
    table = ET.fromstring(re.search(r"<table\b.*?</table>", section, re.DOTALL)[0])  # noqa: S314
    rows = {
        "".join(row.find("th").itertext()): row.findall("td")[0].text
        for row in table.find("tbody").findall("tr")
    }
    names = dict(Province.objects.values_list("code", "name"))
    assert len(rows) == 24
    assert set(rows) == set(names.values())
    assert rows[names["AR-X"]] == "3"
    assert rows[names["AR-V"]] == "2"
    assert rows[names["AR-H"]] == "0"
    # Each province with projects links to them in the catalogue.
    assert f'href="{prefix}/projects/?province=AR-V"' in section
    assert f'href="{prefix}/projects/?province=AR-H"' not in section
    svg = svg_of(response, "province-map")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "province-map-title province-map-desc"
    assert svg.find(f"{SVG}title").get("id") == "province-map-title"
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == "province-map-desc"
    assert "25°" in desc.text
    assert "74°" in desc.text
    assert "Malvinas" in desc.text
    assert "style" not in ET.tostring(svg, encoding="unicode")
    assert "Instituto Geográfico Nacional" in section


def test_no_province_named_means_no_province_map(client, make_project):
    make_project()
    response = client.get("/en" + URL)
    section = response.text.split('id="province"')[1].split("</section>")[0]
    assert "None of these projects has this recorded." in section
    assert "province-map" not in section


def test_the_province_filter_narrows_the_figures(client, provinces_portfolio):
    response = client.get("/en" + URL, {"province": "AR-V"})
    assert response.context["total"] == 2
    (found,) = [f for f in response.context["figures"] if f.slug == "province"]
    counted = {row.filter[1]: row.value for row in found.rows}
    assert (counted["AR-V"], counted["AR-X"], counted["AR-A"]) == (2, 2, 1)


def test_the_page_makes_a_fixed_number_of_queries(
    client, make_project, count_queries, django_assert_max_num_queries
):
    codes = list(Province.objects.values_list("code", flat=True))

    def located(number):
        project = make_project()
        project.provinces.set(Province.objects.filter(code__in=codes[number::7]))

    for number in range(3):
        located(number)
    urls = [URL, "/en" + URL + "?province=AR-V"]
    cold = [count_queries(client, url) for url in urls]
    warm = [count_queries(client, url) for url in urls]
    assert all(w < c for w, c in zip(warm, cold, strict=True))
    for number in range(3, 20):
        located(number)
    assert [count_queries(client, url) for url in urls] == cold
    assert [count_queries(client, url) for url in urls] == warm
    located(20)
    with django_assert_max_num_queries(max(cold)):
        assert client.get(URL).status_code == 200


# The builder of the province map.


def square(longitude, latitude, size=0.5):
    return [
        [longitude, latitude],
        [longitude + size, latitude],
        [longitude + size, latitude + size],
        [longitude, latitude + size],
        [longitude, latitude],
    ]


def georef(tmp_path, without=()):
    """A georef-like GeoJSON: a square per province; AR-V with its parts."""
    features = [
        {
            "type": "Feature",
            "properties": {"id": indec, "nombre": code},
            "geometry": {
                "type": "Polygon",
                "coordinates": [square(-65 + number % 5, -25 - number)],
            },
        }
        for number, (indec, code) in enumerate(argentina_builder.ISO.items())
        if code != "AR-V"
    ]
    parts = {
        name: point
        for name, point in argentina_builder.TERRITORY_PARTS.items()
        if not any(word in name for word in without)
    }
    territory = [[square(x - 0.25, y - 0.25)] for x, y in parts.values()]
    if "Antártida" not in without:  # the Antarctic sector, to the pole
        territory.append([[[-74, -90], [-25, -90], [-25, -63], [-74, -63], [-74, -90]]])
    features.append(
        {
            "type": "Feature",
            "properties": {"id": "94"},
            "geometry": {"type": "MultiPolygon", "coordinates": territory},
        }
    )
    source = tmp_path / "provincias.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return source


def test_the_province_map_is_built_from_georef_geometry(tmp_path):
    output = tmp_path / "map.json"
    call_command(
        "build_argentina_map",
        georef(tmp_path),
        source="a test file",
        output=output,
        stdout=io.StringIO(),
    )
    built = json.loads(output.read_text())
    assert len(built["provinces"]) == 24
    assert built["height"] == argentina_builder.HEIGHT
    assert "a test file" in built["source"]
    assert built["sector"].count("M") == 3  # two meridians and the parallel
    # Squares of half a degree, each an island too small for the scale, are
    # enlarged, not lost; the one by the pole, a few km², is left out as an islet.
    territory = rings(built["provinces"]["AR-V"])
    assert len(territory) == len(argentina_builder.TERRITORY_PARTS) - 1 + 1
    assert all(
        bounds(ring)[2] - bounds(ring)[0] >= argentina_builder.MIN_SIZE - 1
        for ring in territory
    )


@pytest.mark.parametrize(
    ("without", "named"),
    [(("Malvinas",), "Isla Soledad"), (("Antártida",), "Antártida Argentina")],
)
def test_a_source_without_the_whole_province_is_refused(tmp_path, without, named):
    output = tmp_path / "map.json"
    with pytest.raises(CommandError, match=named):
        call_command(
            "build_argentina_map",
            georef(tmp_path, without),
            output=output,
            stdout=io.StringIO(),
        )
    assert not output.exists()


def test_a_broken_source_is_refused(tmp_path):
    source = tmp_path / "broken.geojson"
    source.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("build_argentina_map", source, output=tmp_path / "map.json")
    source.write_text(json.dumps({"features": [{"properties": {"id": "99"}}]}))
    with pytest.raises(CommandError, match="INDEC"):
        call_command("build_argentina_map", source, output=tmp_path / "map.json")
    polygon = {"type": "Polygon", "coordinates": [[["x", 1], [2]]]}
    feature = {"properties": {"id": "14"}, "geometry": polygon}
    source.write_text(json.dumps({"features": [feature]}))
    with pytest.raises(CommandError, match="Bad geometry for AR-X"):
        call_command("build_argentina_map", source, output=tmp_path / "map.json")
    assert not (tmp_path / "map.json").exists()
