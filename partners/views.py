from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from .filters import BlocFilter, CountryFilter, OrganisationFilter
from .models import Bloc, BlocMembership, Country, Organisation, current_memberships
from .pagination import filter_notices, paginate

# kind in the query string -> (tab label, filter set, what its rows need)
PARTNER_KINDS = {
    "country": (
        gettext_lazy("Countries"),
        CountryFilter,
        lambda: (
            Country.objects.filter(is_active=True)
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
# Filters a tab link carries over to the other kinds.
SHARED_FILTERS = ("q", "region")


class PartnerListView(TemplateView):
    """Countries, organisations and blocs: one kind at a time, each tab with its
    count for the current search."""

    template_name = "partners/partner_list.html"
    paginate_by = 24

    def get_context_data(self, **kwargs):
        notices = []
        kind = self.request.GET.get("kind", "country")
        if kind not in PARTNER_KINDS:
            notices.append(
                _("“%(kind)s” is not a kind of partner; showing countries.")
                % {"kind": kind[:30]}
            )
            kind = "country"

        filtersets = {
            name: filterset_class(
                self.request.GET, queryset=queryset(), request=self.request
            )
            for name, (_label, filterset_class, queryset) in PARTNER_KINDS.items()
        }
        active = filtersets[kind]
        notices += filter_notices(active)

        page, page_notice = paginate(self.request, active.qs, self.paginate_by)
        if page_notice:
            notices.append(page_notice)
        tabs = [
            {
                "kind": name,
                "label": PARTNER_KINDS[name][0],
                # The active kind's count is the paginator's: one COUNT, not two.
                "count": page.paginator.count if name == kind else filterset.qs.count(),
                "query": self.tab_query(name, filterset),
                "active": name == kind,
            }
            for name, filterset in filtersets.items()
        ]
        return super().get_context_data(
            kind=kind,
            tabs=tabs,
            filter=active,
            page_obj=page,
            partners=page.object_list,
            result_count=page.paginator.count,
            notices=notices,
            has_filters=any(
                active.data.get(field) for field in active.form.fields if field != "q"
            ),
            **kwargs,
        )

    def tab_query(self, kind, filterset):
        query = self.request.GET.copy()
        for key in list(query):
            if key not in SHARED_FILTERS or key not in filterset.form.fields:
                del query[key]
        query["kind"] = kind
        return query.urlencode()


class CountryDetailView(DetailView):
    template_name = "partners/country_detail.html"
    context_object_name = "country"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code != code.lower():
            return redirect(
                "partners:country-detail", code=code.lower(), permanent=True
            )
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Country.objects.select_related("region", "region__parent").prefetch_related(
                current_memberships(),
                "representations",
                Prefetch(
                    "organisations", queryset=Organisation.objects.order_by("name")
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
        ).order_by("country__name", "since")
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
