"""The read-only open-data API at /api/v1/ (django-ninja, OpenAPI 3).

Every address of it passes ``read_only`` first: only GET, HEAD and OPTIONS; the
language from ``?lang=`` (the site's default without it), never from the
address; a conditional GET answered 304 before any data is read. Its ETag
digests the data's generation (``projects.facets.generation``, bumped by every
change the open data shows), the day (current bloc memberships end on a date),
the language and the full address, so it changes whenever the answer may."""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from .. import responses
from . import directory, errors, partners, projects
from .params import LANGUAGES, requested_language

# Bump when items change shape, so that no client keeps an older copy as current.
FORMAT = 1


class Renderer(JSONRenderer):
    """UTF-8 as it is: "Año", not "A\\u00f1o"."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="DGCIN open data API",
    version="1",
    description=(
        "Read-only open data of Argentina's General Directorate of International "
        "Cooperation (DGCIN): published cooperation projects with the "
        "catalogue's filters, bilateral programmes, partner countries, "
        "organisations, blocs and forums with their dated memberships, DGCIN's "
        "units and Argentina's diplomatic representations.\n\n"
        "Texts and labels come in Spanish unless `lang=en` is given. Lists come "
        "in pages: follow `next` until it is null (`page_size` items each, 50 "
        "unless given, 500 at most). A parameter the resource does not know is "
        "refused (400) with the list of those it accepts. Every answer carries an "
        "ETag: send it back in If-None-Match to get 304 while nothing changed. "
        'Errors are JSON: `{"error": {"status", "message", "details", '
        '"accepted"}}`.'
    ),
    urls_namespace="api",
    renderer=Renderer(),
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
)
errors.register(api)
api.add_router("", projects.router)
api.add_router("", partners.router)
api.add_router("", directory.router)

# {resource: the name of its list's URL}
RESOURCES = {
    "projects": "project-list",
    "programmes": "programme-list",
    "countries": "country-list",
    "organisations": "organisation-list",
    "blocs": "bloc-list",
    "units": "unit-list",
    "representations": "representation-list",
}


@api.get(
    "/",
    url_name="index",
    summary="What the API holds",
    description="The address of each resource, of this schema and of its "
    "documentation.",
    response=dict[str, str | dict[str, str] | None],
)
def index(request):
    def absolute(name):
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return {
        "resources": {name: absolute(url) for name, url in RESOURCES.items()},
        "openapi": absolute("openapi-json"),
        "documentation": absolute("openapi-view"),
        "licence": settings.DGCIN_OPEN_DATA_LICENCE or None,
    }


def read_only(view):
    """``view`` (a django-ninja path) behind the API's checks and conditional GET."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        language = requested_language(request)
        with translation.override(language or settings.LANGUAGE_CODE):
            response = checked(request, language, view, args, kwargs)
            # Not the language LocaleMiddleware read from the browser.
            response["Content-Language"] = translation.get_language()
        return response

    answer.csrf_exempt = True
    return answer


def checked(request, language, view, args, kwargs):
    if request.method not in errors.READ_METHODS:
        return errors.method_not_allowed()
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = ", ".join(errors.READ_METHODS)
        return response
    if language is None:
        return errors.error_response(
            400,
            _("The language “%(value)s” is not one of the API's.")
            % {"value": request.GET["lang"][:20]},
            accepted=LANGUAGES,
        )
    return conditional(request, view, args, kwargs)


def conditional(request, view, args, kwargs):
    """304 when the client's copy is current; else the view's answer, tagged
    (opendata/responses.py). The ETag also names the API's format and the day
    (current bloc memberships end on a date); Last-Modified is when the data
    last changed, for a list as for one item (an item's answer shows its
    partners' and units' rows too, not only its own)."""
    etag, last_modified = responses.validators(
        request, FORMAT, timezone.localdate().isoformat()
    )
    decided = responses.precondition(request, etag, last_modified)
    if decided is not None:
        if decided.status_code == 304:
            return decided
        return errors.error_response(
            decided.status_code, _("The request's precondition failed.")
        )
    method, request.method = request.method, "GET"  # django-ninja routes GET only
    try:
        response = view(request, *args, **kwargs)
    finally:
        request.method = method
    return responses.tagged(response, etag, last_modified)


def wrapped(patterns):
    wrapped = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern), pattern  # noqa: S101 - ninja's paths
        view = read_only(pattern.callback)
        wrapped.append(
            URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
        )
    return wrapped


_patterns, _app_name, _namespace = api.urls
# What dgcin/urls.py mounts at api/v1/: the API's paths, each behind read_only.
urls = (wrapped(_patterns), _app_name, _namespace)
