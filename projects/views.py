from pathlib import Path

from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.generic import DetailView, TemplateView

from directory.models import Unit
from partners.models import Bloc, Country, Province, Region
from partners.pagination import filter_notices, paginate

from . import facets, stats
from .filters import ProjectFilter
from .models import (
    Document,
    Indicator,
    Participation,
    Project,
    Result,
    SdgGoal,
    SectorCategory,
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


def facet_labels():
    """Every option of every facet, labelled in the active language."""
    return {
        "modality": Project.Modality.choices,
        "status": Project.Status.choices,
        "region": [
            (region.slug, f"— {region.name}" if region.parent_id else region.name)
            for region in Region.objects.tree()
        ],
        "country": list(Country.objects.values_list("code", "name")),
        "bloc": [(bloc.slug, bloc.acronym) for bloc in Bloc.objects.all()],
        "sector": [
            (category.code, category.name) for category in SectorCategory.objects.all()
        ],
        "sdg": [(goal.number, str(goal)) for goal in SdgGoal.objects.all()],
        "directorate": [(unit.slug, unit.name) for unit in Unit.objects.all()],
        "province": [(p.code, p.name) for p in Province.objects.all()],
        "year": [(year, year) for year in range(timezone.now().year + 5, 1949, -1)],
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
            shows_samples=facets.cached(
                {"samples": "published"},
                Project.objects.published().filter(is_sample=True).exists,
            ),
            **kwargs,
        )

    def facets(self, filterset, counts):
        labels = facets.cached({"labels": get_language()}, facet_labels)
        return [facet(filterset, counts, name, labels[name]) for name in labels]

    def active_filters(self, filterset):
        return active_filters(filterset, self.request.GET)


def active_filters(filterset, query):
    """[(label, value shown, query without it)] for the 'remove filter' links."""
    active = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        without = query.copy()
        without.pop(name, None)
        without.pop("page", None)
        field = filterset.form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, value)
        active.append((field.label, shown, without.urlencode()))
    return active


def visible_projects(user):
    """Published projects; staff who may view or change projects also see the rest."""
    if user.has_perm("projects.view_project") or user.has_perm(
        "projects.change_project"
    ):
        return Project.objects.all()
    return Project.objects.published()


def document_download(request, slug, pk):
    """An uploaded document of a project the visitor may see, as an attachment."""
    document = get_object_or_404(
        Document.objects.exclude(file=""),
        pk=pk,
        project__in=visible_projects(request.user).filter(slug=slug),
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
        projects = Project.objects.all()
        user = self.request.user
        if not (
            user.has_perm("projects.view_project")
            or user.has_perm("projects.change_project")
        ):
            projects = projects.published()
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


class ProjectStatsView(TemplateView):
    """Figures and charts for the published projects the catalogue's filters give."""

    template_name = "projects/project_stats.html"

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
            fields=[
                {
                    "name": name,
                    "label": filterset.form.fields[name].label,
                    "options": options,
                    "chosen": str(filterset.data.get(name, "")),
                }
                for name, options in facets.cached(
                    {"labels": get_language()}, facet_labels
                ).items()
            ],
            query=query.urlencode(),
            active_filters=active_filters(filterset, query),
            notices=notices,
            shows_samples=facets.cached(
                {"samples": "published"},
                Project.objects.published().filter(is_sample=True).exists,
            ),
            **kwargs,
        )
