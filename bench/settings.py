"""Production settings for the benchmark, served by gunicorn on loopback: no HTTPS
redirect, plain static storage (no collectstatic), and a minimal view beside the
portal's pages."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault(
    "DGCIN_IATI_ORG_REF", "AR-CUIT-00000000000"
)  # shape only, not real

from dgcin.settings.prod import *  # noqa: F403
from dgcin.settings.prod import CACHES, STORAGES

ROOT_URLCONF = "bench.urls"
# Uploads where DJANGO_MEDIA_STORAGE says, as in production (the file system by
# default); static files from their folders.
STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": True}
# The benchmark's staff session (pages.staff_session) is made without the code
# of an authenticator app: the admin is measured as a page, not the sign-in.
DGCIN_STAFF_TWO_FACTOR = False
# Every process of one run (bench/scaleout.py's two servers, a test's) names the
# same prefix: its keys stay apart from other runs' on a shared Redis database.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("DGCIN_CACHE_KEY_PREFIX", "")
