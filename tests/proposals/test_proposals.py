"""The focal points' proposals: who sees what, the form and its uploads, the
workflow and its e-mails."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Project
from proposals import workflow
from proposals.models import Proposal, ProposalAttachment, ProposalEvent
from tests.conftest import PDF_BYTES

Status = Proposal.Status
Action = ProposalEvent.Action


@pytest.fixture
def people(make_focal_point, reviewer):
    """The five kinds of visitor of the permission matrix."""
    superuser = get_user_model().objects.create_superuser(
        "admin", "admin@cancilleria.gob.ar", "a-Str0ng-passphrase"
    )
    return {
        "anonymous": None,
        "province A": make_focal_point("AR-T"),
        "province B": make_focal_point("AR-H"),
        "reviewer": reviewer,
        "superuser": superuser,
    }


@pytest.fixture(autouse=True)
def _empty_storage():
    """Each test starts with empty in-memory file storage."""
    from django.core.files.storage import storages
    from django.utils.functional import empty

    storages._storages.pop("default", None)
    default_storage._wrapped = empty


def stored_files():
    try:
        return default_storage.listdir("proposals")[1]
    except FileNotFoundError:
        return []


def form_data(**fields):
    """A POST of the proposal form with no new files."""
    data = {
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "10",
        "title": "Agua segura para comunidades rurales",
        "save": "draft",
    }
    return data | fields


# The permission matrix: every proposals URL and the attachment download.

MATRIX = {
    # url name: anonymous, province A, province B, reviewer, superuser
    "list": (302, 200, 200, 200, 200),
    "create": (302, 200, 200, 403, 403),
    "detail": (302, 200, 404, 200, 200),
    "edit": (302, 200, 404, 403, 403),
    "withdraw": (302, 200, 404, 403, 403),
    "download": (302, 200, 404, 200, 200),
    "admin list": (302, 302, 302, 200, 200),
    "admin change": (302, 302, 302, 200, 200),
}


@pytest.mark.parametrize("page", MATRIX)
def test_permission_matrix(client, people, make_proposal, page):
    proposal = make_proposal(people["province A"])
    attachment = proposal.attachments.get()
    urls = {
        "list": reverse("proposals:proposal-list"),
        "create": reverse("proposals:proposal-create"),
        "detail": reverse("proposals:proposal-detail", args=[proposal.pk]),
        "edit": reverse("proposals:proposal-edit", args=[proposal.pk]),
        "withdraw": reverse(
            "proposals:proposal-transition", args=[proposal.pk, "withdraw"]
        ),
        "download": attachment.get_absolute_url(),
        "admin list": reverse("admin:proposals_proposal_changelist"),
        "admin change": reverse("admin:proposals_proposal_change", args=[proposal.pk]),
    }
    for (who, user), expected in zip(people.items(), MATRIX[page], strict=True):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(urls[page])
        assert response.status_code == expected, (page, who)
        if expected == 302 and who == "anonymous":
            assert "login" in response["Location"]


def test_a_focal_point_lists_only_their_provinces_proposals(
    client, make_focal_point, make_proposal
):
    tucuman, chaco = make_focal_point("AR-T"), make_focal_point("AR-H")
    make_proposal(tucuman, title="Propuesta de Tucumán")
    make_proposal(chaco, title="Propuesta del Chaco")
    client.force_login(chaco)
    response = client.get(reverse("proposals:proposal-list"))
    assert "Propuesta del Chaco" in response.text
    assert "Propuesta de Tucumán" not in response.text


def test_guessing_another_provinces_attachment_id_is_a_404(
    client, make_focal_point, make_proposal
):
    tucuman, chaco = make_focal_point("AR-T"), make_focal_point("AR-H")
    theirs = make_proposal(tucuman)
    mine = make_proposal(chaco)
    attachment = theirs.attachments.get()
    client.force_login(chaco)
    # The attachment's id under my own proposal's address.
    url = reverse("proposals:attachment-download", args=[mine.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_an_account_that_is_neither_focal_point_nor_reviewer_is_told_why(client, db):
    user = get_user_model().objects.create_user("someone", password="x")
    client.force_login(user)
    response = client.get(reverse("proposals:proposal-list"))
    assert response.status_code == 403
    assert "focal" in response.text.lower()


def test_the_next_focal_point_of_a_province_keeps_its_proposals(
    client, make_focal_point, make_proposal
):
    leaving = make_focal_point("AR-T")
    proposal = make_proposal(leaving, title="Propuesta heredada")
    leaving.is_active = False
    leaving.save()
    successor = make_focal_point("AR-T")
    client.force_login(successor)
    response = client.get(reverse("proposals:proposal-detail", args=[proposal.pk]))
    assert response.status_code == 200
    assert "Propuesta heredada" in response.text
    client.force_login(leaving)
    assert client.get(reverse("proposals:proposal-list")).status_code == 302


def test_attachments_download_as_files_with_a_safe_type(
    client, make_focal_point, make_proposal
):
    user = make_focal_point()
    attachment = make_proposal(user).attachments.get()
    client.force_login(user)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="aval.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


# The form


def test_a_draft_needs_only_a_title_and_is_recorded(client, make_focal_point):
    user = make_focal_point()
    client.force_login(user)
    response = client.post(reverse("proposals:proposal-create"), form_data())
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.status == Status.DRAFT
    assert proposal.province.code == "AR-T"
    assert proposal.created_by == user
    assert list(proposal.events.values_list("action", "to_status")) == [
        (Action.CREATE, Status.DRAFT)
    ]


def test_a_form_without_title_saves_nothing_and_says_why(client, make_focal_point):
    client.force_login(make_focal_point())
    response = client.post(
        reverse("proposals:proposal-create"),
        form_data(title="", summary="Texto que la persona escribió"),
    )
    assert response.status_code == 400
    assert "Texto que la persona escribió" in response.text
    assert "Este campo es obligatorio" in response.text
    assert not Proposal.objects.exists()


def test_submitting_an_incomplete_draft_saves_it_and_lists_what_is_missing(
    client, make_focal_point
):
    client.force_login(make_focal_point())
    response = client.post(
        reverse("proposals:proposal-create"),
        form_data(submit="submit", summary="Resumen"),
    )
    proposal = Proposal.objects.get()
    assert proposal.status == Status.DRAFT
    assert proposal.summary == "Resumen"
    assert response["Location"].endswith(
        reverse("proposals:proposal-edit", args=[proposal.pk]) + "?check"
    )
    page = client.get(response["Location"]).text
    assert "no fue enviada" in page
    for label in (
        "Antecedentes y problema",
        "Países socios",
        "Duración en meses",
        "Autoridad que avala",
    ):
        assert f"{label} es necesario" in page or f"{label} es necesaria" in page, label
    assert "Adjunte la nota de aval." in page
    assert "Resumen es necesario" not in page
    assert 'href="#id_background"' in page


def test_a_complete_proposal_is_submitted_from_the_form(
    client,
    make_focal_point,
    make_proposal,
    reviewer,
    django_capture_on_commit_callbacks,
):
    user = make_focal_point()
    proposal = make_proposal(user)
    client.force_login(user)
    data = client.get(reverse("proposals:proposal-edit", args=[proposal.pk]))
    assert data.status_code == 200
    post = form_data(**filled(proposal), submit="submit")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("proposals:proposal-edit", args=[proposal.pk]), post
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert proposal.submitted_at is not None
    assert [message.to for message in mail.outbox] == [[reviewer.email]]


def filled(proposal):
    """The form's fields as the edit page would send them back."""
    from proposals.forms import ProposalForm

    form = ProposalForm.bound_from(proposal)
    return {key: form.data.getlist(key) for key in form.data}


def test_a_valid_pdf_is_stored_under_a_random_name(client, make_focal_point, pdf_file):
    client.force_login(make_focal_point())
    client.post(
        reverse("proposals:proposal-create"),
        form_data(
            **{
                "attachments-0-kind": "endorsement",
                "attachments-0-file": pdf_file("Nota de aval firmada.pdf"),
            }
        ),
    )
    attachment = ProposalAttachment.objects.get()
    assert attachment.original_name == "Nota de aval firmada.pdf"
    assert attachment.content_type == "application/pdf"
    assert re.fullmatch(r"proposals/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert stored_files() == [attachment.file.name.split("/")[1]]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "carta.pdf",
            b"<!doctype html><html><script>alert(1)</script></html>",
            "text/html",
        ),
        ("carta.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "application/"),
        ("presupuesto.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/"),
        (
            "enorme.pdf",
            PDF_BYTES + b"0" * (10 * 1024 * 1024),
            "el límite es 10,0\xa0MB",
        ),
    ],
    ids=["html", "elf", "exe", "oversized"],
)
def test_a_rejected_upload_keeps_the_form_and_saves_nothing(
    client, make_focal_point, name, content, message
):
    client.force_login(make_focal_point())
    response = client.post(
        reverse("proposals:proposal-create"),
        form_data(
            summary="Lo que la persona escribió",
            **{
                "attachments-0-kind": "endorsement",
                "attachments-0-file": SimpleUploadedFile(name, content),
            },
        ),
    )
    assert response.status_code == 400
    assert message in response.text
    assert "Lo que la persona escribió" in response.text
    assert "Agua segura para comunidades rurales" in response.text
    assert not Proposal.objects.exists()
    assert stored_files() == []


def test_a_proposal_holds_ten_attachments_at_most(
    client, make_focal_point, make_proposal, pdf_file
):
    user = make_focal_point()
    proposal = make_proposal(user)  # one endorsement letter already
    for number in range(8):
        ProposalAttachment.objects.create(
            proposal=proposal,
            kind="other",
            file=f"proposals/existing-{number}.pdf",
            original_name=f"{number}.pdf",
            content_type="application/pdf",
            size=10,
        )
    client.force_login(user)
    files = {
        f"attachments-{index}-{key}": value
        for index in range(2)
        for key, value in (("kind", "other"), ("file", pdf_file(f"extra-{index}.pdf")))
    }
    response = client.post(
        reverse("proposals:proposal-edit", args=[proposal.pk]),
        form_data(**files),
    )
    assert response.status_code == 400
    assert "como máximo 10 adjuntos" in response.text
    assert proposal.attachments.count() == 9
    # Removing one makes room.
    files = {
        "attachments-0-kind": "other",
        "attachments-0-file": pdf_file("extra.pdf"),
        "remove": [str(proposal.attachments.filter(kind="other").first().pk)],
    }
    response = client.post(
        reverse("proposals:proposal-edit", args=[proposal.pk]), form_data(**files)
    )
    assert response.status_code == 302
    assert proposal.attachments.count() == 9


def test_a_failed_save_leaves_no_proposal_and_no_file(
    client, make_focal_point, pdf_file, monkeypatch
):
    client.force_login(make_focal_point())
    original = ProposalAttachment.save
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProposalAttachment, "save", fail_on_second)
    with pytest.raises(RuntimeError):
        client.post(
            reverse("proposals:proposal-create"),
            form_data(
                **{
                    "attachments-0-kind": "endorsement",
                    "attachments-0-file": pdf_file("a.pdf"),
                    "attachments-1-kind": "budget",
                    "attachments-1-file": pdf_file("b.pdf"),
                }
            ),
        )
    assert not Proposal.objects.exists()
    assert not ProposalAttachment.objects.exists()
    assert stored_files() == []


def test_removed_attachments_lose_their_file_after_the_commit(
    client, make_focal_point, make_proposal, django_capture_on_commit_callbacks
):
    user = make_focal_point()
    proposal = make_proposal(user)
    attachment = proposal.attachments.get()
    name = attachment.file.name
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            reverse("proposals:proposal-edit", args=[proposal.pk]),
            form_data(remove=[str(attachment.pk)], title=proposal.title),
        )
        assert default_storage.exists(name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not proposal.attachments.exists()
    assert not default_storage.exists(name)


def test_a_submitted_proposal_cannot_be_edited(client, make_focal_point, make_proposal):
    user = make_focal_point()
    proposal = make_proposal(user)
    workflow.apply(proposal, Action.SUBMIT, user)
    client.force_login(user)
    url = reverse("proposals:proposal-edit", args=[proposal.pk])
    response = client.post(url, form_data(title="Cambiado"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title != "Cambiado"
    assert "ya no se puede modificar" in client.get(proposal.get_absolute_url()).text


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
        (Status.DRAFT, "focal point", Action.START_REVIEW, "no puede"),
        (Status.SUBMITTED, "focal point", Action.ACCEPT, "no puede"),
        (Status.DRAFT, "reviewer", Action.SUBMIT, "no puede"),
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
    assert "¿Quiere retirar esta propuesta?" in client.get(url).text
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
    assert "No puede retirar esta propuesta: está “En revisión”." in response.text
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
    assert "85\xa0000,00 USD" in project.description_es
    assert proposal.specific_objectives in project.objectives_es
    assert [p.code for p in project.provinces.all()] == ["AR-T"]
    assert sorted(g.number for g in project.sdg_goals.all()) == [1, 2]
    assert list(project.sectors.values_list("sector__code", "percentage")) == [
        ("31195", 100)
    ]
    assert sorted(
        project.participations.values_list("country__code", "segib_role")
    ) == [("AR", "provider"), ("PY", "recipient")]
    assert project.iati_identifier.endswith(f"{project.pk:06d}")


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
    assert "solicita cambios" in spanish.body
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
    proposal = make_proposal(user, title=f"Título {script}", summary=script)
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
    proposal = make_proposal(user)
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
    assert "Escriba un comentario" in page.text
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
    assert "No puede aceptar esta propuesta: está “Enviada”." in response.text
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
