"""Two app servers on one database and one cache (issue 17): what staff save
through one server, a visitor gets from the other, and the session one server
gives is signed in on the other.

Two gunicorn processes with the production settings (bench.settings) share the
test database (on SQLite a file copy of it, made once the test's rows are
committed: an in-memory database belongs to one process), the Redis server of
DGCIN_TEST_REDIS_URL, as tests/dgcin/test_shared_cache.py finds it, and a folder
for the files; the test speaks HTTP to them as a load balancer would, passing on
the site's Host. The longer check (open-data ETags, kept downloads and IATI files
written by the task worker, lockouts, PostgreSQL with generated projects) is
bench/scaleout.py."""

import os
import secrets
import sqlite3
from urllib.parse import quote

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from bench.scaleout import (
    Browser,
    clear_prefix,
    edit_title,
    errors_on,
    server_env,
    sign_in,
    start_pair,
    stop_pair,
)

REDIS = os.environ.get("DGCIN_TEST_REDIS_URL", "")

if os.environ.get("CI") and not REDIS:  # pragma: no cover - a broken CI set-up
    raise RuntimeError("CI must start a Redis server and set DGCIN_TEST_REDIS_URL")

pytestmark = [
    pytest.mark.skipif(
        not REDIS, reason="no Redis server: set DGCIN_TEST_REDIS_URL (CI does)"
    ),
    # The servers read what the test wrote: it must be committed.
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a-Str0ng-passphrase"
OLD_TITLE = "Agua segura para el Chaco paraguayo"
NEW_TITLE = "Agua potable para comunidades del Gran Chaco"


def shared_database(tmp_path):
    """The address of the test database for other processes: PostgreSQL's own
    database; on SQLite a file copy of it (SQLite's backup API)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(db["USER"]) + (
            f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        )
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        return f"postgres://{user}@{host}/{db['NAME']}"
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return f"sqlite:///{path}"


@pytest.fixture
def staff(django_user_model):
    """A superuser whose password the servers can check: their settings hash with
    PBKDF2, the tests' with MD5."""
    user = django_user_model.objects.create_superuser("ana", "ana@example.org", None)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def project(make_project):
    return make_project(title_es=OLD_TITLE, slug="agua-segura")


@pytest.fixture
def servers(project, staff, tmp_path):
    """Ports of servers A and B, started once the test's rows are committed; their
    cache keys under a prefix of their own, removed at the end; ``tmp_path`` their
    shared storage."""
    prefix = f"two-servers-{os.getpid()}-{secrets.token_hex(3)}"
    database = shared_database(tmp_path)
    base = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    pair = start_pair(server_env(base, database, REDIS, prefix, tmp_path), workers=1)
    try:
        yield pair["A"][0], pair["B"][0]
    finally:
        stop_pair(pair)
        clear_prefix(REDIS, prefix)


def test_what_staff_save_through_one_server_a_visitor_gets_from_the_other(
    servers, project
):
    a, b = servers
    visitor = Browser()
    page, catalogue = f"/projects/{project.slug}/", "/projects/?sort=-updated"
    for path in (page, catalogue):
        made = visitor.get(b, path)
        assert (made.status, made.header("X-Page-Cache")) == (200, "miss")
        assert OLD_TITLE in made.text
        # B's copy, from the shared cache.
        assert visitor.get(a, path).header("X-Page-Cache") == "hit"

    staff = Browser()
    signed_in = sign_in(staff, a, "ana", PASSWORD)
    assert signed_in.status == 302, errors_on(signed_in)
    # The session A gave is signed in on B; without it B sends to the sign-in.
    on_b = staff.get(b, "/admin/")
    assert on_b.status == 200
    assert "ana" in on_b.text
    assert Browser().get(b, "/admin/").status == 302

    saved = edit_title(staff, a, project.pk, NEW_TITLE)
    assert saved.status == 302, errors_on(saved)

    for path in (page, catalogue):
        seen = visitor.get(b, path)
        assert seen.status == 200
        assert NEW_TITLE in seen.text
        assert OLD_TITLE not in seen.text
