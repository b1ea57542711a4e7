"""A project's history lists each save once, with its rows, in words."""

import datetime
import html

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from directory.models import StaffMembership, Unit
from partners.models import Province
from projects.history import saving_together
from projects.models import (
    Currency,
    Indicator,
    Participation,
    Project,
    ProjectSector,
    Result,
    Sector,
)
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import add_form, set_rows

pytestmark = pytest.mark.django_db


def history_url(project):
    return f"/admin/projects/project/{project.pk}/history/"


def saves(client, project, **headers):
    """The lines of each save on the project's history page, newest first."""
    response = client.get(history_url(project), headers=headers)
    assert response.status_code == 200
    return [save.lines for save in response.context["page_obj"]]


@pytest.fixture
def created(admin_client, references):
    """A triangular project with three partners and two sectors, made in the
    admin in one save."""
    response = admin_client.post("/admin/projects/project/add/", add_form(admin_client))
    assert response.status_code == 302
    return Project.objects.get(slug="semillas")


def edit(client, project, change):
    """Send the project's change form with ``change(data)`` applied."""
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(client.get(url))
    change(data)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def a_bigger_edit(data):
    data["title_en"] = "Seeds for the Chaco"
    # Paraguay and Japan swap their SEGIB roles.
    data["participations-1-segib_role"] = "recipient"
    data["participations-2-segib_role"] = "second-provider"
    data["sectors-0-percentage"] = "100"
    data["sectors-1-DELETE"] = "on"
    data["provinces"] = [str(Province.objects.get(code="AR-A").pk)]
    set_rows(
        data,
        "budgets",
        [
            {
                "period_start": "2025-01-01",
                "period_end": "2025-12-31",
                "value": "10000",
                "currency": str(Currency.objects.get(code="USD").pk),
                "value_date": "2025-01-01",
                "type": "1",
                "status": "1",
            }
        ],
    )


def test_creating_a_project_with_its_rows_is_one_entry(admin_client, created):
    assert saves(admin_client, created) == [
        [
            "Proyecto creado",
            "Socio Argentina añadido (Primer oferente)",
            "Socio Japón añadido (Segundo oferente)",
            "Socio Paraguay añadido (Receptor)",
            "Sector 31120 añadido (60 %)",
            "Sector 31182 añadido (40 %)",
        ]
    ]


def test_an_edit_says_what_changed_with_labels_and_names(admin_client, created):
    edit(admin_client, created, a_bigger_edit)
    newest, oldest = saves(admin_client, created)
    assert oldest[0] == "Proyecto creado"
    assert newest == [
        "Título (inglés): Triangular cooperation on seeds → Seeds for the Chaco",
        "Provincias argentinas — ahora incluye: Salta",
        "Socio Japón — Rol SEGIB: Segundo oferente → Receptor",
        "Socio Paraguay — Rol SEGIB: Receptor → Segundo oferente",
        "Sector 31120 — Porcentaje: 60 → 100",
        "Sector 31182 quitado",
        "Presupuesto del 01/01/2025 al 31/12/2025 añadido (USD 10.000)",
    ]
    page = admin_client.get(history_url(created)).text
    for code in ("second-provider", "recipient", "AR-A", "title_en"):
        assert code not in page


def test_the_history_is_worded_in_the_language_it_is_read_in(
    admin_client, admin_user, created
):
    """The lines are made when the page is, in the active language (the admin's
    addresses are Spanish; the same view in English says it in English)."""
    from django.contrib import admin
    from django.test import RequestFactory

    edit(admin_client, created, a_bigger_edit)
    request = RequestFactory().get(history_url(created))
    request.user = admin_user
    with translation.override("en"):
        response = admin.site.get_model_admin(Project).history_view(
            request, str(created.pk)
        )
    page = html.unescape(response.content.decode())
    assert "Partner Paraguay — SEGIB role: Recipient → Second provider" in page
    assert (
        "Title (English): Triangular cooperation on seeds → Seeds for the Chaco" in page
    )
    assert "Sector 31182 removed" in page
    assert "Socio" not in page


def test_a_save_that_changes_nothing_says_so(admin_client, created):
    edit(admin_client, created, lambda data: None)
    response = admin_client.get(history_url(created))
    assert response.context["page_obj"][0].lines == []
    assert "Guardado sin cambios." in response.text


def test_results_and_their_indicators_are_in_the_projects_history(
    admin_client, created
):
    result = Result.objects.create(project=created, title_es="Semillas entregadas")
    url = f"/admin/projects/result/{result.pk}/change/"
    data = change_form_data(admin_client.get(url))
    set_rows(
        data,
        "indicators",
        [{"title_es": "Toneladas de semilla", "measure": "1", "target_value": "12"}],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    line = "Indicador «Toneladas de semilla» añadido (Unidad)"
    assert line in saves(admin_client, created)[0]
    result_history = admin_client.get(f"/admin/projects/result/{result.pk}/history/")
    assert line in result_history.context["page_obj"][0].lines


def test_writes_outside_a_request_are_one_save_inside_saving_together(
    admin_client, make_project
):
    project = make_project()
    with saving_together():
        share = ProjectSector.objects.get(project=project)
        share.percentage = 50
        share.save()
        ProjectSector.objects.create(
            project=project, sector=Sector.objects.get(code="31182"), percentage=50
        )
        Participation.objects.get(project=project, position=1).delete()
    latest = [
        model.history.filter(project_id=project.pk).latest("history_date")
        for model in (ProjectSector, Participation)
    ]
    assert latest[0].history_save is not None
    assert latest[0].history_save == latest[1].history_save
    assert saves(admin_client, project)[0] == [
        "Socio Paraguay quitado",
        "Sector 31120 — Porcentaje: 100 → 50",
        "Sector 31182 añadido (50 %)",
    ]


def test_old_records_are_grouped_by_person_and_a_short_time(
    admin_client, admin_user, django_user_model, make_project
):
    """Records written before saves had an identifier (make_project's have none):
    one person's records a few seconds apart are one save; another person's, or
    the same person's minutes later, are another."""
    project = make_project()
    other = django_user_model.objects.create_user("otra", is_staff=True)
    start = timezone.now() - datetime.timedelta(days=30)
    rows = {
        Project: Project.history.filter(id=project.pk),
        Participation: Participation.history.filter(project_id=project.pk),
        ProjectSector: ProjectSector.history.filter(project_id=project.pk),
    }
    for records in rows.values():  # out of the way, a day before
        records.update(history_date=start - datetime.timedelta(days=1))
    first, second = rows[Participation].order_by("history_id")[:2]
    moments = [
        (rows[Project].earliest("history_id"), start, admin_user),
        (first, start + datetime.timedelta(seconds=3), admin_user),
        (second, start + datetime.timedelta(seconds=8), other),
        (
            rows[ProjectSector].earliest("history_id"),
            start + datetime.timedelta(minutes=5),
            admin_user,
        ),
    ]
    for record, moment, user in moments:
        type(record).objects.filter(history_id=record.history_id).update(
            history_date=moment, history_user=user
        )
    response = admin_client.get(history_url(project))
    groups = [
        [(type(r).__name__, r.history_user) for r in save.records]
        for save in response.context["page_obj"]
    ]
    assert groups[:3] == [
        [("HistoricalProjectSector", admin_user)],
        [("HistoricalParticipation", other)],
        [("HistoricalProject", admin_user), ("HistoricalParticipation", admin_user)],
    ]


def test_the_history_pages_queries_do_not_grow_with_saves(
    admin_client, created, count_queries
):
    def swap_roles(data):
        first, second = (
            data["participations-1-segib_role"],
            data["participations-2-segib_role"],
        )
        data["participations-1-segib_role"] = second
        data["participations-2-segib_role"] = first
        data["title_en"] = data["title_en"] + "."

    for _ in range(2):
        edit(admin_client, created, swap_roles)
    few = count_queries(admin_client, history_url(created))
    for _ in range(4):
        edit(admin_client, created, swap_roles)
    assert count_queries(admin_client, history_url(created)) == few
    assert len(saves(admin_client, created)) == 7


@pytest.fixture
def staff_of_another_directorate(django_user_model, references):
    user = django_user_model.objects.create_user("luis", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_project", "change_project"])
    )
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="multilateral-cooperation")
    )
    return user


def test_staff_of_another_directorate_cannot_read_a_drafts_history(
    client, staff_of_another_directorate, make_project
):
    draft = make_project(publication=Project.Publication.DRAFT)
    client.force_login(staff_of_another_directorate)
    assert client.get(history_url(draft)).status_code == 403


def test_an_unknown_project_has_no_history(admin_client, references):
    assert admin_client.get("/admin/projects/project/abc/history/").status_code == 404
    assert (
        admin_client.get("/admin/projects/project/999999/history/").status_code == 404
    )


def test_an_indicator_row_is_named_by_its_title(admin_client, make_project):
    project = make_project()
    result = Result.objects.create(project=project, title_es="Técnicos formados")
    with saving_together():
        Indicator.objects.create(result=result, title_es="Técnicos", measure="2")
    assert (
        "Indicador «Técnicos» añadido (Porcentaje)" in saves(admin_client, project)[0]
    )
