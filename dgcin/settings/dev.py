"""Local development: DEBUG on, SQLite, e-mail to the console, tasks run at once."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = (
    env.str("DJANGO_SECRET_KEY", default="") or "dev-only-insecure-key-do-not-deploy"
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Uploads where DJANGO_MEDIA_STORAGE says (the file system by default).
STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
