"""A project's main SDG, IATI defaults, policy markers, beneficiaries and its
indicators' periods: rules, admin, history and page."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from projects.models import (
    Beneficiary,
    Indicator,
    IndicatorPeriod,
    PolicyMarker,
    Project,
    Result,
    SdgGoal,
)
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import set_rows

pytestmark = pytest.mark.django_db


def messages(error, field):
    with translation.override("en"):
        return [str(message) for message in error.value.message_dict[field]]


def es(message, **params):
    """``message`` as the Spanish admin shows it (English until the catalogue
    has it)."""
    with translation.override("es"):
        return str(gettext(message)) % params if params else str(gettext(message))


# Rules -------------------------------------------------------------------------


def test_a_new_project_has_the_defaults_of_fo_ar_technical_cooperation(make_project):
    project = make_project()
    assert (
        project.default_flow_type,
        project.default_finance_type,
        project.default_aid_type,
        project.default_tied_status,
    ) == ("10", "110", "D02", "5")


@pytest.mark.parametrize(
    ("code", "significance", "allowed"),
    [
        ("1", "2", True),
        ("8", "3", True),  # desertification: in support of an action programme
        ("9", "3", True),  # RMNCH: its 0 to 4 scale
        ("9", "4", True),
        ("1", "3", False),
        ("8", "4", False),
        ("12", "4", False),
    ],
)
def test_some_significances_are_for_some_markers_only(
    make_project, code, significance, allowed
):
    marker = PolicyMarker(project=make_project(), code=code, significance=significance)
    if allowed:
        marker.full_clean()
        marker.save()
        return
    with translation.override("en"), pytest.raises(ValidationError) as error:
        marker.clean()
    assert "does not apply to the" in messages(error, "significance")[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        marker.save()


def test_a_marker_is_given_once_per_project(make_project):
    project = make_project()
    PolicyMarker.objects.create(project=project, code="1", significance="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyMarker.objects.create(project=project, code="1", significance="2")


def test_women_and_men_never_add_up_to_more_than_the_total(make_project):
    project = make_project()
    group = Beneficiary(project=project, kind="trained", number=40, women=25, men=20)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        group.full_clean()
    assert messages(error, "men") == [
        "Women and men together (45) cannot be more than the total (40)."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        group.save()
    group.men = 15
    group.full_clean()
    group.save()


def test_institutions_are_not_split_into_women_and_men(make_project):
    group = Beneficiary(project=make_project(), kind="institutions", number=3, women=1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "Only people can be counted" in messages(error, "women")[0]


@pytest.fixture
def indicator(make_project):
    project = make_project(planned_start=datetime.date(2024, 1, 1))
    result = Result.objects.create(project=project, title_es="Técnicos capacitados")
    return Indicator.objects.create(
        result=result, title_es="Técnicos", target_value=40, actual_value=12
    )


def test_a_period_ends_after_it_starts(indicator):
    period = IndicatorPeriod(
        indicator=indicator,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert messages(error, "period_end") == ["The period ends before it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        period.save()


def test_an_actual_value_only_for_a_period_that_has_started(indicator):
    today = timezone.localdate()
    period = IndicatorPeriod(
        indicator=indicator,
        period_start=today + datetime.timedelta(days=1),
        period_end=today + datetime.timedelta(days=365),
        target_value=10,
        actual_value=2,
    )
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "has not started yet" in messages(error, "actual_value")[0]
    period.period_start = today
    period.full_clean()


def test_a_qualitative_indicator_has_no_figures_in_its_periods(indicator):
    indicator.measure = Indicator.Measure.QUALITATIVE
    indicator.target_value = indicator.actual_value = None
    indicator.save()
    period = IndicatorPeriod(
        indicator=indicator,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        target_value=3,
    )
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "qualitative indicator" in messages(error, "target_value")[0]


def test_the_main_goal_comes_first(make_project):
    project = make_project(main_sdg=SdgGoal.objects.get(number=13))
    project.sdg_goals.set(SdgGoal.objects.filter(number__in=[2, 13, 15]))
    project = Project.objects.prefetch_related("sdg_goals").get(pk=project.pk)
    assert [goal.number for goal in project.sdg_goals_main_first()] == [13, 2, 15]


# Admin -------------------------------------------------------------------------


def change_url(project):
    return f"/admin/projects/project/{project.pk}/change/"


def post(client, url, data):
    response = client.post(url, data)
    if response.status_code != 302:
        context = response.context
        errors = [context["adminform"].form.errors] + [
            (fs.formset.prefix, fs.formset.errors, fs.formset.non_form_errors())
            for fs in context["inline_admin_formsets"]
        ]
        return response, errors
    return response, None


def test_staff_set_main_goal_defaults_markers_and_beneficiaries_in_one_save(
    admin_client, make_project
):
    project = make_project()
    data = change_form_data(admin_client.get(change_url(project)))
    data["main_sdg"] = str(SdgGoal.objects.get(number=2).pk)
    data["default_flow_type"] = "21"
    data["target_groups_es"] = "Extensionistas y familias productoras."
    set_rows(
        data,
        "policy_markers",
        [{"code": "1", "significance": "1"}, {"code": "7", "significance": "2"}],
    )
    set_rows(
        data,
        "beneficiaries",
        [
            {
                "kind": "trained",
                "number": "40",
                "women": "22",
                "men": "18",
                "description_es": "extensionistas",
                "position": "0",
            }
        ],
    )
    _response, errors = post(admin_client, change_url(project), data)
    assert errors is None, errors
    project.refresh_from_db()
    assert project.main_sdg.number == 2
    # The main goal is among the project's goals.
    assert list(project.sdg_goals.values_list("number", flat=True)) == [2]
    assert project.default_flow_type == "21"
    assert sorted(project.policy_markers.values_list("code", "significance")) == [
        ("1", "1"),
        ("7", "2"),
    ]
    assert project.beneficiaries.get().women == 22

    history = admin_client.get(f"/admin/projects/project/{project.pk}/history/")
    newest = history.context["page_obj"][0].lines
    added = "%(subject)s added (%(details)s)"
    with translation.override("es"):
        marker = es("Policy marker %(marker)s", marker=gettext("Gender equality"))
        group = es(
            "Beneficiaries: %(kind)s", kind=es("trained technicians and professionals")
        )
        significant = str(PolicyMarker(significance="1").get_significance_display())
    assert es(added, subject=marker, details=significant) in newest
    assert es(added, subject=group, details="40") in newest


def test_the_change_form_puts_a_bad_row_beside_its_field(admin_client, make_project):
    project = make_project()
    data = change_form_data(admin_client.get(change_url(project)))
    set_rows(
        data,
        "policy_markers",
        [
            {"code": "1", "significance": "4"},
            {"code": "2", "significance": "1"},
            {"code": "2", "significance": "2"},
        ],
    )
    set_rows(
        data,
        "beneficiaries",
        [{"kind": "people", "number": "10", "women": "8", "men": "8", "position": "0"}],
    )
    response, errors = post(admin_client, change_url(project), data)
    assert errors is not None
    page = response.text
    with translation.override("es"):
        marker = PolicyMarker(code="1", significance="4")
        refused = es(
            "“%(significance)s” does not apply to the %(marker)s marker.",
            significance=marker.get_significance_display(),
            marker=marker.get_code_display(),
        )
    assert html.escape(refused) in page
    markers = next(
        fs.formset
        for fs in response.context["inline_admin_formsets"]
        if fs.formset.prefix == "policy_markers"
    )
    assert markers.non_form_errors()  # the same marker twice
    assert (
        es(
            "Women and men together (%(parts)s) cannot be more than the total "
            "(%(total)s).",
            parts=16,
            total=10,
        )
        in page
    )
    assert not PolicyMarker.objects.filter(project=project).exists()


def test_periods_are_edited_on_the_indicator_page_and_must_not_overlap(
    admin_client, indicator
):
    url = f"/admin/projects/indicator/{indicator.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    rows = [
        {
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "target_value": "20",
            "actual_value": "12",
            "comment_es": "Primera cohorte",
        },
        {
            "period_start": "2024-12-01",
            "period_end": "2025-12-31",
            "target_value": "20",
        },
    ]
    set_rows(data, "periods", rows)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    (overlap,) = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    # The dates as the admin's language writes them, never ISO.
    assert overlap == es(
        "The periods %(first)s and %(second)s overlap: an indicator's periods "
        "follow one another.",
        first=es("%(start)s to %(end)s", start="01/01/2024", end="31/12/2024"),
        second=es("%(start)s to %(end)s", start="01/12/2024", end="31/12/2025"),
    )
    assert "2024-" not in overlap
    assert not indicator.periods.exists()

    rows[1]["period_start"] = "2025-01-01"
    set_rows(data, "periods", rows)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(indicator.periods.values_list("target_value", flat=True)) == [20, 20]
    # The result's page links to it; the project's history tells the save.
    result_page = admin_client.get(
        f"/admin/projects/result/{indicator.result_id}/change/"
    )
    assert url in result_page.text
    project = indicator.result.project
    history = admin_client.get(f"/admin/projects/project/{project.pk}/history/")
    lines = history.context["page_obj"][0].lines
    period = es(
        "Indicator period from %(start)s to %(end)s",
        start="01/01/2024",
        end="31/12/2024",
    )
    assert any(line.startswith(period) for line in lines)


def test_another_directorates_editor_cannot_change_the_periods(
    client, indicator, django_user_model
):
    from django.contrib.auth.models import Group

    from directory.models import StaffMembership, Unit

    user = django_user_model.objects.create_user(
        "otra", "otra@example.org", "x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor de proyectos"))
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="multilateral-cooperation")
    )
    client.force_login(user)
    url = f"/admin/projects/indicator/{indicator.pk}/change/"
    response = client.get(url)
    # Published project of another directorate: readable, not editable.
    assert response.status_code == 200
    assert 'name="periods-0-period_start"' not in response.text
    data = change_form_data(response)
    assert client.post(url, data).status_code == 403


# Page --------------------------------------------------------------------------


def fill(project, indicator=None, rows=1):
    goals = SdgGoal.objects.filter(number__in=[2, 13])
    project.sdg_goals.set(goals)
    project.main_sdg = goals.get(number=13)
    project.target_groups_es = "Familias productoras del Chaco."
    project.save()
    for code in ["1", "7", "12"][:rows]:
        PolicyMarker.objects.create(project=project, code=code, significance="2")
    for number in range(rows):
        Beneficiary.objects.create(
            project=project, kind="trained", number=40 + number, women=22, men=18
        )
    if indicator is not None:
        for year in range(2024, 2024 + rows):
            IndicatorPeriod.objects.create(
                indicator=indicator,
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                target_value=20,
                actual_value=12,
                comment_es=f"Cohorte {year}",
            )


def test_the_page_shows_the_main_goal_first_markers_beneficiaries_and_periods(
    client, indicator
):
    project = indicator.result.project
    fill(project, indicator)
    page = client.get(f"/en{project.get_absolute_url()}").text
    assert page.index("13. ") < page.index("2. ")
    assert 'class="badge">main</strong>' in page
    assert "Gender equality</strong>: a main objective" in page
    assert "22 women" in page
    assert "18 men" in page
    assert "Técnicos, by period" in page
    assert "Cohorte 2024" in page
    spanish = client.get(project.get_absolute_url()).text
    assert "Familias productoras del Chaco." in spanish


def test_the_page_makes_no_more_queries_with_more_rows(
    client, make_project, count_queries
):
    def made(rows):
        project = make_project()
        result = Result.objects.create(project=project, title_es="Resultado")
        indicator = Indicator.objects.create(result=result, title_es="Indicador")
        fill(project, indicator, rows)
        return project

    few, many = made(1), made(3)
    assert count_queries(client, many.get_absolute_url()) == count_queries(
        client, few.get_absolute_url()
    )


def test_the_migration_gives_a_project_with_one_goal_its_main_goal(make_project):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("projects.migrations.0019_iati_fields")
    one, several, none = make_project(), make_project(), make_project()
    one.sdg_goals.set(SdgGoal.objects.filter(number=6))
    several.sdg_goals.set(SdgGoal.objects.filter(number__in=[2, 13]))
    migration.main_sdg_of_single_goal(apps, None)
    assert Project.objects.get(pk=one.pk).main_sdg.number == 6
    assert Project.objects.get(pk=several.pk).main_sdg is None
    assert Project.objects.get(pk=none.pk).main_sdg is None
