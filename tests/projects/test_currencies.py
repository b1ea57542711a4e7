"""Issue: currencies as ISO 4217 has them: no XBT; the withdrawn ones kept for the
lines that use them but not offered for new ones; the Malvinas pound never under the
British name."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import StaffMembership, Unit
from projects.models import Budget, Currency, Participation
from tests.directory.test_admin import change_form_data
from tests.proposals.test_upgrade import latest, migrate

WITHDRAWN = {
    "ANG": "2025-03",
    "BGN": "2026-01",
    "CUC": "2021-06",
    "HRK": "2023-01",
    "SLL": "2023-12",
    "ZWL": "2024-09",
}
# The data files of this work: none may name the islands by the British name.
DATA_FILES = [
    "projects/data/currencies.json",
    "partners/data/country_names.json",
    "partners/data/country_regions.json",
    "partners/data/organisations.json",
    "partners/data/registration_agencies.json",
]


def autocomplete(client, term=""):
    """The codes the admin's currency picker of a budget line offers for ``term``,
    every page of them."""
    codes, page, more = set(), 1, True
    while more:
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": "projects",
                "model_name": "budget",
                "field_name": "currency",
                "term": term,
                "page": page,
            },
        )
        assert response.status_code == 200
        ids = [int(row["id"]) for row in response.json()["results"]]
        codes |= set(Currency.objects.filter(pk__in=ids).values_list("code", flat=True))
        more, page = response.json()["pagination"]["more"], page + 1
    return codes


@pytest.fixture
def staff_client(client, django_user_model, references):
    """A staff member of the Directorate of Bilateral Cooperation who edits its
    projects (and so may look currencies up)."""
    user = django_user_model.objects.create_user("ana", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_project",
                "change_project",
                "view_budget",
                "add_budget",
                "change_budget",
                "view_currency",
            ]
        )
    )
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="bilateral-cooperation")
    )
    client.force_login(user)
    return client


def test_xbt_is_not_a_currency(references):
    assert not Currency.objects.filter(code="XBT").exists()
    rows = json.loads(
        (Path(settings.BASE_DIR) / DATA_FILES[0]).read_text(encoding="utf-8")
    )
    assert "XBT" not in {row["code"] for row in rows["currencies"]}
    assert "ISO 4217" in rows["removed"]["XBT"]


@pytest.mark.django_db
def test_withdrawn_currencies_are_kept_but_not_offered(references):
    for code, month in WITHDRAWN.items():
        currency = Currency.objects.get(code=code)
        assert (currency.withdrawn, currency.is_offered) == (month, False), code
    assert set(Currency.objects.offered().values_list("code", flat=True)) >= {
        "USD",
        "ARS",
        "EUR",
        "SLE",
    }
    assert not Currency.objects.offered().filter(code__in=WITHDRAWN).exists()


@pytest.mark.django_db
def test_the_malvinas_pound_is_not_offered_nor_named_falkland(references):
    pound = Currency.objects.get(code="FKP")
    assert (pound.name_en, pound.name_es) == (
        "Malvinas Islands pound",
        "libra de las Islas Malvinas",
    )
    assert not pound.is_offered
    assert not Currency.objects.filter(name_en__icontains="falkland").exists()
    for name in DATA_FILES:
        text = (Path(settings.BASE_DIR) / name).read_text(encoding="utf-8")
        assert "falkland" not in text.casefold(), name


@pytest.mark.django_db
def test_a_withdrawn_currency_cannot_be_offered(references):
    from django.core.exceptions import ValidationError

    kuna = Currency.objects.get(code="HRK")
    kuna.is_offered = True
    with pytest.raises(ValidationError):
        kuna.full_clean()
    kuna.is_offered, kuna.withdrawn = False, "2023-13"
    with pytest.raises(ValidationError):
        kuna.full_clean()


@pytest.mark.django_db
def test_the_admin_autocomplete_offers_no_withdrawn_currency(staff_client):
    offered = autocomplete(staff_client)
    assert {"USD", "ARS", "EUR"} <= offered
    assert not offered & {*WITHDRAWN, "FKP", "XBT"}
    assert offered == set(Currency.objects.offered().values_list("code", flat=True))
    assert autocomplete(staff_client, "HRK") == set()
    assert autocomplete(staff_client, "kuna") == set()
    assert autocomplete(staff_client, "dólar") >= {"USD"}


@pytest.mark.django_db
def test_the_currency_list_still_finds_a_withdrawn_currency(admin_client, references):
    response = admin_client.get("/admin/projects/currency/", {"q": "HRK"})
    assert [c.code for c in response.context["cl"].result_list] == ["HRK"]


@pytest.mark.django_db
def test_a_budget_line_in_a_withdrawn_currency_still_saves(staff_client, make_project):
    project = make_project()
    kuna = Currency.objects.get(code="HRK")
    line = Budget.objects.create(
        project=project,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        value=Decimal("1000.00"),
        currency=kuna,
        value_date=datetime.date(2022, 1, 1),
    )
    url = f"/admin/projects/project/{project.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    (index,) = [
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("budgets-") and key.endswith("-id") and value == line.pk
    ]
    assert data[f"budgets-{index}-currency"] == kuna.pk
    data[f"budgets-{index}-value"] = "1500.00"

    response = staff_client.post(url, data)

    assert response.status_code == 302, [
        (fs.formset.prefix, fs.formset.errors, fs.formset.non_form_errors())
        for fs in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    line.refresh_from_db()
    assert (line.currency.code, line.value) == ("HRK", Decimal("1500.00"))


# Migration projects 0006 on a database loaded before the corrections.

BEFORE = [("projects", "0005_move_proposals_out")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_corrects_the_currencies_of_an_old_database():
    ContentType.objects.clear_cache()
    try:
        apps = migrate(BEFORE)
        OldCurrency = apps.get_model("projects", "Currency")
        OldCurrency.objects.filter(code="FKP").update(
            name="libra malvinense",
            name_es="libra malvinense",
            name_en="Falkland Islands Pound",
        )
        OldCurrency.objects.create(
            code="XBT", name="Bitcoin", name_es="Bitcoin", name_en="Bitcoin"
        )
        assert not hasattr(OldCurrency, "is_offered")

        migrate(latest())

        assert not Currency.objects.filter(code="XBT").exists()
        assert Currency.history.filter(code="XBT", history_type="-").exists()
        pound = Currency.objects.get(code="FKP")
        assert (pound.name, pound.name_es, pound.name_en, pound.is_offered) == (
            "libra de las Islas Malvinas",
            "libra de las Islas Malvinas",
            "Malvinas Islands pound",
            False,
        )
        for code, month in WITHDRAWN.items():
            currency = Currency.objects.get(code=code)
            assert (currency.withdrawn, currency.is_offered) == (month, False), code
            assert currency.history.latest("history_date").withdrawn == month
        assert Currency.objects.get(code="USD").is_offered
        assert Currency.objects.get(code="USD").withdrawn == ""
    finally:
        # Always back to the latest schema: the tests after this one need it.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_a_used_xbt_not_offered():
    ContentType.objects.clear_cache()
    try:
        apps = migrate(BEFORE)
        OldCurrency = apps.get_model("projects", "Currency")
        OldParticipation = apps.get_model("projects", "Participation")
        bitcoin = OldCurrency.objects.create(
            code="XBT", name="Bitcoin", name_es="Bitcoin", name_en="Bitcoin"
        )
        # Staff had renamed the pound in Spanish: that name stays.
        OldCurrency.objects.filter(code="FKP").update(
            name="libra (Islas Malvinas)",
            name_es="libra (Islas Malvinas)",
            name_en="Falkland Islands Pound",
        )
        Project = apps.get_model("projects", "Project")
        Unit = apps.get_model("directory", "Unit")
        Country = apps.get_model("partners", "Country")
        project = Project.objects.create(
            slug="bitcoin",
            title="Proyecto en bitcoin",
            title_es="Proyecto en bitcoin",
            directorate=Unit.objects.get(slug="bilateral-cooperation"),
            modality="bilateral",
            status="2",
            planned_start=datetime.date(2024, 1, 1),
            planned_end=datetime.date(2024, 12, 31),
        )
        OldParticipation.objects.create(
            project=project,
            country=Country.objects.get(code="PY"),
            segib_role="recipient",
            iati_role="4",
            amount=10,
            currency=bitcoin,
        )

        migrate(latest())

        kept = Currency.objects.get(code="XBT")
        assert (kept.is_offered, kept.withdrawn) == (False, "")
        assert Participation.objects.get(project_id=project.pk).currency == kept
        assert kept not in Currency.objects.offered()
        pound = Currency.objects.get(code="FKP")
        assert (pound.name_es, pound.name_en, pound.is_offered) == (
            "libra (Islas Malvinas)",
            "Malvinas Islands pound",
            False,
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
