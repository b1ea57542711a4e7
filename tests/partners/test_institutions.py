"""/partners/institutions/: the Argentine institutions that execute published
projects, with how many, so that each can point to its international work; a
switch lists every Argentine institution (issue 15)."""

import pytest

from partners.models import Country, Organisation
from projects.models import Participation, Project

# The tests read the views' context: every request runs its view.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_pages")]

URL = "/partners/institutions/"


def listed(response):
    assert response.status_code == 200
    return {
        institution.slug: institution.project_count
        for institution in response.context["institutions"]
    }


def organisation(slug, name, kind="argentine-institution", country="AR"):
    return Organisation.objects.create(
        slug=slug,
        name_es=name,
        name_en=f"{name} (en)",
        kind=kind,
        country=Country.objects.get(code=country) if country else None,
        iati_type="15",
    )


@pytest.fixture
def projects(make_project):
    """SENASA executes two published projects, INTA one; INTI only a draft;
    CONICET only funds; JICA (Japan) and FAO (international) execute too."""
    make_project(
        partners=[("AR", "provider"), ("senasa", "provider"), ("PY", "recipient")]
    )
    make_project(
        partners=[
            ("AR", "provider"),
            ("senasa", "provider"),
            ("inta", "provider"),
            ("fao", "provider"),
            ("BO", "recipient"),
        ]
    )
    make_project(
        partners=[("AR", "provider"), ("inti", "provider"), ("UY", "recipient")],
        publication=Project.Publication.DRAFT,
    )
    make_project(
        partners=[
            ("conicet", "first-provider"),
            ("jica", "second-provider"),
            ("PY", "recipient"),
        ],
        modality=Project.Modality.TRIANGULAR,
    )


def test_only_argentine_institutions_executing_published_projects(client, projects):
    assert listed(client.get(URL)) == {"senasa": 2, "inta": 1}


def test_an_argentine_body_without_a_country_or_an_argentine_university_counts(
    client, make_project
):
    organisation("ente-sin-pais", "Ente nacional sin país", country=None)
    organisation("uba", "Universidad de Buenos Aires", kind="academic")
    organisation("mag-py", "Ministerio de Agricultura", "partner-institution", "PY")
    make_project(
        partners=[
            ("AR", "provider"),
            ("ente-sin-pais", "provider"),
            ("uba", "provider"),
            ("mag-py", "recipient"),
            ("PY", "recipient"),
        ]
    )
    assert listed(client.get(URL)) == {"ente-sin-pais": 1, "uba": 1}


def test_a_switch_lists_every_argentine_institution(client, projects):
    response = client.get(URL)
    assert 'href="?scope=all"' in response.text
    every = listed(client.get(URL, {"scope": "all"}))
    argentine = Organisation.objects.filter(country__code="AR")
    assert set(every) == set(argentine.values_list("slug", flat=True))
    assert every["inti"] == 0  # its only project is a draft
    assert every["conicet"] == 0  # it funds, it does not execute
    assert every["senasa"] == 2
    assert "jica" not in every
    assert "fao" not in every
    assert 'href="?"' in client.get(URL, {"scope": "all"}).text


def test_a_bad_switch_gets_a_notice_and_the_default_list(client, projects):
    response = client.get(URL, {"scope": "everything"})
    assert "everything" in " ".join(response.context["notices"])
    assert listed(response) == {"senasa": 2, "inta": 1}


def test_each_institution_links_to_its_page_with_its_projects(client, projects):
    response = client.get(URL)
    assert 'href="/partners/organisation/senasa/"' in response.text
    page = client.get("/partners/organisation/senasa/")
    assert page.status_code == 200
    executed = Project.objects.filter(participations__organisation__slug="senasa")
    for project in executed:
        assert project.get_absolute_url() in page.text


def test_sorted_with_spanish_collation(client, make_project):
    names = [
        "Órbita Instituto",
        "Nodo Instituto",
        "Oasis Instituto",
        "Ñandutí Instituto",
    ]
    slugs = [f"inst-{number}" for number in range(len(names))]
    for slug, name in zip(slugs, names, strict=True):
        organisation(slug, name)
    make_project(partners=[("AR", "provider"), *((s, "provider") for s in slugs)])
    shown = [
        institution.name
        for institution in client.get(URL).context["institutions"]
        if institution.slug.startswith("inst-")
    ]
    assert shown == [
        "Nodo Instituto",
        "Ñandutí Instituto",
        "Oasis Instituto",
        "Órbita Instituto",
    ]


def add_institutions(make_project, count, start=0):
    slugs = []
    for number in range(start, start + count):
        organisation(f"inst-{number}", f"Instituto {number}", kind="academic")
        slugs.append(f"inst-{number}")
    make_project(partners=[("AR", "provider"), *((s, "provider") for s in slugs)])


def test_queries_do_not_grow_with_the_institutions(client, make_project, count_queries):
    add_institutions(make_project, 2)
    few = [count_queries(client, URL), count_queries(client, f"{URL}?scope=all")]
    add_institutions(make_project, 8, start=2)
    assert len(listed(client.get(URL))) == 10
    assert [
        count_queries(client, URL),
        count_queries(client, f"{URL}?scope=all"),
    ] == few


def test_the_english_page(client, projects):
    response = client.get(f"/en{URL}")
    assert response.status_code == 200
    assert "Argentine executing institutions" in response.text
    inta = Organisation.objects.get(slug="inta")
    assert inta.name_en in response.text
    assert 'href="/en/partners/organisation/inta/"' in response.text
    assert "2 projects" in response.text
    assert "1 project" in response.text


def test_the_partners_list_and_the_sitemap_link_to_it(client):
    assert f'href="{URL}"' in client.get("/partners/").text
    assert f"{URL}</loc>" in client.get("/sitemap-pages.xml").text


def test_a_participation_of_another_role_is_not_counted(client, make_project):
    project = make_project(
        partners=[("AR", "provider"), ("inta", "provider"), ("PY", "recipient")]
    )
    assert listed(client.get(URL)) == {"inta": 1}
    Participation.objects.filter(project=project, organisation__slug="inta").update(
        iati_role="2"
    )
    assert listed(client.get(URL)) == {}
