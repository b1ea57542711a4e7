"""The sitemap section of the published projects, each dated by its last change."""

from partners.seo import PortalSitemap

from .models import Project


class ProjectSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")
