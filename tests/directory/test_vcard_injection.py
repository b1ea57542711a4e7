"""A unit's vCard carries its texts as values, whatever they hold: no line break,
however written, lets a name, an address or an extension start a property of its
own (vCard injection)."""

import pytest
import vobject
from model_bakery import baker

from directory.models import PhoneLine, Unit

pytestmark = pytest.mark.django_db

INJECTED = "EMAIL:evil@example"
# Every character some reader takes for the end of a line.
LINE_BREAKS = ["\r\n", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]
PROPERTIES = {"version", "kind", "fn", "org", "adr", "tel", "email", "url", "rev"}


def hostile_unit(line_break):
    text = f"Cooperación{line_break}{INJECTED}"
    unit = baker.make(
        Unit,
        kind="office",
        parent=None,
        slug="hostil",
        name_es=text,
        street=f"Esmeralda 1212{line_break}{INJECTED}",
        city=f"C.A.B.A.;{line_break}{INJECTED}",
        floor="12",
        postcode="C1007ABR",
        country="Argentina",
        email=f"dgcin@cancilleria.gob.ar{line_break}{INJECTED}",
    )
    # Written past the form's validators, as a bulk load or a shell could.
    PhoneLine.objects.create(
        unit=unit,
        kind=PhoneLine.Kind.SWITCHBOARD,
        number="(5411) 4819-7000",
        extensions=f"7268{line_break}{INJECTED}",
    )
    return unit


@pytest.mark.parametrize("line_break", LINE_BREAKS, ids=repr)
def test_no_text_of_a_unit_starts_a_property_of_its_own(client, line_break):
    unit = hostile_unit(line_break)
    response = client.get(f"/directory/{unit.slug}/vcard/")
    assert response.status_code == 200
    body = response.content.decode()
    # Lines end with CRLF and nowhere else; a folded line goes on with a space.
    lines = body.split("\r\n")
    assert lines.pop() == ""
    assert not any(c in line for line in lines for c in "".join(LINE_BREAKS))
    unfolded = [line for line in lines if not line.startswith(" ")]
    assert [line for line in unfolded if line.startswith("EMAIL")] == [
        f"EMAIL;TYPE=work:dgcin@cancilleria.gob.ar\\n{INJECTED}"
    ]

    card = vobject.readOne(body)
    assert set(card.contents) == PROPERTIES
    assert len(card.contents["email"]) == 1
    assert "evil@example" not in [email.value for email in card.contents["email"]]
    assert card.fn.value == f"Cooperación\n{INJECTED}"
    assert card.adr.value.street == f"Esmeralda 1212\n{INJECTED}"
    assert card.adr.value.city == f"C.A.B.A.;\n{INJECTED}"
    assert card.tel.value.startswith("tel:+541148197000;ext=7268")
    assert "\n" not in card.tel.value


def test_other_control_characters_are_dropped(client):
    unit = baker.make(
        Unit, kind="office", parent=None, slug="control", name_es="A\x01B\x1bC\x7fD"
    )
    card = vobject.readOne(client.get(f"/directory/{unit.slug}/vcard/").text)
    assert card.fn.value == "ABCD"
