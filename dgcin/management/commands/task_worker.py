"""``manage.py task_worker``: the background task worker for production.

django-tasks-db's ``db_worker`` with the same options, which survives a database
restart (it waits and goes on) and leaves a heartbeat for ``/healthz``
(dgcin/worker.py). deploy/dgcin-worker.service runs it.
"""

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from dgcin.worker import PassLogFilter, ResilientWorker

# The options db_worker gives its worker, and ours.
WORKER_OPTIONS = (
    "interval",
    "batch",
    "backend_name",
    "startup_delay",
    "max_tasks",
    "worker_id",
    "max_backoff",
)


class Command(db_worker.Command):
    help = (
        "Run the background task worker (django-tasks-db's db_worker), going on "
        "after database errors, with a heartbeat for /healthz."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--max-backoff",
            type=db_worker.valid_interval,
            default=30.0,
            help="Longest wait, in seconds, between attempts while the database "
            "does not answer (from 1 s, doubling; default: %(default)r)",
        )

    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        library = logging.getLogger("django_tasks_db")
        library.addFilter(PassLogFilter())
        ours = logging.getLogger("dgcin.worker")
        ours.setLevel(library.level)
        if not ours.hasHandlers():
            ours.addHandler(logging.StreamHandler(self.stdout))

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
