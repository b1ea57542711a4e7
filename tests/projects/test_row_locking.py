"""A project's rows changed outside its change form (their own admin pages, a
spreadsheet of rows) move the project's version up: a change form opened before is
refused with the locking message, never saving its old copy of the rows back."""

import datetime
from decimal import Decimal

import pytest
from django.core.files import File

from projects.models import Indicator, Mission, Project, Result
from tests.directory.test_admin import change_form_data
from tests.projects.test_missions import make_mission
from tests.projects.test_transactions import (
    confirm,
    export_rows,
    make_transaction,
    preview,
)

pytestmark = pytest.mark.django_db

CONFLICT = "No se guardó nada: otra persona guardó este proyecto"


def url_of(project):
    return f"/admin/projects/project/{project.pk}/change/"


def open_form(client, project):
    """The project's change form as the browser holds it, files left out."""
    data = change_form_data(client.get(url_of(project)))
    return {k: v for k, v in data.items() if not isinstance(v, File)}


def edit_on_own_page(client, row, **changes):
    model = row._meta.model_name
    url = f"/admin/projects/{model}/{row.pk}/change/"
    data = change_form_data(client.get(url))
    data = {k: v for k, v in data.items() if not isinstance(v, File)}
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def assert_refused(client, project, stale):
    refused = client.post(url_of(project), stale)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert CONFLICT in text
    return text


def test_a_mission_changed_on_its_own_page_refuses_the_stale_project_form(
    admin_client, other_client, make_project
):
    project = make_project()
    mission = make_mission(project)
    stale = open_form(admin_client, project)
    edit_on_own_page(other_client, mission, place="Encarnación")

    text = assert_refused(admin_client, project, stale)
    # Who changed which rows, though the project itself was not saved.
    assert "Después se cambiaron sus misiones técnicas: la última vez fue " in text
    assert "Beatriz Gómez" in text
    mission.refresh_from_db()
    assert mission.place == "Encarnación"  # the old "Asunción" was not restored


def test_a_transaction_changed_on_its_own_page_refuses_the_stale_project_form(
    admin_client, other_client, make_project
):
    project = make_project()
    item = make_transaction(project)
    stale = open_form(admin_client, project)
    edit_on_own_page(other_client, item, value="15000")

    assert_refused(admin_client, project, stale)
    item.refresh_from_db()
    assert item.value == Decimal(15000)


def test_a_result_or_an_indicator_changed_on_its_page_moves_the_version(
    admin_client, make_project
):
    project = make_project()
    result = Result.objects.create(project=project, title_es="Técnicos capacitados")
    indicator = Indicator.objects.create(result=result, title_es="Técnicos")
    version = Project.objects.get(pk=project.pk).version
    edit_on_own_page(admin_client, result, title_es="Técnicas capacitadas")
    edit_on_own_page(admin_client, indicator, title_es="Técnicas")
    assert Project.objects.get(pk=project.pk).version == version + 2


def test_a_mission_deleted_on_its_own_page_or_in_the_list_moves_the_version(
    admin_client, make_project
):
    project = make_project()
    first, second = make_mission(project), make_mission(project)
    version = Project.objects.get(pk=project.pk).version
    url = f"/admin/projects/mission/{first.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert Project.objects.get(pk=project.pk).version == version + 1
    admin_client.post(
        "/admin/projects/mission/",
        {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"},
    )
    assert not Mission.objects.exists()
    assert Project.objects.get(pk=project.pk).version == version + 2


def test_a_mission_import_refuses_the_stale_project_form(
    admin_client, other_client, make_project
):
    project = make_project()
    make_mission(project)
    make_mission(
        project,
        planned_start=datetime.date(2024, 6, 3),
        planned_end=datetime.date(2024, 6, 5),
    )
    stale = open_form(admin_client, project)
    version = Project.objects.get(pk=project.pk).version
    rows = export_rows(other_client, "mission")
    edited = [dict(row, place="Encarnación") for row in rows]
    response = preview(other_client, "mission", edited)
    # The preview saves nothing, so it moves nothing.
    assert Project.objects.get(pk=project.pk).version == version
    assert confirm(other_client, "mission", response).status_code == 302
    # Two rows of one project: its version moves once.
    assert Project.objects.get(pk=project.pk).version == version + 1

    assert_refused(admin_client, project, stale)
    assert set(project.missions.values_list("place", flat=True)) == {"Encarnación"}


def test_a_transaction_import_refuses_the_stale_project_form(
    admin_client, other_client, make_project
):
    project = make_project()
    make_transaction(project)
    stale = open_form(admin_client, project)
    (row,) = export_rows(other_client, "transaction")
    response = preview(other_client, "transaction", [dict(row, value="999")])
    assert confirm(other_client, "transaction", response).status_code == 302

    assert_refused(admin_client, project, stale)
    assert project.transactions.get().value == Decimal(999)


def test_an_unchanged_import_moves_no_version(admin_client, make_project):
    project = make_project()
    make_mission(project)
    version = Project.objects.get(pk=project.pk).version
    response = preview(admin_client, "mission", export_rows(admin_client, "mission"))
    confirm(admin_client, "mission", response)
    assert Project.objects.get(pk=project.pk).version == version
