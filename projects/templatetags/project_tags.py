"""Projects on other apps' pages: a partner's page lists the projects it is part of,
and a partner country's page its joint commissions and programmes."""

from django import template
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from partners.collation import Collated
from partners.models import Bloc, Country, Organisation, Province
from projects.models import JointCommission, Programme, Project

register = template.Library()
SHOWN = 10


@register.inclusion_tag("projects/includes/partner_projects.html")
def partner_projects(partner):
    """The latest published projects of a country, organisation, bloc or Argentine
    province, with a link to all of them in the catalogue."""
    projects = Project.objects.published()
    catalogue = reverse("projects:project-list")
    if isinstance(partner, Country):
        projects = projects.filter(participations__country=partner).distinct()
        catalogue += "?" + urlencode({"country": partner.code})
    elif isinstance(partner, Organisation):
        projects = projects.filter(participations__organisation=partner).distinct()
        catalogue += "?" + urlencode({"q": partner.acronym or partner.name})
    elif isinstance(partner, Bloc):
        projects = projects.filter(blocs=partner)
        catalogue += "?" + urlencode({"bloc": partner.slug})
    elif isinstance(partner, Province):
        projects = projects.filter(provinces=partner)
        catalogue += "?" + urlencode({"province": partner.code})
    else:
        raise template.TemplateSyntaxError("partner_projects takes a partner.")
    latest = list(projects.order_by("-start_year", Collated("title"))[: SHOWN + 1])
    return {
        "projects": latest[:SHOWN],
        "more": len(latest) > SHOWN,
        "catalogue": catalogue,
        "partner": partner,
    }


@register.inclusion_tag("projects/includes/country_programmes.html")
def country_programmes(country):
    """A partner country's joint commissions, newest first, each with its
    published bilateral programmes: two queries."""
    commissions = list(
        JointCommission.objects.filter(country=country)
        .order_by("-date")
        .prefetch_related(
            Prefetch(
                "programmes",
                queryset=Programme.objects.published().order_by("-period_start"),
            )
        )
    )
    return {"commissions": commissions}
