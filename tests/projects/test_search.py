"""A project's search text follows its partners, whatever writes them."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Country, Organisation
from projects import search
from projects.models import Participation, Project
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import confirm, export_csv, import_csv

pytestmark = pytest.mark.django_db


def found(client, query):
    """The titles the catalogue's search gives for ``query``."""
    response = client.get("/projects/", {"q": query})
    return {project.title for project in response.context["projects"]}


def test_renaming_a_partner_country_reindexes_its_projects(
    client, make_project, django_capture_on_commit_callbacks
):
    project = make_project()
    other = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    assert found(client, "paraguay") == {project.title}
    paraguay = Country.objects.get(code="PY")
    paraguay.name_es = paraguay.name_en = "Tetã Paraguái"
    with django_capture_on_commit_callbacks(execute=True):
        paraguay.save()
    assert found(client, "paraguai") == {project.title}
    assert found(client, "paraguay") == set()
    assert found(client, "bolivia") == {other.title}


def test_renaming_a_partner_organisation_reindexes_its_projects(
    client, make_project, django_capture_on_commit_callbacks
):
    project = make_project(modality=Project.Modality.TRIANGULAR)
    assert found(client, "jica") == {project.title}
    jica = Organisation.objects.get(slug="jica")
    jica.acronym_es = jica.acronym_en = "AJCI"
    jica.name_es = jica.name_en = "Agencia Japonesa de Cooperación Internacional"
    with django_capture_on_commit_callbacks(execute=True):
        jica.save()
    assert found(client, "ajci") == {project.title}
    assert found(client, "jica") == set()


def test_a_partner_saved_without_new_names_reindexes_nothing(make_project, monkeypatch):
    make_project()
    reindexed = []
    monkeypatch.setattr(search, "reindex", reindexed.append)
    paraguay = Country.objects.get(code="PY")
    paraguay.is_active = False
    paraguay.save()
    assert reindexed == []
    paraguay.name_en = "Paraguai"
    paraguay.save()
    assert len(reindexed) == 1


def test_adding_and_removing_a_participation_reindexes_the_project(make_project):
    project = make_project()
    participation = Participation.objects.create(
        project=project,
        country=Country.objects.get(code="BO"),
        segib_role="recipient",
        iati_role="4",
        position=2,
    )
    assert project in Project.objects.search("bolivia")
    participation.delete()
    assert project not in Project.objects.search("bolivia")
    assert project in Project.objects.search("paraguay")


def test_an_admin_edit_of_the_partners_leaves_the_text_right(
    admin_client, make_project
):
    project = make_project()
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["participations-1-country"] = str(Country.objects.get(code="BO").pk)
    assert admin_client.post(url, data).status_code == 302
    assert project in Project.objects.search("bolivia")
    assert project not in Project.objects.search("paraguay")


def test_an_import_leaves_the_text_right(admin_client, make_project):
    project = make_project()
    row = next(r for r in export_csv(admin_client) if r["slug"] == project.slug)
    row["title_es"] = "Gestión de cuencas"
    assert confirm(admin_client, import_csv(admin_client, [row])).status_code == 302
    assert project in Project.objects.search("cuencas paraguay")
    assert project not in Project.objects.search(project.title_es)


def test_generated_projects_are_found_by_their_partners(references):
    call_command("generate_projects", "5", stdout=io.StringIO())
    for project in Project.objects.filter(is_sample=True):
        partner = project.participations.get(position=1).country
        assert project in Project.objects.search(partner.name_en)
        assert project in Project.objects.search("argentina")


def test_reindexing_costs_the_same_for_two_and_for_twenty_projects(make_project):
    def queries(projects):
        Project.objects.update(search_text="")
        with CaptureQueriesContext(connection) as captured:
            search.reindex(project.pk for project in projects)
        return len(captured)

    projects = [make_project() for _ in range(2)]
    two = queries(projects)
    projects += [make_project(modality="triangular") for _ in range(18)]
    # Texts, partners, seven kinds of related rows, and three index writes; the
    # facet rows: the projects' values, partners and links, the rows as they were,
    # delete and insert (the counts unchanged: no write).
    assert queries(projects) == two == 19
    assert set(Project.objects.search("paraguay")) == set(projects)


@pytest.fixture
def rounds(monkeypatch):
    """The re-indexing rounds that ran, each as the sorted ids it indexed."""
    ran = []
    real = search.reindex

    def counted(ids):
        ids = list(ids)
        if getattr(search._waiting, "ids", None) is None:
            ran.append(sorted(ids))
        real(ids)

    monkeypatch.setattr(search, "reindex", counted)
    return ran


def test_deferred_reindexing_indexes_each_project_once_when_the_block_ends(
    make_project, rounds
):
    project = make_project()
    rounds.clear()
    with search.deferred():
        bolivia = Participation.objects.create(
            project=project,
            country=Country.objects.get(code="BO"),
            segib_role="recipient",
            iati_role="4",
            position=2,
        )
        project.title_es = "Cuencas del altiplano"
        project.save()
        with search.deferred():  # an inner block waits for the outer one
            bolivia.position = 3
            bolivia.save()
        assert rounds == []
    assert rounds == [[project.pk]]
    assert project in Project.objects.search("bolivia cuencas")


def test_deferred_reindexing_after_an_error_indexes_nothing_and_ends(
    make_project, rounds
):
    project = make_project()
    rounds.clear()

    def save_then_fail():
        with search.deferred():
            project.save()
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        save_then_fail()
    assert rounds == []
    project.save()  # the block is over: saving indexes at once again
    assert rounds == [[project.pk]]


def test_the_sample_projects_are_found_once_loaded(references):
    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    sample = Project.objects.published().filter(is_sample=True)
    assert sample.count() >= 40
    for project in sample:
        assert project in Project.objects.search(project.title_es)
