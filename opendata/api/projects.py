"""Published projects and bilateral programmes.

A project is the JSON export's record (``json_export.project_record``, read as
the exports read it: ``exports.attach_contents``) with every text and label in
the one language asked, plus its addresses in the API and its own files. The
list takes the catalogue's filters, applied by the catalogue's own
``ProjectFilter``: the same parameters give the same projects."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from accounts.permissions import visible_programmes, visible_projects
from partners.collation import Collated
from projects.filters import ProjectFilter
from projects.models import Programme, Project

from ..exports import References, attach_contents, filter_errors
from ..formatting import LANGUAGES
from ..json_export import Labels, project_record
from . import schemas
from .common import api_url, links, one, text
from .errors import ApiError
from .pagination import ApiPagination
from .params import PAGING, UPDATED_SINCE, Language, Since
from .queries import check_parameters, updated_since

router = Router(tags=["Projects"])

LANGUAGE_KEYS = frozenset(LANGUAGES)


def choices(values):
    return ", ".join(f"`{value}`" for value in values)


class ProjectFilters(Schema):
    """The catalogue's filters (/projects/), documented for the OpenAPI schema;
    ``ProjectFilter`` reads and checks them."""

    q: str | None = Field(
        None,
        description="Search, as the catalogue's box: whole words in Spanish or "
        "English, accents and case ignored.",
    )
    modality: str | None = Field(
        None, description=f"One of {choices(Project.Modality.values)}."
    )
    decentralised: str | None = Field(
        None,
        description="`yes`: decentralised cooperation only (provinces or "
        "municipalities with foreign subnational governments); `no`: national "
        "cooperation only.",
    )
    status: str | None = Field(
        None,
        description="IATI activity status: "
        + ", ".join(f"`{code}` {label}" for code, label in Project.Status.choices)
        + ".",
    )
    region: str | None = Field(
        None,
        description="A region's slug: projects with a partner country (Argentina "
        "aside) in it or in its sub-regions.",
    )
    country: list[str] | None = Field(
        None,
        description="A partner country's ISO code; repeat it for any of several "
        "(`country=PY&country=BO`).",
    )
    organisation: list[str] | None = Field(
        None, description="A participating organisation's slug; repeatable."
    )
    bloc: str | None = Field(None, description="A bloc's or forum's slug.")
    sector: list[str] | None = Field(
        None, description="A DAC sector category's code (three digits); repeatable."
    )
    sdg: list[str] | None = Field(
        None,
        description="A Sustainable Development Goal's number (1 to 17); repeatable.",
    )
    directorate: str | None = Field(
        None, description="The slug of the DGCIN directorate in charge."
    )
    province: list[str] | None = Field(
        None,
        description="An Argentine province's ISO 3166-2 code (`AR-X`); repeatable.",
    )
    year: str | None = Field(None, description="The start year (1950 to 2100).")
    budget_min: str | None = Field(
        None,
        description="The least total of the budget lines in US dollars (projects "
        "without such lines are left out).",
    )
    budget_max: str | None = Field(
        None, description="The greatest total of the budget lines in US dollars."
    )
    sort: str | None = Field(
        None,
        description="The catalogue's orders: `-start` (newest start first), "
        "`start`, `title`, `-updated` (recently updated first). Without it, "
        "projects come in a fixed order, the safest to page through.",
    )


# One language of the JSON export's record ----------------------------------------


def fallbacks(language):
    """The languages a text is looked for in, as the site falls back."""
    return tuple(
        dict.fromkeys((language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES))
    )


def localised(value, order):
    """``value`` with every {language: text} of the record (texts, labels, page
    addresses) replaced by its text in the first language of ``order`` that has
    one."""
    if isinstance(value, dict):
        if value.keys() == LANGUAGE_KEYS:
            return next((value[code] for code in order if value[code]), None)
        return {key: localised(item, order) for key, item in value.items()}
    if isinstance(value, list):
        return [localised(item, order) for item in value]
    return value


def project_items(projects, request):
    """The API's items of a page of projects: the export's reading of their rows
    (a fixed number of queries) and its record, in the active language."""
    projects = list(projects)
    if not projects:
        return []
    attach_contents(projects, References())
    labels, order = Labels(), fallbacks(translation.get_language())
    absolute = request.build_absolute_uri
    items = []
    for project in projects:
        programme = project.programme
        items.append(
            localised(project_record(project, labels, absolute), order)
            | {
                "programme": programme.slug
                if programme is not None and programme.is_published
                else None,
                "api_url": api_url(request, "project-detail", slug=project.slug),
                "files": {
                    extension: absolute(
                        reverse(f"opendata:project-{extension}", args=[project.slug])
                    )
                    for extension in ("json", "xml")
                },
            }
        )
    return items


def published_projects():
    return Project.objects.published().select_related("programme")


PROJECT_ITEM = (
    "A published project: the record of the JSON export (its schema is "
    "/projects/export.schema.json) with texts and labels in the language asked, "
    "plus `programme` (the slug of its published programme), `api_url` and "
    "`files` (its own JSON and IATI XML files)."
)


@router.get(
    "/projects",
    response=list[schemas.PROJECT_RECORD],
    url_name="project-list",
    summary="Published projects",
    description="The catalogue's projects, with its filters: the same parameters "
    "give the same projects as /projects/. " + PROJECT_ITEM,
)
@paginate(ApiPagination, serialise=project_items)
def project_list(
    request,
    filters: Query[ProjectFilters],
    lang: Language = None,
    since: Since = None,
):
    check_parameters(request, ProjectFilter, also=(*PAGING, UPDATED_SINCE))
    filterset = ProjectFilter(
        request.GET, queryset=published_projects(), request=request
    )
    if not filterset.is_valid():
        raise ApiError(
            400, _("These filters cannot be applied"), details=filter_errors(filterset)
        )
    queryset = filterset.qs
    if not filterset.form.cleaned_data.get("sort"):
        queryset = queryset.order_by()  # by id: see pagination
    return updated_since(request, queryset)


@router.get(
    "/projects/{slug}",
    response=schemas.PROJECT_RECORD,
    url_name="project-detail",
    summary="A published project",
    description=PROJECT_ITEM,
)
def project_detail(request, slug: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    return project_items([one(published_projects(), slug=slug)], request)[0]


# Programmes -----------------------------------------------------------------------

PUBLIC = AnonymousUser()


def programmes():
    """The programmes anybody may read, as their pages decide, each with the
    projects anybody may read."""
    projects = visible_projects(PUBLIC, Project.objects.all()).order_by(
        Collated("title")
    )
    return (
        visible_programmes(PUBLIC, Programme.objects.all())
        .select_related("commission__country", "commission__directorate")
        .prefetch_related(
            Prefetch("projects", queryset=projects, to_attr="public_projects")
        )
    )


def programme_item(programme, request):
    commission = programme.commission
    return {
        "slug": programme.slug,
        "title": programme.title,
        "number": programme.number,
        "iati_identifier": text(programme.iati_identifier),
        "country": commission.country.code,
        "country_name": commission.country.name,
        "commission": {
            "name": commission.name,
            "number": commission.number,
            "date": commission.date,
            "venue": text(commission.venue),
        },
        "directorate": commission.directorate.slug,
        "period_start": programme.period_start,
        "period_end": programme.period_end,
        "midterm_date": programme.midterm_date,
        "midterm_outcome": text(programme.midterm_outcome),
        "projects": [
            {
                "slug": project.slug,
                "title": project.title,
                "api_url": api_url(request, "project-detail", slug=project.slug),
            }
            for project in programme.public_projects
        ],
        **links(request, programme, "programme-detail", slug=programme.slug),
    }


def programme_items(page, request):
    return [programme_item(programme, request) for programme in page]


@router.get(
    "/programmes",
    response=list[schemas.Programme],
    url_name="programme-list",
    summary="Bilateral programmes",
    description="The published programmes joint commissions approved, with their "
    "published projects.",
)
@paginate(ApiPagination, serialise=programme_items)
def programme_list(request, lang: Language = None):
    check_parameters(request)
    return programmes()


@router.get(
    "/programmes/{slug}",
    response=schemas.Programme,
    url_name="programme-detail",
    summary="A bilateral programme",
)
def programme_detail(request, slug: str, lang: Language = None):
    check_parameters(request, also=("lang",))
    return programme_item(one(programmes(), slug=slug), request)
