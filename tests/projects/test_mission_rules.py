"""A mission's rules in both languages, its words on the pages, its spreadsheet
columns (direction, institutions), and the transaction's own add page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from lxml import html

from partners.models import Country, Organisation
from projects import history, history_lines
from projects.models import Currency, Mission, Project
from tests.projects.test_missions import make_mission, staff
from tests.projects.test_transactions import confirm, export_rows, preview

pytestmark = pytest.mark.django_db

D = datetime.date


def messages_of(mission, language):
    """{field: [messages]} of ``mission.full_clean()`` in ``language``."""
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            mission.full_clean()
        return {
            name: [str(m) for m in ms] for name, ms in raised.value.message_dict.items()
        }


def unsaved(project, **fields):
    values = {
        "project": project,
        "direction": Mission.Direction.OUTBOUND,
        "country": Country.objects.get(code="PY"),
        "planned_start": D(2024, 5, 6),
        "planned_end": D(2024, 5, 10),
    }
    return Mission(**values | fields)


# The rules, in Spanish and English


RULES = {
    "ends-before-it-starts": (
        {"planned_end": D(2024, 5, 1)},
        "planned_end",
        "The mission ends before it starts.",
        "La misión termina antes de empezar.",
    ),
    "end-without-start": (
        {"actual_end": D(2024, 5, 10)},
        "actual_start",
        "Give the day the mission started too.",
        "Indicá también el día en que empezó la misión.",
    ),
    "costs-without-currency": (
        {"cost_tickets": Decimal(100)},
        "currency",
        "Costs need their currency.",
        "Los costos necesitan su moneda.",
    ),
    "argentina": (
        {"country_id": "AR"},
        "country",
        "Choose the partner country the experts travel to or come from, not Argentina.",
        "Elegí el país socio al que viajan los expertos o del que vienen los "
        "técnicos, no la Argentina.",
    ),
    "future-actual-start": (
        {"actual_start": "tomorrow"},
        "actual_start",
        "The actual start cannot be in the future: record it once the mission has "
        "started.",
        "El inicio real no puede ser una fecha futura: cargalo cuando la misión "
        "haya empezado.",
    ),
    "future-actual-end": (
        {"actual_start": D(2024, 5, 6), "actual_end": "tomorrow"},
        "actual_end",
        "The actual end cannot be in the future: record it once the mission has ended.",
        "El fin real no puede ser una fecha futura: cargalo cuando la misión haya "
        "terminado.",
    ),
    "days-beyond-the-planned-dates": (
        {"days": 6},
        "days",
        "By its dates the mission lasts 5 days, first and last included: it cannot "
        "have more days.",
        "Según sus fechas, la misión dura 5 días, contando el primero y el último: "
        "no puede tener más días.",
    ),
    "days-beyond-the-actual-dates": (
        {"days": 2, "actual_start": D(2024, 5, 7), "actual_end": D(2024, 5, 7)},
        "days",
        "By its dates the mission lasts 1 day, first and last included: it cannot "
        "have more days.",
        "Según sus fechas, la misión dura 1 día, contando el primero y el último: "
        "no puede tener más días.",
    ),
}


@pytest.mark.parametrize("case", list(RULES))
def test_each_rule_says_why_beside_its_field_in_english_and_spanish(make_project, case):
    fields, field, english, spanish = RULES[case]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    fields = {k: tomorrow if v == "tomorrow" else v for k, v in fields.items()}
    if "country_id" in fields:
        fields["country"] = Country.objects.get(code=fields.pop("country_id"))
    mission = unsaved(make_project(), **fields)
    assert messages_of(mission, "en")[field] == [english]
    assert messages_of(mission, "es")[field] == [spanish]


def test_a_partner_that_is_not_in_the_project_is_named_in_spanish(make_project):
    mission = unsaved(make_project(), country=Country.objects.get(code="BO"))
    (message,) = messages_of(mission, "es")["country"]
    assert message.startswith("Bolivia")
    assert "no es socio de este proyecto: agregalo primero" in message


def test_today_and_days_within_the_dates_are_accepted(make_project):
    today = timezone.localdate()
    mission = unsaved(
        make_project(),
        planned_start=today,
        planned_end=today,
        actual_start=today,
        actual_end=today,
        days=1,
    )
    mission.full_clean()
    fewer = unsaved(make_project(), days=3)  # part-time within 5 days
    fewer.full_clean()


def test_counted_days_follow_shorter_dates_without_an_error(make_project):
    mission = make_mission(make_project())
    assert mission.days == 5
    mission.planned_end = D(2024, 5, 7)  # the form sends back the counted 5
    mission.full_clean()
    mission.save()
    assert mission.days == 2


# Words


def test_a_mission_is_named_with_its_date_written_the_readers_way(make_project):
    mission = make_mission(make_project())
    with translation.override("es"):
        assert str(mission).endswith(", 6 de mayo de 2024")
    with translation.override("en"):
        assert str(mission).endswith(", 6 May 2024")
    assert "2024-05-06" not in str(mission)


def test_the_admin_lists_missions_with_localised_dates(admin_client, make_project):
    make_mission(make_project())
    text = admin_client.get("/admin/projects/mission/").text
    assert "6 de mayo de 2024" in text
    assert "2024-05-06" not in text


def test_planned_dates_are_marked_in_the_plural(client, make_project):
    project = make_project()
    make_mission(project)
    with translation.override("es"):
        text = client.get(project.get_absolute_url()).text
    assert "(previstas)" in text
    assert "(prevista)" not in text


def test_budgets_in_two_currencies_show_two_totals_never_summed(client, make_project):
    project = make_project()
    for value, code in ((1000, "USD"), (2500, "USD"), (800000, "ARS")):
        project.budgets.create(
            period_start=D(2024, 3, 1),
            period_end=D(2025, 2, 28),
            value=Decimal(value),
            currency=Currency.objects.get(code=code),
            value_date=D(2024, 3, 1),
        )
    with translation.override("es"):
        page = html.fromstring(client.get(project.get_absolute_url()).text)
    (totals,) = page.xpath('//*[@id="budget-totals"]')
    text = totals.text_content()
    shown = [strong.text_content() for strong in totals.xpath(".//strong")]
    assert sorted(shown) == ["3.500 USD", "800.000 ARS"]
    assert "+" not in text
    assert " · " in text
    assert text.startswith("Total por moneda, sin sumar:")
    assert "803" not in text  # never 800 000 + 3 500


# Spreadsheets: direction and institutions


def test_the_direction_is_a_code_or_its_name_in_spanish_or_english(
    admin_client, make_project
):
    project = make_project()
    make_mission(project)
    (row,) = export_rows(admin_client, "mission")
    assert row["direction"] == "outbound"
    names = {
        "Salida": "outbound",
        "entrada": "inbound",
        "Técnicos del país socio vienen a la Argentina": "inbound",
        "Argentine experts travel to the partner country": "outbound",
        "VIRTUAL": "virtual",
    }
    for name, code in names.items():
        response = preview(admin_client, "mission", [dict(row, direction=name)])
        result = response.context["result"]
        assert not result.has_errors(), name
        assert not result.has_validation_errors(), name
        confirm(admin_client, "mission", response)
        assert project.missions.get().direction == code


def test_an_unknown_direction_lists_what_is_accepted(admin_client, make_project):
    make_mission(make_project())
    (row,) = export_rows(admin_client, "mission")
    response = preview(admin_client, "mission", [dict(row, direction="Saliente")])
    (invalid,) = response.context["result"].invalid_rows
    (message,) = invalid.field_specific_errors["direction"]
    assert message.startswith("No se acepta “Saliente” acá.")
    for accepted in ("outbound", "Salida", "inbound", "Entrada", "virtual"):
        assert accepted in message


def test_institutions_go_to_a_spreadsheet_and_come_back(admin_client, make_project):
    project = make_project()
    mission = make_mission(project)
    inta = Organisation.objects.get(slug="inta")
    jica = Organisation.objects.get(slug="jica")
    mission.institutions.set([inta])
    (row,) = export_rows(admin_client, "mission")
    assert row["institutions"] == inta.name
    same = preview(admin_client, "mission", [row])
    assert [r.import_type for r in same.context["result"].rows] == ["skip"]
    by_acronym = dict(row, institutions=f"inta; {jica.iati_identifier}")
    response = preview(admin_client, "mission", [by_acronym])
    assert not response.context["result"].has_validation_errors()
    assert confirm(admin_client, "mission", response).status_code == 302
    assert set(mission.institutions.all()) == {inta, jica}


def test_an_unknown_institution_is_refused_saying_so(admin_client, make_project):
    mission = make_mission(make_project())
    (row,) = export_rows(admin_client, "mission")
    response = preview(
        admin_client, "mission", [dict(row, institutions="INTA; Instituto Inventado")]
    )
    (invalid,) = response.context["result"].invalid_rows
    (message,) = invalid.field_specific_errors["institutions"]
    assert message.startswith("“Instituto Inventado” no es un organismo del portal")
    assert not mission.institutions.exists()


def test_changing_only_the_institutions_is_in_the_history(make_project):
    project = make_project()
    mission = make_mission(project)
    records = mission.history.count()
    with history.saving_together():
        mission.institutions.set(Organisation.objects.filter(slug="jica"))
    assert mission.history.count() == records + 1
    found = history.load(history.history_of(Project, project.pk))
    saves = history.group(found)
    with translation.override("en"):
        history_lines.describe(saves, history.previous_records(found), Project)
    (line,) = saves[0].lines
    assert "Institutions — now includes: Japan International Cooperation" in line


# The transaction's own add page


def test_the_add_page_names_each_partners_project(admin_client, make_project):
    first, second = make_project(), make_project()
    page = html.fromstring(admin_client.get("/admin/projects/transaction/add/").text)
    labels = page.xpath('//select[@name="participation"]/option[@value!=""]/text()')
    assert len(labels) == 4
    assert sum(label.startswith(f"{first.title} — ") for label in labels) == 2
    assert sum(label.startswith(f"{second.title} — ") for label in labels) == 2
    url = f"/admin/projects/transaction/add/?project={first.pk}"
    page = html.fromstring(admin_client.get(url).text)
    values = page.xpath('//select[@name="participation"]/option[@value!=""]/@value')
    assert sorted(map(int, values)) == sorted(
        first.participations.values_list("pk", flat=True)
    )


def test_the_add_page_offers_only_partners_of_editable_projects(
    client, django_user_model, make_project
):
    from directory.models import Unit

    mine = make_project()
    make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    client.force_login(staff(django_user_model, "Editor de proyectos"))
    page = html.fromstring(client.get("/admin/projects/transaction/add/").text)
    labels = page.xpath('//select[@name="participation"]/option[@value!=""]/text()')
    assert labels
    assert all(label.startswith(f"{mine.title} — ") for label in labels)


def test_a_transactions_page_offers_only_its_projects_partners(
    admin_client, make_project
):
    from tests.projects.test_transactions import make_transaction

    project, other = make_project(), make_project()
    item = make_transaction(project)
    page = html.fromstring(
        admin_client.get(f"/admin/projects/transaction/{item.pk}/change/").text
    )
    values = page.xpath('//select[@name="participation"]/option[@value!=""]/@value')
    assert sorted(map(int, values)) == sorted(
        project.participations.values_list("pk", flat=True)
    )
    assert not set(map(int, values)) & set(
        other.participations.values_list("pk", flat=True)
    )
