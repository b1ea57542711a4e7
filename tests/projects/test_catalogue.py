import datetime
import re

import pytest

from directory.models import Unit
from partners.models import Bloc, Province
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    Project,
    Result,
    SdgGoal,
    SdgTarget,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return {project.title for project in response.context["projects"]}


def facet(response, name):
    return {
        value: count
        for f in response.context["facets"]
        if f["name"] == name
        for value, _label, count, _chosen in f["options"]
    }


def test_only_published_projects_are_public(client, make_project):
    shown = make_project()
    draft = make_project(publication=Project.Publication.DRAFT)
    archived = make_project(publication=Project.Publication.ARCHIVED)
    response = client.get("/projects/")
    assert titles(response) == {shown.title}
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(archived.get_absolute_url()).status_code == 404


def test_staff_preview_unpublished_projects_with_a_notice(
    client, make_project, django_user_model
):
    from django.contrib.auth.models import Permission

    draft = make_project(publication=Project.Publication.DRAFT)
    staff = django_user_model.objects.create_user("eva", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "solo el personal puede ver esta página" in response.text
    assert draft.title_es not in {
        p.title for p in client.get("/projects/").context["projects"]
    }


def test_filters_narrow_the_catalogue_and_facets_count_the_options(
    client, make_project
):
    triangular = make_project(modality="triangular")
    bilateral_py = make_project()
    bilateral_ao = make_project(partners=[("AR", "provider"), ("AO", "recipient")])
    response = client.get("/projects/", {"modality": "triangular"})
    assert titles(response) == {triangular.title}
    assert facet(response, "modality") == {"bilateral": 2, "triangular": 1}
    response = client.get("/projects/", {"country": "PY"})
    assert titles(response) == {triangular.title, bilateral_py.title}
    assert "AR" not in facet(response, "country")  # Argentina is in every project
    assert facet(response, "country") == {"PY": 2, "AO": 1}
    assert titles(client.get("/projects/", {"region": "africa"})) == {
        bilateral_ao.title
    }
    assert facet(client.get("/projects/"), "region")["south-america"] == 2


def test_every_filter_of_the_catalogue(client, make_project, references):
    directorate = Unit.objects.get(slug="multilateral-cooperation")
    target = SdgTarget.objects.get(code="6.1")
    special = make_project(
        status=Project.Status.CLOSED,
        directorate=directorate,
        planned_start=datetime.date(2019, 1, 1),
        planned_end=datetime.date(2019, 12, 31),
        sectors=[("14010", 70), ("31120", 30)],
    )
    special.blocs.add(Bloc.objects.get(slug="mercosur"))
    special.provinces.add(Province.objects.get(code="AR-H"))
    special.sdg_targets.add(target)
    special.sdg_goals.add(target.goal)
    other = make_project()
    queries = {
        "status": "4",
        "directorate": "multilateral-cooperation",
        "year": "2019",
        "sector": "140",
        "bloc": "mercosur",
        "province": "AR-H",
        "sdg": "6",
    }
    for name, value in queries.items():
        response = client.get("/projects/", {name: value})
        assert titles(response) == {special.title}, name
        assert facet(response, name)[value] == 1, name
    assert other.title in titles(client.get("/projects/", {"sector": "311"}))


def test_search_is_accent_insensitive_across_languages_and_partners(
    client, make_project
):
    water = make_project(title_es="Gestión del agua", title_en="Water management")
    make_project(
        title_es="Salud materna", partners=[("AR", "provider"), ("BO", "recipient")]
    )
    assert titles(client.get("/projects/", {"q": "gestion"})) == {water.title_es}
    assert titles(client.get("/en/projects/", {"q": "water"})) == {"Water management"}
    assert water.title_es in titles(client.get("/projects/", {"q": "paraguay"}))
    assert water.title_es not in titles(client.get("/projects/", {"q": "bolivia"}))


def test_sorting_and_pagination_keep_every_filter(client, make_project):
    for _ in range(23):
        make_project()
    response = client.get("/projects/", {"modality": "bilateral", "sort": "title"})
    assert response.context["page_obj"].paginator.num_pages == 2
    names = [p.title for p in response.context["projects"]]
    assert names == sorted(names)
    link = re.search(r'href="(\?[^"]*page=2[^"]*)"', response.text)[1].replace(
        "&amp;", "&"
    )
    assert "modality=bilateral" in link
    assert "sort=title" in link
    second = client.get("/projects/" + link)
    assert len(second.context["projects"]) == 3


def test_an_empty_result_offers_to_remove_each_filter(client, make_project):
    make_project()
    response = client.get("/projects/", {"modality": "regional", "q": "agua"})
    assert response.context["result_count"] == 0
    assert "Probá quitar uno de los filtros:" in response.text
    remove_links = re.findall(r'<li><a href="\?([^"]*)">', response.text)
    assert "q=agua" in remove_links
    assert "modality=regional" in remove_links


@pytest.mark.parametrize(
    "params",
    [
        {"modality": "spaceship"},
        {"year": "abc"},
        {"year": "99999"},
        {"page": "abc"},
        {"page": "500"},
        {"country": "ZZ"},
        {"region": "<script>"},
        {"sort": "password"},
        {"sdg": "99"},
        {"q": "agua " * 1000},
    ],
)
def test_bad_query_strings_give_a_page_with_a_message(client, make_project, params):
    make_project()
    response = client.get("/projects/", params)
    assert response.status_code == 200
    assert response.context["notices"]
    main = response.text.split("<main", 1)[1]
    assert "<script>" not in main


def test_catalogue_and_detail_cost_the_same_with_5_and_with_50_projects(
    client, make_project, count_queries
):
    projects = [make_project(modality="triangular") for _ in range(5)]
    urls = [
        "/projects/",
        "/projects/?modality=triangular&country=PY&q=proyecto",
        "/en/projects/?region=south-america&sort=title",
    ]
    before = [count_queries(client, url) for url in urls]
    detail = count_queries(client, projects[0].get_absolute_url())
    for _ in range(45):
        make_project(modality="triangular")
    assert [count_queries(client, url) for url in urls] == before
    assert count_queries(client, projects[0].get_absolute_url()) == detail
    assert max(before) <= 30


def test_project_page_shows_everything_in_both_languages(client, make_project):
    project = make_project(modality="triangular", fo_ar_number="FO.AR 2024-031")
    usd, ars = Currency.objects.get(code="USD"), Currency.objects.get(code="ARS")
    for value, currency in [(1000, usd), (2500, usd), (700000, ars)]:
        Budget.objects.create(
            project=project,
            period_start=datetime.date(2024, 3, 1),
            period_end=datetime.date(2025, 2, 28),
            value=value,
            currency=currency,
            value_date=datetime.date(2024, 3, 1),
        )
    result = Result.objects.create(
        project=project, title_es="Técnicos capacitados", title_en="Trained technicians"
    )
    Indicator.objects.create(
        result=result, title_es="Técnicos", title_en="Technicians", target_value=40
    )
    Document.objects.create(
        project=project,
        title_es="Memorando de entendimiento",
        title_en="Memorandum of understanding",
        category=DocumentCategory.objects.get(code="A09"),
        url="https://www.example.org/mou.pdf",
    )
    project.sdg_goals.add(SdgGoal.objects.get(number=2))
    text = client.get(f"/en/projects/{project.slug}/").text
    assert project.title_en in text
    assert 'href="/en/partners/country/py/"' in text
    assert 'href="/en/partners/organisation/jica/"' in text
    assert "Second provider" in text
    assert "First provider" in text
    assert "3,500 USD" in text
    assert "700,000 ARS" in text
    assert "Trained technicians" in text
    assert "Memorandum of understanding" in text
    assert "FO.AR 2024-031" in text
    assert "Zero hunger" in text
    spanish = client.get(f"/projects/{project.slug}/").text
    assert "Segundo oferente" in spanish


def test_partner_pages_list_their_projects(client, make_project):
    project = make_project(modality="triangular")
    project.blocs.add(Bloc.objects.get(slug="mercosur"))
    for url in [
        "/partners/country/py/",
        "/partners/organisation/jica/",
        "/partners/bloc/mercosur/",
    ]:
        assert project.get_absolute_url() in client.get(url).text, url
    assert project.get_absolute_url() not in client.get("/partners/country/bo/").text


def test_sample_projects_are_announced(client, make_project):
    make_project()
    assert "Datos de ejemplo" not in client.get("/projects/").text
    make_project(is_sample=True)
    assert "Datos de ejemplo" in client.get("/projects/").text


def test_cached_facet_counts_follow_every_change(client, make_project):
    project = make_project()
    assert facet(client.get("/projects/"), "modality") == {"bilateral": 1}
    make_project(modality="regional")
    assert facet(client.get("/projects/"), "modality") == {
        "bilateral": 1,
        "regional": 1,
    }
    project.publication = Project.Publication.ARCHIVED
    project.save()
    assert facet(client.get("/projects/"), "modality") == {"regional": 1}
    regional = Project.objects.get(modality="regional")
    regional.blocs.add(Bloc.objects.get(slug="celac"))
    assert facet(client.get("/projects/"), "bloc") == {"celac": 1}


def test_facet_counts_come_from_the_cache_the_second_time(
    client, make_project, count_queries
):
    make_project()
    first = count_queries(client, "/projects/?modality=bilateral")
    second = count_queries(client, "/projects/?modality=bilateral")
    assert second <= first - 10


def test_uploaded_documents_download_only_where_the_project_is_visible(
    client, make_project, django_user_model
):
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.projects.test_models import pdf_bytes

    category = DocumentCategory.objects.get(code="A09")
    published = make_project()
    draft = make_project(publication=Project.Publication.DRAFT)
    shown, hidden = (
        Document.objects.create(
            project=project,
            title_es="Memorando de entendimiento",
            category=category,
            file=SimpleUploadedFile("mou.pdf", pdf_bytes()),
        )
        for project in (published, draft)
    )
    page = client.get(published.get_absolute_url()).text
    assert f'href="{shown.href}"' in page
    response = client.get(shown.href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="memorando-de-entendimiento.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(hidden.href).status_code == 404
    wrong_project = f"/projects/{published.slug}/documents/{hidden.pk}/"
    assert client.get(wrong_project).status_code == 404

    staff = django_user_model.objects.create_user("eva", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_project"))
    client.force_login(staff)
    assert client.get(hidden.href).status_code == 200


def test_counts_stay_right_when_the_cache_drops_the_generation(client, make_project):
    from django.core.cache import cache

    from projects import facets, search

    make_project()
    cache.delete(facets.GENERATION_KEY)  # culled: the next request starts one anew
    assert facet(client.get("/projects/"), "modality") == {"bilateral": 1}
    # A change the signals do not see (its writer re-indexes the projects, as
    # projects.search asks), then the key is culled again: nothing cached under
    # the old generation is read.
    Project.objects.update(modality="regional")
    search.reindex(Project.objects.values_list("pk", flat=True))
    cache.delete(facets.GENERATION_KEY)
    assert facet(client.get("/projects/"), "modality") == {"regional": 1}
