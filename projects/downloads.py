"""Stored uploads sent to a visitor the view has let through (it asks
``accounts.permissions`` first): always as an attachment, typed by their content.

A row may name a file the storage no longer has: deleted by hand from MEDIA_ROOT
or the bucket, or lost with a disk or a restore. The visitor then gets the
not-found page, never a server error, and the log a warning naming the row and
the file, so that staff know the upload is lost and can upload it again.
"""

import logging

from django.http import FileResponse, Http404

from .validators import DOCUMENT_TYPES, detected_type

logger = logging.getLogger(__name__)


def open_stored(stored):
    """``stored`` (a row's file) open for reading from its storage, the file
    system or the bucket; Http404 when the storage does not have it."""
    try:
        return stored.open("rb")
    except FileNotFoundError:
        row = stored.instance
        logger.warning(
            "The stored file %r of %s %s (%s) is missing from the storage: "
            "upload it again or remove it from the row.",
            stored.name,
            row._meta.label,
            row.pk,
            row,
        )
        raise Http404("The stored file is missing.") from None


def download(stored, filename, content_type=None):
    """``stored`` as an attachment named ``filename``, sent as ``content_type``
    (what libmagic reads in the file when None) if it is an accepted document
    type, else as bytes to save."""
    handle = open_stored(stored)
    kind = detected_type(handle) if content_type is None else content_type
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=kind if kind in DOCUMENT_TYPES else "application/octet-stream",
    )
