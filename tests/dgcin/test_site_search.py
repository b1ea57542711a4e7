"""The header's search box and /search/: projects, partners and the directory,
grouped; highlighted, escaped passages; typos; bad input; constant query count."""

import pytest

from partners.models import Province
from projects.models import Result, SdgGoal

pytestmark = pytest.mark.django_db


def test_the_header_box_searches_the_whole_site(client):
    page = client.get("/about/").content.decode()
    assert 'action="/search/"' in page
    assert 'role="search"' in page
    assert 'action="/en/search/"' in client.get("/en/about/").content.decode()


def test_results_are_grouped_by_kind(client, make_project):
    project = make_project(summary_es="Cooperación técnica con el Paraguay en salud.")
    response = client.get("/search/", {"q": "paraguay"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results["projects"] == [project]
    assert [country.code for country in results["countries"]] == ["PY"]
    page = response.content.decode()
    assert 'id="found-projects"' in page
    assert 'id="found-partners"' in page
    assert "/partners/country/py/" in page
    # The directory: its units by name.
    results = client.get("/en/search/", {"q": "bilateral"}).context["results"]
    assert "bilateral-cooperation" in [unit.slug for unit in results["units"]]
    # Organisations by acronym, whole words only.
    results = client.get("/search/", {"q": "JICA"}).context["results"]
    assert [o.slug for o in results["organisations"]] == ["jica"]


def test_the_matched_passage_is_highlighted_and_escaped(client, make_project):
    make_project(
        summary_es='<script>alert("x")</script> Programa de <b>educación</b> rural.',
    )
    page = client.get("/search/", {"q": "educacion"}).content.decode()
    assert "<mark>educación</mark>" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "&lt;b&gt;<mark>educación</mark>&lt;/b&gt;" in page


def test_the_catalogue_highlights_the_passage(client, make_project):
    make_project(summary_es="Asistencia en vigilancia de <i>arbovirus</i> y dengue.")
    response = client.get("/projects/", {"q": "dengue"})
    page = response.content.decode()
    assert "<mark>dengue</mark>" in page
    assert "&lt;i&gt;arbovirus&lt;/i&gt;" in page


def test_a_typo_still_finds_and_a_short_one_gets_suggestions(client, make_project):
    project = make_project(summary_es="Vigilancia de la tuberculosis y de la salud.")
    # One letter changed, left out or two swapped in a long word: found.
    for typo in ("tuberculosys", "tuberculsis", "tubreculosis"):
        results = client.get("/search/", {"q": typo}).context["results"]
        assert results["projects"] == [project], typo
    # A short word: nothing found, the closest words offered as links.
    response = client.get("/search/", {"q": "slud"})
    assert response.context["results"]["total"] == 0
    assert ("salud", "salud") in response.context["results"]["suggestions"]
    page = response.content.decode()
    assert "¿Quisiste decir" in page or "Did you mean" in page
    assert 'href="?q=salud"' in page
    # The catalogue offers them too.
    response = client.get("/projects/", {"q": "slud", "status": "2"})
    assert response.context["suggestions"] == [("salud", "salud")]
    assert "q=salud" in response.content.decode()
    assert client.get("/projects/", {"q": "tuberculsis"}).context["projects"][0] == (
        project
    )


def test_bad_input_gets_a_message_not_an_error(client, make_project):
    make_project()
    response = client.get("/search/", {"q": "agua " * 30})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "100" in response.context["notices"][0]
    response = client.get("/search/", {"q": "de la the"})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert response.context["notices"]
    for text in ("", "   ", '"', "*", "OR AND NOT", "a-b-c", "()", "é" * 40):
        assert client.get("/search/", {"q": text}).status_code == 200, text
    assert client.get("/search/", {"q": "a\x00b"}).status_code == 400


def test_the_index_follows_sdgs_provinces_and_results(client, make_project):
    project = make_project()
    assert client.get("/search/", {"q": "hambre"}).context["results"]["total"] == 0
    project.sdg_goals.add(SdgGoal.objects.get(number=2))
    found = client.get("/search/", {"q": "hambre"}).context["results"]["projects"]
    assert found == [project]
    project.provinces.add(Province.objects.get(code="AR-Y"))
    found = client.get("/search/", {"q": "jujuy"}).context["results"]["projects"]
    assert found == [project]
    result = Result.objects.create(
        project=project, type="1", title_es="Vacunas aplicadas", title_en="Vaccines"
    )
    found = client.get("/search/", {"q": "vacuna"}).context["results"]["projects"]
    assert found == [project]
    result.delete()
    assert client.get("/search/", {"q": "vacuna"}).context["results"]["total"] == 0
    project.delete()
    assert client.get("/search/", {"q": "hambre"}).context["results"]["total"] == 0


@pytest.mark.usefixtures("fresh_pages")
def test_the_query_count_does_not_grow_with_the_results(
    client, make_project, count_queries
):
    make_project(title_es="Agua potable 1")
    one = count_queries(client, "/search/?q=agua")
    for number in range(12):
        make_project(title_es=f"Agua potable {number + 2}")
    assert count_queries(client, "/search/?q=agua") == one
    assert client.get("/search/?q=agua").context["results"]["project_count"] == 13


def test_focal_points_show_only_their_public_data(client, references):
    from directory.models import FocalPoint
    from partners.models import Province

    point = FocalPoint.objects.create(
        province=Province.objects.get(code="AR-T"),
        institution="Dirección de Relaciones Internacionales",
        person_name="Zulema Quiroga",
        person_email="zulema@example.gob.ar",
    )
    found = client.get("/search/", {"q": "tucuman"}).context["results"]
    assert found["focal_points"] == [point]
    assert client.get("/search/", {"q": "zulema"}).context["results"]["total"] == 0
    point.person_is_public = True
    point.save()
    found = client.get("/search/", {"q": "zulema"}).context["results"]
    assert found["focal_points"] == [point]
