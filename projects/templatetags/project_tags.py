"""Projects on other apps' pages: a partner's page lists the projects it is part of,
a partner country's page its joint commissions and programmes, and a province's
page its national and decentralised cooperation."""

from django import template
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from partners.collation import Collated
from partners.models import Bloc, Country, Organisation, Province, Subdivision
from projects.models import (
    JointCommission,
    Programme,
    Project,
    SubnationalParticipation,
)

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


@register.inclusion_tag("projects/includes/province_cooperation.html")
def province_cooperation(province):
    """An Argentine province's published projects split into national cooperation
    (not decentralised, as the catalogue's link says) and decentralised
    cooperation (the province, or one of its municipalities, is a subnational
    partner), the latest of each, and the foreign subnational
    governments it cooperates with: five queries."""
    published = Project.objects.published()
    as_partner = SubnationalParticipation.objects.filter(
        project=OuterRef("pk"), province=province
    )
    decentralised = published.filter(Exists(as_partner), is_decentralised=True)
    # As the catalogue's "national" link counts them: every decentralised project
    # is left out, whether or not the province is its partner.
    national = published.filter(provinces=province, is_decentralised=False)
    order = ("-start_year", Collated("title"))
    shown_national = list(national.order_by(*order)[: SHOWN + 1])
    shown_decentralised = list(
        decentralised.order_by(*order).prefetch_related(
            Prefetch(
                "subnational_participations",
                queryset=SubnationalParticipation.objects.select_related(
                    "province", "subdivision__country"
                ),
            )
        )[: SHOWN + 1]
    )
    for project in shown_decentralised:
        project.foreign_partners = [
            row for row in project.subnational_participations.all() if row.subdivision
        ]
    foreign = (
        Subdivision.objects.filter(participations__project__in=decentralised)
        .select_related("country")
        .annotate(projects=Count("participations__project", distinct=True))
        .order_by(Collated("country__name"), Collated("name"))
    )
    catalogue = reverse("projects:project-list")
    return {
        "province": province,
        "national": shown_national[:SHOWN],
        "more_national": len(shown_national) > SHOWN,
        "national_catalogue": f"{catalogue}?"
        + urlencode({"province": province.code, "decentralised": "no"}),
        "decentralised": shown_decentralised[:SHOWN],
        "more_decentralised": len(shown_decentralised) > SHOWN,
        "decentralised_catalogue": f"{catalogue}?"
        + urlencode({"province": province.code, "decentralised": "yes"}),
        "foreign": list(foreign),
    }
