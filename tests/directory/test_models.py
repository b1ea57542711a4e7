import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from model_bakery import baker

from directory.models import PhoneLine, Unit, to_e164


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("(5411) 4819-7000", "+541148197000"),
        ("(5411) 4819-8486", "+541148198486"),
        ("011 4819-7000", "+541148197000"),
        ("4819-7000", "+5448197000"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("0033 1 23 45 67 89", "+33123456789"),
    ],
)
def test_numbers_as_written_become_e164(written, e164):
    assert to_e164(written) == e164


def test_switchboard_lists_one_dial_target_per_extension():
    line = PhoneLine(
        kind="switchboard", number="(5411) 4819-7000", extensions="7268 / 8047"
    )
    assert line.dial_targets == [
        ("7268", "tel:+541148197000;ext=7268"),
        ("8047", "tel:+541148197000;ext=8047"),
    ]


def test_direct_line_has_a_single_dial_target():
    line = PhoneLine(kind="direct", number="(5411) 4819-8486")
    assert line.dial_targets == [("", "tel:+541148198486")]


@pytest.mark.django_db
def test_extensions_on_a_direct_line_are_refused_with_a_message():
    unit = baker.make(Unit, kind="directorate")
    line = PhoneLine(
        unit=unit, kind="direct", number="(5411) 4819-8486", extensions="12"
    )
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "extensions" in excinfo.value.message_dict


@pytest.mark.django_db
def test_the_database_refuses_extensions_on_a_fax():
    unit = baker.make(Unit, kind="directorate")
    with pytest.raises(IntegrityError):
        PhoneLine.objects.create(
            unit=unit, kind="fax", number="(5411) 4819-7272", extensions="1"
        )


@pytest.mark.django_db
def test_the_same_line_twice_in_a_unit_is_refused():
    unit = baker.make(Unit, kind="directorate")
    PhoneLine.objects.create(unit=unit, kind="fax", number="(5411) 4819-7272")
    duplicate = PhoneLine(unit=unit, kind="fax", number="(5411) 4819-7272")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("extensions", ["7268, 8047", "ext 12", "12 /", "abc"])
def test_badly_written_extensions_are_refused(extensions):
    unit = baker.make(Unit, kind="directorate")
    line = PhoneLine(
        unit=unit, kind="switchboard", number="(5411) 4819-7000", extensions=extensions
    )
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "extensions" in excinfo.value.message_dict


@pytest.mark.django_db
def test_a_number_with_letters_is_refused():
    unit = baker.make(Unit, kind="directorate")
    line = PhoneLine(unit=unit, kind="direct", number="call 4819-7000")
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "number" in excinfo.value.message_dict


@pytest.mark.django_db
def test_a_unit_cannot_be_placed_under_its_own_descendant():
    top = baker.make(Unit, kind="general-directorate", parent=None)
    child = baker.make(Unit, kind="directorate", parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as excinfo:
        top.full_clean()
    assert "parent" in excinfo.value.message_dict


@pytest.mark.django_db
def test_tree_puts_parents_before_children_with_depth(
    no_reference_data, django_assert_num_queries
):
    top = baker.make(Unit, kind="general-directorate", parent=None, position=0)
    second = baker.make(Unit, kind="directorate", parent=top, position=2)
    first = baker.make(Unit, kind="directorate", parent=top, position=1)
    grandchild = baker.make(Unit, kind="office", parent=first)
    with django_assert_num_queries(2):
        tree = Unit.objects.tree()
    assert tree == [top, first, grandchild, second]
    assert [unit.depth for unit in tree] == [0, 1, 2, 1]


def test_address_lines_read_in_the_active_language():
    from django.utils import translation

    unit = Unit(
        street="Esmeralda 1212",
        floor="12",
        office="1204",
        postcode="C1007ABR",
        city="C.A.B.A.",
    )
    with translation.override("en"):
        assert unit.street_line == "Esmeralda 1212, Floor 12, Office 1204"
    with translation.override("es"):
        assert unit.street_line == "Esmeralda 1212, Piso 12, Oficina 1204"
    assert unit.locality_line == "(C1007ABR) C.A.B.A."
