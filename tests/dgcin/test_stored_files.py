"""Links to stored uploads on the file system: the admin's "Currently:" link of a
document, a mission report and a proposal's attachment goes to the portal's
download of that row, which asks the same permissions as any other visitor."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from dgcin.media_storage import FILESYSTEM
from dgcin.stored_files import downloads
from projects.models import Document, DocumentCategory, Project
from proposals.models import ProposalAttachment
from tests.conftest import PDF_BYTES
from tests.projects.test_missions import make_mission

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """Uploads under a temporary MEDIA_ROOT, with the portal's own storage."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": FILESYSTEM}}
    return tmp_path


def body(response):
    return b"".join(response.streaming_content)


def admin_link(page, name):
    """The address the admin's file widget links ``name`` to."""
    (href,) = re.findall(rf'href="([^"]*{re.escape(name)})"', page)
    return href


def test_every_file_field_has_its_download():
    fields = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert fields == set(downloads())


def test_the_admins_link_to_a_document_is_the_portals_download(
    media, admin_client, client, make_project
):
    project = make_project(publication=Project.Publication.DRAFT)
    document = Document.objects.create(
        project=project,
        title_es="Memorando de entendimiento",
        category=DocumentCategory.objects.first(),
        file=SimpleUploadedFile("mou.pdf", PDF_BYTES),
    )
    page = admin_client.get(
        reverse("admin:projects_project_change", args=[project.pk])
    ).text
    link = admin_link(page, document.file.name)
    assert link == f"/files/{document.file.name}"
    response = admin_client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert body(response) == PDF_BYTES
    # A visitor may not see the draft: not found, as on its public address.
    assert client.get(link).status_code == 404
    project.publication = Project.Publication.PUBLISHED
    project.save()
    assert body(client.get(link)) == PDF_BYTES


def test_staff_get_a_mission_report_not_published_and_visitors_do_not(
    media, admin_client, client, django_user_model, make_project, pdf_file
):
    mission = make_mission(make_project(), report=pdf_file("informe.pdf"))
    link = f"/files/{mission.report.name}"
    assert mission.report.url == link
    assert client.get(link).status_code == 404  # staff did not publish it
    public = reverse(
        "projects:mission-report-download",
        kwargs={"slug": mission.project.slug, "pk": mission.pk},
    )
    assert client.get(public).status_code == 404
    assert body(admin_client.get(link)) == PDF_BYTES
    reader = django_user_model.objects.create_user("lectura", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(reader)
    assert body(client.get(public)) == PDF_BYTES
    client.logout()
    mission.report_is_public = True
    mission.save()
    assert body(client.get(link)) == PDF_BYTES


def test_a_proposals_attachment_is_for_those_who_see_the_proposal(
    media, client, make_focal_point, make_proposal, reviewer
):
    proposal = make_proposal(make_focal_point(), sent=True)
    attachment = ProposalAttachment.objects.create(
        proposal=proposal,
        kind=ProposalAttachment.Kind.CONCEPT_NOTE,
        file=SimpleUploadedFile("nota.pdf", PDF_BYTES),
        original_name="nota.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    link = attachment.file.url
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(reviewer)
    assert body(client.get(link)) == PDF_BYTES


def test_a_name_no_row_holds_is_not_found(media, admin_client):
    assert admin_client.get("/files/documents/nothing-here.pdf").status_code == 404
    assert admin_client.get("/files/../settings.py").status_code == 404


def test_the_minutes_link_to_the_programmes_download(
    media, admin_client, client, references
):
    from tests.projects.test_programme_rules import commission, with_minutes

    item = with_minutes(public=False)
    minutes = item.commission.minutes
    page = admin_client.get(
        reverse("admin:projects_jointcommission_change", args=[item.commission.pk])
    ).text
    link = admin_link(page, minutes.name)
    assert link == f"/files/{minutes.name}"
    assert body(admin_client.get(link)) == PDF_BYTES
    assert client.get(link).status_code == 404  # not published
    item.commission.minutes_are_public = True
    item.commission.save()
    assert body(client.get(link)) == PDF_BYTES
    item.is_published = False
    item.save()
    assert client.get(link).status_code == 404  # its programme is not published
    # Minutes of a commission that has approved no programme yet: staff get them
    # from the admin; nobody else, even when marked public.
    alone = commission(number=7)
    alone.minutes.save("acta.pdf", SimpleUploadedFile("acta.pdf", PDF_BYTES))
    alone.minutes_are_public = True
    alone.save()
    assert body(admin_client.get(alone.minutes.url)) == PDF_BYTES
    assert client.get(alone.minutes.url).status_code == 404
