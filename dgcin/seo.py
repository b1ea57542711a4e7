"""The head of every page for search engines and share links: ``{% seo_head %}``
(the template library ``seo``, TEMPLATES in settings) renders
``templates/includes/seo_head.html`` with, all on DGCIN_SITE_URL:

- the canonical address: the page's path and only the query parameters that choose
  its content (``content_parameters()``: the filters and page number of the
  catalogue and of the partners' list, the filters of the figures), sorted;
  sorting, tracking (utm_*, fbclid…) and anything else are dropped, and so are
  empty and default values (page=1, DEFAULT_VALUES);
- hreflang alternates for Spanish, English and x-default (the Spanish page, at the
  root), each with the same parameters;
- Open Graph and Twitter card tags: the page's own title and description (the
  ``title`` and ``description`` blocks of the page's template), the site's name,
  the language and the other one, the share image;
- the feeds of newly published projects.

The canonical, the share tags and the alternates' parameters are given on public
pages only: not on error pages, nor under the private paths robots.txt disallows.
The share image is one for the whole site (static/img/share.png, made by
bench/site_image.py); the pages have no image of their own.
"""

import html
from functools import cache

from django import template
from django.conf import settings
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters import OrderingFilter

from partners.seo import absolute_url
from partners.views import PARTNER_KINDS
from projects.filters import ProjectFilter

from .context_processors import language_link
from .sitemaps import private_paths

register = template.Library()

SHARE_IMAGE = "img/share.png"
SHARE_IMAGE_SIZE = (1200, 630)
# Open Graph locales: Argentine Spanish, and the English the site writes (British).
OG_LOCALES = {"es": "es_AR", "en": "en_GB"}


def filter_names(*filtersets):
    """The filters that choose which rows a list shows (not how it sorts them)."""
    return {
        name
        for filterset in filtersets
        for name, field in filterset.base_filters.items()
        if not isinstance(field, OrderingFilter)
    }


@cache
def content_parameters():
    """{url name: the query parameters that make its page's content}. A page not
    listed has none: its canonical address has no query string."""
    catalogue = filter_names(ProjectFilter)
    partners = filter_names(*(kind[1] for kind in PARTNER_KINDS.values()))
    return {
        "projects:project-list": catalogue | {"page"},
        "opendata:stats": catalogue,
        "partners:partner-list": partners | {"kind", "page"},
    }


# Values that give the same page as no value: left out of the canonical address.
DEFAULT_VALUES = {("partners:partner-list", "kind"): "country"}


def content_query(request):
    """The request's content parameters, sorted, without empty or default values
    (nor page 1), as a query string ("" or "?…")."""
    view = request.resolver_match.view_name if request.resolver_match else ""
    kept = content_parameters().get(view, set())
    pairs = []
    for name in sorted(kept & set(request.GET)):
        default = DEFAULT_VALUES.get((view, name), "")
        values = sorted({v for v in request.GET.getlist(name) if v != default})
        if name == "page":
            values = [v for v in values if v.isdigit() and int(v) > 1][:1]
        pairs += [(name, value) for value in values]
    return f"?{urlencode(pairs)}" if pairs else ""


def is_public_page(context, request):
    if request is None or request.resolver_match is None:
        return False  # not found, or refused before any view
    if "exception" in context:  # the 403 and 404 pages of a view that refused
        return False
    path = request.path_info
    return not any(path.startswith(private) for private in private_paths())


def block_text(context, name):
    """The page's block ``name`` (as the page's template fills it), as plain text:
    what <title> and the meta description hold, for the share tags."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    if block_context is None or block_context.get_block(name) is None:
        return ""
    # Rendered as the base template renders its block (so block.super works).
    rendered = BlockNode(name, NodeList()).render(context)
    return " ".join(html.unescape(strip_tags(rendered)).split())


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    language = get_language()
    head_office = context.get("head_office")
    # As the header names the site.
    site_name = (head_office.name if head_office else "") or _(
        "International cooperation"
    )
    feeds = {
        "rss": absolute_url(reverse("projects:project-feed-rss")),
        "atom": absolute_url(reverse("projects:project-feed-atom")),
    }
    if request is None:
        return {"feeds": feeds}
    public = is_public_page(context, request)
    query = content_query(request) if public else ""
    alternates = [
        {"code": code, "url": absolute_url(language_link(request.path, code)) + query}
        for code, _name in settings.LANGUAGES
    ]
    default = next(a for a in alternates if a["code"] == settings.LANGUAGE_CODE)
    alternates.append({"code": "x-default", "url": default["url"]})
    result = {"feeds": feeds, "alternates": alternates, "public": public}
    if not public:
        return result
    canonical = next(a["url"] for a in alternates if a["code"] == language)
    # The home page's title is the site's name ("Inicio" would say nothing).
    is_home = request.resolver_match.view_name == "home"
    title = "" if is_home else block_text(context, "title")
    return result | {
        "canonical": canonical,
        "title": title or site_name,
        "description": block_text(context, "description"),
        "site_name": site_name,
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(code, code)
            for code, _name in settings.LANGUAGES
            if code != language
        ],
        "image": absolute_url(static(SHARE_IMAGE)),
        "image_size": SHARE_IMAGE_SIZE,
    }
