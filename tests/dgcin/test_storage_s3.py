"""Uploads on an S3-compatible bucket (DJANGO_MEDIA_STORAGE=s3, dgcin/media_storage.py)
against a real S3 server over HTTP: moto's standalone server on a free loopback
port, in a thread of this process. What the portal promises on the file system
holds on the bucket: uploads land there under random names, come back only through
the views that check who may see them, and go when their row goes or their save
fails. The tests read the bucket with boto3 of their own, not through the storage
they test."""

import io
import json
import re
import uuid

import boto3
import environ
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer

from dgcin.media_storage import FILESYSTEM, S3, media_storage
from projects.models import Document, DocumentCategory, Project
from proposals.models import Proposal, ProposalAttachment
from tests.conftest import PDF_BYTES
from tests.dgcin.test_security import PROD_ENV, run_manage
from tests.projects.test_admin_keeps_work import (
    change_form_data,
    kept_token,
    with_new_document,
)
from tests.projects.test_missions import make_mission
from tests.proposals.conftest import form_data


def env_of(variables):
    """django-environ's Env reading ``variables`` instead of the process's."""
    env = environ.Env()
    env.ENVIRON = dict(variables)
    return env


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port of 127.0.0.1, for this test process."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_variables(s3_server):
    """The environment of a portal whose uploads go to a new bucket of the server,
    as .env.example describes it for a self-hosted S3-compatible server."""
    return {
        "DJANGO_MEDIA_STORAGE": "s3",
        "DJANGO_S3_BUCKET": f"dgcin-media-{uuid.uuid4().hex[:12]}",
        "DJANGO_S3_ENDPOINT_URL": s3_server,
        "DJANGO_S3_REGION": "us-east-1",
        "DJANGO_S3_ACCESS_KEY_ID": "dgcin-test",
        "DJANGO_S3_SECRET_ACCESS_KEY": "dgcin-test-secret",
        "DJANGO_S3_ADDRESSING_STYLE": "path",
    }


class Bucket:
    """The test's bucket, read and written with boto3 directly."""

    def __init__(self, variables):
        self.name = variables["DJANGO_S3_BUCKET"]
        self.client = boto3.client(
            "s3",
            endpoint_url=variables["DJANGO_S3_ENDPOINT_URL"],
            region_name=variables["DJANGO_S3_REGION"],
            aws_access_key_id=variables["DJANGO_S3_ACCESS_KEY_ID"],
            aws_secret_access_key=variables["DJANGO_S3_SECRET_ACCESS_KEY"],
        )

    def keys(self, prefix=""):
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def put(self, key, body):
        self.client.put_object(Bucket=self.name, Key=key, Body=body)

    def delete(self, key):
        self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture
def bucket(s3_variables):
    """A new, empty bucket, and the default storage on it as the settings build it
    from those variables."""
    bucket = Bucket(s3_variables)
    bucket.client.create_bucket(Bucket=bucket.name)
    storage = media_storage(env_of(s3_variables))
    with override_settings(STORAGES=settings.STORAGES | {"default": storage}):
        yield bucket


# Which storage the environment selects.


def test_the_file_system_stays_the_default():
    assert media_storage(env_of({})) == {"BACKEND": FILESYSTEM}
    assert media_storage(env_of({"DJANGO_MEDIA_STORAGE": ""})) == {
        "BACKEND": FILESYSTEM
    }
    assert media_storage(env_of({"DJANGO_MEDIA_STORAGE": "filesystem"})) == {
        "BACKEND": FILESYSTEM
    }


def test_s3_takes_every_value_from_the_environment(s3_variables):
    variables = s3_variables | {
        "DJANGO_S3_PREFIX": "/portal/",
        "DJANGO_S3_CUSTOM_DOMAIN": "archivos.example.gob.ar",
        "DJANGO_S3_QUERYSTRING_EXPIRE": "120",
    }
    assert media_storage(env_of(variables)) == {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": variables["DJANGO_S3_BUCKET"],
            "endpoint_url": variables["DJANGO_S3_ENDPOINT_URL"],
            "region_name": "us-east-1",
            "access_key": "dgcin-test",
            "secret_key": "dgcin-test-secret",
            "addressing_style": "path",
            "location": "portal",
            "custom_domain": "archivos.example.gob.ar",
            "querystring_auth": True,
            "querystring_expire": 120,
            "signature_version": "s3v4",
            # Private, never overwritten, large files read through a disk file.
            "default_acl": None,
            "file_overwrite": False,
            "max_memory_size": 2_621_440,
        },
    }
    # Without keys, endpoint or region, boto3 finds its own (AWS S3, a role).
    options = media_storage(
        env_of({"DJANGO_MEDIA_STORAGE": "S3", "DJANGO_S3_BUCKET": "dgcin"})
    )["OPTIONS"]
    assert not {"access_key", "secret_key", "endpoint_url", "region_name"} & set(
        options
    )
    assert options["querystring_expire"] == 300


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DJANGO_MEDIA_STORAGE": "ftp"}, "DJANGO_MEDIA_STORAGE is 'ftp'"),
        ({"DJANGO_MEDIA_STORAGE": "s3"}, "set DJANGO_S3_BUCKET"),
        (
            {"DJANGO_S3_ACCESS_KEY_ID": "only-the-key"},
            "Set both DJANGO_S3_ACCESS_KEY_ID and DJANGO_S3_SECRET_ACCESS_KEY",
        ),
        (
            {"DJANGO_S3_ADDRESSING_STYLE": "sideways"},
            "DJANGO_S3_ADDRESSING_STYLE is 'sideways'",
        ),
        ({"DJANGO_S3_QUERYSTRING_EXPIRE": "0"}, "more than 0"),
    ],
    ids=["unknown", "no-bucket", "half-a-key", "addressing", "expire"],
)
def test_a_storage_that_cannot_work_is_refused_naming_the_variable(variables, message):
    base = {"DJANGO_MEDIA_STORAGE": "s3", "DJANGO_S3_BUCKET": "dgcin"}
    if "DJANGO_MEDIA_STORAGE" in variables:
        base = {}
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        media_storage(env_of(base | variables))


def test_the_portal_does_not_start_with_an_unknown_storage():
    result = run_manage("check", env={"DJANGO_MEDIA_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_MEDIA_STORAGE is 'ftp'" in result.stderr


# What the production settings make of the environment, in a process of their own:
# a file saved through the default storage, and the storage it went to.
PROBE = """
import json
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage as storage
name = storage.save("probe/hola.txt", ContentFile(b"hola"))
storage = storage._wrapped
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "name": name,
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "addressing": getattr(storage, "addressing_style", None),
}))
"""


def probe_production(env):
    result = run_manage(
        "shell", "--no-imports", "--settings=dgcin.settings.prod", "-c", PROBE, env=env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_stores_uploads_in_the_bucket_the_environment_names(
    bucket, s3_variables, tmp_path
):
    assert probe_production(PROD_ENV | s3_variables) == {
        "class": S3,
        "name": "probe/hola.txt",
        "bucket": bucket.name,
        "endpoint": s3_variables["DJANGO_S3_ENDPOINT_URL"],
        "addressing": "path",
    }
    assert bucket.read("probe/hola.txt") == b"hola"
    # The same name again is given a name of its own: nothing is overwritten.
    again = probe_production(PROD_ENV | s3_variables)
    assert again["name"] != "probe/hola.txt"
    assert bucket.keys("probe/") == sorted(["probe/hola.txt", again["name"]])
    assert bucket.read("probe/hola.txt") == b"hola"

    # Without DJANGO_MEDIA_STORAGE, the file system under DJANGO_MEDIA_ROOT.
    local = probe_production(PROD_ENV | {"DJANGO_MEDIA_ROOT": str(tmp_path)})
    assert local["class"] == "dgcin.stored_files.PortalFileSystemStorage"
    assert (tmp_path / "probe" / "hola.txt").read_bytes() == b"hola"


# Project documents and mission reports: the admin's upload, the public download.


def project_change(admin_client, project):
    url = f"/admin/projects/project/{project.pk}/change/"
    return url, change_form_data(admin_client.get(url))


def test_a_document_added_in_the_admin_lands_in_the_bucket_and_downloads_where_visible(
    bucket,
    s3_server,
    admin_client,
    client,
    make_project,
    pdf_file,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    project = make_project()
    url, data = project_change(admin_client, project)
    data, _ = with_new_document(data, file=pdf_file("Nota de aval.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url, data)
    assert saved.status_code == 302
    document = project.documents.get(title_es="Nota de aval")
    assert re.fullmatch(r"documents/[0-9a-f]{32}\.pdf", document.file.name)
    assert bucket.keys() == [document.file.name]
    assert bucket.read(document.file.name) == PDF_BYTES

    # Staff who may see the row get a link to the object signed for 5 minutes;
    # the public page links to the portal's download, never to the bucket.
    (link,) = re.findall(
        rf'href="({re.escape(s3_server)}/{bucket.name}/{document.file.name}[^"]*)"',
        admin_client.get(url).text,
    )
    assert "X-Amz-Signature=" in link
    assert "X-Amz-Expires=300" in link
    page = client.get(project.get_absolute_url()).text
    assert f'href="{document.href}"' in page
    assert s3_server not in page

    # The visitor gets it from the portal, streamed from the bucket.
    response = client.get(document.href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="nota-de-aval.pdf"'
    assert response["Content-Length"] == str(len(PDF_BYTES))
    assert b"".join(response.streaming_content) == PDF_BYTES

    # Once the project is a draft again, only staff who may see it get the file.
    Project.objects.filter(pk=project.pk).update(publication=Project.Publication.DRAFT)
    assert client.get(document.href).status_code == 404
    staff = django_user_model.objects.create_user("eva", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_project"))
    client.force_login(staff)
    response = client.get(document.href)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_mission_report_in_the_bucket_downloads_only_once_published(
    bucket, client, make_project, pdf_file
):
    mission = make_mission(make_project(), report=pdf_file("informe.pdf"))
    assert bucket.keys("mission-reports/") == [mission.report.name]
    url = reverse(
        "projects:mission-report-download",
        kwargs={"slug": mission.project.slug, "pk": mission.pk},
    )
    assert client.get(url).status_code == 404  # staff did not publish it
    mission.report_is_public = True
    mission.save()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_object_gone_from_the_bucket_is_not_found_and_staff_are_told(
    bucket, client, make_project, caplog
):
    document = Document.objects.create(
        project=make_project(),
        title_es="Memorando de entendimiento",
        category=DocumentCategory.objects.first(),
        file=SimpleUploadedFile("mou.pdf", PDF_BYTES),
    )
    assert bucket.keys() == [document.file.name]
    bucket.delete(document.file.name)  # lost: by hand, or with a restore
    response = client.get(document.href)
    assert response.status_code == 404
    assert "Página no encontrada" in response.text
    (warning,) = [r for r in caplog.records if r.name == "projects.downloads"]
    assert f"{document.file.name!r} of projects.Document {document.pk}" in (
        warning.getMessage()
    )


def test_a_file_kept_across_a_failed_save_waits_in_the_bucket(
    bucket, admin_client, make_project, pdf_file, django_capture_on_commit_callbacks
):
    project = make_project()
    url, data = project_change(admin_client, project)
    data, prefix = with_new_document(data, file=pdf_file("nota-de-aval.pdf"))
    title = data["title_es"]
    data["title_es"] = ""  # the error elsewhere
    failed = admin_client.post(url, data)
    assert failed.status_code == 200
    (pending,) = bucket.keys("pending/")
    assert bucket.keys("documents/") == []

    del data[f"{prefix}-file"]  # a browser never sends a file twice
    data[f"{prefix}-file-kept"] = kept_token(failed, prefix)
    data["title_es"] = title
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url, data)
    assert saved.status_code == 302
    document = project.documents.get(title_es="Nota de aval")
    assert bucket.keys() == [document.file.name]  # the pending copy is gone
    assert bucket.read(document.file.name) == PDF_BYTES
    assert pending != document.file.name


def test_a_deleted_document_leaves_the_bucket_once_the_deletion_commits(
    bucket, make_project, django_capture_on_commit_callbacks
):
    document = Document.objects.create(
        project=make_project(),
        title_es="Memorando de entendimiento",
        category=DocumentCategory.objects.first(),
        file=SimpleUploadedFile("mou.pdf", PDF_BYTES),
    )
    name = document.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        document.delete()
    assert bucket.keys() == [name]  # not before the commit
    for callback in callbacks:
        callback()
    assert bucket.keys() == []


def test_orphan_files_finds_and_deletes_the_objects_no_row_names(
    bucket, make_project, pdf_file
):
    kept = make_mission(make_project(), report=pdf_file("informe.pdf"))
    bucket.put("documents/left-behind.pdf", PDF_BYTES)
    out = io.StringIO()
    call_command("orphan_files", "--delete", "--min-age=0", stdout=out)
    assert "documents/left-behind.pdf" in out.getvalue()
    assert bucket.keys() == [kept.report.name]


# Proposals' attachments: the focal points' form, their download.


def test_a_proposal_attachment_lands_in_the_bucket_and_only_its_readers_get_it(
    bucket, client, make_focal_point, pdf_file
):
    tucuman, chaco = make_focal_point("AR-T"), make_focal_point("AR-H")
    client.force_login(tucuman)
    response = client.post(
        reverse("proposals:proposal-create"),
        form_data(
            **{
                "attachments-0-kind": "endorsement",
                "attachments-0-file": pdf_file("Nota de aval firmada.pdf"),
            }
        ),
    )
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert bucket.keys() == [attachment.file.name]
    assert attachment.file.name.startswith("proposals/")

    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(chaco)  # another province's focal point
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 302  # sign in


def test_a_failed_proposal_save_leaves_nothing_in_the_bucket(
    bucket, client, make_focal_point, pdf_file, monkeypatch
):
    client.force_login(make_focal_point())
    original = ProposalAttachment.save
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            assert len(bucket.keys()) == 2  # both files were stored by then
            raise RuntimeError("the database went away")
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
    assert bucket.keys() == []
