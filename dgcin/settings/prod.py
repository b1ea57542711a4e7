"""Production: secrets and hosts must come from the environment, HTTPS everywhere."""

import re

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DGCIN_IATI_ORG_REF_PLACEHOLDER, SECRET_KEY, env, mailers_from_url

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS for production.")

DGCIN_SITE_URL = env.str("DJANGO_SITE_URL", default="")
if not DGCIN_SITE_URL:
    raise ImproperlyConfigured(
        "Set DJANGO_SITE_URL for production (the public address, for e-mailed links)."
    )

# DGCIN's IATI organisation identifier, as registered with the IATI Registry: the
# reporting-org of the open data. An organisation identifier is a registration
# agency's code (country or X, a letter, a hyphen, letters or digits: AR-CUIT,
# XM-DAC, XI-IATI), a hyphen and the identifier that agency gave. Never the
# placeholder, nor XE-EXAMPLE, the prefix reserved for example data.
DGCIN_IATI_ORG_REF = env.str("DGCIN_IATI_ORG_REF", default="").strip()
if not DGCIN_IATI_ORG_REF:
    raise ImproperlyConfigured(
        "Set DGCIN_IATI_ORG_REF for production: DGCIN's IATI organisation "
        "identifier as registered with the IATI Registry (e.g. AR-CUIT- and the "
        "Ministry's CUIT)."
    )
if (
    DGCIN_IATI_ORG_REF == DGCIN_IATI_ORG_REF_PLACEHOLDER
    or DGCIN_IATI_ORG_REF.startswith("XE-EXAMPLE-")
):
    raise ImproperlyConfigured(
        f"DGCIN_IATI_ORG_REF is {DGCIN_IATI_ORG_REF}, a placeholder or example "
        "identifier: set DGCIN's IATI organisation identifier as registered with "
        "the IATI Registry (e.g. AR-CUIT- and the Ministry's CUIT)."
    )
if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9._-]+", DGCIN_IATI_ORG_REF):
    raise ImproperlyConfigured(
        f"DGCIN_IATI_ORG_REF is {DGCIN_IATI_ORG_REF!r}, not an IATI organisation "
        "identifier: a registration agency's code, a hyphen and the identifier "
        "that agency gave, without spaces (e.g. AR-CUIT- and an 11-digit CUIT)."
    )

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the load balancer the client's address is in X-Forwarded-For: the sign-in
# lockout counts failures per user *and* client, read past this many proxies
# (accounts/addresses.py; anything left of that entry may be spoofed).
DGCIN_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# A cache every app process shares: the database's unless DJANGO_CACHE_URL names one
# (run `manage.py createcachetable` once).
CACHES = {
    "default": env.cache_url("DJANGO_CACHE_URL", default="dbcache://django_cache")
}

# Production mail goes out by SMTP: a local relay unless DJANGO_EMAIL_URL names one.
MAILERS = mailers_from_url(env.str("DJANGO_EMAIL_URL", default="smtp://localhost:25"))
