"""Middleware of the portal as a whole."""

import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers


class PrivateCacheMiddleware:
    """No browser or proxy keeps a private page: every response under /admin/,
    /proposals/ and /accounts/ (in any language), and every response to a
    signed-in person, says ``Cache-Control: no-store, private`` (with no-cache,
    must-revalidate and max-age=0 for old caches).

    First in MIDDLEWARE but for the security headers, so it also marks the answers
    that later middleware give (redirects, the lockout page, CSRF failures)."""

    def __init__(self, get_response):
        self.get_response = get_response
        languages = "|".join(
            re.escape(code)
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        )
        self.private = re.compile(
            rf"^/admin/|^/(?:(?:{languages})/)?(?:proposals|accounts)/"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.private.match(request.path_info) or self.signed_in(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def signed_in(request):
        """Whether the session is a signed-in one; read only when the request
        carries a session cookie, so anonymous pages do not start varying on it."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        session = getattr(request, "session", None)
        return session is not None and SESSION_KEY in session


# Already a zip (XLSX): compressing it again gains nothing.
ZIPPED = "application/vnd.openxmlformats"


class OpenDataGZipMiddleware(GZipMiddleware):
    """Compresses the open-data files (``DGCIN_OPEN_DATA_URLS``: JSON, CSV and XML
    shrink five to ten times), streamed or not, for clients that accept gzip, and
    nothing else: a page carries a CSRF token, and compressing a secret beside
    text an attacker chooses opens the BREACH attack. A kept download that is
    already compressed is sent as it is."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.open_data = re.compile(settings.DGCIN_OPEN_DATA_URLS)

    def process_response(self, request, response):
        if not self.open_data.match(request.path_info) or response.get(
            "Content-Type", ""
        ).startswith(ZIPPED):
            return response
        return super().process_response(request, response)
