"""Accepting a proposal: the draft project goes to a directorate, whose editors are
told by e-mail."""

import pytest
from django.urls import reverse

from proposals import workflow
from proposals.models import Proposal, ProposalEvent

Status = Proposal.Status
Action = ProposalEvent.Action

pytestmark = pytest.mark.django_db


def test_accepting_asks_for_a_directorate_and_tells_its_editors(
    client,
    make_focal_point,
    make_proposal,
    reviewer,
    django_user_model,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """A reviewer who works in no directorate (or several) must choose one; the
    draft project belongs to it and its editors, only they, get an e-mail with the
    link to complete it."""
    from django.contrib.auth.models import Group

    from directory.models import StaffMembership, Unit

    reviewer.unit_memberships.all().delete()
    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    editors = Group.objects.get(name="Editor de proyectos")
    people = {}
    for name, unit in (("editora", multilateral), ("ajeno", reviewer_unit())):
        people[name] = django_user_model.objects.create_user(
            name, f"{name}@cancilleria.gob.ar", is_staff=True
        )
        people[name].groups.add(editors)
        StaffMembership.objects.create(user=people[name], unit=unit)
    user = make_focal_point()
    proposal = make_proposal(user, sent=True)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(proposal, Action.ACCEPT, reviewer)
    assert "Elegí la dirección" in refused.value.message
    proposal.refresh_from_db()
    assert (proposal.status, proposal.project) == (Status.UNDER_REVIEW, None)

    client.force_login(reviewer)
    page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    assert 'name="directorate"' in page.text
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:proposals_proposal_review", args=[proposal.pk]),
            {"action": Action.ACCEPT, "directorate": multilateral.pk},
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert proposal.project.directorate == multilateral
    to_editors = [m for m in mailoutbox if m.to == ["editora@cancilleria.gob.ar"]]
    assert len(to_editors) == 1
    change_url = reverse("admin:projects_project_change", args=[proposal.project.pk])
    assert change_url in to_editors[0].body
    assert "Dirección de Cooperación Multilateral" in to_editors[0].body
    assert not [m for m in mailoutbox if "ajeno@cancilleria.gob.ar" in m.to]


def reviewer_unit():
    from directory.models import Unit

    return Unit.objects.get(slug="bilateral-cooperation")
