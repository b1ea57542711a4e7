"""Technical missions: the unit of work and of cost that FO.AR pays for."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from directory.models import StaffMembership, Unit
from partners.models import Country, Organisation
from projects.history import saving_together
from projects.models import Currency, Mission, Project
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import set_rows

pytestmark = pytest.mark.django_db

D = datetime.date


def make_mission(project, **fields):
    values = {
        "project": project,
        "direction": Mission.Direction.OUTBOUND,
        "country": Country.objects.get(code="PY"),
        "planned_start": D(2024, 5, 6),
        "planned_end": D(2024, 5, 10),
        "experts": 2,
        "place": "Asunción",
        "purpose_es": "Capacitar a técnicos en control de plagas.",
    }
    mission = Mission(**values | fields)
    mission.full_clean()
    mission.save()
    return mission


def errors_of(mission):
    """{field: [messages in English]} of ``mission.full_clean()``."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            mission.full_clean()
        return {
            name: [str(m) for m in ms] for name, ms in raised.value.message_dict.items()
        }


# The model


def test_days_count_the_planned_dates_inclusive_and_expert_days_follow(
    make_project,
):
    mission = make_mission(make_project(), experts=3)
    assert mission.days == 5  # 6 to 10 May, both included
    assert mission.expert_days == 15


def test_actual_dates_win_and_days_typed_are_kept(make_project):
    project = make_project()
    done = make_mission(project, actual_start=D(2024, 6, 1), actual_end=D(2024, 6, 3))
    assert done.days == 3
    typed = make_mission(project, days=2)  # half of the week was travel
    assert typed.days == 2
    assert typed.expert_days == 4


def test_a_mission_that_ends_before_it_starts_is_refused_beside_the_end(
    make_project,
):
    project = make_project()
    planned = Mission(
        project=project,
        country=Country.objects.get(code="PY"),
        planned_start=D(2024, 5, 10),
        planned_end=D(2024, 5, 6),
        purpose_es="Taller.",
    )
    assert errors_of(planned) == {"planned_end": ["The mission ends before it starts."]}
    actual = make_mission(project)
    actual.actual_start, actual.actual_end = D(2024, 5, 8), D(2024, 5, 7)
    assert errors_of(actual) == {"actual_end": ["The mission ends before it starts."]}
    actual.actual_start = None
    assert errors_of(actual) == {
        "actual_start": ["Give the day the mission started too."]
    }


def test_the_country_must_be_a_partner_of_the_project_and_not_argentina(
    make_project,
):
    project = make_project()  # Argentina and Paraguay
    mission = make_mission(project)
    mission.country = Country.objects.get(code="UY")
    assert errors_of(mission) == {
        "country": [
            "Uruguay is not a partner of this project: add it to the project's "
            "partners first."
        ]
    }
    mission.country = Country.objects.get(code="AR")
    assert list(errors_of(mission)) == ["country"]
    assert "not Argentina" in errors_of(mission)["country"][0]


def test_costs_need_their_currency(make_project):
    mission = make_mission(make_project())
    mission.cost_tickets = Decimal("1850.00")
    assert errors_of(mission) == {"currency": ["Costs need their currency."]}
    mission.currency = Currency.objects.get(code="USD")
    mission.full_clean()
    mission.cost_per_diems = Decimal("-1")
    assert list(errors_of(mission)) == ["cost_per_diems"]


def test_the_database_refuses_costs_without_currency_and_reversed_dates(
    make_project,
):
    mission = make_mission(make_project())
    for field, value in [
        ("cost_other", Decimal(10)),
        ("planned_end", D(2024, 1, 1)),
    ]:
        setattr(mission, field, value)
        with pytest.raises(IntegrityError), transaction.atomic():
            mission.save()
        mission.refresh_from_db()


def test_history_records_missions_with_the_save_of_their_project(make_project):
    project = make_project()
    with saving_together():
        mission = make_mission(project)
        mission.experts = 4
        mission.save()
    records = list(mission.history.order_by("history_id"))
    assert [r.experts for r in records] == [2, 4]
    assert records[0].history_save is not None
    assert records[0].history_save == records[1].history_save


# The admin


def mission_row(country, **fields):
    return {
        "direction": "outbound",
        "country": str(country.pk),
        "planned_start": "2025-03-10",
        "planned_end": "2025-03-14",
        "experts": "2",
        "place": "Santa Cruz de la Sierra",
        "purpose_es": "Asistencia técnica en bioinsumos.",
        **fields,
    }


def post_missions(client, project, rows, **changes):
    url = f"/admin/projects/project/{project.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    set_rows(data, "missions", rows)
    data.update(changes)
    return client.post(url, data)


def mission_forms(response):
    return next(
        inline.formset.forms
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "missions"
    )


def form_errors(response):
    return [
        (inline.formset.prefix, inline.formset.errors, inline.formset.non_form_errors())
        for inline in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]


def test_staff_add_a_mission_in_the_project_form(admin_client, make_project):
    project = make_project()
    inta = Organisation.objects.first()
    response = post_missions(
        admin_client,
        project,
        [
            mission_row(
                Country.objects.get(code="PY"),
                institutions=[str(inta.pk)],
                cost_tickets="1850",
                currency=str(Currency.objects.get(code="USD").pk),
            )
        ],
    )
    assert response.status_code == 302, form_errors(response)
    mission = project.missions.get()
    assert mission.days == 5
    assert list(mission.institutions.all()) == [inta]
    assert mission.cost_tickets == Decimal(1850)
    # One save: the mission's records (its own, then its institutions') carry the
    # project's.
    assert {record.history_save for record in mission.history.all()} == {
        project.history.first().history_save
    }


def test_the_admin_puts_each_error_beside_its_field_and_saves_nothing(
    admin_client, make_project
):
    project = make_project()
    response = post_missions(
        admin_client,
        project,
        [
            mission_row(
                Country.objects.get(code="BO"),
                planned_end="2025-03-01",
                cost_per_diems="900",
            )
        ],
    )
    assert response.status_code == 200
    (form,) = mission_forms(response)
    assert set(form.errors) == {"planned_end", "country", "currency"}
    assert not project.missions.exists()


def test_a_partner_added_in_the_same_save_can_receive_a_mission(
    admin_client, make_project
):
    project = make_project()
    bolivia = Country.objects.get(code="BO")
    page = admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    data = change_form_data(page)
    rows = int(data["participations-TOTAL_FORMS"])
    data.update(
        {
            "participations-TOTAL_FORMS": str(rows + 1),
            f"participations-{rows}-country": str(bolivia.pk),
            f"participations-{rows}-segib_role": "recipient",
            f"participations-{rows}-iati_role": "4",
            f"participations-{rows}-position": "5",
        }
    )
    set_rows(data, "missions", [mission_row(bolivia)])
    response = admin_client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert project.missions.get().country == bolivia


def staff(django_user_model, role, unit="bilateral-cooperation"):
    user = django_user_model.objects.create_user(
        f"{role[:6].lower()}-{unit[:5]}", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    StaffMembership.objects.create(user=user, unit=Unit.objects.get(slug=unit))
    return user


def test_an_editor_adds_missions_to_their_directorates_projects_only(
    client, django_user_model, make_project
):
    client.force_login(staff(django_user_model, "Editor de proyectos"))
    own = make_project()
    response = post_missions(client, own, [mission_row(Country.objects.get(code="PY"))])
    assert response.status_code == 302, form_errors(response)
    assert own.missions.count() == 1
    other = make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    make_mission(other)
    page = client.get(f"/admin/projects/project/{other.pk}/change/")
    assert page.status_code == 200
    assert "Asunción" in page.text  # read, not editable
    assert 'name="missions-0-place"' not in page.text


def test_a_reader_sees_missions_and_changes_nothing(
    client, django_user_model, make_project
):
    project = make_project(publication=Project.Publication.DRAFT)
    make_mission(project)
    client.force_login(staff(django_user_model, "Lectura"))
    page = client.get(f"/admin/projects/project/{project.pk}/change/")
    assert page.status_code == 200
    assert "Asunción" in page.text
    assert 'name="missions-0-place"' not in page.text


# The public page


def test_the_project_page_lists_missions_by_date(client, make_project):
    project = make_project()
    later = make_mission(
        project,
        direction=Mission.Direction.INBOUND,
        planned_start=D(2024, 9, 2),
        planned_end=D(2024, 9, 6),
        place="Buenos Aires",
    )
    earlier = make_mission(project, experts=3, place="Asunción")
    earlier.institutions.set(Organisation.objects.filter(slug="jica"))
    with translation.override("en"):
        response = client.get(project.get_absolute_url())
    text = response.content.decode()
    assert "Technical missions" in text
    assert text.index("Argentine experts travel to Paraguay") < text.index(
        "Technicians from Paraguay come to Argentina"
    )
    assert "3 experts or technicians" in text
    assert "15 expert-days" in text
    assert Organisation.objects.get(slug="jica").get_absolute_url() in text
    assert later.place in text
    assert earlier.purpose_es in text  # shown in Spanish when English is missing
    assert 'lang="es"' in text


def test_missions_of_an_unpublished_project_are_not_public(client, make_project):
    project = make_project(publication=Project.Publication.DRAFT)
    make_mission(project)
    assert client.get(project.get_absolute_url()).status_code == 404
    shown = make_project()
    assert "Asunción" not in client.get(shown.get_absolute_url()).text


@pytest.mark.usefixtures("fresh_pages")
def test_the_project_page_costs_the_same_with_1_and_5_missions(
    client, make_project, count_queries
):
    project = make_project()
    organisations = list(Organisation.objects.all()[:3])
    make_mission(project).institutions.set(organisations)
    one = count_queries(client, project.get_absolute_url())
    for day in range(4):
        mission = make_mission(
            project,
            planned_start=D(2024, 7, 1 + day),
            planned_end=D(2024, 7, 10),
        )
        mission.institutions.set(organisations[: day % 3 + 1])
    assert client.get(project.get_absolute_url()).text.count("timeline__item") == 5
    assert count_queries(client, project.get_absolute_url()) == one


# The report


def test_a_report_is_stored_under_a_random_name_and_goes_with_its_mission(
    admin_client, make_project, media, pdf_file, django_capture_on_commit_callbacks
):
    project = make_project()
    row = mission_row(Country.objects.get(code="PY"), report=pdf_file("informe.pdf"))
    response = post_missions(admin_client, project, [row])
    assert response.status_code == 302, form_errors(response)
    mission = project.missions.get()
    assert re.fullmatch(r"mission-reports/[0-9a-f]{32}\.pdf", mission.report.name)
    assert (media / mission.report.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        mission.delete()
    assert not (media / mission.report.name).exists()


def test_a_report_that_is_not_a_document_is_refused(admin_client, make_project, media):
    project = make_project()
    script = SimpleUploadedFile("informe.pdf", b"#!/bin/sh\necho hola\n")
    row = mission_row(Country.objects.get(code="PY"), report=script)
    response = post_missions(admin_client, project, [row])
    assert response.status_code == 200
    (form,) = mission_forms(response)
    assert list(form.errors) == ["report"]
    assert not project.missions.exists()


def test_a_chosen_report_is_kept_when_the_save_fails_elsewhere(
    admin_client, make_project, media, pdf_file, django_capture_on_commit_callbacks
):
    project = make_project()
    row = mission_row(Country.objects.get(code="PY"), report=pdf_file("informe.pdf"))
    failed = post_missions(admin_client, project, [row], title_es="")
    assert failed.status_code == 200
    token = re.search(
        r'name="missions-0-report-kept"[^>]*value="([^"]+)"|'
        r'value="([^"]+)"[^>]*name="missions-0-report-kept"',
        failed.text,
    )
    assert token, "the form offers to keep the report"
    data = change_form_data(
        admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    )
    set_rows(data, "missions", [mission_row(Country.objects.get(code="PY"))])
    data["missions-0-report-kept"] = token.group(1) or token.group(2)
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert saved.status_code == 302, form_errors(saved)
    report = project.missions.get().report
    assert report.name.startswith("mission-reports/")
    assert not list((media / "pending").iterdir())


# Days that follow the dates, the report on the public page, the project's history


def test_days_counted_from_the_dates_follow_new_dates_and_typed_days_stay(
    make_project,
):
    project = make_project()
    counted = make_mission(project)  # 6 to 10 May: 5 days
    counted.actual_start, counted.actual_end = D(2024, 5, 6), D(2024, 5, 13)
    counted.save()
    assert Mission.objects.get(pk=counted.pk).days == 8
    typed = make_mission(project, days=2)
    typed.planned_end = D(2024, 5, 20)
    typed.save()
    assert Mission.objects.get(pk=typed.pk).days == 2
    # Days typed over counted ones in the same save are the staff's.
    counted.planned_end, counted.days = D(2024, 5, 8), 4
    counted.save()
    assert Mission.objects.get(pk=counted.pk).days == 4


def test_a_published_report_is_downloaded_from_the_project_page(
    client, make_project, media, pdf_file
):
    project = make_project()
    mission = make_mission(project, report=pdf_file("informe.pdf"))
    url = f"/projects/{project.slug}/missions/{mission.pk}/report/"
    assert url not in client.get(project.get_absolute_url()).text
    assert client.get(url).status_code == 404  # not published by staff
    mission.report_is_public = True
    mission.save()
    assert url in client.get(project.get_absolute_url()).text
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        'attachment; filename="informe-de-la-mision-paraguay-2024-05-06.pdf"'
        in (response["Content-Disposition"])
    )
    draft = make_project(publication=Project.Publication.DRAFT)
    hidden = make_mission(draft, report=pdf_file("b.pdf"), report_is_public=True)
    assert (
        client.get(f"/projects/{draft.slug}/missions/{hidden.pk}/report/").status_code
        == 404
    )
    # Another project's slug does not open it either.
    assert (
        client.get(f"/projects/{draft.slug}/missions/{mission.pk}/report/").status_code
        == 404
    )


def test_missions_are_in_the_projects_history(admin_client, make_project):
    project = make_project()
    response = post_missions(
        admin_client, project, [mission_row(Country.objects.get(code="PY"))]
    )
    assert response.status_code == 302, form_errors(response)
    page = admin_client.get(f"/admin/projects/project/{project.pk}/history/")
    lines = page.context["page_obj"][0].lines
    assert (
        "Misión con Paraguay desde el 10/03/2025 añadida "
        "(Expertos argentinos viajan al país socio, 2 expertos)" in lines
    ), lines
