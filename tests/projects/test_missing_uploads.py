"""A row whose stored file is gone (deleted by hand from MEDIA_ROOT, lost with a
disk): its download is the not-found page, never a server error, and the log names
the row and the file for staff. Real files, in a temporary MEDIA_ROOT; the same on
a bucket is in tests/dgcin/test_storage_s3.py, for proposals' attachments in
tests/proposals/test_proposals.py."""

import logging

import pytest

from tests.conftest import PDF_BYTES
from tests.projects.test_admin_keeps_work import (
    change_form_data,
    url_of,
    with_new_document,
)
from tests.projects.test_missions import make_mission

pytestmark = pytest.mark.django_db


def lost_file_warnings(caplog, name):
    return [
        record
        for record in caplog.records
        if record.name == "projects.downloads"
        and record.levelno == logging.WARNING
        and name in record.getMessage()
    ]


def test_a_document_whose_file_is_gone_is_not_found_and_staff_are_told(
    admin_client,
    client,
    make_project,
    media,
    pdf_file,
    caplog,
    django_capture_on_commit_callbacks,
):
    project = make_project()
    data = change_form_data(admin_client.get(url_of(project)))
    data, _prefix = with_new_document(data, file=pdf_file("Nota de aval.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url_of(project), data).status_code == 302
    document = project.documents.get(title_es="Nota de aval")
    response = client.get(document.href)
    assert b"".join(response.streaming_content) == PDF_BYTES

    (media / document.file.name).unlink()
    response = client.get(document.href)
    assert response.status_code == 404
    assert "Página no encontrada" in response.text  # the site's own page
    (warning,) = lost_file_warnings(caplog, document.file.name)
    assert f"projects.Document {document.pk}" in warning.getMessage()


def test_a_mission_report_whose_file_is_gone_is_not_found_and_staff_are_told(
    client, make_project, media, pdf_file, caplog
):
    project = make_project()
    mission = make_mission(project, report=pdf_file("informe.pdf"))
    mission.report_is_public = True
    mission.save()
    url = f"/projects/{project.slug}/missions/{mission.pk}/report/"
    assert client.get(url).status_code == 200

    (media / mission.report.name).unlink()
    response = client.get(url)
    assert response.status_code == 404
    assert "Página no encontrada" in response.text
    (warning,) = lost_file_warnings(caplog, mission.report.name)
    assert f"projects.Mission {mission.pk}" in warning.getMessage()


def test_the_project_still_saves_in_the_admin_when_a_documents_file_is_gone(
    admin_client, make_project, media, pdf_file, django_capture_on_commit_callbacks
):
    """Staff can go on editing the project, and remove the lost document."""
    project = make_project()
    data = change_form_data(admin_client.get(url_of(project)))
    data, prefix = with_new_document(data, file=pdf_file("Nota de aval.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url_of(project), data).status_code == 302
    document = project.documents.get()
    (media / document.file.name).unlink()

    data = change_form_data(admin_client.get(url_of(project)))
    data["title_es"] = "Nuevo título"
    assert admin_client.post(url_of(project), data).status_code == 302
    project.refresh_from_db()
    assert project.title_es == "Nuevo título"

    data = change_form_data(admin_client.get(url_of(project)))
    data[f"{prefix}-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url_of(project), data).status_code == 302
    assert not project.documents.exists()
