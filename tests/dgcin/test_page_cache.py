"""Public pages for visitors who are not signed in come from the cache
(dgcin/page_cache.py): a warm page runs no query, and any change to the data is
seen on the next request, whether saved by a model, the admin or a transaction
still open; signed-in people, private areas and open data are never cached."""

import pytest
from django.test import override_settings
from django.urls import reverse

from projects.models import Project

pytestmark = pytest.mark.django_db


def public_pages(project):
    return [
        "/",
        "/about/",
        "/projects/",
        "/projects/?modality=triangular&region=africa",
        "/projects/?q=agua",
        project.get_absolute_url(),
        "/en" + project.get_absolute_url(),
        "/partners/",
        "/partners/country/py/",
        "/partners/bloc/mercosur/",
        "/partners/province/ar-h/",
        "/projects/stats/",
        "/directory/",
        "/en/directory/",
        "/search/?q=cooperacion",
    ]


def test_a_warm_page_runs_no_query(client, committed, django_assert_num_queries):
    project = committed()
    for path in public_pages(project):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first["X-Page-Cache"] == "miss", path
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again["X-Page-Cache"] == "hit", path
        assert again.content == first.content, path
        assert again["Content-Type"] == first["Content-Type"]
        assert "Cookie" in again["Vary"]


def test_a_saved_change_is_seen_on_the_next_request(
    client, committed, django_capture_on_commit_callbacks
):
    project = committed(title_es="Agua segura para Chaco")
    url = project.get_absolute_url()
    assert "Agua segura para Chaco" in client.get(url).content.decode()
    assert client.get("/projects/")["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        project.title_es = "Riego por goteo en Chaco"
        project.save()
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Riego por goteo en Chaco" in page.content.decode()
    assert "Riego por goteo en Chaco" in client.get("/projects/").content.decode()


def test_a_change_not_yet_committed_is_this_transactions_own(client, make_project):
    # Inside one transaction (a test, a command) the changes show at once, and
    # nothing of them is left under the committed data's key.
    project = make_project(title_es="Primer título")
    url = project.get_absolute_url()
    assert "Primer título" in client.get(url).content.decode()
    project.title_es = "Segundo título"
    project.save()
    assert "Segundo título" in client.get(url).content.decode()


def test_an_admin_action_is_seen_on_the_next_request(
    client, admin_client, committed, django_capture_on_commit_callbacks
):
    project = committed(title_es="Proyecto para archivar")
    assert "Proyecto para archivar" in client.get("/projects/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:projects_project_changelist"),
            {"action": "archive", "_selected_action": [project.pk]},
        )
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).publication == "archived"
    page = client.get("/projects/")
    assert page["X-Page-Cache"] == "miss"
    assert "Proyecto para archivar" not in page.content.decode()
    assert client.get(project.get_absolute_url()).status_code == 404


def test_signed_in_people_get_fresh_pages(client, committed, django_user_model):
    committed()
    client.get("/")
    user = django_user_model.objects.create_user(
        "punto.focal", "pf@example.org", first_name="Ana", last_name="Paz"
    )
    client.force_login(user)
    page = client.get("/")
    assert "X-Page-Cache" not in page
    assert "Ana Paz" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/healthz",
        "/projects/export.json",
        "/projects/export.csv",
        "/api/v1/",
        "/iati/",
        "/accounts/login/",
        "/proposals/",
    ],
)
def test_private_areas_and_open_data_are_never_cached_here(client, committed, path):
    committed()
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_an_error_is_not_kept(client, committed):
    committed()
    for _ in range(2):
        response = client.get("/projects/no-such-project/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_each_language_and_query_is_a_page_of_its_own(client, committed):
    committed()
    spanish = client.get("/projects/")
    english = client.get("/en/projects/")
    assert english["X-Page-Cache"] == "miss"
    assert english.content != spanish.content
    assert client.get("/projects/?modality=bilateral")["X-Page-Cache"] == "miss"


@override_settings(DGCIN_PAGE_CACHE_SECONDS=0)
def test_it_can_be_turned_off(client, committed):
    committed()
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_a_migration_makes_new_pages(client, committed):
    # Data migrations change rows without signals: the generation moves after
    # any migrate, so nothing cached before it is served after.
    from django.apps import apps
    from django.db.models.signals import post_migrate

    committed()
    client.get("/projects/")
    assert client.get("/projects/")["X-Page-Cache"] == "hit"
    config = apps.get_app_config("projects")
    post_migrate.send(sender=config, app_config=config)
    assert client.get("/projects/")["X-Page-Cache"] == "miss"
