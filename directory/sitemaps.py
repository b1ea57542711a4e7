"""The sitemap section of DGCIN's units (the directory's list pages are in the
site's pages section, dgcin/sitemaps.py)."""

from partners.seo import PortalSitemap

from .models import Unit


class UnitSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Unit.objects.only("slug", "updated_at").order_by("slug")
