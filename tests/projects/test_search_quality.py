"""The search quality table: on the sample projects, queries with the projects they
must and must not return. Runs on SQLite, and on PostgreSQL when DATABASE_URL points
there (CI runs the unit suite on both)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from projects import fulltext
from projects.models import Project

pytestmark = pytest.mark.django_db

# (query, slugs it must return, slugs it must not return), slugs by their start.
TABLE = [
    ("educación", {"alimentacion-escolar-agricultura"}, {"silobolsas-poscosecha"}),
    ("educacion", {"alimentacion-escolar-agricultura"}, {"silobolsas-poscosecha"}),
    ("EDUCACIÓN", {"alimentacion-escolar-agricultura"}, set()),
    ("salud", {"diagnostico-chagas-bolivia", "red-diagnostico-tuberculosis"}, set()),
    ("health", {"diagnostico-chagas-bolivia", "red-diagnostico-tuberculosis"}, set()),
    ("hambre", {"huertas-familiares-escolares"}, {"radiofarmacos-aseguramiento"}),
    ("hunger", {"huertas-familiares-escolares"}, {"radiofarmacos-aseguramiento"}),
    ("INA", {"monitoreo-acuifero-guarani"}, {"kaizen-productividad-pymes"}),
    ("JICA", {"kaizen-productividad-pymes", "diagnostico-chagas-bolivia"}, set()),
    ("jica", {"kaizen-productividad-pymes"}, {"agua-zonas-aridas"}),
    ("glaciares", {"inventario-glaciares-andinos"}, {"agua-zonas-aridas"}),
    ("glaciar", {"inventario-glaciares-andinos"}, {"agua-zonas-aridas"}),
    ("Mozambique", {"mandioca-micropropagacion"}, {"calidad-aceite-oliva"}),
    ("mercosur", {"genetica-forense-busqueda"}, set()),
    ("Córdoba", {"extension-rural-digital-iica"}, set()),
    # Typos: a letter left out, two letters swapped, a letter changed.
    ("tuberculsis", {"red-diagnostico-tuberculosis"}, {"diagnostico-chagas"}),
    ("chgaas", {"diagnostico-chagas-bolivia", "red-laboratorios-chagas"}, set()),
    ("forence", {"antropologia-forense-guatemala"}, set()),
    ("agua forense", set(), {"agua-zonas-aridas", "antropologia-forense"}),
    # Cooperation is not a cooperative, on either database.
    ("cooperación", set(), {"cooperativas-lecheras-etiopia", "papa-semilla"}),
    ("cooperativas", {"cooperativas-lecheras-etiopia"}, set()),
]
# Queries that must give exactly the same projects.
SAME = [
    ("educación", "educacion"),
    ("proyectos", "proyecto"),
    ("hambre", "hunger"),
    ("glaciares", "glaciar"),
    ("semillas", "semilla"),
    ("Córdoba", "cordoba"),
]


@pytest.fixture
def samples(references):
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    return Project.objects.published()


def found(projects, text):
    query = fulltext.parse(text)
    return [
        project.slug
        for project in fulltext.ranked(fulltext.matching(projects, query), query)
    ]


def starts(slugs, prefix):
    return any(slug.startswith(prefix) for slug in slugs)


def test_the_search_quality_table(samples):
    failures = []
    for text, must, must_not in TABLE:
        slugs = found(samples, text)
        failures += [(text, "missing", p) for p in must if not starts(slugs, p)]
        failures += [(text, "unwanted", p) for p in must_not if starts(slugs, p)]
    for first, second in SAME:
        if set(found(samples, first)) != set(found(samples, second)) or not found(
            samples, first
        ):
            failures.append((first, "differs from", second))
    assert failures == []
    # Whole words: "INA" (the water institute's acronym) is not in "cooperación",
    # "Argentina" or "INTA".
    assert 0 < len(found(samples, "INA")) < len(found(samples, "INTA"))
    assert len(found(samples, "INA")) < samples.count() / 4
    # Stop words alone search nothing.
    assert fulltext.parse("de la the of").empty
    # Relevance: a title that names the query comes first.
    assert "chagas" in found(samples, "chagas")[0]


def test_drafts_are_never_found_and_identifiers_go_to_their_project(client, samples):
    project = samples.get(slug__startswith="extension-rural-algodon")
    for text in (project.iati_identifier, project.iati_identifier.lower()):
        response = client.get("/search/", {"q": f" {text} "})
        assert response.status_code == 302
        assert response["Location"] == project.get_absolute_url()
    response = client.get("/en/search/", {"q": project.fo_ar_number})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/projects/{project.slug}/")
    response = client.get("/projects/", {"q": project.iati_identifier})
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()

    project.publication = Project.Publication.DRAFT
    project.save()
    assert client.get("/search/", {"q": project.iati_identifier}).status_code == 200
    assert not starts(found(samples, "algodón"), "extension-rural-algodon")


# Stems as PostgreSQL 15's Snowball dictionaries give them (ts_lexize), unaccented
# first as the dgcin_es and dgcin_en configurations do.
POSTGRESQL_STEMS = {
    "cooperacion": {"cooperacion"},
    "educacion": {"educacion"},
    "cooperativas": {"cooper", "cooperativa"},
    "proyectos": {"proyect", "proyecto"},
    "glaciares": {"glaciar"},
}


def test_sqlite_stems_every_word_as_postgresql_does(samples):
    """SQLite's index is stemmed in Python, PostgreSQL's by its own Snowball: the
    two find the same projects only if they stem every word alike. On PostgreSQL
    every word of the sample projects is compared; on SQLite, the words above."""
    words = set(POSTGRESQL_STEMS)
    if connection.vendor == "postgresql":
        for project in samples:
            words |= set(fulltext.words(" ".join(search_texts(project))))
    differing = {}
    with connection.cursor() as cursor:
        for word in sorted(words):
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT ts_lexize('spanish_stem', %s), "
                    "ts_lexize('english_stem', %s)",
                    [word, word],
                )
                spanish, english = cursor.fetchone()
                expected = set(spanish or [word]) | set(english or [word])
            else:
                expected = POSTGRESQL_STEMS[word]
            if set(fulltext.stems(word)) != expected:
                differing[word] = (sorted(fulltext.stems(word)), sorted(expected))
    assert differing == {}
    assert len(words) > (1000 if connection.vendor == "postgresql" else 4)


def search_texts(project):
    return [
        getattr(project, f"{name}_{language}") or ""
        for name in ("title", "summary", "description", "objectives")
        for language in ("es", "en")
    ]
