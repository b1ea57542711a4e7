"""/healthz (dgcin/health.py): the database, the cache and the task worker, 503
within 2 s while the database does not answer, 200 again on its own when it does.

The faults are real: a closed port, a server that accepts and never answers, a
proxy to the test database that is cut and restored, a Redis that is not there."""

import contextlib
import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import task
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dgcin import worker

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def noop():
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_reports_every_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    # Tasks run at once in the tests: no queue, no worker to report.
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "worker": None,
    }
    assert "no-cache" in response["Cache-Control"]


@override_settings(TASKS=DATABASE_QUEUE)
def test_reports_the_worker_heartbeat_and_the_queue_age(
    client, django_assert_max_num_queries
):
    body = client.get("/healthz").json()
    # Never seen: the pages are served, but the tasks wait.
    assert body["status"] == "degraded"
    assert body["worker"] == {
        "seen_seconds_ago": None,
        "finished_seconds_ago": None,
        "oldest_waiting_seconds": None,
    }

    worker.mark(worker.SEEN_KEY)
    noop.enqueue()
    # One query (and, on PostgreSQL, its statement timeout) whatever the queue.
    with django_assert_max_num_queries(4):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "worker": {
            "seen_seconds_ago": 0,
            "finished_seconds_ago": None,
            "oldest_waiting_seconds": 0,
        },
    }


@override_settings(TASKS=DATABASE_QUEUE, DGCIN_QUEUE_STALE_SECONDS=600)
def test_a_task_waiting_too_long_is_degraded_not_down(client):
    worker.mark(worker.SEEN_KEY)
    now = timezone.now()
    noop.enqueue()
    DBTaskResult.objects.update(enqueued_at=now - datetime.timedelta(hours=2))
    # A task to run later does not wait yet.
    noop.using(run_after=now + datetime.timedelta(hours=1)).enqueue()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert 7200 <= body["worker"]["oldest_waiting_seconds"] < 7260


def test_answers_503_when_the_cache_does_not(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] == "unreachable"


# The database down: another process with the production settings ---------------

# Sends /healthz for each line read ("get"), printing status, body and seconds. The
# test client keeps the database connection between requests; a server gives it
# back at the end of each (request_finished), as here.
HEALTH_CLIENT = """
import json, sys, time
import django
django.setup()
from django.db import close_old_connections
from django.test import Client
client = Client()
for line in sys.stdin:
    began = time.perf_counter()
    response = client.get("/healthz", headers={"host": "127.0.0.1"})
    close_old_connections()
    answer = [response.status_code, json.loads(response.content)]
    print(json.dumps(answer + [time.perf_counter() - began]), flush=True)
"""


class HealthClient:
    """A process of the portal (bench.settings: production, psycopg's pool unless
    told) whose database is ``url``; ``get()`` asks it for /healthz."""

    def __init__(self, url, **env):
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", HEALTH_CLIENT],
            cwd=settings.BASE_DIR,
            env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
            | {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": url,
                "DJANGO_CACHE_URL": "locmemcache://",
                "PYTHONWARNINGS": "ignore",
            }
            | env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def get(self):
        self.process.stdin.write("get\n")
        self.process.stdin.flush()
        status, body, seconds = json.loads(self.process.stdout.readline())
        return status, body, seconds

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


class SilentServer:
    """Accepts connections and never says a word: a database host that hangs."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


# Without the pool, a server that never answers costs libpq's connect_timeout (at
# least 2 s, settings/base.py); production pools its connections.
#
# How fast /healthz answers is measured by bench/faults.py (bench/README.md), not
# here: these tests only tell an answer bounded by the portal's own timeouts (about
# a second) from a hang (psycopg's pool waits 30 s by default, libpq minutes), with
# a margin that a loaded CI machine cannot reach.
HANG = 10


@pytest.mark.parametrize(
    ("database", "pool"),
    [("closed port", "true"), ("closed port", "false"), ("silent server", "true")],
)
def test_answers_503_without_hanging_when_the_database_does_not(database, pool):
    server = SilentServer() if database == "silent server" else None
    port = server.port if server else free_port()
    client = HealthClient(
        f"postgres://dgcin@127.0.0.1:{port}/dgcin", DJANGO_DB_POOL=pool
    )
    try:
        for _ in range(3):
            status, body, seconds = client.get()
            assert status == 503
            assert body["status"] == "error"
            assert body["database"] == "unreachable"
            assert seconds < HANG
    finally:
        client.close()
        if server:
            server.close()


class Proxy:
    """A TCP proxy to the test database that can be cut (every connection through
    it dropped, new ones refused) and restored: a PostgreSQL restart, seen from the
    portal."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.up = True
        self.links = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up = False
        for sock in self.links:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.links = []

    def close(self):
        self.cut()
        self.server.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: the connection pool and a database server to cut "
    "(CI runs this on PostgreSQL)",
)
@pytest.mark.parametrize("pool", ["true", "false"])
def test_recovers_on_its_own_when_the_database_comes_back(pool):
    db = connection.settings_dict
    proxy = Proxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    client = HealthClient(
        f"postgres://{user}@127.0.0.1:{proxy.port}/{db['NAME']}", DJANGO_DB_POOL=pool
    )
    try:
        assert client.get()[0] == 200
        proxy.cut()
        status, body, seconds = client.get()
        assert (status, body["database"]) == (503, "unreachable")
        assert seconds < HANG
        proxy.up = True
        back = time.monotonic()
        # The pool replaces its dead connections (its attempts back off from 1 s):
        # 200 again, nothing restarted (how soon: bench/faults.py).
        while True:
            status, body, seconds = client.get()
            assert seconds < HANG
            if status == 200 or time.monotonic() - back > 3 * HANG:
                break
            time.sleep(0.2)
        assert (status, body["database"], body["cache"]) == (200, "ok", "ok")
    finally:
        client.close()
        proxy.close()
