"""The main SDG is always one of the project's SDGs, whatever saves it (a model
save, a form's or an import's goals, a draft, either side of the relation), and the
project spreadsheet carries it with the IATI defaults and the target groups."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from projects.models import SdgGoal

pytestmark = pytest.mark.django_db


def es(message, **params):
    with translation.override("es"):
        return str(gettext(message)) % params if params else str(gettext(message))


def goal_numbers(project):
    return sorted(project.sdg_goals.values_list("number", flat=True))


def test_saving_a_main_goal_makes_it_one_of_the_projects_goals(make_project):
    project = make_project()
    project.main_sdg = SdgGoal.objects.get(number=13)
    project.save()
    assert goal_numbers(project) == [13]


@pytest.mark.parametrize(
    "drop",
    [
        lambda project: project.sdg_goals.set(SdgGoal.objects.filter(number=2)),
        lambda project: project.sdg_goals.remove(SdgGoal.objects.get(number=13)),
        lambda project: project.sdg_goals.clear(),
        lambda project: SdgGoal.objects.get(number=13).projects.remove(project),
        lambda project: SdgGoal.objects.get(number=13).projects.clear(),
    ],
    ids=["set", "remove", "clear", "goal-remove", "goal-clear"],
)
def test_the_main_goal_cannot_be_taken_out_of_the_goals(make_project, drop):
    project = make_project(main_sdg=SdgGoal.objects.get(number=13))
    drop(project)
    assert 13 in goal_numbers(project)


def test_a_goals_other_projects_lose_it_as_asked(make_project):
    goal = SdgGoal.objects.get(number=13)
    main, other = make_project(main_sdg=goal), make_project()
    other.sdg_goals.add(goal)
    goal.projects.clear()
    assert goal_numbers(main) == [13]
    assert goal_numbers(other) == []


def test_a_draft_project_keeps_its_main_goal(references):
    from projects.drafts import DraftProject, create_draft_project

    draft = DraftProject(
        title="Borrador", sdg_goals=list(SdgGoal.objects.filter(number=2))
    )
    project = create_draft_project(draft)
    project.main_sdg = SdgGoal.objects.get(number=5)
    project.save()
    project.sdg_goals.set(draft.sdg_goals)  # as the draft's goals are set
    assert goal_numbers(project) == [2, 5]


def test_the_json_names_a_main_goal_saved_without_its_goals(client, make_project):
    project = make_project(main_sdg=SdgGoal.objects.get(number=13))
    response = client.get(f"/projects/{project.slug}.json")
    (record,) = json.loads(b"".join(response.streaming_content))["projects"]
    assert record["main_sdg"] == 13
    assert [goal["number"] for goal in record["sdg_goals"]] == [13]


def test_the_spreadsheet_carries_the_main_goal_defaults_and_target_groups(
    admin_client, make_project
):
    from tests.projects.test_admin import confirm, import_csv
    from tests.projects.test_reimport import export, rows_of

    project = make_project(main_sdg=SdgGoal.objects.get(number=6))
    (row,) = rows_of(export(admin_client, "/admin/projects/project/", "csv"), "csv")
    assert {
        key: row[key]
        for key in (
            "main_sdg",
            "default_flow_type",
            "default_finance_type",
            "default_aid_type",
            "default_tied_status",
            "target_groups_es",
        )
    } == {
        "main_sdg": "6",
        "default_flow_type": "10",
        "default_finance_type": "110",
        "default_aid_type": "D02",
        "default_tied_status": "5",
        "target_groups_es": "",
    }
    row.update(
        main_sdg="13",
        default_flow_type="21",
        default_tied_status="",  # left as it is
        target_groups_es="Técnicos del servicio hidrológico.",
    )
    preview = import_csv(admin_client, [row])
    assert not preview.context["result"].has_validation_errors()
    assert confirm(admin_client, preview).status_code == 302
    project.refresh_from_db()
    assert (project.main_sdg.number, project.default_flow_type) == (13, "21")
    assert project.default_tied_status == "5"
    assert project.target_groups_es == "Técnicos del servicio hidrológico."
    assert goal_numbers(project) == [6, 13]  # the new main goal is among them


def test_a_spreadsheet_code_no_list_has_is_refused_with_the_codes(
    admin_client, make_project
):
    from tests.projects.test_admin import import_csv
    from tests.projects.test_reimport import export, rows_of

    project = make_project()
    (row,) = rows_of(export(admin_client, "/admin/projects/project/", "csv"), "csv")
    row.update(main_sdg="18", default_flow_type="35", default_aid_type="d02")
    preview = import_csv(admin_client, [row])
    result = preview.context["result"]
    assert result.has_validation_errors()
    (refused,) = result.invalid_rows
    errors = {
        field: [str(message) for message in messages]
        for field, messages in refused.field_specific_errors.items()
    }
    assert errors["main_sdg"] == [
        es("“%(value)s” is not an SDG: write the goal's number, 1 to 17.", value="18")
    ]
    codes = "10, 21, 22, 30, 36, 37, 40, 50"
    flow = es("flow type")
    assert errors["default_flow_type"] == [
        es(
            "“%(value)s” is not a code of the %(list)s list: write one of %(codes)s.",
            value="35",
            list=flow,
            codes=codes,
        )
    ]
    assert "D02" in errors["default_aid_type"][0]
    project.refresh_from_db()
    assert project.main_sdg is None
    assert project.default_flow_type == "10"


def test_the_migration_gives_a_single_goal_as_the_main_one(make_project):
    import importlib

    from django.apps import apps

    single, several, none = make_project(), make_project(), make_project()
    # Stored as before the main SDG existed: rows written without signals.
    Through = type(single).sdg_goals.through
    Through.objects.filter(project__in=[single, several, none]).delete()
    type(single).objects.filter(pk__in=[single.pk, several.pk, none.pk]).update(
        main_sdg=None
    )
    for project, numbers in ((single, [6]), (several, [2, 13])):
        Through.objects.bulk_create(
            Through(project=project, sdggoal=goal)
            for goal in SdgGoal.objects.filter(number__in=numbers)
        )
    migration = importlib.import_module(
        "projects.migrations.0030_main_sdg_of_a_single_goal"
    )
    migration.main_sdg_of_a_single_goal(apps, None)
    mains = {p: type(p).objects.get(pk=p.pk).main_sdg for p in (single, several, none)}
    assert mains[single].number == 6
    assert mains[several] is None
    assert mains[none] is None
