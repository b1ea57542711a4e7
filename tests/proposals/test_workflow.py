"""The proposal workflow: its steps and their rules, the e-mails each step sends,
escaping and query counts, and the review in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from projects.models import Project
from proposals import workflow
from proposals.models import Proposal, ProposalEvent
from tests.proposals.conftest import form_data

Status = Proposal.Status
Action = ProposalEvent.Action


# The workflow


def test_every_legal_step_and_its_timeline(
    client, make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user)
    steps = [
        (user, Action.SUBMIT, "", Status.SUBMITTED),
        (reviewer, Action.START_REVIEW, "", Status.UNDER_REVIEW),
        (
            reviewer,
            Action.REQUEST_CHANGES,
            "Detallen el presupuesto.",
            Status.CHANGES_REQUESTED,
        ),
        (user, Action.RESUBMIT, "Presupuesto detallado.", Status.SUBMITTED),
        (reviewer, Action.START_REVIEW, "", Status.UNDER_REVIEW),
        (reviewer, Action.ACCEPT, "", Status.ACCEPTED),
    ]
    for actor, action, comment, status in steps:
        event = workflow.apply(proposal, action, actor, comment)
        proposal.refresh_from_db()
        assert proposal.status == status
        assert (event.actor, event.to_status, event.comment) == (actor, status, comment)
    assert list(proposal.events.values_list("from_status", "to_status")) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "under-review"),
        ("under-review", "changes-requested"),
        ("changes-requested", "submitted"),
        ("submitted", "under-review"),
        ("under-review", "accepted"),
    ]
    client.force_login(user)
    page = client.get(proposal.get_absolute_url()).text
    timeline = page[page.index('class="timeline"') :]
    for text in (
        "Borrador iniciado",
        "Enviada",
        "Revisión iniciada",
        "Cambios solicitados",
        "Detallen el presupuesto.",
        "Reenviada con cambios",
        "Aceptada",
        "por Rita Revisora",
    ):
        assert text in timeline, text
    assert timeline.index("Borrador iniciado") < timeline.index("Aceptada")


@pytest.mark.parametrize(
    ("status", "who", "action", "message"),
    [
        (Status.DRAFT, "focal point", Action.START_REVIEW, "tenés permiso"),
        (Status.SUBMITTED, "focal point", Action.ACCEPT, "tenés permiso"),
        (Status.DRAFT, "reviewer", Action.SUBMIT, "tenés permiso"),
        (Status.SUBMITTED, "reviewer", Action.ACCEPT, "está “Enviada”"),
        (Status.UNDER_REVIEW, "focal point", Action.WITHDRAW, "está “En revisión”"),
        (Status.UNDER_REVIEW, "reviewer", Action.REJECT, "comentario"),
        (Status.UNDER_REVIEW, "reviewer", Action.REQUEST_CHANGES, "comentario"),
        (Status.ACCEPTED, "reviewer", Action.REJECT, "está “Aceptada”"),
        (Status.REJECTED, "focal point", Action.RESUBMIT, "está “Rechazada”"),
        (Status.WITHDRAWN, "focal point", Action.SUBMIT, "está “Retirada”"),
        (Status.DRAFT, "focal point", "publish", "no es un paso"),
    ],
)
def test_illegal_steps_are_refused_and_change_nothing(
    make_focal_point, make_proposal, reviewer, status, who, action, message
):
    user = make_focal_point()
    proposal = make_proposal(user)
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    events = proposal.events.count()
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(proposal, action, user if who == "focal point" else reviewer)
    assert message in refused.value.message
    proposal.refresh_from_db()
    assert proposal.status == status
    assert proposal.events.count() == events


def test_a_focal_point_of_another_province_cannot_take_a_step(
    make_focal_point, make_proposal
):
    proposal = make_proposal(make_focal_point("AR-T"))
    with pytest.raises(workflow.TransitionError):
        workflow.apply(proposal, Action.WITHDRAW, make_focal_point("AR-H"))


def test_withdrawing_through_the_page_asks_first(
    client, make_focal_point, make_proposal
):
    user = make_focal_point()
    proposal = make_proposal(user)
    client.force_login(user)
    url = reverse("proposals:proposal-transition", args=[proposal.pk, "withdraw"])
    assert "¿Querés retirar esta propuesta?" in client.get(url).text
    response = client.post(url, {"comment": "Se reformulará."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    assert "La propuesta fue retirada." in client.get(proposal.get_absolute_url()).text


def test_a_refused_step_through_the_page_shows_why(
    client, make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    client.force_login(user)
    url = reverse("proposals:proposal-transition", args=[proposal.pk, "withdraw"])
    response = client.post(url, follow=True)
    assert "No podés retirar esta propuesta: está “En revisión”." in response.text
    assert (
        client.post(
            reverse("proposals:proposal-transition", args=[proposal.pk, "accept"])
        ).status_code
        == 404
    )


def test_accepting_creates_a_linked_draft_project_with_the_proposals_data(
    make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.ACCEPT, reviewer)
    proposal.refresh_from_db()
    project = proposal.project
    assert project.publication == Project.Publication.DRAFT
    assert project.status == Project.Status.PIPELINE
    assert project.title_es == proposal.title
    assert project.summary_es == proposal.summary
    assert project.modality == "bilateral"
    assert project.segib_sector == proposal.segib_sector
    assert proposal.background in project.description_es
    assert "85.000,00 USD" in project.description_es
    assert proposal.specific_objectives in project.objectives_es
    assert [p.code for p in project.provinces.all()] == ["AR-T"]
    assert sorted(g.number for g in project.sdg_goals.all()) == [1, 2]
    assert list(project.sectors.values_list("sector__code", "percentage")) == [
        ("31195", 100)
    ]
    assert list(
        project.participations.values_list(
            "country__code", "organisation__acronym", "segib_role", "iati_role"
        )
    ) == [
        ("AR", None, "provider", "1"),
        ("PY", None, "recipient", "4"),
        # "INTA Estación Experimental Famaillá": the institution it names.
        (None, "INTA", "provider", "4"),
    ]
    assert project.iati_identifier.endswith(f"{project.pk:06d}")
    assert project.directorate.slug == "bilateral-cooperation"  # the reviewer's
    assert project.proposal == proposal  # linked both ways


def test_the_daily_submission_cap(make_focal_point, make_proposal, settings):
    settings.DGCIN_PROPOSAL_SUBMISSIONS_PER_DAY = 2
    user = make_focal_point()
    proposals = [make_proposal(user) for _ in range(3)]
    workflow.apply(proposals[0], Action.SUBMIT, user)
    workflow.apply(proposals[1], Action.SUBMIT, user)
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(proposals[2], Action.SUBMIT, user)
    assert "2 propuestas hoy" in refused.value.message
    assert "mañana" in refused.value.message
    proposals[2].refresh_from_db()
    assert proposals[2].status == Status.DRAFT


def test_the_daily_cap_on_new_drafts_keeps_the_form(client, make_focal_point, settings):
    settings.DGCIN_PROPOSAL_DRAFTS_PER_DAY = 1
    client.force_login(make_focal_point())
    client.post(reverse("proposals:proposal-create"), form_data())
    response = client.post(
        reverse("proposals:proposal-create"), form_data(title="Segunda idea")
    )
    assert response.status_code == 409
    assert "Segunda idea" in response.text
    assert "mañana" in response.text
    assert Proposal.objects.count() == 1


# E-mails


def test_reviewers_are_told_of_a_submission_after_the_commit_in_their_language(
    make_focal_point, make_proposal, reviewer, django_capture_on_commit_callbacks
):
    from directory.models import Profile

    Profile.objects.create(user=reviewer, language="en")
    user = make_focal_point()
    proposal = make_proposal(user, title="Agua & saneamiento <b>rural</b>")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(proposal, Action.SUBMIT, user)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [reviewer.email]
    assert message.subject == (
        f"Proposal {proposal.reference}: Submitted · Agua & saneamiento <b>rural</b>"
    )
    assert "The focal point of Tucumán has submitted" in message.body
    assert f"/admin/proposals/proposal/{proposal.pk}/change/" in message.body
    html = message.alternatives[0].content
    assert "Agua &amp; saneamiento &lt;b&gt;rural&lt;/b&gt;" in html
    assert "<b>rural</b>" not in html


def test_focal_points_hear_of_each_decision_with_its_comment(
    make_focal_point, make_proposal, reviewer, django_capture_on_commit_callbacks
):
    user = make_focal_point(language="en")
    colleague = make_focal_point("AR-T")  # Spanish, same province
    other = make_focal_point("AR-H")
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(
            proposal,
            Action.REQUEST_CHANGES,
            reviewer,
            "Agreguen <script>alert(1)</script> el cronograma.",
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {user.email, colleague.email}
    assert other.email not in by_address
    english, spanish = by_address[user.email], by_address[colleague.email]
    assert "asks for changes" in english.body
    assert "pide cambios" in spanish.body
    assert "Agreguen <script>alert(1)</script> el cronograma." in english.body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in english.alternatives[0].content
    assert f"/en/proposals/{proposal.pk}/" in english.body
    assert f"/proposals/{proposal.pk}/" in spanish.body
    assert "/en/" not in spanish.body


def test_a_title_with_line_breaks_cannot_add_mail_headers(
    make_focal_point, make_proposal, reviewer, django_capture_on_commit_callbacks
):
    user = make_focal_point()
    proposal = make_proposal(user, title="Título\r\nBcc: intruso@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(proposal, Action.SUBMIT, user)
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert message.bcc == []
    assert "intruso" not in str(message.message()["Bcc"] or "")


# Escaping and query counts


def test_focal_points_text_is_escaped_on_pages_and_in_the_admin(
    client, make_focal_point, make_proposal, reviewer
):
    script = "<script>alert('x')</script>"
    user = make_focal_point()
    proposal = make_proposal(user, title=f"Título {script}", summary=script, sent=True)
    for viewer, url in (
        (user, proposal.get_absolute_url()),
        (user, reverse("proposals:proposal-list")),
        (reviewer, reverse("admin:proposals_proposal_change", args=[proposal.pk])),
        (reviewer, reverse("admin:proposals_proposal_changelist")),
    ):
        client.force_login(viewer)
        page = client.get(url).text
        assert script not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_list_makes_the_same_queries_for_few_and_many_proposals(
    client, make_focal_point, make_proposal, count_queries
):
    user = make_focal_point()
    client.force_login(user)
    make_proposal(user, complete=False)
    few = count_queries(client, reverse("proposals:proposal-list"))
    for _ in range(12):
        make_proposal(user, complete=False)
    assert count_queries(client, reverse("proposals:proposal-list")) == few


# Reviewing in the admin


def test_admin_pages_for_proposals_and_focal_points_have_no_inline_style(
    client, make_focal_point, make_proposal, reviewer
):
    from django.contrib.auth import get_user_model

    user = make_focal_point()
    proposal = make_proposal(user, sent=True)
    admin_user = get_user_model().objects.create_superuser(
        "root", "root@example.com", "a-Str0ng-passphrase"
    )
    client.force_login(admin_user)
    account = user.focal_point_account
    for path in [
        reverse("admin:proposals_proposal_changelist"),
        reverse("admin:proposals_proposal_change", args=[proposal.pk]),
        reverse("admin:proposals_proposal_history", args=[proposal.pk]),
        reverse("admin:directory_focalpoint_add"),
        reverse("admin:directory_focalpoint_change", args=[account.focal_point.pk]),
        reverse("admin:directory_focalpointaccount_add"),
        reverse("admin:directory_focalpointaccount_change", args=[account.pk]),
        reverse("admin:auth_user_change", args=[user.pk]),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert " style=" not in response.text, path
    response = client.post(
        reverse("admin:proposals_proposal_changelist"),
        {"action": "review_reject", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 200
    assert " style=" not in response.text


def test_staff_without_the_review_permission_cannot_see_proposals(
    client, make_focal_point, make_proposal
):
    proposal = make_proposal(make_focal_point())
    staff = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        reverse("admin:proposals_proposal_review", args=[proposal.pk]),
        {"action": "start-review"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT


def test_rejecting_from_the_list_needs_a_comment_then_rejects_each(
    client,
    make_focal_point,
    make_proposal,
    reviewer,
    django_capture_on_commit_callbacks,
):
    user = make_focal_point()
    proposals = [make_proposal(user) for _ in range(2)]
    for proposal in proposals:
        workflow.apply(proposal, Action.SUBMIT, user)
        workflow.apply(proposal, Action.START_REVIEW, reviewer)
    client.force_login(reviewer)
    url = reverse("admin:proposals_proposal_changelist")
    selected = {
        "action": "review_reject",
        "_selected_action": [p.pk for p in proposals],
    }
    page = client.post(url, selected)
    assert "Rechazar" in page.text
    assert proposals[0].title in page.text
    page = client.post(url, selected | {"confirm": "yes", "comment": "  "})
    assert "Escribí un comentario" in page.text
    assert Proposal.objects.filter(status=Status.REJECTED).count() == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, selected | {"confirm": "yes", "comment": "Fuera de las prioridades."}
        )
    assert response.status_code == 302
    assert Proposal.objects.filter(status=Status.REJECTED).count() == 2
    assert {e.comment for e in ProposalEvent.objects.filter(action=Action.REJECT)} == {
        "Fuera de las prioridades."
    }
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == [user.email]
        assert "Fuera de las prioridades." in message.body


def test_a_refused_step_in_the_admin_says_why_and_changes_nothing(
    client, make_focal_point, make_proposal, reviewer
):
    user = make_focal_point()
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:proposals_proposal_review", args=[proposal.pk]),
        {"action": "accept"},
        follow=True,
    )
    assert "No podés aceptar esta propuesta: está “Enviada”." in response.text
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert proposal.project is None
    # The page offers only the steps possible now.
    assert 'value="start-review"' in response.text
    assert 'value="accept"' not in response.text


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_sends_the_emails(
    make_focal_point, make_proposal, reviewer, settings
):
    """Production's set-up: the step queues a task row; the worker sends the mail."""
    import io

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    # Django resets its task backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = make_focal_point()
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [[reviewer.email]]


def test_withdrawing_tells_reviewers_only_of_a_submitted_proposal(
    make_focal_point, make_proposal, reviewer, django_capture_on_commit_callbacks
):
    user = make_focal_point()
    draft, submitted = make_proposal(user), make_proposal(user)
    workflow.apply(submitted, Action.SUBMIT, user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.apply(draft, Action.WITHDRAW, user)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(
            submitted, Action.WITHDRAW, user, "Se presentará el año próximo."
        )
    [message] = mail.outbox
    assert message.to == [reviewer.email]
    assert "El punto focal de Tucumán retiró la propuesta" in message.body
    assert "Se presentará el año próximo." in message.body
