"""sitemap.xml and robots.txt, both on DGCIN_SITE_URL.

/sitemap.xml is an index of sections (/sitemap-<section>.xml, each paged at 10,000
addresses): the site's own pages, the published projects, the partners' pages, the
provinces and DGCIN's units, every page in Spanish and English with its alternates.
A section's lastmod is the date its data keeps, where it keeps one.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, sitemap, x_robots_tag
from django.db.models import Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from directory.models import FocalPoint, InstitutionalText, Representation, Unit
from directory.sitemaps import UnitSitemap
from partners.seo import PortalSitemap, absolute_url
from partners.sitemaps import (
    BlocSitemap,
    CountrySitemap,
    OrganisationSitemap,
    ProvinceSitemap,
)
from projects.models import Project
from projects.sitemaps import ProgrammeSitemap, ProjectSitemap


class PageSitemap(PortalSitemap):
    """The pages with a name and no object: home, about, the catalogue and its
    figures, the open-data page, the partners' list, the directory's lists. Five
    queries, for their dates: a page's date is its text's, or the latest change to
    what it lists."""

    def items(self):
        return [
            "home",
            "about",
            "projects:project-list",
            "opendata:stats",
            "open-data",
            "partners:partner-list",
            "partners:institution-list",
            "directory:directory",
            "directory:representation-list",
            "directory:focal-point-list",
        ]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if not hasattr(self, "dates"):
            self.dates = self.page_dates()
        return self.dates.get(item)

    def get_latest_lastmod(self):
        # Some pages have no date (the partners' list): the section has none.
        return None

    @staticmethod
    def page_dates():
        texts = dict(InstitutionalText.objects.values_list("page", "updated_at"))
        projects = Project.objects.published().aggregate(latest=Max("updated_at"))
        projects = projects["latest"]
        home = [d for d in (texts.get("home"), projects) if d is not None]
        return {
            "home": max(home, default=None),
            "about": texts.get("about"),
            "projects:project-list": projects,
            "opendata:stats": projects,
            "open-data": projects,
            "directory:directory": Unit.objects.aggregate(d=Max("updated_at"))["d"],
            "directory:representation-list": Representation.objects.aggregate(
                d=Max("updated_at")
            )["d"],
            "directory:focal-point-list": FocalPoint.objects.aggregate(
                d=Max("updated_at")
            )["d"],
        }


SITEMAPS = {
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "programmes": ProgrammeSitemap,
    "countries": CountrySitemap,
    "organisations": OrganisationSitemap,
    "blocs": BlocSitemap,
    "provinces": ProvinceSitemap,
    "units": UnitSitemap,
}


@x_robots_tag
@require_GET
def sitemap_index(request):
    """The sections and their pages, on DGCIN_SITE_URL (Django's index view would
    build them on the request's Host)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        section_sitemap = sitemap_class()
        location = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        lastmod = section_sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, section_sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


@require_GET
def sitemap_section(request, section):
    return sitemap(request, sitemaps=SITEMAPS, section=section)


def private_paths():
    """The beginnings of the addresses that are not public, in every language:
    the staff's admin, the sign-in pages, the focal points' proposals."""
    paths = {reverse("admin:index")}
    for language, _name in settings.LANGUAGES:
        with override(language):
            paths |= {reverse("account"), reverse("proposals:proposal-list")}
    return sorted(paths)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in private_paths()]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
