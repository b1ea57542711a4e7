"""Joint commissions and the bilateral programmes they approve: their rules, the
programme's public page, the links from project and country pages, and who may
change them in the admin (the full table is the permission matrix's)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from directory.models import StaffMembership, Unit
from partners.models import Country
from projects.models import Budget, Currency, JointCommission, Programme, Project
from projects.models.programmes import roman

pytestmark = pytest.mark.django_db
DASH = "\N{EN DASH}"


@pytest.fixture
def commission(references):
    return JointCommission.objects.create(
        country=Country.objects.get(code="BO"),
        number=6,
        date=datetime.date(2016, 5, 12),
        venue="La Paz",
        directorate=Unit.objects.get(slug="bilateral-cooperation"),
    )


@pytest.fixture
def programme(commission):
    return Programme.objects.create(
        title_es=f"III Programa de Cooperación Técnica Argentina{DASH}Bolivia",
        title_en=f"Third Argentina{DASH}Bolivia Technical Cooperation Programme",
        slug="iii-programa-bolivia",
        commission=commission,
        number=3,
        period_start=datetime.date(2016, 6, 1),
        period_end=datetime.date(2018, 5, 31),
        midterm_date=datetime.date(2017, 6, 1),
        midterm_outcome_es="Se reprogramaron dos proyectos.",
        is_published=True,
    )


def budget(project, value, code):
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
        value=Decimal(value),
        currency=Currency.objects.get(code=code),
        value_date=datetime.date(2017, 1, 1),
    )


def test_meetings_are_numbered_in_roman_and_named_in_both_languages(
    commission, settings
):
    assert [roman(n) for n in (1, 4, 6, 9, 14, 40, 1990)] == [
        "I",
        "IV",
        "VI",
        "IX",
        "XIV",
        "XL",
        "MCMXC",
    ]
    assert str(commission) == (
        f"VI Reunión de la Comisión Mixta Argentina{DASH}Bolivia "
        "(Estado Plurinacional de), 2016"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        JointCommission.objects.create(
            country=commission.country,
            number=6,
            date=datetime.date(2020, 1, 1),
            directorate=commission.directorate,
        )


def test_a_programme_checks_its_period_and_its_evaluation(programme):
    programme.midterm_date = datetime.date(2019, 1, 1)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "midterm_date" in error.value.message_dict
    programme.midterm_date = None
    with pytest.raises(ValidationError) as error:
        programme.full_clean()  # an outcome without the meeting's date
    assert "midterm_date" in error.value.message_dict
    programme.midterm_date = datetime.date(2017, 6, 1)
    programme.period_end = datetime.date(2015, 1, 1)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "La evaluación de medio término" in str(error.value)


def test_the_programme_page_shows_its_commission_projects_budget_and_sectors(
    client, programme, make_project, django_assert_max_num_queries
):
    first = make_project(programme=programme, approved_on=datetime.date(2016, 5, 12))
    second = make_project(programme=programme, sectors=[("12220", 60), ("31120", 40)])
    draft = make_project(programme=programme, publication=Project.Publication.DRAFT)
    make_project()  # outside the programme
    budget(first, "1000.50", "USD")
    budget(second, "2000", "USD")
    budget(second, "300000", "ARS")
    budget(draft, "99999", "USD")
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "VI Reunión de la Comisión Mixta Argentina\N{EN DASH}Bolivia" in page
    assert "La Paz" in page
    assert list(response.context["projects"]) == sorted(
        [first, second], key=lambda p: p.title
    )
    assert draft.title not in page
    totals = {c.code: total for c, total in response.context["budget_totals"]}
    assert totals == {"ARS": Decimal("300000"), "USD": Decimal("3000.50")}
    sectors = {c.code: n for c, n in response.context["sectors"]}
    assert sectors == {"311": 2, "122": 1}
    assert "Se reprogramaron dos proyectos." in page
    assert "12 de mayo de 2016" in page  # the approval date, as es-AR writes it
    english = client.get(f"/en{programme.get_absolute_url()}").content.decode()
    assert (
        "Third Argentina\N{EN DASH}Bolivia Technical Cooperation Programme" in english
    )
    assert "Approved at the VI Joint Commission Argentina\N{EN DASH}Bolivia" in english


def test_the_programme_page_costs_the_same_with_two_and_with_eight_projects(
    client, programme, make_project, count_queries
):
    for _ in range(2):
        make_project(programme=programme)
    two = count_queries(client, programme.get_absolute_url())
    for _ in range(6):
        make_project(programme=programme)
    assert count_queries(client, programme.get_absolute_url()) == two


def test_an_unpublished_programme_is_for_staff_only(
    client, admin_client, programme, make_project
):
    programme.is_published = False
    programme.save()
    project = make_project(programme=programme)
    assert client.get(programme.get_absolute_url()).status_code == 404
    page = client.get(project.get_absolute_url()).content.decode()
    assert programme.get_absolute_url() not in page
    staff_page = admin_client.get(programme.get_absolute_url())
    assert staff_page.status_code == 200
    assert "solo el personal puede ver esta página" in staff_page.content.decode()
    assert client.get("/programmes/no-such-programme/").status_code == 404


def test_project_and_country_pages_link_to_the_programme(
    client, programme, make_project, commission
):
    project = make_project(programme=programme, approved_on=datetime.date(2016, 5, 12))
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{programme.get_absolute_url()}"' in page
    assert "Aprobado el" in page
    assert "aprobado en la VI Reunión de la Comisión Mixta" in page
    hidden = Programme.objects.create(
        title_es="Programa en preparación",
        slug="programa-en-preparacion",
        commission=JointCommission.objects.create(
            country=commission.country,
            number=7,
            date=datetime.date(2019, 4, 2),
            directorate=commission.directorate,
        ),
        number=4,
        period_start=datetime.date(2019, 6, 1),
        period_end=datetime.date(2021, 5, 31),
    )
    country = client.get(commission.country.get_absolute_url()).content.decode()
    assert "Comisiones mixtas y programas" in country
    assert "VII Reunión de la Comisión Mixta" in country  # the newer meeting
    assert country.index("VII Reunión") < country.index("VI Reunión de")
    assert f'href="{programme.get_absolute_url()}"' in country
    assert hidden.title not in country
    other = client.get(Country.objects.get(code="PY").get_absolute_url())
    assert "Comisiones mixtas" not in other.content.decode()


@pytest.fixture
def editor_client(client, django_user_model, references):
    """An Editor de proyectos of the Directorate of Multilateral Cooperation."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "editor-multilateral", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor de proyectos"))
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="multilateral-cooperation")
    )
    client.force_login(user)
    return client


def test_an_editor_changes_only_their_directorates_commissions_and_programmes(
    editor_client, programme
):
    url = f"/admin/projects/programme/{programme.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200  # read, not changed
    assert 'name="title_es"' not in page.content.decode()
    assert editor_client.post(url, {"title_es": "Otro"}).status_code == 403
    # Nor can it approve a programme at another directorate's commission.
    add = editor_client.get("/admin/projects/programme/add/")
    assert add.status_code == 200
    response = editor_client.post(
        "/admin/projects/programme/add/",
        {
            "title_es": "Programa ajeno",
            "slug": "programa-ajeno",
            "number": "4",
            "commission": str(programme.commission.pk),
            "period_start": "2020-01-01",
            "period_end": "2021-12-31",
            "projects-TOTAL_FORMS": "0",
            "projects-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "commission" in response.context["adminform"].form.errors
    assert not Programme.objects.filter(slug="programa-ajeno").exists()


@pytest.mark.django_db(transaction=True)
def test_projects_from_before_the_search_are_indexed_when_migrated(references):
    """A database from before the full-text search (0013) gets its projects
    indexed once `migrate` has brought it to the latest schema."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.proposals.test_upgrade import migrate

    ContentType.objects.clear_cache()
    try:
        apps = migrate([("projects", "0013_view_all_projects")])
        OldProject = apps.get_model("projects", "Project")
        OldProject.objects.create(
            slug="cuencas",
            title="Manejo de cuencas del altiplano",
            title_es="Manejo de cuencas del altiplano",
            modality="bilateral",
            status="2",
            publication="published",
        )
        migrate([("projects", "0015_programmes")])  # migrations alone never index
        assert not Project.objects.search("cuenca altiplano").exists()
        call_command("migrate", verbosity=0)  # the rest, then its post_migrate
        assert [p.slug for p in Project.objects.search("cuenca altiplano")] == [
            "cuencas"
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()


def test_the_programme_and_approval_date_go_through_a_spreadsheet(
    admin_client, programme, make_project
):
    from tests.projects.test_admin import confirm, export_csv, import_csv

    project = make_project(programme=programme, approved_on=datetime.date(2016, 5, 12))
    # With Bolivia, the programme's partner country (the publish checklist asks).
    other = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    rows = {row["slug"]: row for row in export_csv(admin_client)}
    assert rows[project.slug]["programme"] == programme.slug
    assert rows[project.slug]["approved_on"] == "2016-05-12"
    assert rows[other.slug]["programme"] == ""
    row = rows[other.slug] | {"programme": programme.slug, "approved_on": "2017-03-01"}
    assert confirm(admin_client, import_csv(admin_client, [row])).status_code == 302
    other.refresh_from_db()
    assert (other.programme, other.approved_on) == (
        programme,
        datetime.date(2017, 3, 1),
    )
    preview = import_csv(admin_client, [rows[project.slug] | {"programme": "no-such"}])
    assert preview.context["result"].has_validation_errors()
    page = preview.content.decode()
    assert "“no-such” no corresponde a ningún registro de programa bilateral" in page
    project.refresh_from_db()
    assert project.programme == programme


def test_the_sample_data_holds_programmes_with_missions_and_loads_once(
    client, references
):
    import io

    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_sample_projects", allow_production=True, stdout=out)
    assert "added: 0, 0, 0." in out.getvalue()
    programme = Programme.objects.get(slug="v-programa-argentina-bolivia-2024-2025")
    project = programme.projects.get()
    assert project.is_sample
    assert project.approved_on == programme.commission.date
    assert project.missions.count() == 2  # sample_money.json's
    page = client.get(programme.get_absolute_url()).text
    assert project.title in page
    assert "ejemplo" in page.lower()  # the sample notice
    assert Programme.objects.count() == 3


def test_the_programme_page_tells_decentralised_projects_apart(client, make_project):
    from django.utils import translation

    directorate = Unit.objects.get(slug="bilateral-cooperation")
    commission = JointCommission.objects.create(
        country=Country.objects.get(code="CL"),
        number=9,
        date=datetime.date(2020, 8, 20),
        directorate=directorate,
    )
    programme = Programme.objects.create(
        title_es="IX Programa Argentina–Chile",  # noqa: RUF001
        slug="ix-programa-argentina-chile",
        commission=commission,
        number=9,
        period_start=datetime.date(2020, 9, 1),
        period_end=datetime.date(2022, 8, 31),
        is_published=True,
    )
    partners = [("AR", "both"), ("CL", "both")]
    make_project(programme=programme, partners=partners)
    make_project(programme=programme, partners=partners, is_decentralised=True)
    with translation.override("en"):
        page = client.get(programme.get_absolute_url()).text
    assert "Of its 2 projects, 1 is decentralised cooperation" in page
    assert page.count('class="badge">decentralised<') == 1
