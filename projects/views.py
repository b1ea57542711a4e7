from pathlib import Path

from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from accounts.permissions import (
    may_read_programme,
    visible_mission_reports,
    visible_projects,
)
from partners.collation import Collated
from partners.lists import FilteredListView

from . import costs, facets, fulltext, search
from .downloads import download
from .filters import ProjectFilter, active_filters
from .models import (
    Document,
    Indicator,
    Location,
    Mission,
    Participation,
    Project,
    Result,
    SubnationalParticipation,
    Transaction,
)


def facet(filterset, counts, name, labelled, groups=None):
    """A filter's options that match at least one project (and the chosen ones),
    each with the number of projects it would give; a multiple choice's options
    also in ``groups`` when they have one (countries by region)."""
    chosen = set(filterset.data.getlist(name))
    options = []
    grouped = {}
    for value, label in labelled:
        value = str(value)
        if value in counts[name] or value in chosen:
            option = (value, label, counts[name].get(value, 0), value in chosen)
            options.append(option)
            grouped.setdefault((groups or {}).get(value, ""), []).append(option)
    return {
        "name": name,
        "label": filterset.form.fields[name].label,
        "field": filterset.form[name],
        "multiple": name in ProjectFilter.MULTIPLE,
        "options": options,
        "groups": list(grouped.items()),
    }


class ProjectCatalogueView(FilteredListView):
    """Published projects: search, filters with counts, sorting and pagination."""

    template_name = "projects/project_list.html"
    filterset_class = ProjectFilter
    context_object_name = "projects"
    paginate_by = 20

    def get_queryset(self):
        # The sort filter, when chosen, replaces this order.
        return Project.objects.published().order_by("-start_year", Collated("title"))

    def get(self, request, *args, **kwargs):
        # An IATI identifier or FO.AR number goes straight to its project.
        project = search.identified(
            Project.objects.published(), request.GET.get("q", "")
        )
        return redirect(project) if project else super().get(request, *args, **kwargs)

    def get_known_count(self):
        return self.counts["total"][""]

    def search_query(self):
        value = self.filterset.form.cleaned_data.get("q")
        return self.filterset.search_query(value) if value else None

    def paginate_queryset(self, queryset, page_size):
        query = self.search_query()
        if query and not self.filterset.form.cleaned_data.get("sort"):
            queryset = fulltext.ranked(queryset, query, "-start_year")
        return super().paginate_queryset(queryset.for_catalogue(), page_size)

    def get_context_data(self, **kwargs):
        self.counts = self.filterset.facet_counts()
        labels, groups = facets.labels(), {"country": facets.country_groups()}
        context = super().get_context_data(
            facets=[
                facet(self.filterset, self.counts, name, labels[name], groups.get(name))
                for name in labels
            ],
            active_filters=active_filters(self.filterset, self.request.GET),
            shows_samples=facets.shows_samples(),
            export_query=export_query(self.request.GET),
            **kwargs,
        )
        return context | self.search_context(context["projects"])

    def search_context(self, projects):
        """The matched passages of the page's projects, and what to try instead
        when nothing matched."""
        query = self.search_query()
        if not query:
            return {}
        search.attach_passages(projects, query)
        return {
            "search_empty": query.empty,
            "suggestions": [] if projects else fulltext.suggestions(query),
        }


def export_query(query):
    """The query string of the catalogue's downloads: its filters and search, not
    its page or order, nor a parameter the downloads would refuse as unknown."""
    kept = QueryDict(mutable=True)
    for name in query:
        if name in ProjectFilter.base_filters and name not in ("page", "sort"):
            kept.setlist(name, query.getlist(name))
    return f"?{kept.urlencode()}" if kept else ""


def document_download(request, slug, pk):
    """An uploaded document of a project the visitor may see, as an attachment."""
    document = get_object_or_404(
        Document.objects.exclude(file=""),
        pk=pk,
        project__in=visible_projects(request.user, Project.objects.filter(slug=slug)),
    )
    return download(
        document.file,
        f"{slugify(document.title)[:80] or 'document'}"
        f"{Path(document.file.name).suffix}",
    )


def mission_report_download(request, slug, pk):
    """A mission's report, when staff chose to publish it (or to staff who
    preview projects), of a project the visitor may see, as an attachment."""
    mission = get_object_or_404(
        visible_mission_reports(request.user, Mission.objects.exclude(report="")),
        pk=pk,
        project__in=visible_projects(request.user, Project.objects.filter(slug=slug)),
    )
    name = slugify(f"{_('mission report')} {mission.country.name} {mission.start_date}")
    return download(mission.report, f"{name[:80]}{Path(mission.report.name).suffix}")


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        """Published projects; staff who may view projects also preview the others
        (the admin's "view on site")."""
        projects = visible_projects(self.request.user, Project.objects.all())
        return projects.select_related(
            "directorate", "segib_sector__area", "programme__commission__country"
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "country", "organisation__country", "currency"
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
                    Prefetch(
                        "indicators",
                        queryset=Indicator.objects.prefetch_related("periods"),
                    )
                ),
            ),
            "policy_markers",
            "beneficiaries",
            Prefetch(
                "missions",
                queryset=Mission.objects.select_related(
                    "country", "currency"
                ).prefetch_related("institutions"),
            ),
            Prefetch(
                "transactions", queryset=Transaction.objects.select_related("currency")
            ),
            Prefetch(
                "locations",
                queryset=Location.objects.select_related(
                    "province", "subdivision__country"
                ),
            ),
            Prefetch(
                "subnational_participations",
                queryset=SubnationalParticipation.objects.select_related(
                    "province", "subdivision__country"
                ),
            ),
        )

    def get_context_data(self, **kwargs):
        programme = self.object.programme
        if programme and not may_read_programme(self.request.user, programme):
            programme = None
        return super().get_context_data(
            programme=programme, **self.money_context(), **kwargs
        )

    def money_context(self):
        """Cost sharing per partner, and the transactions with their partners
        (from the prefetched participations: no query per row)."""
        project = self.object
        participations = list(project.participations.all())
        by_pk = {participation.pk: participation for participation in participations}
        transactions = list(project.transactions.all())
        for transaction in transactions:
            transaction.participation = by_pk[transaction.participation_id]
        return {
            "cost_sharing": costs.cost_sharing(
                participations, transactions, project.missions.all()
            ),
            "transactions": transactions,
        }
