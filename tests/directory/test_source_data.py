"""The loaded directory matches the source document line by line."""

import io
import re

import pytest
from django.core.management import call_command

from directory.models import PhoneLine, Unit

TEL = re.compile(
    r"^Tel\. no\.?: (?P<number>\(\d+\) [\d-]+) Ext\.: "
    r"(?:(?P<reception>Reception Desk): )?(?P<extensions>\d+(?: / \d+)*)$"
)
DIRECT = re.compile(r"^Direct Tel\. No\.: (?P<number>.+)$")
FAX = re.compile(r"^Fax: (?P<number>.+)$")
ADDRESS = re.compile(
    r"^Address: (?P<street>[^,]+), Piso (?P<floor>\d+)"
    r"(?: Oficina (?:N°)?(?P<office>\d+))? "
    r"\((?P<postcode>[^)]+)\) (?P<city>C\.A\.B\.A\.)"
)


def parse_source(text):
    """{English unit name: {"lines": {(kind, number, extensions)}, "address": {...}}}"""
    units, current = {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("•") and "Tel" not in line:
            name = line.lstrip("• ").strip()
            if name.startswith(("General Directorate", "Directorate")):
                current = units.setdefault(name, {"lines": set(), "address": None})
            continue
        if current is None:
            continue
        if match := TEL.match(line):
            kind = "reception" if match["reception"] else "switchboard"
            current["lines"].add((kind, match["number"], match["extensions"]))
        elif match := DIRECT.match(line):
            current["lines"].add(("direct", match["number"], ""))
        elif match := FAX.match(line):
            current["lines"].add(("fax", match["number"], ""))
        elif match := ADDRESS.match(line):
            current["address"] = {k: v or "" for k, v in match.groupdict().items()}
    return units


@pytest.fixture
def source_units(source_directory_text):
    units = parse_source(source_directory_text)
    assert len(units) == 4, units.keys()
    return units


def test_every_source_unit_is_loaded_with_exactly_its_lines(
    directory_data, source_units
):
    for name, expected in source_units.items():
        unit = Unit.objects.get(name_en=name)
        loaded = {
            (line.kind, line.number, line.extensions) for line in unit.lines.all()
        }
        assert loaded == expected["lines"], name


def test_every_source_address_is_loaded_exactly(directory_data, source_units):
    for name, expected in source_units.items():
        unit = Unit.objects.get(name_en=name)
        loaded = {field: getattr(unit, field) for field in expected["address"]}
        assert loaded == expected["address"], name


def test_the_directory_holds_nothing_the_source_does_not(directory_data, source_units):
    assert Unit.objects.count() == len(source_units)
    assert PhoneLine.objects.count() == sum(
        len(u["lines"]) for u in source_units.values()
    )


def test_hierarchy_is_the_general_directorate_over_three_directorates(directory_data):
    head = Unit.objects.head_office()
    assert head.name_en == "General Directorate of International Cooperation"
    assert head.acronym == "DGCIN"
    assert sorted(head.children.values_list("name_en", flat=True)) == [
        "Directorate of Bilateral Cooperation",
        "Directorate of International Cooperation Projects",
        "Directorate of Multilateral Cooperation",
    ]


def test_both_languages_have_every_unit_name(directory_data):
    for unit in Unit.objects.all():
        assert unit.name_es
        assert unit.name_en
        assert unit.name_es != unit.name_en


def test_a_second_load_keeps_staff_edits_and_adds_what_is_missing(directory_data):
    bilateral = directory_data["bilateral-cooperation"]
    bilateral.office = "1210"
    bilateral.save()
    bilateral.lines.filter(kind="fax").delete()
    directory_data["international-cooperation-projects"].delete()

    out = io.StringIO()
    call_command("load_directory", stdout=out)

    bilateral.refresh_from_db()
    assert bilateral.office == "1210"
    assert not bilateral.lines.filter(kind="fax").exists()
    projects = Unit.objects.get(slug="international-cooperation-projects")
    assert projects.lines.count() == 2
    assert "1 unit(s) added" in out.getvalue()


def test_loading_records_history(directory_data):
    unit = directory_data["dgcin"]
    assert unit.history.count() == 1
    assert PhoneLine.history.filter(unit_id=unit.pk).count() == 3
