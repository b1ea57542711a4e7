"""``manage.py task_worker`` (dgcin/worker.py): runs the queued tasks, leaves its
heartbeat for /healthz, and goes on after its database connection is cut; the pool
checks the connections it hands out (settings/base.py)."""

import io
import json
import logging
import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.tasks import TaskResultStatus, task
from django.test import override_settings

from dgcin import worker

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: a database server that cuts a connection "
    "(pg_terminate_backend); CI runs this on PostgreSQL",
)


@task
def echo(value):
    return value


@task
def cut_my_connection():
    """Has another connection end this one's backend, as a PostgreSQL restart
    does: the worker's next query fails (OperationalError)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    return pid


@pytest.fixture
def signals():
    """The worker takes SIGINT and SIGTERM for its graceful stop: give them back."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)


def run_worker(caplog, **options):
    """Runs the worker until the queue is empty; what it logged."""
    with caplog.at_level(logging.INFO, logger="dgcin.worker"):
        call_command(
            "task_worker",
            batch=True,
            interval=0,
            startup_delay=False,
            reload=False,
            stdout=io.StringIO(),
            **options,
        )
    return caplog.text


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_runs_the_queued_tasks_and_leaves_its_heartbeat(signals, client, caplog):
    cache.delete_many([worker.SEEN_KEY, worker.FINISHED_KEY])
    first, second = echo.enqueue("uno"), echo.enqueue("dos")
    assert client.get("/healthz").json()["worker"]["oldest_waiting_seconds"] == 0

    output = run_worker(caplog)

    for result, value in ((first, "uno"), (second, "dos")):
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == value
    assert "started on queues default" in output
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker"] == {
        "seen_seconds_ago": 0,
        "finished_seconds_ago": 0,
        "oldest_waiting_seconds": None,
    }


@POSTGRESQL_ONLY
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_goes_on_after_its_database_connection_is_cut(signals, caplog):
    cut = cut_my_connection.enqueue()
    after = echo.enqueue("después del corte")

    output = run_worker(caplog, max_backoff=1)

    # The worker's connection died under it; it said so, waited, connected again
    # and ran the next task.
    assert "database error" in output
    assert "the database answers" in output
    after.refresh()
    assert after.status == TaskResultStatus.SUCCESSFUL
    assert after.return_value == "después del corte"
    # The cut task ran, but its end could not be written on the dead connection.
    cut.refresh()
    assert cut.status == TaskResultStatus.RUNNING


POOL_SETTINGS = """
import json
import logging
from dgcin.settings import base
from psycopg_pool import ConnectionPool
options = base.DATABASES["default"]["OPTIONS"]
pool = options["pool"]
print(json.dumps({
    "connect_timeout": options["connect_timeout"],
    "pool": bool(pool),
    "check": bool(pool) and pool["check"] is ConnectionPool.check_connection,
    "timeout": bool(pool) and pool["timeout"],
}))
"""


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        ("true", {"connect_timeout": 2, "pool": True, "check": True, "timeout": 10}),
        ("false", {"connect_timeout": 2, "pool": False, "check": False}),
    ],
)
def test_the_pool_checks_each_connection_it_hands_out(pool, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    answer = subprocess.run(  # noqa: S603
        [sys.executable, "-c", POOL_SETTINGS],
        cwd=settings.BASE_DIR,
        env=env
        | {
            "DATABASE_URL": "postgres://dgcin@127.0.0.1:5432/dgcin",
            "DJANGO_DB_POOL": pool,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(answer.stdout)
    assert {k: v for k, v in figures.items() if k != "timeout" or pool == "true"} == (
        expected
    )
