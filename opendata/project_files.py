"""A published project's own open-data files, beside its page: ``/projects/<slug>.json``
(the JSON export's document, holding this one project, valid against the same
schema) and ``/projects/<slug>.xml`` (its IATI activity). They answer a conditional
GET by the project's last save (``ETag``, ``Last-Modified``: 304), and an unknown or
unpublished project with an error in the file's own format, never an HTML page."""

import json

from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from lxml import etree

from projects.filters import ProjectFilter
from projects.models import Project

from .views import IatiExportView, JsonExportView


def changed(request, slug):
    """(version, last save) of the published project, read once per request
    (both the ETag and Last-Modified ask)."""
    if not hasattr(request, "project_change"):
        request.project_change = (
            Project.objects.published()
            .filter(slug=slug)
            .values_list("version", "updated_at")
            .first()
        )
    return request.project_change


def last_change(request, slug):
    found = changed(request, slug)
    return found[1] if found else None


def version_tag(request, slug):
    """Changes with every save of the project (``Last-Modified`` has whole
    seconds only)."""
    found = changed(request, slug)
    return f"{found[0]}-{found[1].timestamp():.6f}" if found else None


class ProjectFileMixin:
    """One published project through an export view (its stream, its format)."""

    def get(self, request, slug):
        queryset = Project.objects.published().filter(slug=slug)
        if not queryset.exists():
            return self.not_found()
        self.filterset = ProjectFilter(QueryDict(), queryset=queryset, request=request)
        self.filterset.is_valid()
        response = self.stream_response(request, queryset)
        response["Content-Disposition"] = f'inline; filename="{slug}.{self.extension}"'
        return response

    def message(self):
        return _("No published project has this address.")


class ProjectJsonView(ProjectFileMixin, JsonExportView):
    def source(self, catalogue, query):
        return self.filterset.queryset.get().get_absolute_url()

    def not_found(self):
        body = {"error": {"status": 404, "message": self.message()}}
        return HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=404,
            content_type="application/json",
        )


class ProjectIatiView(ProjectFileMixin, IatiExportView):
    def not_found(self):
        error = etree.Element("error", {"status": "404"})
        etree.SubElement(error, "message").text = self.message()
        return HttpResponse(
            etree.tostring(error, xml_declaration=True, encoding="utf-8"),
            status=404,
            content_type="application/xml; charset=utf-8",
        )


conditional = condition(etag_func=version_tag, last_modified_func=last_change)
project_json = conditional(ProjectJsonView.as_view())
project_xml = conditional(ProjectIatiView.as_view())
