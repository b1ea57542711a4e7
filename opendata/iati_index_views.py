"""The published IATI files on the web (``iati_publish`` writes them).

- ``/iati/organisation.xml`` and ``/iati/activities-<year>[-<part>].xml``: the
  files, as written, with the SHA-256 as ETag and the time their bytes last
  changed as Last-Modified (a conditional GET gets a 304). Language-neutral data
  files: outside the language prefixes, like the API.
- ``/iati/index.json``: each file's address, size, activity count, last change
  and SHA-256, for the IATI Registry and scripts.
- ``/iati/`` (``/en/iati/``): the same list for people, in the site's layout.

Before the first run there is nothing to serve. Building on the request would
hold it for as long as every activity takes (minutes at thousands of projects)
and pile up requests behind a lock; instead the first request queues the run
(once, ``opendata.tasks``) and, unless the task backend ran it at once, answers
503 with Retry-After, in the format asked for (XML, JSON or the page), never an
HTML error for a data file.
"""

import datetime
import json

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from accounts.emails import site_url

from . import iati_publish, tasks
from .responses import json_error, xml_error

RETRY_AFTER = 60
QUEUED_KEY = "opendata:iati:first-run-queued"
PUBLIC_FIELDS = (
    "name",
    "kind",
    "group",
    "part",
    "size",
    "activities",
    "last_updated",
    "modified",
    "sha256",
)


def current_index(request):
    """The index being served, read once per request; the first run queued when
    there is none."""
    if not hasattr(request, "iati_index"):
        index = iati_publish.read_index()
        if index is None and cache.add(QUEUED_KEY, True, RETRY_AFTER * 10):
            tasks.publish_iati_files.enqueue()
            index = iati_publish.read_index()  # the backend may have run it
        request.iati_index = index
    return request.iati_index


def entry(request, name):
    index = current_index(request)
    if index is None:
        return None
    return next((item for item in index["files"] if item["name"] == name), None)


def file_url(name):
    if name == iati_publish.ORGANISATION:
        return site_url(reverse("iati:organisation"))
    return site_url(reverse("iati:file", args=[name]))


def public_index(index):
    """The index as it is published: what a reader needs, with addresses."""
    return {
        "generated": index["started"],
        "organisation_identifier": index["organisation_identifier"],
        "provisional_identifier": index["provisional"],
        "registry_publisher_id": index["registry_publisher_id"] or None,
        "sample_data": index["sample_data"],
        "max_bytes": index["max_bytes"],
        "files": [
            {"url": file_url(item["name"])}
            | {field: item[field] for field in PUBLIC_FIELDS}
            for item in index["files"]
        ],
    }


def not_ready(response):
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def preparing():
    return _(
        "The IATI files are being prepared for the first time. Try again in a minute."
    )


def modified(item):
    return datetime.datetime.fromisoformat(item["modified"].replace("Z", "+00:00"))


def etag_of(request, name):
    item = entry(request, name)
    return item["sha256"] if item else None


def last_modified_of(request, name):
    item = entry(request, name)
    return modified(item) if item else None


@require_safe
@condition(etag_func=etag_of, last_modified_func=last_modified_of)
def iati_file(request, name):
    """One published file, as written."""
    if current_index(request) is None:
        return not_ready(xml_error(503, [preparing()]))
    item = entry(request, name)
    if item is None:
        return xml_error(
            404, [_("No published IATI file has this name: see /iati/index.json.")]
        )
    path = iati_publish.file_path(request.iati_index, name)
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # a run removed the folder in between
        return not_ready(xml_error(503, [preparing()]))
    response = FileResponse(handle, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def organisation_file(request):
    return iati_file(request, iati_publish.ORGANISATION)


def index_changed(request):
    index = current_index(request)
    return index["build"] if index else None


def index_last_modified(request):
    index = current_index(request)
    if not index:
        return None
    return max(modified(item) for item in index["files"])


@require_safe
@condition(etag_func=index_changed, last_modified_func=index_last_modified)
def index_json(request):
    index = current_index(request)
    if index is None:
        return not_ready(json_error(503, [preparing()]))
    return HttpResponse(
        json.dumps(public_index(index), ensure_ascii=False, indent=1),
        content_type="application/json",
    )


@require_safe
def index_page(request):
    """The files for people and for registering them with the IATI Registry."""
    index = current_index(request)
    context = {
        "index": public_index(index) if index else None,
        "reference": settings.DGCIN_IATI_ORG_REF,
        "json_url": reverse("iati:index-json"),
    }
    if index:
        for item in context["index"]["files"]:
            item["path"] = (
                reverse("iati:organisation")
                if item["kind"] == "organisation"
                else reverse("iati:file", args=[item["name"]])
            )
            item["modified_at"] = modified(item)
            item["updated_at"] = datetime.datetime.fromisoformat(
                item["last_updated"].replace("Z", "+00:00")
            )
    response = render(request, "opendata/iati_index.html", context)
    if index is None:
        response.status_code = 503
        not_ready(response)
    else:
        response["Last-Modified"] = http_date(index_last_modified(request).timestamp())
    return response
