"""Transactions: the model's rules, their history with the project's saves, the
project form's inline, and the spreadsheets of missions and transactions."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from directory.models import Unit
from partners.models import Country
from projects import history, history_lines
from projects.history import saving_together
from projects.models import Currency, Mission, Project, Transaction
from projects.resources_rows import MissionResource, TransactionResource
from tests.directory.test_admin import change_form_data
from tests.projects import test_reimport as reimport
from tests.projects.test_admin import set_rows
from tests.projects.test_missions import form_errors, make_mission, staff

pytestmark = pytest.mark.django_db

D = datetime.date


def make_transaction(project, partner="AR", **fields):
    values = {
        "project": project,
        "participation": project.participations.get(country__code=partner),
        "type": Transaction.Type.DISBURSEMENT,
        "date": D(2024, 6, 3),
        "value": Decimal("12000"),
        "currency": Currency.objects.get(code="USD"),
        "value_date": D(2024, 6, 3),
    }
    item = Transaction(**values | fields)
    item.full_clean()
    item.save()
    return item


def errors_of(item):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            item.full_clean()
        return {
            name: [str(m) for m in ms] for name, ms in raised.value.message_dict.items()
        }


# The model


def test_the_partner_must_take_part_in_the_project(make_project):
    project, other = make_project(), make_project()
    item = make_transaction(project)
    item.participation = other.participations.first()
    assert errors_of(item) == {
        "participation": [
            "Argentina takes part in another project: choose one of this "
            "project's partners."
        ]
    }


def test_no_date_in_the_future_and_the_value_date_is_required(make_project):
    item = make_transaction(make_project())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    item.date = item.value_date = tomorrow
    assert errors_of(item) == {
        "date": ["A disbursement or expenditure cannot be dated in the future."],
        "value_date": ["The value date cannot be in the future."],
    }
    item.type = Transaction.Type.COMMITMENT
    assert "commitment" in errors_of(item)["date"][0]
    item.date, item.value_date = D(2024, 1, 1), None
    assert errors_of(item) == {"value_date": ["This field cannot be null."]}


def test_only_commitments_disbursements_and_expenditures(make_project):
    item = make_transaction(make_project())
    item.type = "1"  # incoming funds: not a type this portal reports
    assert list(errors_of(item)) == ["type"]
    item.type, item.value = "4", Decimal(-5)
    assert list(errors_of(item)) == ["value"]


def test_the_database_refuses_a_negative_value_and_another_type(make_project):
    item = make_transaction(make_project())
    for field, value in [("value", Decimal(-1)), ("type", "7")]:
        setattr(item, field, value)
        with pytest.raises(IntegrityError), transaction.atomic():
            item.save()
        item.refresh_from_db()


def test_transactions_are_in_the_history_of_their_projects_saves(make_project):
    project = make_project()
    with saving_together():
        item = make_transaction(project)
        project.save()
    records = history.load(history.history_of(Project, project.pk))
    saves = history.group(records)
    with translation.override("en"):
        history_lines.describe(saves, history.previous_records(records), Project)
    assert item.history.get().history_save == saves[0].records[0].history_save
    assert any(
        "Disbursement of" in line and "USD 12,000" in line for line in saves[0].lines
    )


# The project form


def transaction_row(participation, **fields):
    return {
        "type": "4",
        "participation": str(participation.pk),
        "date": "2024-08-01",
        "value": "2500",
        "currency": str(Currency.objects.get(code="USD").pk),
        "value_date": "2024-08-01",
        "in_kind": "on",
        "aid_type": "D01",
        "description_es": "Horas de los expertos del INTA",
        **fields,
    }


def post_transactions(client, project, rows):
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(client.get(url))
    set_rows(data, "transactions", rows)
    return client.post(url, data)


def test_staff_add_a_transaction_in_the_project_form(admin_client, make_project):
    project = make_project()
    argentina = project.participations.get(country__code="AR")
    response = post_transactions(admin_client, project, [transaction_row(argentina)])
    assert response.status_code == 302, form_errors(response)
    item = project.transactions.get()
    assert item.in_kind
    assert item.aid_type == "D01"
    assert item.history.get().history_save == project.history.first().history_save


def test_the_form_offers_only_the_projects_partners_and_saves_nothing_bad(
    admin_client, make_project
):
    project, other = make_project(), make_project()
    page = admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    formset = next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "transactions"
    )
    choices = formset.form.base_fields["participation"].queryset
    assert set(choices) == set(project.participations.all())
    stranger = other.participations.first()
    response = post_transactions(
        admin_client,
        project,
        [transaction_row(stranger, value="-3", date="2999-01-01")],
    )
    assert response.status_code == 200
    assert not project.transactions.exists()


def test_an_editor_of_another_directorate_only_reads_transactions(
    client, django_user_model, make_project
):
    other = make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    make_transaction(other, description_es="Pasajes")
    client.force_login(staff(django_user_model, "Editor de proyectos"))
    page = client.get(f"/admin/projects/project/{other.pk}/change/")
    assert page.status_code == 200
    assert "Pasajes" in page.text
    assert 'name="transactions-0-value"' not in page.text


# Spreadsheets


def export_rows(client, model):
    resource = {"mission": MissionResource, "transaction": TransactionResource}[model]
    response = client.post(
        f"/admin/projects/{model}/export/",
        {
            "format": "0",
            "resource": "0",
            **{
                f"{resource.__name__.lower()}_{name}": "on"
                for name in resource._meta.fields
            },
        },
    )
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def preview(client, model, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    upload = SimpleUploadedFile(f"{model}.csv", buffer.getvalue().encode())
    response = client.post(
        f"/admin/projects/{model}/import/",
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert response.status_code == 200
    return response


def confirm(client, model, response):
    form = response.context["confirm_form"]
    return client.post(
        f"/admin/projects/{model}/process_import/",
        {name: form[name].value() for name in form.fields},
    )


def test_transactions_go_to_a_spreadsheet_and_come_back(admin_client, make_project):
    project = make_project(partners=[("AR", "provider"), ("jica", "recipient")])
    kept = make_transaction(project, value=Decimal(100))
    rows = export_rows(admin_client, "transaction")
    assert [row["partner"] for row in rows] == ["AR"]
    changed = dict(rows[0], value="150.00")
    new = dict(rows[0], id="", partner="jica", type="3", value="75", in_kind="1")
    response = preview(admin_client, "transaction", [rows[0], changed | {"id": ""}])
    assert not response.context["result"].has_errors()
    response = preview(admin_client, "transaction", [rows[0], new])
    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip", "new"]
    assert confirm(admin_client, "transaction", response).status_code == 302
    added = project.transactions.exclude(pk=kept.pk).get()
    assert added.participation.organisation.slug == "jica"
    assert added.in_kind


def test_a_bad_transaction_row_says_why_and_nothing_is_saved(
    admin_client, make_project
):
    project = make_project()
    make_transaction(project)
    (row,) = export_rows(admin_client, "transaction")
    good = dict(row, value="999")
    bad = dict(row, id="", partner="BO", date="2999-01-01")
    response = preview(admin_client, "transaction", [good, bad])
    (invalid,) = response.context["result"].invalid_rows
    # The page speaks the admin's language (Spanish): the message names the
    # partner, beside the partner column.
    assert invalid.field_specific_errors.keys() == {"participation", "date"}
    assert "“BO”" in invalid.field_specific_errors["participation"][0]
    assert not response.context.get("confirm_form")
    assert project.transactions.get().value == Decimal(12000)


def test_missions_go_to_a_spreadsheet_and_a_bad_row_is_refused(
    admin_client, make_project
):
    project = make_project()
    make_mission(
        project, cost_tickets=Decimal(900), currency=Currency.objects.get(code="USD")
    )
    (row,) = export_rows(admin_client, "mission")
    assert row["country"] == "PY"
    assert row["project"] == project.slug
    again = preview(admin_client, "mission", [row])
    assert [r.import_type for r in again.context["result"].rows] == ["skip"]
    edited = dict(row, cost_per_diems="450.00", place="Encarnación")
    added = dict(
        row, id="", planned_start="2025-01-10", planned_end="2025-01-12", days=""
    )
    response = preview(admin_client, "mission", [edited, added])
    assert confirm(admin_client, "mission", response).status_code == 302
    assert project.missions.count() == 2
    assert project.missions.filter(place="Encarnación").exists()
    refused = preview(admin_client, "mission", [dict(row, country="BO", place="Sucre")])
    (invalid,) = refused.context["result"].invalid_rows
    assert list(invalid.field_specific_errors) == ["country"]
    assert "Bolivia" in refused.text
    assert not refused.context.get("confirm_form")
    assert not Mission.objects.filter(place="Sucre").exists()


def test_an_editor_cannot_import_rows_of_another_directorates_project(
    client, django_user_model, admin_client, make_project
):
    other = make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    make_transaction(other)
    (row,) = export_rows(admin_client, "transaction")
    client.force_login(staff(django_user_model, "Editor de proyectos"))
    response = preview(client, "transaction", [dict(row, value="1")])
    result = response.context["result"]
    assert result.has_errors()
    (errors,) = [row.errors for row in result.rows if row.errors]
    assert f"“{other.slug}”" in str(errors[0].error)
    assert not response.context.get("confirm_form")
    assert other.transactions.get().value == Decimal(12000)


def test_unreadable_cells_are_refused_beside_their_columns(admin_client, make_project):
    project = make_project()
    make_transaction(project)
    (row,) = export_rows(admin_client, "transaction")
    bad = dict(row, id="", value="doce mil", date="31/31/2024", project="nope")
    response = preview(admin_client, "transaction", [bad])
    (invalid,) = response.context["result"].invalid_rows
    errors = invalid.field_specific_errors
    assert {"value", "date", "project"} <= set(errors)
    assert "“doce mil”" in errors["value"][0]  # not the bare decimal exception
    assert project.transactions.count() == 1


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("model", [Mission, Transaction])
def test_an_unchanged_spreadsheet_of_rows_imports_as_all_skipped(
    admin_client, make_project, model, extension
):
    project = make_project(partners=[("AR", "provider"), ("jica", "recipient")])
    make_transaction(project, in_kind=True, aid_type="D01", description_en="Time")
    make_transaction(project, value=Decimal("0.50"), description_es="Pasajes")
    project.participations.create(
        country=Country.objects.get(code="PY"), segib_role="recipient", iati_role="4"
    )
    make_mission(
        project,
        actual_start=D(2024, 5, 6),
        actual_end=D(2024, 5, 9),
        cost_tickets=Decimal("1850.25"),
        currency=Currency.objects.get(code="USD"),
    )
    make_mission(project, direction="virtual")
    url = f"/admin/projects/{model._meta.model_name}/"
    before = reimport.state(model)
    content = reimport.export(admin_client, url, extension)
    shown = reimport.preview(admin_client, url, content, extension)
    result = shown.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == 2
    assert reimport.confirm(admin_client, url, shown).status_code == 302
    assert reimport.state(model) == before


def test_a_partner_with_transactions_is_not_removed_with_them(
    admin_client, make_project
):
    project = make_project()
    item = make_transaction(project, partner="PY")
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("participations-")
        and key.endswith("-id")
        and str(value) == str(item.participation_id)
    )
    data[f"participations-{index}-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "participations"
    ]
    assert "Paraguay" in str(formset.non_form_errors())
    assert Transaction.objects.filter(pk=item.pk).exists()
