"""Uploaded files are recognised by their content, never by their name."""

import magic
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024

# Content type (as libmagic reads it) -> what to call it in a message.
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "image/png": "PNG",
    "image/jpeg": "JPG",
}


def detected_type(upload):
    """libmagic's reading of the first 8 KiB of ``upload``."""
    position = upload.tell()
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    return magic.from_buffer(head, mime=True)


def validate_document_file(upload, limit=MAX_DOCUMENT_SIZE):
    if getattr(upload, "_committed", False):
        # Already stored: it was checked when it was uploaded. Its storage is
        # not asked again, so a row whose file was lost still saves.
        return
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    kind = detected_type(upload)
    if kind not in DOCUMENT_TYPES:
        raise ValidationError(
            _(
                "This file's content is not an accepted document (%(kind)s). "
                "Accepted: PDF, DOCX, XLSX, ODT, ODS, PNG and JPG."
            ),
            params={"kind": kind},
            code="bad_type",
        )


def validate_attachment_file(upload):
    """A proposal's attachment: an accepted document of 10 MB at most."""
    validate_document_file(upload, limit=MAX_ATTACHMENT_SIZE)
