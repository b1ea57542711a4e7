"""The sitemap sections of the published projects, each dated by its last change,
and of the published bilateral programmes."""

from partners.seo import PortalSitemap

from .models import Programme, Project


class ProjectSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")


class ProgrammeSitemap(PortalSitemap):
    def items(self):
        return Programme.objects.published().only("slug").order_by("pk")
