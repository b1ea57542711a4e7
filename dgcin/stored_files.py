"""The address of a stored upload on the file system: the portal's own download of
the row that holds it, never the storage.

Django's file widgets (the admin's "Currently:" link, a history page) link to
``storage.url(name)``. Nothing serves ``MEDIA_URL``, by design: uploads are
private. So the file-system storage the portal uses answers ``url()`` with
``/files/<name>``, and that view finds the row holding the name and hands the
request to the row's download view, which asks ``accounts.permissions`` as for
any other visitor. Someone who may not see the row gets the not-found page, the
same as for a name that no row holds. (With an S3 bucket, the admin's links are
signed by the bucket instead: ``media_storage.py``.)

``downloads()`` names the download of every model's file field; a test fails when a
model gains a file field that is not in it.
"""

from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.urls import resolve, reverse


def document_href(document):
    return document.href


def mission_report_href(mission):
    return reverse(
        "projects:mission-report-download",
        kwargs={"slug": mission.project.slug, "pk": mission.pk},
    )


def minutes_href(commission):
    return reverse(
        "programmes:commission-minutes-download", kwargs={"pk": commission.pk}
    )


def attachment_href(attachment):
    return reverse(
        "proposals:attachment-download",
        kwargs={"pk": attachment.proposal_id, "attachment": attachment.pk},
    )


def downloads():
    """(model, file field) -> the row's download address. Imported when asked:
    the storage is built while models load, before these can be imported."""
    from projects.models import Document, JointCommission, Mission
    from proposals.models import ProposalAttachment

    return {
        (Document, "file"): document_href,
        (Mission, "report"): mission_report_href,
        (JointCommission, "minutes"): minutes_href,
        (ProposalAttachment, "file"): attachment_href,
    }


class PortalFileSystemStorage(FileSystemStorage):
    """Uploads under MEDIA_ROOT, linked through ``stored_file``."""

    def url(self, name):
        return reverse("stored-file", kwargs={"name": name})


def stored_file(request, name):
    """The download of the row that holds ``name``, as its own view answers it
    (its permission checks included); 404 when no row holds it."""
    for (model, field), href in downloads().items():
        row = model._default_manager.filter(**{field: name}).first()
        if row is not None:
            match = resolve(href(row))
            return match.func(request, *match.args, **match.kwargs)
    raise Http404("No row holds this file.")
