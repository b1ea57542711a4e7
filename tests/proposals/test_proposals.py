"""The focal points' proposals: who sees what, the form and its uploads (the
workflow, its e-mails and the review are in test_workflow.py)."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from proposals import workflow
from proposals.models import Proposal, ProposalAttachment, ProposalEvent
from tests.conftest import PDF_BYTES
from tests.proposals.conftest import form_data

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


def stored_files():
    try:
        return default_storage.listdir("proposals")[1]
    except FileNotFoundError:
        return []


# The permission matrix: every proposals URL and the attachment download.

MATRIX = {
    # url name: anonymous, province A, province B, reviewer, superuser, on a draft
    # of province A (reviewers never see an unsent draft: it is the focal point's)
    # and on the same proposal once sent.
    "list": ((302, 200, 200, 200, 200), (302, 200, 200, 200, 200)),
    "create": ((302, 200, 200, 403, 403), (302, 200, 200, 403, 403)),
    "detail": ((302, 200, 404, 404, 404), (302, 200, 404, 200, 200)),
    "edit": ((302, 200, 404, 404, 404), (302, 302, 404, 403, 403)),
    "withdraw": ((302, 200, 404, 404, 404), (302, 200, 404, 403, 403)),
    "download": ((302, 200, 404, 404, 404), (302, 200, 404, 200, 200)),
    "admin list": ((302, 302, 302, 200, 200), (302, 302, 302, 200, 200)),
    "admin change": ((302, 302, 302, 302, 302), (302, 302, 302, 200, 200)),
}


@pytest.mark.parametrize("sent", [False, True], ids=["draft", "sent"])
@pytest.mark.parametrize("page", MATRIX)
def test_permission_matrix(client, people, make_proposal, page, sent):
    proposal = make_proposal(people["province A"], sent=sent)
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
    expectations = MATRIX[page][sent]
    for (who, user), expected in zip(people.items(), expectations, strict=True):
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


def test_an_attachment_whose_file_is_gone_is_not_found_and_staff_are_told(
    client, make_focal_point, pdf_file, caplog
):
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
    default_storage.delete(attachment.file.name)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 404
    assert "Página no encontrada" in response.text
    (warning,) = [r for r in caplog.records if r.name == "projects.downloads"]
    assert warning.levelno == logging.WARNING
    assert attachment.file.name in warning.getMessage()
    assert f"proposals.ProposalAttachment {attachment.pk}" in warning.getMessage()


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
    assert "no se envió" in page
    for label in (
        "Antecedentes y problema",
        "Países socios",
        "Duración en meses",
        "Autoridad que avala",
    ):
        assert f"{label} es necesario" in page or f"{label} es necesaria" in page, label
    assert "Adjuntá la nota de aval." in page
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
