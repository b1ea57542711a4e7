"""The statistics page: counts for the catalogue's filters, charts as accessible SVG
with the same numbers in tables, in both languages, in a fixed number of queries."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from projects.models import Project, SdgGoal

pytestmark = pytest.mark.django_db

URL = "/projects/stats/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def portfolio(make_project):
    """Five published projects and a draft, each chosen to land in known places."""

    def sdgs(project, *numbers):
        project.sdg_goals.set(SdgGoal.objects.filter(number__in=numbers))
        return project

    return {
        "bilateral_py": sdgs(make_project(), 2),
        "triangular_py": sdgs(
            make_project(
                modality="triangular",
                status=Project.Status.CLOSED,
                planned_start=datetime.date(2022, 5, 1),
                sectors=[("12220", 100)],
            ),
            3,
        ),
        "bilateral_ao": sdgs(
            make_project(
                partners=[("AR", "recipient"), ("AO", "provider")],
                planned_start=datetime.date(2023, 1, 1),
                sectors=[("31120", 60), ("12220", 40)],
            ),
            2,
            3,
        ),
        "regional": make_project(
            modality="regional",
            status=Project.Status.PIPELINE,
            planned_start=None,
            planned_end=None,
        ),
        "bilateral_br": make_project(
            partners=[("AR", "both"), ("BR", "both"), ("PY", "recipient")],
            sectors=[("15110", 100)],
        ),
        "draft": make_project(
            modality="triangular",
            partners=[("AR", "second-provider"), ("ET", "recipient")],
            publication=Project.Publication.DRAFT,
            planned_start=datetime.date(2010, 1, 1),
        ),
    }


def figure(response, slug):
    """{catalogue filter value, or label where there is none: projects}."""
    (found,) = [f for f in response.context["figures"] if f.slug == slug]
    return {row.filter[1] if row.filter else row.label: row.value for row in found.rows}


def svgs(response):
    """Every chart of the page, parsed as XML: each must be well formed."""
    return {
        element.get("aria-labelledby").split()[0].removesuffix("-title"): element
        for element in (
            ET.fromstring(block)  # noqa: S314 (our own page)
            for block in re.findall(
                r'<svg class="chart\b.*?</svg>', response.text, re.DOTALL
            )
        )
    }


def tables(response):
    """{caption: [(row header, projects)]} of the figures' tables, parsed as XML."""
    parsed = {}
    for block in re.findall(r"<table\b.*?</table>", response.text, re.DOTALL):
        table = ET.fromstring(block)  # noqa: S314 (our own page)
        parsed[table.find("caption").text] = [
            ("".join(row.find("th").itertext()), row.findall("td")[0].text)
            for row in table.find("tbody").findall("tr")
        ]
    return parsed


def test_every_figure_counts_the_published_projects(client, portfolio):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert response.context["total"] == 5  # the draft is left out
    assert figure(response, "modality") == {
        "bilateral": 3,
        "triangular": 1,
        "regional": 1,
        "multilateral": 0,
    }
    assert figure(response, "status") == {
        "1": 1,
        "2": 3,
        "3": 0,
        "4": 1,
        "5": 0,
        "6": 0,
    }
    # Argentina aside: Paraguay in three projects, the others in one each.
    assert figure(response, "country") == {"PY": 3, "AO": 1, "BR": 1, "UY": 1}
    assert figure(response, "region") == {
        "latin-america-caribbean": 4,
        "south-america": 4,
        "africa": 1,
    }
    assert figure(response, "sector") == {"311": 3, "122": 2, "151": 1}
    sdg = figure(response, "sdg")
    assert (sdg["2"], sdg["3"], sdg["4"]) == (2, 2, 0)
    assert len(sdg) == 17
    # Every year from the first start to the last; the undated project in a note.
    assert figure(response, "year") == {"2022": 1, "2023": 1, "2024": 2}
    assert "1 project has no start date yet." in response.text
    # Argentina's role: first providers count as providers, and are shown apart.
    assert figure(response, "role") == {
        "Provider": 2,
        "Provider (bilateral or multilateral)": 1,
        "First provider (triangular)": 1,
        "Second provider (triangular)": 0,
        "Recipient": 1,
        "Provider and recipient": 1,
        "Participant in regional cooperation": 1,
    }


def test_projects_without_argentina_are_counted_as_not_recorded(client, make_project):
    make_project(partners=[("BR", "provider"), ("PY", "recipient")])
    make_project()
    roles = figure(client.get("/en" + URL), "role")
    assert roles["Not recorded"] == 1
    assert roles["Provider"] == 1


def test_figures_follow_the_catalogue_filters(client, portfolio):
    triangular_africa = portfolio["bilateral_ao"]
    triangular_africa.modality = "triangular"
    triangular_africa.save()
    response = client.get(URL, {"modality": "triangular", "region": "africa"})
    assert response.context["total"] == 1
    assert figure(response, "country") == {"AO": 1}
    assert figure(response, "modality")["triangular"] == 1
    assert figure(response, "modality")["bilateral"] == 0
    # The way back to the catalogue, and each table row's link, keep the filters.
    assert 'href="/projects/?modality=triangular&amp;region=africa"' in response.text
    assert (
        'href="/projects/?modality=triangular&amp;region=africa&amp;country=AO"'
        in response.text
    )
    assert "Modalidad: Cooperación Triangular" in response.text
    # A search counts too.
    searched = client.get(URL, {"q": portfolio["bilateral_br"].title_es})
    assert searched.context["total"] == 1


def test_bad_filters_are_ignored_with_a_notice(client, portfolio):
    response = client.get(
        URL,
        {
            "year": "abc",
            "country": "ZZ",
            "sector": "999",
            "page": "x",
            "q": "proyecto " * 40,
        },
    )
    assert response.status_code == 200
    assert response.context["total"] == 5
    notices = " ".join(response.context["notices"])
    for label in ("Año de inicio", "País", "Sector CAD"):
        assert f"Se ignoró el filtro “{label}”" in notices
    assert "Tu búsqueda era demasiado larga" in notices
    # Ignored filters are left out of the links.
    assert "ZZ" not in response.context["query"]


def test_no_matching_projects_says_so_instead_of_empty_charts(client, portfolio):
    response = client.get("/en" + URL, {"modality": "multilateral"})
    assert response.status_code == 200
    assert "No projects match these filters." in response.text
    assert "<svg" not in response.text
    assert "Remove “Modality: Multilateral”" in response.text


def test_a_figure_without_data_says_so(client, make_project):
    make_project()  # no SDG
    response = client.get("/en" + URL)
    section = response.text.split('id="sdg"')[1].split("</section>")[0]
    assert "None of these projects has this recorded." in section
    assert "<svg" not in section


def test_charts_are_accessible_svg_with_the_tables_numbers(client, portfolio):
    response = client.get(URL)
    charts = svgs(response)
    assert set(charts) == {
        f"chart-{slug}"
        for slug in [
            "modality",
            "status",
            "role",
            "year",
            "region",
            "country",
            "sector",
            "sdg",
        ]
    }
    data = tables(response)
    for prefix, svg in charts.items():
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
        assert title.get("id") == f"{prefix}-title"
        assert desc.get("id") == f"{prefix}-desc"
        assert "style" not in ET.tostring(svg, encoding="unicode")
        labels = [
            " ".join(text.itertext())
            for text in svg.iter(f"{SVG}text")
            if text.get("class") == "chart__label"
        ]
        values = [
            text.text
            for text in svg.iter(f"{SVG}text")
            if text.get("class") == "chart__value"
        ]
        rows = data[title.text]
        assert list(zip(labels, values, strict=True)) == rows[: len(values)]
        for label, value in rows[: len(values)]:
            assert f"{label}: {value}" in desc.text
    widths = [
        float(rect.get("width").rstrip("%"))
        for rect in charts["chart-modality"].iter(f"{SVG}rect")
    ]
    assert widths == [82.0, 27.33, 27.33, 0.0]  # bilateral 3, the longest


def test_long_lists_chart_the_first_countries_and_tabulate_all(
    client, make_project, monkeypatch
):
    from opendata import stats

    monkeypatch.setattr(stats, "TOP", 2)
    make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    make_project(partners=[("AR", "provider"), ("PY", "recipient"), ("UY", "both")])
    make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    response = client.get("/en" + URL)
    labels = [
        " ".join(text.itertext())
        for text in svgs(response)["chart-country"].iter(f"{SVG}text")
        if text.get("class") == "chart__label"
    ]
    bolivia = "Bolivia (Plurinational State of)"  # the UN short name
    assert labels == ["Paraguay", bolivia]  # most projects first, then by name
    assert [label for label, _ in tables(response)["Projects by partner country"]] == [
        "Paraguay",
        bolivia,
        "Uruguay",
    ]
    assert "The chart shows the 2 with most projects; the table lists all 3." in (
        response.text
    )


def test_both_languages(client, portfolio):
    spanish = client.get(URL)
    english = client.get("/en" + URL)
    assert spanish.context["LANGUAGE_CODE"] == "es"
    assert "Cooperación Sur-Sur Bilateral" in spanish.text
    assert "Brasil" in spanish.text
    assert "Bilateral South-South" in english.text
    assert "Brazil" in english.text
    assert 'href="/en/projects/?country=BR"' in english.text
    # Numbers are written the page's way.
    assert "1 project has no start date yet." in english.text


def test_thousands_are_grouped_the_languages_way(rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    from opendata import charts, stats

    rows = [stats.Row("Paraguay", 12345, 0, ("country", "PY"))]
    item = stats.Figure("country", "Countries", "", "Country", rows)
    item.chart = charts.bar_chart([("Paraguay", 12345)])
    item.shown = list(zip(rows, item.chart.bars, strict=True))
    for language, written in (("es", "12.345"), ("en", "12,345")):
        with translation.override(language):
            html = render_to_string(
                "opendata/includes/bar_chart.html", {"figure": item}
            )
        assert f">{written}</text>" in html
        assert 'width="82.0%"' in html  # geometry is never localised


def test_links_between_the_catalogue_home_and_figures(client, portfolio):
    catalogue = client.get("/projects/", {"modality": "bilateral", "page": "1"})
    assert 'href="/projects/stats/?modality=bilateral"' in catalogue.text
    assert 'href="/projects/stats/"' in client.get("/").text
    assert (
        'href="/projects/?modality=bilateral"'
        in client.get(URL, {"modality": "bilateral", "sort": "title"}).text
    )


def test_figures_follow_every_change(client, portfolio):
    assert client.get(URL).context["total"] == 5
    portfolio["draft"].publication = Project.Publication.PUBLISHED
    portfolio["draft"].save()
    response = client.get(URL)
    assert response.context["total"] == 6
    assert figure(response, "country")["ET"] == 1
    assert figure(response, "year")["2010"] == 1


def test_query_count_does_not_grow_and_the_cache_serves_the_second_request(
    client, make_project, count_queries
):
    urls = [URL, "/en" + URL + "?modality=triangular&region=south-america&year=2024"]
    for _ in range(3):
        make_project()
    make_project(modality="triangular")
    cold = [count_queries(client, url) for url in urls]
    warm = [count_queries(client, url) for url in urls]
    assert all(w < c for w, c in zip(warm, cold, strict=True))
    for number in range(12):
        make_project(
            modality=["bilateral", "triangular", "regional"][number % 3],
            planned_start=datetime.date(2015 + number, 1, 1),
            planned_end=None,
        )
    assert [count_queries(client, url) for url in urls] == cold
    assert [count_queries(client, url) for url in urls] == warm


def test_the_map_shades_partner_countries_by_number_of_projects(client, portfolio):
    response = client.get("/en" + URL)
    (svg,) = [
        ET.fromstring(block)  # noqa: S314 (our own page)
        for block in re.findall(
            r'<svg class="world-map".*?</svg>', response.text, re.DOTALL
        )
    ]
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "map-title map-desc"
    assert svg.find(f"{SVG}title").get("id") == "map-title"
    shaded = {
        path.find(f"{SVG}title").text: path.get("class").rsplit("--", 1)[1]
        for path in svg.iter(f"{SVG}path")
        if path.find(f"{SVG}title") is not None
    }
    # Paraguay (3 projects) darkest; Angola, Brazil, Uruguay (1 each) lightest.
    assert shaded == {"Paraguay: 3": "2", "Angola: 1": "1", "Brazil: 1": "1"} | {
        "Uruguay: 1": "1"
    }
    classes = [path.get("class") for path in svg.iter(f"{SVG}path")]
    assert classes.count("world-map__home") == 1  # Argentina, drawn apart
    assert len(classes) > 150  # the world, unshaded where no project
    legend = response.text.split('class="map-legend"')[1].split("</ul>")[0]
    assert "1 project" in legend
    assert "3 projects" in legend
    assert "Argentina" in legend


def test_no_partner_country_means_no_map(client, make_project):
    make_project(modality="regional", partners=[("AR", "participant")])
    response = client.get(URL)
    assert response.status_code == 200
    assert 'class="world-map"' not in response.text


def test_the_world_map_is_built_from_natural_earth_topojson(tmp_path):
    """Two squares, one across the antimeridian, and Antarctica left out."""
    import io
    import json

    from django.core.management import call_command

    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "arcs": [
            [[190, 100], [10, 0], [0, 10], [-10, 0], [0, -10]],  # 10°E to 20°E
            [[355, 120], [10, 0], [0, 10], [-10, 0], [0, -10]],  # 175°E to -175°
            [[0, 0], [360, 0], [0, 5], [-360, 0], [0, -5]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "600"},
                    {"type": "MultiPolygon", "arcs": [[[1]]], "id": "242"},
                    {"type": "Polygon", "arcs": [[2]], "id": "010"},
                ],
            }
        },
    }
    source, codes = tmp_path / "world.json", tmp_path / "codes.json"
    source.write_text(json.dumps(topology))
    codes.write_text(json.dumps([["PY", "PRY", "600"], ["FJ", "FJI", "242"]]))
    output = tmp_path / "map.json"
    call_command("build_world_map", source, codes, output=output, stdout=io.StringIO())
    built = json.loads(output.read_text())
    assert set(built["countries"]) == {"PY", "FJ"}
    assert built["width"] == 1000
    assert all(
        d.startswith("M") and d.endswith("z") for d in built["countries"].values()
    )
    # Fiji is drawn eastwards past the edge, not back across the whole map.
    fiji = built["countries"]["FJ"]
    moves = [int(n) for n in re.findall(r"-?\d+", fiji.split("l", 1)[1])]
    assert max(abs(n) for n in moves) < 100
