"""Test runs: fast hasher, plain static storage, tasks run at once, mail kept in memory.

The database is in-memory SQLite unless DATABASE_URL points elsewhere (CI sets it to
PostgreSQL for the second run).
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
if "DATABASE_URL" not in env.ENVIRON:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
else:
    # The test runner creates and drops its own database: no pool to keep warm.
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads in memory, whatever DJANGO_MEDIA_STORAGE says (tests/dgcin/
# test_storage_s3.py puts them on a real S3 server).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Kept downloads in a folder of this test process (tests/conftest.py empties it).
DGCIN_EXPORT_CACHE_DIR = Path(tempfile.mkdtemp(prefix="dgcin-test-exports-"))
atexit.register(shutil.rmtree, DGCIN_EXPORT_CACHE_DIR, ignore_errors=True)
# Staff sign in with password and code everywhere else (base.py). Off here so that
# the tests of other parts can sign staff in with force_login and admin_client; the
# tests that turn it on (override_settings) and go through the whole sign-in are
# tests/accounts/test_two_factor.py, tests/accounts/test_staff_security.py and the
# browser test tests/e2e/test_two_factor.py.
DGCIN_STAFF_TWO_FACTOR = False

# Serve static files straight from the source folders (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The published IATI files: a folder of this process's (the tests that read them
# give each test its own), and no rebuild after every project a test saves.
DGCIN_IATI_DIR = Path(tempfile.gettempdir()) / f"dgcin-iati-test-{os.getpid()}"
DGCIN_IATI_PUBLISH_ON_CHANGE = False
