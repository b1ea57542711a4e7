"""Issue 12, part 3: the form tells the focal point which fields may be published,
and an accepted proposal's project is made of those fields only."""

import pytest
from django.test import Client

from projects.models import Currency
from proposals import workflow
from proposals.sections import FIELDS, PUBLIC_FIELDS
from proposals.workflow import Action

pytestmark = pytest.mark.django_db
PRIVATE = {"endorsing_authority", "contact_name", "contact_email", "contact_phone"}


def test_contact_details_are_never_public_fields():
    assert set(FIELDS) >= PRIVATE
    assert not PRIVATE & set(PUBLIC_FIELDS)
    assert {"title", "summary", "background"} <= set(PUBLIC_FIELDS)


def test_the_form_marks_each_field_public_or_not(make_focal_point):
    client = Client()
    client.force_login(make_focal_point())
    form = client.get("/proposals/new/").context["form"]
    for name in FIELDS:
        text = str(form.fields[name].help_text)
        if name in PUBLIC_FIELDS:
            assert text.startswith("Público"), name
        else:
            assert text.startswith("No se publica"), name
    offered = set(form.fields["currency"].queryset.values_list("code", flat=True))
    assert "USD" in offered
    assert "HRK" not in offered
    assert not Currency.objects.get(code="HRK").is_offered


def test_the_project_of_an_accepted_proposal_holds_no_contact_details(
    make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user, contact_phone="+54 381 555-0100")
    for action, actor in (
        (Action.SUBMIT, user),
        (Action.START_REVIEW, reviewer),
        (Action.ACCEPT, reviewer),
    ):
        workflow.apply(proposal, action, actor)
    proposal.refresh_from_db()
    project = proposal.project
    texts = " ".join(
        getattr(project, f"{field}_{language}") or ""
        for field in ("title", "summary", "description", "objectives")
        for language in ("es", "en")
    )
    assert proposal.background in texts
    assert proposal.executing_institution in texts
    for private in (
        proposal.contact_name,
        proposal.contact_email,
        proposal.contact_phone,
        proposal.endorsing_authority,
    ):
        assert private not in texts


def test_the_projects_admin_page_points_to_its_proposal(
    admin_client, make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user)
    for action, actor in (
        (Action.SUBMIT, user),
        (Action.START_REVIEW, reviewer),
        (Action.ACCEPT, reviewer),
    ):
        workflow.apply(proposal, action, actor)
    proposal.refresh_from_db()
    page = admin_client.get(
        f"/admin/projects/project/{proposal.project_id}/change/"
    ).content.decode()
    assert f"/admin/proposals/proposal/{proposal.pk}/change/" in page
    assert "nunca se publican" in page


def test_the_proposals_list_names_its_all_options(reviewer):
    client = Client()
    client.force_login(reviewer)
    page = client.get("/proposals/").content.decode()
    assert "Todas las condiciones" in page
    assert "Todas las provincias" in page
