"""The sitemap sections of the partners' pages: countries, organisations, blocs and
forums, and the Argentine provinces. Their rows keep no date, so they give no
lastmod."""

from django.conf import settings

from .models import Bloc, Country, Organisation, Province
from .seo import PortalSitemap


class CountrySitemap(PortalSitemap):
    """The countries the public lists show; Argentina is no partner of its own."""

    def items(self):
        return (
            Country.objects.filter(is_active=True)
            .exclude(code=settings.HOME_COUNTRY)
            .only("code")
            .order_by("code")
        )


class OrganisationSitemap(PortalSitemap):
    def items(self):
        return Organisation.objects.only("slug").order_by("slug")


class BlocSitemap(PortalSitemap):
    def items(self):
        return Bloc.objects.only("slug").order_by("slug")


class ProvinceSitemap(PortalSitemap):
    def items(self):
        return Province.objects.only("code").order_by("code")
