from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from .collation import Collated
from .filters import BlocFilter, CountryFilter, OrganisationFilter
from .lists import FilteredListView
from .models import (
    ARGENTINE_TERRITORY_CODES,
    ARGENTINE_TERRITORY_PROVINCE,
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    current_memberships,
)

# kind in the query string -> (tab label, filter set, what its rows need)
PARTNER_KINDS = {
    "country": (
        gettext_lazy("Countries"),
        CountryFilter,
        lambda: (
            partner_countries()
            .select_related("region")
            .prefetch_related(current_memberships())
        ),
    ),
    "organisation": (
        gettext_lazy("Organisations"),
        OrganisationFilter,
        lambda: Organisation.objects.select_related("country"),
    ),
    "bloc": (
        gettext_lazy("Blocs and forums"),
        BlocFilter,
        lambda: Bloc.objects.with_member_count(),
    ),
}


def partner_countries():
    """Active countries but Argentina (never its own partner), each with
    ``project_count`` (published projects it takes part in)
    and ``in_bloc`` (a current bloc membership)."""
    # The participations of the projects app, reached through the relation
    # (partners imports nothing above it).
    participations = Country._meta.get_field("participations").related_model
    projects = (
        participations.objects.filter(
            country=OuterRef("pk"), project__publication="published"
        )
        .order_by()
        .values("country")
        .annotate(projects=Count("project", distinct=True))
        .values("projects")
    )
    in_bloc = BlocMembership.objects.current().filter(country=OuterRef("pk"))
    return (
        Country.objects.filter(is_active=True)
        .exclude(code=settings.HOME_COUNTRY)
        .annotate(
            project_count=Coalesce(Subquery(projects), 0),
            in_bloc=Exists(in_bloc),
        )
    )


# Filters a tab link carries over to the other kinds.
SHARED_FILTERS = ("q", "region")


class PartnerListView(FilteredListView):
    """Countries, organisations and blocs: one kind at a time, each tab with its
    count for the current search."""

    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        self.kind = request.GET.get("kind", "country")
        if self.kind not in PARTNER_KINDS:
            self.notices.append(
                _("“%(kind)s” is not a kind of partner; showing countries.")
                % {"kind": self.kind[:30]}
            )
            self.kind = "country"
        return super().get(request, *args, **kwargs)

    def get_filterset_class(self):
        return PARTNER_KINDS[self.kind][1]

    def get_queryset(self):
        return PARTNER_KINDS[self.kind][2]()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = self.filterset
        return context | {
            "provinces": Province.objects.order_by(Collated("name")),
            "kind": self.kind,
            "tabs": self.tabs(context["result_count"]),
            "has_filters": any(
                active.data.get(field) for field in active.form.fields if field != "q"
            ),
        }

    def tabs(self, active_count):
        """Each kind with its count for the current search (the active kind's is
        the paginator's: one COUNT, not two) and the link to it."""
        tabs = []
        for name, (label, filterset_class, queryset) in PARTNER_KINDS.items():
            if name == self.kind:
                filterset, count = self.filterset, active_count
            else:
                filterset = filterset_class(
                    self.request.GET, queryset=queryset(), request=self.request
                )
                count = filterset.qs.count()
            tabs.append(
                {
                    "kind": name,
                    "label": label,
                    "count": count,
                    "query": self.tab_query(name, filterset),
                    "active": name == self.kind,
                }
            )
        return tabs

    def tab_query(self, kind, filterset):
        query = self.request.GET.copy()
        for key in list(query):
            if key not in SHARED_FILTERS or key not in filterset.form.fields:
                del query[key]
        query["kind"] = kind
        return query.urlencode()


class LowercaseCodeMixin:
    """A page addressed by an ISO code answers at its lowercase address; any other
    spelling of the code redirects there for good."""

    url_name = ""

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code != code.lower():
            return redirect(self.url_name, code=code.lower(), permanent=True)
        return super().get(request, *args, **kwargs)


class CountryDetailView(LowercaseCodeMixin, DetailView):
    template_name = "partners/country_detail.html"
    context_object_name = "country"
    url_name = "partners:country-detail"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code.upper() in ARGENTINE_TERRITORY_CODES:
            # The Malvinas, South Georgia and South Sandwich Islands and the
            # Argentine Antarctic Sector: Argentina, never a foreign country.
            return redirect(
                "partners:province-detail",
                code=ARGENTINE_TERRITORY_PROVINCE.lower(),
                permanent=True,
            )
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Country.objects.select_related("region", "region__parent").prefetch_related(
                current_memberships(),
                "representations",
                Prefetch(
                    "organisations",
                    queryset=Organisation.objects.order_by(Collated("name")),
                ),
            ),
            code=self.kwargs["code"].upper(),
        )


class OrganisationDetailView(DetailView):
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("country", "country__region")


class BlocDetailView(DetailView):
    template_name = "partners/bloc_detail.html"
    context_object_name = "bloc"

    def get_queryset(self):
        return Bloc.objects.all()

    def get_context_data(self, **kwargs):
        memberships = self.object.memberships.select_related(
            "country", "country__region"
        ).order_by(Collated("country__name"), "since")
        current = [m for m in memberships if m.is_current]
        by_status = {status: [] for status in BlocMembership.Status}
        for membership in current:
            by_status[membership.status].append(membership)
        return super().get_context_data(
            member_groups=[
                (BlocMembership.Status(status).label, members)
                for status, members in by_status.items()
                if members
            ],
            member_count=len({m.country_id for m in current}),
            history=[m for m in memberships if not m.is_current],
            **kwargs,
        )


class ProvinceDetailView(LowercaseCodeMixin, DetailView):
    """An Argentine jurisdiction: what it comprises, its focal point and the
    published projects that name it."""

    template_name = "partners/province_detail.html"
    context_object_name = "province"
    url_name = "partners:province-detail"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Province.objects.select_related("focal_point"),
            code=self.kwargs["code"].upper(),
        )
