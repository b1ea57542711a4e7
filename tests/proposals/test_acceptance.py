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


def chosen(page, name):
    """The value a browser sends back for the select ``name`` of ``page``."""
    from lxml import html

    (select,) = html.fromstring(page.text).xpath(f'//select[@name="{name}"]')
    return "".join(o.get("value") for o in select.xpath(".//option[@selected]"))


def test_accepting_from_the_list_keeps_each_calls_directorate(
    client, make_focal_point, make_proposal, make_call, reviewer
):
    """A reviewer of Bilateral Cooperation accepts two proposals of a call of
    Multilateral Cooperation from the list, sending back the confirmation form as
    it came: both become drafts of Multilateral, the call's directorate."""
    from directory.models import Unit

    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    call = make_call(directorate=multilateral)
    user = make_focal_point()
    proposals = [
        make_proposal(user, call=call, sent=True, title=title)
        for title in ("Apicultura en el Chaco", "Agua segura en el Chaco")
    ]
    for proposal in proposals:
        workflow.apply(proposal, Action.START_REVIEW, reviewer)
    client.force_login(reviewer)
    url = reverse("admin:proposals_proposal_changelist")
    data = {
        "action": "review_accept",
        "_selected_action": [proposal.pk for proposal in proposals],
        "index": "0",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    assert chosen(page, "directorate") == ""
    assert "la dirección de la convocatoria de cada propuesta" in page.text
    client.post(
        url,
        data
        | {
            "confirm": "yes",
            "directorate": chosen(page, "directorate"),
            "programme": chosen(page, "programme"),
        },
    )
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.status == Status.ACCEPTED
        assert proposal.project.directorate == multilateral
        assert proposal.project.publication == proposal.project.Publication.DRAFT


def combinations():
    from projects.models import Participation

    return [
        (modality, role)
        for modality, roles in Participation.ROLES_BY_MODALITY.items()
        for role in sorted(roles)
    ]


@pytest.mark.parametrize(("modality", "role"), combinations())
def test_the_draft_of_an_accepted_proposal_saves_unchanged(
    admin_client, make_focal_point, make_proposal, make_call, reviewer, modality, role
):
    """Whatever the modality and Argentina's role, staff can save the draft made
    from an accepted proposal without touching a field: Argentina's own row never
    has a role the project form refuses (a recipient or participant Argentina is
    accountable, IATI role 2, its executing institution implements)."""
    from projects.models import Participation
    from tests.projects.test_admin_keeps_work import change_form_data

    call = make_call(programme=True)
    proposal = make_proposal(
        make_focal_point(), call=call, sent=True, modality=modality, argentina_role=role
    )
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.ACCEPT, reviewer)
    project = Proposal.objects.get(pk=proposal.pk).project
    argentina = project.participations.get(country__code="AR")
    assert argentina.segib_role == role
    providing = role in {"provider", "both", "first-provider", "second-provider"}
    assert argentina.iati_role == (
        Participation.IatiRole.FUNDING
        if providing
        else Participation.IatiRole.ACCOUNTABLE
    )
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = change_form_data(admin_client.get(url))
    response = admin_client.post(url, data)
    errors = response.context and [
        response.context["adminform"].form.errors,
        *[
            (inline.formset.errors, inline.formset.non_form_errors())
            for inline in response.context["inline_admin_formsets"]
        ],
    ]
    assert response.status_code == 302, [e for e in errors if e]


@pytest.mark.parametrize(("numbers", "main"), [([6], 6), ([2, 13], None), ([], None)])
def test_a_single_goal_of_the_proposal_is_the_drafts_main_sdg(
    make_focal_point, make_proposal, reviewer, numbers, main
):
    from projects.models import SdgGoal

    proposal = make_proposal(make_focal_point(), sent=True)
    proposal.sdg_goals.set(SdgGoal.objects.filter(number__in=numbers))
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.ACCEPT, reviewer)
    project = Proposal.objects.get(pk=proposal.pk).project
    assert sorted(project.sdg_goals.values_list("number", flat=True)) == numbers
    assert (project.main_sdg.number if project.main_sdg else None) == main
