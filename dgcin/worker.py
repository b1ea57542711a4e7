"""The background task worker that outlives the database, and its heartbeat.

``manage.py task_worker`` runs django-tasks-db's worker (``manage.py db_worker``) in
passes: each pass runs the tasks that are ready, then the worker leaves its mark in
the cache and waits ``--interval`` seconds. A database error (PostgreSQL restarting,
a connection cut) ends a pass instead of the process: the broken connections are
closed, the worker waits (1 s, doubling up to ``--max-backoff``), logs, and goes on.
``/healthz`` reads the marks (when a worker was last seen, when it last finished a
task) and the age of the oldest task waiting (``queue_state``).
"""

import logging
import time

from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger("dgcin.worker")

SEEN_KEY = "dgcin:worker:seen"
FINISHED_KEY = "dgcin:worker:finished"
# The mark is written at most this often while idle (with the database cache, each
# mark is a write to the database).
MARK_EVERY = 5.0
DATABASE_ERRORS = (OperationalError, InterfaceError)


def mark(key):
    """Leave the time in the cache under ``key``; a cache that does not answer
    costs the mark, never the worker."""
    try:
        cache.set(key, time.time(), timeout=None)
    except Exception:  # any cache backend's own error
        logger.warning("The task worker could not write its heartbeat to the cache.")
        return False
    return True


class ResilientWorker(Worker):
    """django-tasks-db's worker, run one pass at a time (its ``batch`` mode: every
    ready task, then return), with the database errors of a pass caught."""

    def __init__(self, *, batch, max_backoff=30.0, **options):
        super().__init__(batch=True, **options)
        self.once = batch
        self.max_backoff = max_backoff
        self.last_mark = 0.0
        self.failures = 0

    def run(self):
        logger.info(
            "Task worker %s started on queues %s",
            self.worker_id,
            ",".join(self.queue_names),
        )
        backoff, failing = 1.0, False
        while self.running:
            if time.monotonic() - self.last_mark >= MARK_EVERY and mark(SEEN_KEY):
                self.last_mark = time.monotonic()
            try:
                super().run()
            except DATABASE_ERRORS as error:
                self.failures += 1
                failing = True
                self.close_connections()
                logger.warning(
                    "Task worker %s: database error (%s); trying again in %.0f s",
                    self.worker_id,
                    str(error).strip().splitlines()[0] if str(error) else error,
                    backoff,
                )
                time.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            if failing:
                logger.info("Task worker %s: the database answers", self.worker_id)
            backoff, failing = 1.0, False
            self.startup_delay = False  # only before the first pass
            if self.once or self.reached_max_tasks():
                return
            if self.running:
                time.sleep(self.interval)

    def reached_max_tasks(self):
        return self.max_tasks is not None and self._run_tasks >= self.max_tasks

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if mark(FINISHED_KEY) and mark(SEEN_KEY):
            self.last_mark = time.monotonic()

    @staticmethod
    def close_connections():
        """Drop every connection of this process: a broken one is never reused,
        and the pool (if any) replaces it."""
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DATABASE_ERRORS:
                connection.connection = None


class PassLogFilter(logging.Filter):
    """django-tasks-db logs each start and end of its worker's loop: here, each pass
    (once a second when idle). ResilientWorker logs its own start instead."""

    PASS_MESSAGES = ("Starting worker", "No more tasks to run")

    def filter(self, record):
        return not str(record.msg).startswith(self.PASS_MESSAGES)


def seconds_since(timestamp, now):
    return None if timestamp is None else max(round(now - timestamp), 0)


def uses_database_queue(backend_name="default"):
    """Whether tasks go through django-tasks-db's queue (so a worker must run)."""
    return isinstance(task_backends[backend_name], DatabaseBackend)


def oldest_waiting_seconds(now, backend_name="default"):
    """How long the oldest ready task has waited (since it was queued, or since the
    time it was to run after), in one query; None when none waits."""
    oldest = (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend_name)
        .annotate(
            waiting_since=Case(
                When(run_after=get_date_max(), then=F("enqueued_at")),
                default=Greatest("enqueued_at", "run_after"),
            )
        )
        .aggregate(oldest=Min("waiting_since"))["oldest"]
    )
    return seconds_since(oldest and oldest.timestamp(), now)


def heartbeat(now):
    """Seconds since a worker was last seen and last finished a task (None: never,
    as far as the cache remembers), in one read of the cache."""
    marks = cache.get_many([SEEN_KEY, FINISHED_KEY])
    return {
        "seen_seconds_ago": seconds_since(marks.get(SEEN_KEY), now),
        "finished_seconds_ago": seconds_since(marks.get(FINISHED_KEY), now),
    }
