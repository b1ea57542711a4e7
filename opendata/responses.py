"""What the machine-facing open-data URLs answer besides their files: errors in
the file's own format (JSON or XML, never an HTML page) and conditional GET on the
data generation.

Every cached figure and file follows ``projects.facets``' generation, which any
committed change to public data bumps. An answer's ``ETag`` is that generation with
the URL (query included) and the language, so it is known without reading the data,
and a client's copy stays valid until something changes; ``Last-Modified`` is when
the data last changed."""

import hashlib
import json
from functools import wraps

from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from lxml import etree

from projects import facets

JSON = "application/json"
XML = "application/xml; charset=utf-8"


def json_error(status, messages, **extra):
    """``{"error": {"status", "message", "messages", …}}`` with ``status``."""
    body = {
        "error": {
            "status": status,
            "message": " ".join(str(message) for message in messages),
            "messages": [str(message) for message in messages],
            **extra,
        }
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=JSON
    )


def xml_error(status, messages, **extra):
    """``<error status="…"><message>…</message>…</error>`` with ``status``."""
    error = etree.Element("error", {"status": str(status)})
    for message in messages:
        etree.SubElement(error, "message").text = str(message)
    for name, values in extra.items():
        listed = etree.SubElement(error, name)
        for value in values:
            etree.SubElement(listed, "value").text = str(value)
    return HttpResponse(
        etree.tostring(error, xml_declaration=True, encoding="utf-8"),
        status=status,
        content_type=XML,
    )


def data_tag(request, *extra):
    """The ``ETag`` of an open-data answer (see the module's docstring): the
    generation, this transaction's own changes, the absolute URL (the links an
    answer writes carry its scheme and host), the language and ``extra`` parts."""
    key = "|".join(
        (
            str(facets.generation()),
            facets.uncommitted(),
            request.build_absolute_uri(),
            translation.get_language() or "",
            *map(str, extra),
        )
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def validators(request, *extra):
    """(``ETag``, ``Last-Modified`` as a timestamp or None) of an open-data answer:
    both known without reading the data."""
    changed = facets.last_change()
    return data_tag(request, *extra), int(changed.timestamp()) if changed else None


def precondition(request, etag, last_modified):
    """304 (with the validators) or 412 when the client's copy decides the
    answer; None when the answer is to be made."""
    headers = HttpResponse()
    headers["ETag"] = etag
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    answer = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=headers
    )
    return None if answer is headers else answer


def tagged(response, etag, last_modified):
    """``response`` with the validators when it is a copy to keep (a 200): an
    error is not."""
    if response.status_code == 200:
        response.headers.setdefault("ETag", etag)
        if last_modified is not None:
            response.headers.setdefault("Last-Modified", http_date(last_modified))
    return response


def conditional(view):
    """Decorates a view of open data: 304 (or 412) from the validators alone when
    the client's copy is current; the validators on a successful answer only."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        etag, last_modified = validators(request)
        decided = precondition(request, etag, last_modified)
        if decided is not None:
            return decided
        return tagged(view(request, *args, **kwargs), etag, last_modified)

    return answer
