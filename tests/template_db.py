"""A migrated SQLite test database with the reference data, kept between runs.

Migrating the in-memory test database and loading the reference data takes each
pytest-xdist worker most of half a minute. The first worker to get there builds it
as usual and copies the result to a file named by a digest of everything that can
change it (the portal's code and data, the installed packages, Python and SQLite);
the other workers, and every later run with the same digest, create empty tables
without migrating and copy that file over them (SQLite's backup API), in well under
a second. Any change to a migration, a model, a loader or its data, or a package
gives another digest, so a stale database is never used; the last few are kept.

Only for the in-memory SQLite database of `make test`: on PostgreSQL (DATABASE_URL
set) the test database is migrated as usual.
"""

import fcntl
import hashlib
import importlib.metadata
import json
import os
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

DIRECTORY = Path(tempfile.gettempdir()) / "dgcin-test-databases"
# Folders of the repository whose files can change the database.
SOURCES = ("accounts", "dgcin", "directory", "opendata", "partners", "projects")
SOURCES += ("proposals",)
SUFFIXES = {".py", ".json", ".csv", ".txt", ".sql", ".xml"}
KEEP = 3


def applies(connection):
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def digest():
    """A digest of what the migrated, loaded database depends on."""
    sha = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                sha.update(str(path.relative_to(base)).encode())
                sha.update(path.read_bytes())
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
    )
    sha.update("\n".join(packages).encode())
    sha.update(sys.version.encode())
    sha.update(sqlite3.sqlite_version.encode())
    return sha.hexdigest()[:32]


@contextmanager
def locked():
    """Held while one worker looks for the file or builds it."""
    DIRECTORY.mkdir(exist_ok=True)
    with open(DIRECTORY / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def paths(name):
    return DIRECTORY / f"{name}.sqlite3", DIRECTORY / f"{name}.json"


def read(connection, name):
    """Copy the kept database over the connection's; return what was kept with it
    (the tables the loaders filled), or None when there is no such file."""
    database, meta = paths(name)
    if not (database.exists() and meta.exists()):
        return None
    connection.ensure_connection()
    with sqlite3.connect(database) as source:
        source.backup(connection.connection)
    return json.loads(meta.read_text())


def write(connection, name, kept):
    """Keep the connection's database under ``name``, with ``kept`` beside it."""
    database, meta = paths(name)
    partial = database.with_suffix(f".{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    partial.replace(database)
    meta.write_text(json.dumps(kept))
    old = sorted(DIRECTORY.glob("*.sqlite3"), key=lambda path: path.stat().st_mtime)[
        :-KEEP
    ]
    for path in old:
        for stale in paths(path.stem):
            stale.unlink(missing_ok=True)
