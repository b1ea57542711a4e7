"""``/healthz``: whether this app process can serve, for load balancers and people.

Answers within about a second even when the database does not (a pooled connection
is awaited at most ``DATABASE_WAIT`` seconds, a new one gives up after the
``connect_timeout`` of settings/base.py, and the query may run
``STATEMENT_TIMEOUT_MS``), with at most one query and one read of the cache:

- 503, ``"status": "error"``: the database or the cache does not answer; this
  process cannot serve pages, take it out of the load balancer.
- 200, ``"status": "degraded"``: the pages are served, but no task worker was seen
  for ``DGCIN_WORKER_STALE_SECONDS``, or a task has waited longer than
  ``DGCIN_QUEUE_STALE_SECONDS`` (e-mails, large downloads and the IATI files wait):
  taking the app out would not help, starting the worker would.
- 200, ``"status": "ok"``.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection, transaction

from . import worker

DATABASE_WAIT = 1.0
STATEMENT_TIMEOUT_MS = 1000


def wait_for_connection():
    """With psycopg's pool, take and give back a connection within DATABASE_WAIT
    seconds (the pool checks it): the pool would otherwise make a request wait its
    whole timeout while the database is down. Raises OperationalError."""
    pool = getattr(connection, "pool", None)
    if pool is None or connection.connection is not None:
        return
    with connection.wrap_database_errors:
        pool.open()
        pool.putconn(pool.getconn(timeout=DATABASE_WAIT))


def database_state(now):
    """The age of the oldest waiting task (None: none, or no database queue);
    raises DatabaseError when the database does not answer."""
    wait_for_connection()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
        if worker.uses_database_queue():
            return worker.oldest_waiting_seconds(now)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    return None


def check():
    """(HTTP status, the JSON body) of /healthz."""
    now = time.time()
    body = {"status": "ok", "database": "ok", "cache": "ok", "worker": None}
    try:
        oldest = database_state(now)
    except DatabaseError:
        body["database"] = "unreachable"
        oldest = None
    beat = {"seen_seconds_ago": None, "finished_seconds_ago": None}
    if body["database"] != "ok" and isinstance(caches["default"], DatabaseCache):
        body["cache"] = "unreachable"  # the database's own table
    else:
        try:
            beat = worker.heartbeat(now)
        except Exception:  # any cache backend's own error (Redis, files, database)
            body["cache"] = "unreachable"
    if worker.uses_database_queue():
        body["worker"] = beat | {"oldest_waiting_seconds": oldest}
    if "unreachable" in (body["database"], body["cache"]):
        body["status"] = "error"
        return 503, body
    if body["worker"] and stale(body["worker"]):
        body["status"] = "degraded"
    return 200, body


def stale(state):
    seen, waited = state["seen_seconds_ago"], state["oldest_waiting_seconds"]
    return (
        seen is None
        or seen > settings.DGCIN_WORKER_STALE_SECONDS
        or (waited is not None and waited > settings.DGCIN_QUEUE_STALE_SECONDS)
    )
