"""Every answer under /api/ that is not data is JSON, in one shape:
``{"error": {"status": 400, "message": "...", "details": [...], "accepted": [...]}}``
(``details`` and ``accepted`` only where there is something to list). Programs
read the status and the lists; people read the message, in the language asked."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .. import responses
from .params import MAX_PAGE_SIZE, requested_language

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")


class ApiError(Exception):
    """An answer other than the data asked for, raised anywhere in an operation."""

    def __init__(self, status, message, details=(), accepted=()):
        super().__init__(message)
        self.status, self.message = status, message
        self.details, self.accepted = details, accepted


def error_response(status, message, details=(), accepted=()):
    error = {"status": status, "message": str(message)}
    if details:
        error["details"] = [str(detail) for detail in details]
    if accepted:
        error["accepted"] = list(accepted)
    response = HttpResponse(
        json.dumps({"error": error}, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    if status == 405:
        response["Allow"] = ", ".join(READ_METHODS)
    return response


def not_found_message():
    return _("There is nothing at this address of the API.")


def method_not_allowed():
    return error_response(
        405,
        _("The API only reads: it answers GET, HEAD and OPTIONS."),
        accepted=READ_METHODS,
    )


# Raised inside django-ninja's operations ------------------------------------------


def api_error(request, exc):
    return error_response(exc.status, exc.message, exc.details, exc.accepted)


def http_404(request, exc):
    return error_response(404, not_found_message())


def http_error(request, exc):
    return error_response(exc.status_code, str(exc))


# What each of the paginator's parameters must be, when django-ninja refuses it.
PARAMETER_RULES = {
    "page_size": lambda: (
        _("give a whole number from 1 to %(maximum)s.") % {"maximum": MAX_PAGE_SIZE}
    ),
}


def validation_error(request, exc):
    """A parameter django-ninja checks itself (its type), named with its rule."""
    details = []
    for error in exc.errors:
        name = str(error.get("loc", ("",))[-1])
        value = request.GET.get(name, "")
        rule = PARAMETER_RULES.get(name)
        details.append(
            _("The parameter “%(parameter)s” (%(value)s) is not valid: %(rule)s")
            % {
                "parameter": name,
                "value": value[:40],
                "rule": rule() if rule else _("see the API's documentation."),
            }
        )
    return error_response(400, _("These parameters cannot be applied"), details)


def register(api):
    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(NinjaValidationError, validation_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, http_404)


# Django's own answers, for the addresses that answer data -------------------------
#
# Under /api/ in the API's shape; at any other address ending in .json or .xml
# (the downloads, the project and programme files, the IATI files, data.json) in
# that format (opendata/responses.py); elsewhere Django's pages.


def in_api(request):
    return request.path_info.startswith(API_PREFIX)


def data_format(request):
    """ "api", "json" or "xml" for an address that answers data, else None."""
    if in_api(request):
        return "api"
    name = request.path_info.rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix if suffix in ("json", "xml") else None


def in_language(request, function, *args):
    language = requested_language(request) or settings.LANGUAGE_CODE
    with translation.override(language):
        return function(*args)


def data_error(request, status, message):
    """The error ``message()`` in the address's data format, or None for a page."""
    kind = data_format(request)
    if kind == "api":
        return in_language(request, lambda: error_response(status, message()))
    if kind == "json":
        return responses.json_error(status, [message()])
    if kind == "xml":
        return responses.xml_error(status, [message()])
    return None


def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no resource (the catch-all URL)."""
    return in_language(request, lambda: error_response(404, not_found_message()))


def page_not_found(request, exception):
    """handler404: no data at an address that answers data."""
    response = data_error(
        request,
        404,
        lambda: (
            not_found_message()
            if in_api(request)
            else _("There is no data file at this address.")
        ),
    )
    return response or defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400: a request refused before any view (a NUL in the address)."""
    response = data_error(request, 400, lambda: _("Bad request"))
    return response or defaults.bad_request(request, exception)


def server_error(request):
    """handler500: failures at data addresses answer in their format too."""
    response = data_error(
        request,
        500,
        lambda: (
            _("The API failed to answer; try again later.")
            if in_api(request)
            else _("The file could not be prepared; try again later.")
        ),
    )
    return response or defaults.server_error(request)


not_found.csrf_exempt = True
