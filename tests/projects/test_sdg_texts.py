"""SDG goal and target titles as the General Assembly adopted them in A/RES/70/1.

tests/projects/data/sdg_a_res_70_1.json keeps the official text of the 17 goals and
169 targets in Spanish and English, with the short names of the UN's SDG icons and
the sources they were read from. These tests hold projects/data/sdgs.json, the
database the loader fills from it, and migration projects.0007_sdg_spanish_texts
(which corrects databases loaded before) to that text, word for word.

Texts are compared after ``normalise``: Unicode NFC, no-break spaces (U+00A0, U+202F)
as spaces, the hyphens U+2010 and U+2011 as "-", runs of white space as one space,
none at either end. UN documents set numbers and compounds ("5 años", "non-
communicable") with non-breaking spaces and hyphens for typesetting only, and each
copy of the text keeps or drops them (the copy of the UN Statistics Division's file
the official text was read from is even stored decomposed, NFKD); they are not part
of the wording.
"""

import json
import re
import unicodedata
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from projects.models import SdgGoal, SdgTarget

OFFICIAL = json.loads(
    (Path(__file__).parent / "data" / "sdg_a_res_70_1.json").read_text(encoding="utf-8")
)
DATA = json.loads(
    (Path(settings.BASE_DIR) / "projects" / "data" / "sdgs.json").read_text(
        encoding="utf-8"
    )
)
MIGRATION = import_module("projects.migrations.0007_sdg_spanish_texts")
BEFORE = [("projects", "0006_currency_corrections")]

# Target codes as IATI's UNSDG-Targets codelist writes them: "3.1", "3.a", "16.10".
TARGET_CODE = re.compile(r"(?P<goal>[1-9]|1[0-7])\.(?:[1-9]|1[0-9]|[a-d])")
SPACES = {0x00A0: " ", 0x202F: " ", 0x2010: "-", 0x2011: "-"}


def normalise(text):
    return " ".join(unicodedata.normalize("NFC", text).translate(SPACES).split())


def texts(rows, *fields):
    """{code: (normalised field values)} of ``rows`` (dicts)."""
    return {
        row["code"]: tuple(normalise(row[field]) for field in fields) for row in rows
    }


def differences(expected, actual):
    """The codes whose texts differ, with both versions, for a readable failure."""
    return {
        code: (expected.get(code), actual.get(code))
        for code in expected.keys() | actual.keys()
        if expected.get(code) != actual.get(code)
    }


GOAL_FIELDS = ("name_es", "name_en", "short_es", "short_en")
TARGET_FIELDS = ("goal", "name_es", "name_en")
OFFICIAL_GOALS = texts(OFFICIAL["goals"], *GOAL_FIELDS)
OFFICIAL_TARGETS = texts(OFFICIAL["targets"], *TARGET_FIELDS)


def test_normalise_drops_typesetting_but_not_wording():
    assert normalise("menores de 5\u00a0años") == "menores de 5 años"
    assert normalise("non\u2011communicable  diseases ") == "non-communicable diseases"
    assert normalise("2015\u20102030") == "2015-2030"
    # Decomposed accents (as the UNSD copy stores them) are the same letters.
    assert normalise("educacio\u0301n") == "educación"
    # A change of wording is not typesetting.
    assert normalise("para todos en todas las edades") != normalise(
        "de todos a todas las edades"
    )
    assert normalise("negotiation3") != normalise("negotiation")


def test_the_official_text_has_17_goals_and_169_targets():
    goals = [goal["code"] for goal in OFFICIAL["goals"]]
    targets = [target["code"] for target in OFFICIAL["targets"]]
    assert goals == [str(number) for number in range(1, 18)]
    assert len(targets) == 169
    assert len(set(targets)) == 169
    for target in OFFICIAL["targets"]:
        match = TARGET_CODE.fullmatch(target["code"])
        assert match, target["code"]
        assert match["goal"] == target["goal"]
    # Every goal has targets, every text is there in both languages.
    assert {target["goal"] for target in OFFICIAL["targets"]} == set(goals)
    for row in OFFICIAL["goals"] + OFFICIAL["targets"]:
        assert row["name_es"].strip(), row["code"]
        assert row["name_en"].strip(), row["code"]
    for source in OFFICIAL["sources"].values():
        assert source["retrieved"]
        assert "https://" in source["read_from"]


def test_the_official_text_reads_as_the_resolution():
    """A few titles that copies of the 2030 Agenda often get wrong."""
    goals = {goal["code"]: goal for goal in OFFICIAL["goals"]}
    targets = {target["code"]: target for target in OFFICIAL["targets"]}
    assert goals["3"]["name_es"] == (
        "Garantizar una vida sana y promover el bienestar de todos a todas las edades"
    )
    assert goals["7"]["name_es"] == (
        "Garantizar el acceso a una energía asequible, fiable, sostenible y moderna "
        "para todos"
    )
    assert targets["3.1"]["name_es"].startswith("De aquí a 2030, reducir la tasa")
    assert targets["6.1"]["name_es"] == (
        "De aquí a 2030, lograr el acceso universal y equitativo al agua potable a un "
        "precio asequible para todos"
    )
    assert targets["14.6"]["name_en"].endswith("fisheries subsidies negotiation")


def test_the_data_file_has_the_official_text():
    assert texts(DATA["goals"], *GOAL_FIELDS) == OFFICIAL_GOALS, differences(
        OFFICIAL_GOALS, texts(DATA["goals"], *GOAL_FIELDS)
    )
    assert texts(DATA["targets"], *TARGET_FIELDS) == OFFICIAL_TARGETS, differences(
        OFFICIAL_TARGETS, texts(DATA["targets"], *TARGET_FIELDS)
    )
    # In the order of the resolution: the loader numbers the targets by it.
    assert [row["code"] for row in DATA["targets"]] == [
        row["code"] for row in OFFICIAL["targets"]
    ]
    assert "A/RES/70/1" in DATA["source"]


def database_goals():
    return {
        goal.code: tuple(
            normalise(value)
            for value in (
                goal.name_es,
                goal.name_en,
                goal.short_name_es,
                goal.short_name_en,
            )
        )
        for goal in SdgGoal.objects.all()
    }


def database_targets():
    return {
        target.code: tuple(
            normalise(value)
            for value in (target.goal.code, target.name_es, target.name_en)
        )
        for target in SdgTarget.objects.select_related("goal")
    }


@pytest.mark.django_db
def test_the_loaded_database_has_the_official_text():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    goals, targets = database_goals(), database_targets()
    assert goals == OFFICIAL_GOALS, differences(OFFICIAL_GOALS, goals)
    assert targets == OFFICIAL_TARGETS, differences(OFFICIAL_TARGETS, targets)
    # Goals by number, targets in the resolution's order within each goal.
    assert list(SdgGoal.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert list(SdgTarget.objects.values_list("code", flat=True)) == [
        row["code"] for row in OFFICIAL["targets"]
    ]


def test_the_migration_writes_the_official_text():
    """Each pair the migration embeds goes from the old text to the official one,
    and it covers every title the data file corrected."""
    official = {
        "SdgGoal": {row["code"]: row for row in OFFICIAL["goals"]},
        "SdgTarget": {row["code"]: row for row in OFFICIAL["targets"]},
    }
    for model, pairs in (
        ("SdgGoal", MIGRATION.GOALS),
        ("SdgTarget", MIGRATION.TARGETS),
    ):
        for code, language, old, new in pairs:
            assert new == official[model][code][f"name_{language}"], code
            assert normalise(old) != normalise(new), code
    corrected = {(code, language) for code, language, *_ in MIGRATION.GOALS}
    assert corrected == {
        ("1", "es"),
        ("3", "es"),
        ("4", "es"),
        ("5", "es"),
        ("6", "es"),
        ("7", "es"),
    }
    assert [(code, language) for code, language, *_ in MIGRATION.TARGETS] == [
        ("14.6", "en")
    ]


def migrate(targets):
    """Migrate the test database to ``targets``; the apps of the state it is then in."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


EDITED = "Igualdad de género (texto revisado por el equipo)"


@pytest.mark.django_db(transaction=True)
def test_migration_corrects_old_titles_and_keeps_staff_edits():
    try:
        # Back before the correction: the loaded titles go back to the old text.
        old_apps = migrate(BEFORE)
        OldGoal = old_apps.get_model("projects", "SdgGoal")
        OldTarget = old_apps.get_model("projects", "SdgTarget")
        for code, language, old, _new in MIGRATION.GOALS:
            goal = OldGoal.objects.get(code=code)
            assert getattr(goal, f"name_{language}") == old, code
            assert goal.name == goal.name_es, code
        target = OldTarget.objects.get(code="14.6")
        assert target.name_en == MIGRATION.TARGETS[0][2]

        # Staff edited goal 5 in Spanish before upgrading.
        OldGoal.objects.filter(code="5").update(name_es=EDITED, name=EDITED)
        history_before = SdgGoal.history.count() + SdgTarget.history.count()

        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

        goals, targets = database_goals(), database_targets()
        expected_goals = dict(OFFICIAL_GOALS)
        expected_goals["5"] = (normalise(EDITED), *OFFICIAL_GOALS["5"][1:])
        assert goals == expected_goals, differences(expected_goals, goals)
        assert targets == OFFICIAL_TARGETS, differences(OFFICIAL_TARGETS, targets)
        # The untranslated column follows the Spanish one.
        for goal in SdgGoal.objects.filter(code__in=["1", "3", "4", "6", "7"]):
            assert goal.name == goal.name_es, goal.code
        assert SdgGoal.objects.get(code="5").name == EDITED

        # Each corrected row has a history entry, with the reason; goal 5 has none.
        reason = MIGRATION.REASON
        assert sorted(
            SdgGoal.history.filter(history_change_reason=reason).values_list(
                "code", flat=True
            )
        ) == ["1", "3", "4", "6", "7"]
        (entry,) = SdgTarget.history.filter(history_change_reason=reason)
        assert entry.code == "14.6"
        assert entry.history_type == "~"
        assert entry.name_en == MIGRATION.TARGETS[0][3]
        assert SdgGoal.history.count() + SdgTarget.history.count() == (
            history_before + 6
        )
    finally:
        # Always back to the latest schema: the tests after this one need it.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
