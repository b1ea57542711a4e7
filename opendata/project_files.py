"""A published project's and a published programme's own open-data files, beside
their pages: ``/projects/<slug>.json`` (the JSON export's document, holding this one
project, valid against the same schema) and ``/projects/<slug>.xml`` (its IATI
activity); ``/programmes/<slug>.json`` (the document with the programme's published
projects, each naming the programme) and ``/programmes/<slug>.xml`` (the programme's
parent activity and its projects' activities, hierarchy 1 and 2). They answer a
conditional GET on the data generation (``responses.conditional``: 304), and an
unknown or unpublished page with an error in the file's own format, never an HTML
page."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from projects.filters import ProjectFilter
from projects.models import Programme, Project

from .responses import conditional
from .views import IatiExportView, JsonExportView


class OwnFileMixin:
    """The published projects of one page through an export view (its stream,
    its format): ``projects(slug)`` gives them, or None for an unknown page."""

    def get(self, request, slug):
        queryset = self.projects(slug)
        if queryset is None:
            return self.error(_("Not found"), [self.message()], 404)
        self.filterset = ProjectFilter(QueryDict(), queryset=queryset, request=request)
        self.filterset.is_valid()
        missing = self.refuse(queryset)
        if missing:
            return missing
        response = self.stream_response(request, queryset)
        response["Content-Disposition"] = f'inline; filename="{slug}.{self.extension}"'
        return response


class ProjectFileMixin(OwnFileMixin):
    def projects(self, slug):
        queryset = Project.objects.published().filter(slug=slug)
        return queryset if queryset.exists() else None

    def message(self):
        return _("No published project has this address.")


class ProjectJsonView(ProjectFileMixin, JsonExportView):
    def source(self, catalogue, query):
        return self.filterset.queryset.get().get_absolute_url()


class ProjectIatiView(ProjectFileMixin, IatiExportView):
    pass


class ProgrammeFileMixin(OwnFileMixin):
    def projects(self, slug):
        self.programme = Programme.objects.published().filter(slug=slug).first()
        if self.programme is None:
            return None
        return Project.objects.published().filter(programme=self.programme)

    def message(self):
        return _("No published programme has this address.")


class ProgrammeJsonView(ProgrammeFileMixin, JsonExportView):
    def source(self, catalogue, query):
        return self.programme.get_absolute_url()


class ProgrammeIatiView(ProgrammeFileMixin, IatiExportView):
    pass


project_json = conditional(ProjectJsonView.as_view())
project_xml = conditional(ProjectIatiView.as_view())
programme_json = conditional(ProgrammeJsonView.as_view())
programme_xml = conditional(ProgrammeIatiView.as_view())
