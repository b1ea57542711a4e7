"""No orphan files: a deleted row's file, or a replaced one, goes once the change
commits, and ``manage.py orphan_files`` finds (and with --delete removes) the files
no row names. Real files, in a temporary MEDIA_ROOT."""

import contextlib
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from dgcin.media_storage import FILESYSTEM
from projects.models import Document, DocumentCategory
from tests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

DAY = 24 * 3600


@pytest.fixture
def document(media, make_project):
    document = Document(
        project=make_project(),
        title_es="Nota de aval",
        category=DocumentCategory.objects.first(),
    )
    document.file.save("nota.pdf", ContentFile(PDF_BYTES))
    return document


def exists(name):
    return default_storage.exists(name)


def test_a_deleted_document_loses_its_file_once_the_deletion_commits(
    document, django_capture_on_commit_callbacks
):
    name = document.file.name
    assert (default_storage.path(name)).startswith(str(default_storage.location))
    with django_capture_on_commit_callbacks() as callbacks:
        document.delete()
    assert exists(name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not exists(name)


def test_a_deletion_that_rolls_back_leaves_the_file(
    document, django_capture_on_commit_callbacks
):
    name, pk = document.file.name, document.pk
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        document.delete()
        raise RuntimeError("the rest of the change failed")
    assert Document.objects.filter(pk=pk).exists()
    assert exists(name)


def test_a_replaced_file_goes_and_the_new_one_stays(
    document, django_capture_on_commit_callbacks
):
    old = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("nueva-nota.pdf", ContentFile(PDF_BYTES))
    assert document.file.name != old
    assert not exists(old)
    assert exists(document.file.name)


def test_a_cleared_file_goes(document, django_capture_on_commit_callbacks):
    old = document.file.name
    document.file = ""
    document.url = "https://example.org/nota.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert not exists(old)


def test_a_file_another_row_still_names_is_kept(
    document, django_capture_on_commit_callbacks
):
    twin = Document.objects.create(
        project=document.project,
        title_es="Copia",
        category=document.category,
        file=document.file.name,
    )
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert exists(twin.file.name)


def test_a_deleted_proposal_loses_its_attachments_files(
    media, make_focal_point, make_proposal, django_capture_on_commit_callbacks
):
    proposal = make_proposal(make_focal_point())
    (attachment,) = proposal.attachments.all()
    assert exists(attachment.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        proposal.delete()
    assert not exists(attachment.file.name)


def test_a_deleted_attachment_loses_its_file(
    media, make_focal_point, make_proposal, django_capture_on_commit_callbacks
):
    proposal = make_proposal(make_focal_point())
    attachment = proposal.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not exists(attachment.file.name)
    assert proposal.attachments.count() == 0


# manage.py orphan_files


def stored(name, age_in_days=0):
    """A file written straight into MEDIA_ROOT, ``age_in_days`` old."""
    name = default_storage.save(name, ContentFile(b"left behind"))
    then = time.time() - age_in_days * DAY
    os.utime(default_storage.path(name), (then, then))
    return name


def orphan_files(*args):
    out = io.StringIO()
    call_command("orphan_files", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def media_files(document, make_focal_point, make_proposal):
    """Files that rows name, and files that no row names, new and old."""
    attachment = make_proposal(make_focal_point()).attachments.get()
    for name in (document.file.name, attachment.file.name):
        then = time.time() - 3 * DAY
        os.utime(default_storage.path(name), (then, then))
    return {
        "named": [document.file.name, attachment.file.name],
        "old": [
            stored("documents/deleted-long-ago.pdf", 3),
            stored("pending/kept-for-a-form-never-sent.pdf", 2),
        ],
        "new": [
            stored("documents/being-saved.pdf"),
            stored("pending/kept-for-a-form-open-now.pdf", 0.5),
        ],
    }


def test_orphan_files_lists_old_files_no_row_names_and_deletes_nothing(media_files):
    output = orphan_files()
    for name in media_files["old"]:
        assert name in output
    for name in media_files["named"] + media_files["new"]:
        assert name not in output
    assert "2 files" in output
    assert "--delete" in output
    assert all(exists(name) for group in media_files.values() for name in group)


def test_orphan_files_delete_removes_only_them(media_files):
    output = orphan_files("--delete")
    assert "Deleted 2 files" in output
    assert not any(exists(name) for name in media_files["old"])
    assert all(exists(name) for name in media_files["named"] + media_files["new"])
    assert orphan_files() == "No orphan files.\n"


def test_orphan_files_min_age_zero_includes_new_files_but_not_kept_uploads(
    media_files,
):
    being_saved, kept_upload = media_files["new"]
    output = orphan_files("--min-age", "0")
    assert being_saved in output
    assert kept_upload not in output  # its form may still take it, for a day
    assert media_files["named"][0] not in output


def test_orphan_files_without_a_media_root_finds_nothing(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "not-created-yet"
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": FILESYSTEM}}
    assert orphan_files("--delete") == "No orphan files.\n"
