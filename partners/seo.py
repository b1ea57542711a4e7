"""What every app gives search engines and share links, built the same way: absolute
addresses on the portal's public address (``DGCIN_SITE_URL``, the environment's
``DJANGO_SITE_URL``, never the Host a request names), the base of the sitemaps, and
JSON-LD that no text can break out of.

Each app that owns pages has its sitemap sections (``partners/sitemaps.py``,
``directory/sitemaps.py``, ``projects/sitemaps.py``); ``dgcin/sitemaps.py`` puts them
in the sitemap index beside the robots.txt.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, QuerySet
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def site_url():
    """The portal's public address, without a final slash."""
    return settings.DGCIN_SITE_URL.rstrip("/")


def absolute_url(path):
    """``path`` (as reverse() gives it) on the portal's public address."""
    return f"{site_url()}{path}"


# ------------------------------------------------------------------- JSON-LD

# As json_script escapes: a text holding "</script>" or "<!--" stays inside the data.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` as a ``<script type="application/ld+json">`` element. A data block is
    never run, so it needs no CSP nonce."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_ESCAPES)),  # noqa: S308 (escaped just above)
    )


# ------------------------------------------------------------------- sitemaps


class LanguagePairs:
    """The (object, language) pairs of a queryset, as a sequence a paginator slices
    with two queries (a COUNT and one page of rows), however many rows there are:
    a sitemap page never loads every project."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)
        self._length = None

    def __len__(self):
        if self._length is None:
            self._length = self.queryset.count() * len(self.languages)
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, step = index.indices(len(self))
        size = len(self.languages)
        first = start // size
        objects = self.queryset[first : -(-stop // size)] if stop > start else []
        pairs = [(obj, language) for obj in objects for language in self.languages]
        return pairs[start - first * size : stop - first * size : step]


class PortalSitemap(Sitemap):
    """A sitemap section of the portal's public pages, in every language with its
    alternates (x-default: the Spanish page, which has no prefix), on
    ``DGCIN_SITE_URL``. ``lastmod_field`` names the date the data keeps, if any."""

    i18n = True
    alternates = True
    x_default = True
    # 10,000 addresses a page (5,000 pages in two languages); the index lists the
    # pages. (The protocol allows 50,000, but smaller files are quicker to make.)
    limit = 10_000
    lastmod_field = None

    def get_protocol(self, protocol=None):
        return urlsplit(settings.DGCIN_SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        parts = urlsplit(settings.DGCIN_SITE_URL)
        return f"{parts.netloc}{parts.path.rstrip('/')}"

    def _items(self):
        items = self.items()
        if isinstance(items, QuerySet):
            return LanguagePairs(items, self._languages())
        return super()._items()

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's addresses, with x-default the default language's own address:
        Django makes it by taking "/es/" out of that address, which would turn
        Spain's page, /partners/country/es/, into /partners/country/."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {a["lang_code"]: a for a in url["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                by_language["x-default"]["location"] = by_language[
                    settings.LANGUAGE_CODE
                ]["location"]
        return urls

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        if not self.lastmod_field:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]
