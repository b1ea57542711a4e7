"""The catalogue's open data: CSV, JSON and IATI XML downloads of the projects the
catalogue's filters and search give, streamed."""

import datetime
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partners.filters import unknown_parameters, unknown_parameters_message
from partners.pagination import filter_notices
from projects import facets
from projects.filters import ProjectFilter, active_filters
from projects.models import Project

from . import export_cache, missions, money_stats, stats
from .csv_export import csv_stream
from .export_cache import KeptExport
from .exports import (
    CHUNK_SIZE,
    applied_filters,
    export_filename,
    file_notices,
    filter_errors,
    has_samples,
    in_chunks,
)
from .exports import in_languages as every_language
from .iati import Context
from .iati_file import iati_stream, web_check
from .json_export import JSON_SCHEMA_VERSION, json_stream, publisher
from .responses import conditional, json_error, xml_error
from .tasks import write_export

# Parameters a download accepts and ignores besides the catalogue's filters: the
# catalogue's page, so that its address with the page still gives the whole file.
IGNORED_PARAMETERS = ("page",)

JSON_SCHEMA = Path(__file__).resolve().parent / "schemas" / "projects.schema.json"


class ExportView(View):
    """Checks the catalogue's filters, then streams the file for them."""

    kept = None
    reservation = None
    content_type = ""
    extension = ""
    stem = "projects"
    per_language = False

    def get(self, request):
        unknown, accepted = unknown_parameters(
            request.GET, ProjectFilter, also=IGNORED_PARAMETERS
        )
        if unknown:
            return self.error(
                _("These filters cannot be applied"),
                [unknown_parameters_message(unknown, accepted)],
                400,
                accepted=accepted,
            )
        filterset = ProjectFilter(
            request.GET, queryset=Project.objects.published(), request=request
        )
        if not filterset.is_valid():
            return self.error(
                _("These filters cannot be applied"), filter_errors(filterset), 400
            )
        self.filterset = filterset
        self.kept = KeptExport(request) if request.method == "GET" else None
        queryset = filterset.qs
        handed_over = getattr(request, "export_reservation", None)  # the task's
        if self.kept and not self.kept.is_kept():  # a kept file needs no checks
            self.reservation = handed_over or self.kept.reserve()
            if self.reservation is None:
                return self.come_back(_("This file is being prepared right now."))
            refused = (
                self.refuse(queryset)
                if handed_over
                else self.refuse_to_write(request, queryset)
            )
            if refused:
                if self.reservation:
                    self.reservation.release()
                return refused
        elif not self.kept:
            missing = self.refuse(queryset)
            if missing:
                return missing
        return self.stream_response(request, queryset)

    def refuse_to_write(self, request, queryset):
        """A response instead of writing the file, or None: a visitor past the
        limit of uncached downloads (429), nothing to write, or as many large
        files being written as the site allows (503)."""
        wait = export_cache.rate_limited(request)
        if wait:
            return self.too_many(wait)
        missing = self.refuse(queryset)
        if missing:
            return missing
        if queryset.count() <= CHUNK_SIZE:
            return None
        if settings.DGCIN_EXPORT_IN_WORKER and self.kept.keepable:
            return self.write_in_worker(request)
        if not self.reservation.take_any("exports:large", settings.DGCIN_EXPORT_BUILDS):
            return self.come_back(_("Several large files are being prepared now."))
        return None

    def write_in_worker(self, request):
        """Hands a large file, and the reservation to write it, to the task
        worker: 503 until it is kept, or None when it is kept already (a task
        backend that runs tasks at once, as in development)."""
        try:
            write_export.enqueue(
                path=request.path_info,
                query=request.META.get("QUERY_STRING", ""),
                scheme=request.scheme,
                host=request.get_host(),
                keys=self.reservation.keys,
                script_name=request.META.get("SCRIPT_NAME", ""),
            )
        except Exception:
            self.reservation.release()
            raise
        self.reservation = None  # the task's now: it releases it when done
        if self.kept.is_kept():
            return None
        return self.come_back(_("This file is being prepared right now."))

    def come_back(self, reason):
        """503 with Retry-After: the file will be ready soon."""
        response = self.error(
            _("File being prepared"),
            [
                reason,
                _("Try again in %(seconds)s seconds: it will be ready then.")
                % {"seconds": export_cache.COME_BACK},
            ],
            503,
        )
        response["Retry-After"] = str(export_cache.COME_BACK)
        return response

    def too_many(self, wait):
        """429: an anonymous client started too many uncached downloads."""
        response = self.error(
            _("Too many downloads"),
            [
                _(
                    "You asked for many downloads in a short time. Wait "
                    "%(seconds)s seconds and try again; downloads already "
                    "prepared have no limit."
                )
                % {"seconds": wait}
            ],
            429,
        )
        response["Retry-After"] = str(wait)
        return response

    def stream_response(self, request, queryset):
        """The file of ``queryset``'s projects, streamed (headers only for HEAD);
        a catalogue download from its kept copy, or kept on the way
        (``export_cache``)."""
        language = translation.get_language()
        if request.method == "HEAD":
            # Headers only: servers drop a HEAD body, but would still make all of it.
            response = HttpResponse(content_type=self.content_type)
        elif self.kept:
            response = self.kept.response(
                lambda: self.stream(queryset, language),
                self.content_type,
                self.reservation,
            )
        else:
            response = StreamingHttpResponse(
                self.stream(queryset, language), content_type=self.content_type
            )
        filename = export_filename(
            self.stem, self.extension, language if self.per_language else None
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def refuse(self, queryset):
        """A response instead of the file, or None."""
        return None

    def error(self, title, messages, status, accepted=()):
        """A page for people (a spreadsheet's link is opened in a browser);
        machine-read formats answer in their own format instead."""
        query = self.request.GET.copy()
        query.pop("page", None)
        for name in list(query) if accepted else ():
            if name not in accepted:  # the catalogue link drops the unknown ones
                query.pop(name)
        return render(
            self.request,
            "opendata/export_error.html",
            {
                "title": title,
                "messages": messages,
                "query": query.urlencode(),
                "accepted": accepted,
            },
            status=status,
        )

    def absolute_url(self, location):
        return self.request.build_absolute_uri(location)

    def stream(self, queryset, language):
        raise NotImplementedError


class CsvExportView(ExportView):
    """One row per project, in the page's language, for spreadsheets."""

    content_type = "text/csv; charset=utf-8"
    extension = "csv"
    per_language = True

    def stream(self, queryset, language):
        return csv_stream(in_chunks(queryset), self.absolute_url, language)


class JsonExportView(ExportView):
    """Every project with codes and labels in both languages
    (opendata/schemas/projects.schema.json)."""

    content_type = "application/json"
    extension = "json"

    def stream(self, queryset, language):
        catalogue = reverse("projects:project-list")
        query = self.request.GET.copy()
        query.pop("page", None)
        samples = has_samples(queryset)
        metadata = {
            "schema_version": JSON_SCHEMA_VERSION,
            "schema": self.absolute_url(reverse("opendata:export-schema")),
            "generated_at": timezone.now()
            .astimezone(datetime.UTC)
            .isoformat(timespec="seconds"),
            "publisher": publisher(),
            "licence": settings.DGCIN_OPEN_DATA_LICENCE or None,
            "source": self.absolute_url(self.source(catalogue, query)),
            "filters": applied_filters(self.filterset),
            "sample_data": samples,
            "notices": [every_language(notice) for notice in file_notices(samples)],
        }
        return json_stream(in_chunks(queryset), self.absolute_url, metadata)

    def source(self, catalogue, query):
        """The page the file's projects come from: the catalogue, filtered."""
        return f"{catalogue}?{query.urlencode()}" if query else catalogue

    def error(self, title, messages, status, accepted=()):
        extra = {"accepted_parameters": list(accepted)} if accepted else {}
        return json_error(status, messages, title=str(title), **extra)


class IatiExportView(ExportView):
    """IATI 2.03 ``iati-activities``: one activity per project whose activity is
    valid (``iati_file``: the others are left out and the staff told)."""

    content_type = "application/xml; charset=utf-8"
    extension = "xml"
    stem = "iati-activities"

    def refuse(self, queryset):
        # An IATI file holds at least one activity: an empty one would not validate.
        if queryset.exists():
            return None
        return self.error(
            _("No project to export"),
            [
                _(
                    "No published project matches these filters, and an IATI file "
                    "must hold at least one activity."
                )
            ],
            404,
        )

    def error(self, title, messages, status, accepted=()):
        extra = {"accepted-parameters": accepted} if accepted else {}
        return xml_error(status, [title, *messages], **extra)

    def stream(self, queryset, language):
        context = Context(self.absolute_url, samples=has_samples(queryset))
        return iati_stream(in_chunks(queryset), context, check=web_check())


export_csv = conditional(CsvExportView.as_view())
export_json = conditional(JsonExportView.as_view())
iati_xml = conditional(IatiExportView.as_view())


def export_schema(request):
    """The JSON Schema of the JSON export, for people and validators."""
    return HttpResponse(
        JSON_SCHEMA.read_bytes(), content_type="application/schema+json"
    )


class StatsView(TemplateView):
    """Figures and charts for the published projects the catalogue's filters give."""

    template_name = "opendata/stats.html"

    def get_context_data(self, **kwargs):
        filterset = ProjectFilter(
            self.request.GET,
            queryset=Project.objects.published(),
            request=self.request,
        )
        notices = filter_notices(filterset)
        numbers = stats.counts(filterset)
        query = self.request.GET.copy()
        for name in ("page", "sort"):
            query.pop(name, None)
        for name in filterset.form.errors:
            query.pop(name, None)  # ignored: links drop them
        return super().get_context_data(
            filter=filterset,
            total=numbers["total"],
            figures=stats.figures(numbers, reverse("projects:project-list"), query),
            partner_map=stats.partner_map(numbers),
            mission_figures=missions.tables(missions.counts(filterset)),
            money_figures=money_stats.tables(money_stats.counts(filterset)),
            fields=[
                {
                    "name": name,
                    "label": filterset.form.fields[name].label,
                    "options": options,
                    "chosen": str(filterset.data.get(name, "")),
                }
                for name, options in facets.labels().items()
            ],
            query=query.urlencode(),
            active_filters=active_filters(filterset, query),
            notices=notices,
            shows_samples=facets.shows_samples(),
            **kwargs,
        )
