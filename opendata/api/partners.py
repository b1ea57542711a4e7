"""Countries, organisations and blocs with their dated memberships, as the
partners pages show them; each identified as its page is, by ISO code or slug."""

from django.db.models import Prefetch
from ninja import Router
from ninja.pagination import paginate

from partners.models import (
    Bloc,
    BlocMembership,
    Country,
    IatiOrganisationType,
    Organisation,
    current_memberships,
)

from . import schemas
from .common import coded, links, one, text
from .pagination import ApiPagination
from .params import Language
from .queries import check_parameters

router = Router(tags=["Partners"])


# Countries ------------------------------------------------------------------------


def countries():
    """Active countries, as the partners list shows them (Argentina included:
    projects name it among their participants)."""
    return (
        Country.objects.filter(is_active=True)
        .select_related("region")
        .prefetch_related(current_memberships())
    )


def country_item(country, request):
    return {
        "code": country.code,
        "name": country.name,
        "region": None
        if country.region is None
        else {"slug": country.region.slug, "name": country.region.name},
        "blocs": [
            {
                "bloc": membership.bloc.slug,
                "acronym": membership.bloc.acronym,
                "status": coded(membership.status, BlocMembership.Status.choices),
                "since": membership.since,
            }
            for membership in country.current_memberships
        ],
        **links(request, country, "country-detail", code=country.code),
    }


def country_items(page, request):
    return [country_item(country, request) for country in page]


@router.get(
    "/countries",
    response=list[schemas.Country],
    url_name="country-list",
    summary="Countries",
    description="Active countries, with their region and their current blocs.",
)
@paginate(ApiPagination, serialise=country_items)
def country_list(request, lang: Language = None):
    check_parameters(request)
    return countries()


@router.get(
    "/countries/{code}",
    response=schemas.Country,
    url_name="country-detail",
    summary="A country",
    description="A country by its ISO 3166-1 alpha-2 code (either case).",
)
def country_detail(request, code: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    return country_item(one(countries(), code=code.upper()), request)


# Organisations --------------------------------------------------------------------


def organisation_item(organisation, request):
    return {
        "slug": organisation.slug,
        "acronym": text(organisation.acronym),
        "name": organisation.name,
        "kind": coded(organisation.kind, Organisation.Kind.choices),
        "country": organisation.country.code if organisation.country else None,
        "iati_identifier": text(organisation.iati_identifier),
        "iati_type": coded(organisation.iati_type, IatiOrganisationType.choices),
        "website": text(organisation.website),
        **links(request, organisation, "organisation-detail", slug=organisation.slug),
    }


def organisation_items(page, request):
    return [organisation_item(organisation, request) for organisation in page]


@router.get(
    "/organisations",
    response=list[schemas.Organisation],
    url_name="organisation-list",
    summary="Organisations",
    description="International bodies, agencies and institutions that take part "
    "in projects.",
)
@paginate(ApiPagination, serialise=organisation_items)
def organisation_list(request, lang: Language = None):
    check_parameters(request)
    return Organisation.objects.select_related("country")


@router.get(
    "/organisations/{slug}",
    response=schemas.Organisation,
    url_name="organisation-detail",
    summary="An organisation",
)
def organisation_detail(request, slug: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    found = one(Organisation.objects.select_related("country"), slug=slug)
    return organisation_item(found, request)


# Blocs ----------------------------------------------------------------------------


def blocs():
    return Bloc.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=BlocMembership.objects.select_related("country"),
            to_attr="all_memberships",
        )
    )


def bloc_item(bloc, request):
    return {
        "slug": bloc.slug,
        "acronym": bloc.acronym,
        "name": bloc.name,
        "kind": coded(bloc.kind, Bloc.Kind.choices),
        "founded": bloc.founded,
        "website": text(bloc.website),
        "description": text(bloc.description),
        "memberships": [
            {
                "country": membership.country.code,
                "country_name": membership.country.name,
                "status": coded(membership.status, BlocMembership.Status.choices),
                "since": membership.since,
                "until": membership.until,
                "current": membership.is_current,
                "source": text(membership.source),
                "needs_review": membership.needs_review,
            }
            for membership in bloc.all_memberships
        ],
        **links(request, bloc, "bloc-detail", slug=bloc.slug),
    }


def bloc_items(page, request):
    return [bloc_item(bloc, request) for bloc in page]


@router.get(
    "/blocs",
    response=list[schemas.Bloc],
    url_name="bloc-list",
    summary="Blocs and forums",
    description="Regional integration blocs and inter-regional forums, with every "
    "dated status of their members (current and past).",
)
@paginate(ApiPagination, serialise=bloc_items)
def bloc_list(request, lang: Language = None):
    check_parameters(request)
    return blocs()


@router.get(
    "/blocs/{slug}",
    response=schemas.Bloc,
    url_name="bloc-detail",
    summary="A bloc or forum",
)
def bloc_detail(request, slug: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    return bloc_item(one(blocs(), slug=slug), request)
