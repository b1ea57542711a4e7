from pathlib import Path

from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.generic import DetailView, TemplateView

from accounts.permissions import visible_projects
from partners.pagination import filter_notices, paginate

from . import facets
from .filters import ProjectFilter, active_filters
from .models import (
    Document,
    Indicator,
    Participation,
    Project,
    Result,
)
from .validators import DOCUMENT_TYPES, detected_type


def facet(filterset, counts, name, labelled):
    """A filter's options that match at least one project (and the chosen one), each
    with the number of projects it would give."""
    chosen = filterset.data.get(name, "")
    return {
        "name": name,
        "label": filterset.form.fields[name].label,
        "field": filterset.form[name],
        "options": [
            (str(value), label, counts[name].get(str(value), 0), str(value) == chosen)
            for value, label in labelled
            if str(value) in counts[name] or str(value) == chosen
        ],
    }


class ProjectCatalogueView(TemplateView):
    """Published projects: search, filters with counts, sorting and pagination."""

    template_name = "projects/project_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        filterset = ProjectFilter(
            self.request.GET,
            queryset=Project.objects.published(),
            request=self.request,
        )
        notices = filter_notices(filterset)
        counts = filterset.facet_counts()
        results = filterset.qs
        if not filterset.form.cleaned_data.get("sort"):
            results = results.order_by("-start_year", "title")
        page, page_notice = paginate(
            self.request,
            results.for_catalogue(),
            self.paginate_by,
            count=counts["total"][""],
        )
        if page_notice:
            notices.append(page_notice)
        return super().get_context_data(
            filter=filterset,
            facets=self.facets(filterset, counts),
            page_obj=page,
            projects=page.object_list,
            result_count=page.paginator.count,
            active_filters=self.active_filters(filterset),
            notices=notices,
            shows_samples=facets.shows_samples(),
            **kwargs,
        )

    def facets(self, filterset, counts):
        labels = facets.labels()
        return [facet(filterset, counts, name, labels[name]) for name in labels]

    def active_filters(self, filterset):
        return active_filters(filterset, self.request.GET)


def document_download(request, slug, pk):
    """An uploaded document of a project the visitor may see, as an attachment."""
    document = get_object_or_404(
        Document.objects.exclude(file=""),
        pk=pk,
        project__in=visible_projects(request.user, Project.objects.filter(slug=slug)),
    )
    kind = detected_type(document.file)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(document.title)[:80] or 'document'}"
        f"{Path(document.file.name).suffix}",
        content_type=kind if kind in DOCUMENT_TYPES else "application/octet-stream",
    )


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        """Published projects; staff who may view projects also preview the others
        (the admin's "view on site")."""
        projects = visible_projects(self.request.user, Project.objects.all())
        return projects.select_related(
            "directorate", "segib_sector__area"
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "country", "organisation", "currency"
                ),
            ),
            "sectors__sector__category",
            "sdg_goals",
            "sdg_targets",
            "provinces",
            "blocs",
            "budgets__currency",
            "documents__category",
            Prefetch(
                "results",
                queryset=Result.objects.prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.all())
                ),
            ),
        )
