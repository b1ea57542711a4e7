"""Background task of the open data: rewriting the published IATI files
(``iati_publish``) after a published project or programme changes.

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

from projects.models import Project

from . import iati_publish


@task()
def publish_iati_files(requested_at=None):
    """Rewrites the IATI files unless a run started after ``requested_at``;
    returns how many files were written (None when skipped)."""
    index = iati_publish.publish(unless_started_after=requested_at)
    return None if index is None else len(index["files"])


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
