"""DGCIN's units with their phone lines, and Argentina's diplomatic
representations abroad, as the directory's pages show them."""

from ninja import Router
from ninja.pagination import paginate

from directory.models import PhoneLine, Representation, Unit

from . import schemas
from .common import coded, links, one, text
from .pagination import ApiPagination
from .params import PAGING, UPDATED_SINCE, Language, Since
from .queries import check_parameters, updated_since

router = Router(tags=["Directory"])


def units():
    return Unit.objects.with_lines().select_related("parent")


def unit_item(unit, request):
    return {
        "slug": unit.slug,
        "name": unit.name,
        "acronym": text(unit.acronym),
        "kind": coded(unit.kind, Unit.Kind.choices),
        "parent": unit.parent.slug if unit.parent else None,
        "description": text(unit.description),
        "email": text(unit.email),
        "address": {
            field: text(getattr(unit, field))
            for field in ("street", "floor", "office", "postcode", "city", "country")
        },
        "phone_lines": [
            {
                "kind": coded(line.kind, PhoneLine.Kind.choices),
                "number": line.number,
                "e164": line.e164,
                "extensions": line.extension_list,
            }
            for line in unit.lines.all()
        ],
        "updated_at": unit.updated_at,
        **links(request, unit, "unit-detail", slug=unit.slug),
    }


def unit_items(page, request):
    return [unit_item(unit, request) for unit in page]


@router.get(
    "/units",
    response=list[schemas.Unit],
    url_name="unit-list",
    summary="DGCIN's units",
    description="The General Directorate and its directorates and offices, with "
    "their addresses and phone lines.",
)
@paginate(ApiPagination, serialise=unit_items)
def unit_list(request, lang: Language = None, since: Since = None):
    check_parameters(request, also=(*PAGING, UPDATED_SINCE))
    return updated_since(request, units())


@router.get(
    "/units/{slug}",
    response=schemas.Unit,
    url_name="unit-detail",
    summary="A unit of DGCIN",
)
def unit_detail(request, slug: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    return unit_item(one(units(), slug=slug), request)


def representations():
    return Representation.objects.select_related("country")


def representation_item(representation, request):
    return {
        "id": representation.pk,
        "kind": coded(representation.kind, Representation.Kind.choices),
        "country": representation.country.code,
        "country_name": representation.country.name,
        "city": representation.city,
        "address": text(representation.address),
        "phone": text(representation.phone),
        "email": text(representation.email),
        "website": text(representation.website),
        "updated_at": representation.updated_at,
        **links(request, representation, "representation-detail", id=representation.pk),
    }


def representation_items(page, request):
    return [representation_item(item, request) for item in page]


@router.get(
    "/representations",
    response=list[schemas.Representation],
    url_name="representation-list",
    summary="Diplomatic representations",
    description="Argentina's embassies, consulates and permanent missions abroad.",
)
@paginate(ApiPagination, serialise=representation_items)
def representation_list(request, lang: Language = None, since: Since = None):
    check_parameters(request, also=(*PAGING, UPDATED_SINCE))
    return updated_since(request, representations())


@router.get(
    "/representations/{int:id}",
    response=schemas.Representation,
    url_name="representation-detail",
    summary="A diplomatic representation",
    description="Representations have no address of their own on the portal: "
    "`url` is the list of representations at the host country's place.",
)
def representation_detail(request, id: int, lang: Language = None):
    check_parameters(request, also=("lang",))
    return representation_item(one(representations(), pk=id), request)
