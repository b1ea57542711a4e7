"""Background tasks of the open data: rewriting the published IATI files
(``iati_publish``) after a published project or programme changes, and writing a
large download's kept file (``export_cache``) for the visitors who asked for it.

A change queues one run when its transaction commits, however many rows it
wrote (a save, an import, a publish action on many projects); the run skips
itself when another one started after the change, since that one read it.
``settings.DGCIN_IATI_PUBLISH_ON_CHANGE`` turns this off (the tests do: they
publish when they mean to).
"""

import time

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import resolve
from django.utils import translation

from projects.models import Project

from . import export_cache, iati_publish


@task()
def publish_iati_files(requested_at=None):
    """Rewrites the IATI files unless a run started after ``requested_at``;
    returns how many files were written (None when skipped)."""
    index = iati_publish.publish(unless_started_after=requested_at)
    return None if index is None else len(index["files"])


@task()
def write_export(path, query, scheme, host, keys, script_name=""):
    """Writes the kept file of the download at ``path`` and ``query`` (as asked
    with ``scheme`` and ``host``) by answering that request here, then releases
    the reservation ``keys`` the visitor's request handed over. Returns the
    answer's status (200 once the file is kept)."""
    reservation = export_cache.Reservation(keys)
    try:
        request = export_cache.background_request(
            path, query, scheme, host, script_name
        )
        request.export_reservation = reservation
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        with translation.override(language):
            match = resolve(path)
            response = match.func(request, *match.args, **match.kwargs)
            try:
                for _ in response.streaming_content if response.streaming else ():
                    pass  # written to the kept file on the way
            finally:
                export_cache.close_quietly(response)
        return response.status_code
    finally:
        reservation.release()


class PendingPublication:
    """The run a transaction queues when it commits: one per transaction."""

    def __init__(self):
        self.requested_at = time.time()
        self.done = False

    def __call__(self):
        self.done = True
        publish_iati_files.enqueue(requested_at=self.requested_at)


def queue_publication():
    """Queue a run for when the current transaction commits (at once outside
    one), unless one is queued already."""
    for _, callback, _ in transaction.get_connection().run_on_commit:
        if isinstance(callback, PendingPublication) and not callback.done:
            return
    transaction.on_commit(PendingPublication())


def in_files(project):
    """Whether the last run wrote ``project`` (so unpublishing it changes them)."""
    index = iati_publish.read_index()
    return bool(index) and project.pk in index.get("published", ())


def project_changed(sender, instance, **kwargs):
    """Signal receiver: a project was saved or deleted."""
    if not settings.DGCIN_IATI_PUBLISH_ON_CHANGE:
        return
    if instance.publication == Project.Publication.PUBLISHED or in_files(instance):
        queue_publication()


def programme_changed(sender, instance, **kwargs):
    """Signal receiver: a programme was saved or deleted."""
    if settings.DGCIN_IATI_PUBLISH_ON_CHANGE:
        queue_publication()
