"""Projects on other apps' pages: a partner's page lists the projects it is part of."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from partners.collation import Collated
from partners.models import Bloc, Country, Organisation, Province
from projects.models import Project

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
