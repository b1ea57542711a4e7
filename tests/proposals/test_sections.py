"""One list of the proposal's fields (proposals/sections.py): the form, the
submission check, the review admin and the proposal's page all follow it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from proposals import workflow
from proposals.admin import ProposalAdmin
from proposals.models import Proposal
from proposals.sections import FIELDS, REQUIRED_FIELDS, SECTIONS

# Fields the portal fills in itself, never the focal point.
SET_BY_THE_PORTAL = {
    "id",
    "province",
    "status",
    "created_by",
    "project",
    "created_at",
    "updated_at",
    "submitted_at",
}


def test_every_field_a_focal_point_fills_is_in_one_section():
    model_fields = {
        field.name
        for field in Proposal._meta.get_fields()
        if (field.concrete and not field.auto_created) or field.many_to_many
    }
    assert len(FIELDS) == len(set(FIELDS))
    assert set(FIELDS) == model_fields - SET_BY_THE_PORTAL


def test_a_submission_needs_every_field_but_the_call_co_financing_and_phone():
    assert [name for name in FIELDS if name in REQUIRED_FIELDS] == REQUIRED_FIELDS
    assert set(FIELDS) - set(REQUIRED_FIELDS) == {
        "call",
        "cofinancing",
        "contact_phone",
    }


def test_an_empty_draft_lacks_every_required_field_in_the_forms_order(
    make_focal_point, make_proposal
):
    draft = make_proposal(make_focal_point(), complete=False)
    missing = [name for name, _message in workflow.missing_fields(draft) if name]
    assert missing == [name for name in REQUIRED_FIELDS if name != "title"]


@pytest.fixture
def every_field(make_focal_point, make_proposal, make_call):
    """A focal point and their proposal with a recognisable value in every field."""
    user = make_focal_point()
    call = make_call(title="Convocatoria de prueba con Paraguay")
    field = Proposal._meta.get_field
    texts = {
        name: f"Texto de {name}"
        for name in FIELDS
        if field(name).get_internal_type() in {"CharField", "TextField"}
        and not field(name).choices
    }
    proposal = make_proposal(
        user,
        **texts
        | {
            "contact_email": "contacto@example.gob.ar",
            "duration_months": 18,
            "estimated_budget": Decimal("850"),
            "call": call,
        },
    )
    return user, proposal


def shown_values(proposal):
    """{field: text that shows its value on a page}."""
    values = {}
    for name in FIELDS:
        field = Proposal._meta.get_field(name)
        if field.many_to_many:
            values[name] = str(getattr(proposal, name).first())
        elif field.choices:
            values[name] = getattr(proposal, f"get_{name}_display")()
        elif name == "currency":
            values[name] = proposal.currency.code
        elif name == "estimated_budget":
            values[name] = "850,00"
        else:
            values[name] = str(getattr(proposal, name))
    return values


def not_shown(proposal, page):
    return {
        name: value
        for name, value in shown_values(proposal).items()
        if value not in page
    }


def test_the_form_asks_for_every_field_in_its_sections(client, every_field):
    user, proposal = every_field
    client.force_login(user)
    page = client.get(reverse("proposals:proposal-edit", args=[proposal.pk])).text
    positions = [page.index(f'name="{name}"') for name in FIELDS]
    assert positions == sorted(positions)


def test_the_page_shows_every_field(client, every_field):
    user, proposal = every_field
    client.force_login(user)
    page = client.get(proposal.get_absolute_url()).text
    with translation.override("es"):
        headings = [page.index(f">{section.title}</h2>") for section in SECTIONS]
    assert headings == sorted(headings)
    assert not_shown(proposal, page) == {}
    assert "18 meses" in page
    assert "Cofinanciamiento" in page


def test_the_admin_shows_every_field_in_the_same_sections(
    client, every_field, reviewer
):
    user, proposal = every_field
    workflow.apply(proposal, "submit", user)  # reviewers read sent proposals
    client.force_login(reviewer)
    page = client.get(
        reverse("admin:proposals_proposal_change", args=[proposal.pk])
    ).text
    positions = [page.index(f"field-{name}") for name in FIELDS]
    assert positions == sorted(positions)
    assert not_shown(proposal, page) == {}


# Texts worked out in the language of the request, not of the import


@pytest.mark.parametrize(
    ("prefix", "expected", "not_expected"),
    [("", "MB como máximo", "MB at most"), ("/en", "MB at most", "como máximo")],
)
def test_the_upload_help_is_in_the_pages_language(
    client, make_focal_point, prefix, expected, not_expected
):
    client.force_login(make_focal_point())
    with translation.override("es"):
        path = reverse("proposals:proposal-create")
    page = client.get(prefix + path).text
    assert f"10 {expected}" in page
    assert not_expected not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Iniciar la revisión: las propuestas seleccionadas"),
        ("en", "Start the review: the selected proposals"),
    ],
)
def test_the_review_actions_are_named_in_the_active_language(language, expected):
    """The admin answers in Spanish today; its actions are named in whatever
    language is active when the list is shown, not when the module was imported."""
    with translation.override(language):
        names = [str(action.short_description) for action in ProposalAdmin.actions]
    assert expected in names
