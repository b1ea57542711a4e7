"""Public pages for people who are not signed in, served from the shared cache.

A page's key is everything its bytes depend on: the data generation
(``projects.facets``, which any committed change to partners, directory,
projects or calls for proposals bumps, in every process that shares the cache),
this transaction's own uncommitted changes, the day (what is open or ongoing
depends on dates), the language, the scheme, host and full address (query
included). So an edit saved through the admin, an import or a model ``save()``
is seen on the next request, and a warm page is answered without a query: the
middleware sits before authentication, the session store and the views.

Only ``GET`` requests without a session or messages cookie are cached: staff and
focal points (whose pages show their name and a CSRF token) always get fresh
pages. Only complete ``200`` answers that set no cookie and do not forbid caching
(``never_cache``, private) are kept, for ``DGCIN_PAGE_CACHE_SECONDS``. Private
areas, the open data (with its own kept files and conditional GET), the IATI files
(written by the task worker after the generation moves), the API and ``/healthz``
are never cached here.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from projects import facets

# Bump when what is stored changes shape.
FORMAT = 1
# Settings changed in this process (tests' override_settings) make other pages.
_settings_version = 0


@receiver(setting_changed)
def _settings_changed(**kwargs):
    global _settings_version
    _settings_version += 1


def excluded_urls():
    languages = "|".join(
        re.escape(code)
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    )
    prefix = rf"^/(?:(?:{languages})/)?"
    return re.compile(
        rf"{prefix}(?:admin|proposals|accounts|api|iati|healthz)(?:/|$)"
        rf"|^/(?:{re.escape(settings.STATIC_URL.strip('/'))}"
        rf"|{re.escape(settings.MEDIA_URL.strip('/'))})/"
        rf"|{settings.DGCIN_OPEN_DATA_URLS}"
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = excluded_urls()

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        stored = cache.get(key)
        if stored is not None:
            return self.restore(stored)
        response = self.get_response(request)
        if self.cacheable_response(response):
            # Another page for a signed-in person: no shared cache mixes them.
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, self.store(response), settings.DGCIN_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def cacheable_request(self, request):
        return (
            settings.DGCIN_PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not self.excluded.match(request.path_info)
        )

    @staticmethod
    def cacheable_response(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in control
            and "private" not in control
        )

    @staticmethod
    def key(request):
        parts = (
            FORMAT,
            facets.generation(),
            facets.uncommitted(),
            _settings_version,
            timezone.localdate().isoformat(),
            translation.get_language(),
            request.build_absolute_uri(),
        )
        digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
        return f"pages:{digest}"

    @staticmethod
    def store(response):
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def restore(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
