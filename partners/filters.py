"""Filters of the public partner lists. Each kind of partner has its own set; the
search box and the region apply to all kinds they make sense for."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Bloc, Country, Organisation, Region
from .search import MAX_QUERY_LENGTH


def unknown_parameters(data, filterset_class, also=()):
    """(unknown, accepted): the parameters of the query ``data`` that
    ``filterset_class`` and ``also`` do not name, and those they do, both sorted.
    Machine-facing URLs refuse the unknown ones: a misspelled filter would otherwise
    be ignored and the answer quietly wider than asked."""
    accepted = sorted({*filterset_class.base_filters, *also})
    return sorted(set(data) - set(accepted)), accepted


def unknown_parameters_message(unknown, accepted):
    """The translated sentence naming ``unknown`` parameters and listing the
    ``accepted`` ones."""
    return ngettext(
        "Unknown parameter: %(unknown)s. Accepted parameters: %(accepted)s.",
        "Unknown parameters: %(unknown)s. Accepted parameters: %(accepted)s.",
        len(unknown),
    ) % {"unknown": ", ".join(unknown), "accepted": ", ".join(accepted)}


def kind_filter(kinds):
    """The "Type" filter of a partner list: one of ``kinds``, or all."""
    return django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="kind",
        choices=kinds.choices,
        empty_label=_("All types"),
    )


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def query_was_shortened(self):
        return len(self.data.get("q", "")) > MAX_QUERY_LENGTH


class RegionFilterMixin(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.select_related("parent"),
        to_field_name="slug",
        method="filter_region",
        empty_label=_("All regions"),
    )

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)


class CountryFilter(RegionFilterMixin, SearchFilterSet):
    """Countries. By default only the partners that matter: countries with a
    published project or a current bloc membership (the queryset annotates
    ``project_count`` and ``in_bloc``); ``scope=all`` lists every one, and a
    search looks through every one (a country is found by its name)."""

    scope = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("all", _("All countries"))],
        empty_label=_("Countries with projects or in a bloc"),
        method="filter_scope",
    )

    bloc = django_filters.ModelChoiceFilter(
        label=_("Bloc or forum"),
        queryset=Bloc.objects.all(),
        to_field_name="slug",
        method="filter_bloc",
        empty_label=_("All blocs and forums"),
    )

    class Meta:
        model = Country
        fields = ["q", "region", "bloc", "scope"]

    def filter_bloc(self, queryset, name, value):
        return queryset.in_bloc(value)

    def filter_scope(self, queryset, name, value):
        return queryset  # "all": filter_queryset leaves the others in

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("scope") != "all" and not data.get("q"):
            queryset = queryset.filter(Q(project_count__gt=0) | Q(in_bloc=True))
        return queryset


class OrganisationFilter(RegionFilterMixin, SearchFilterSet):
    type = kind_filter(Organisation.Kind)

    class Meta:
        model = Organisation
        fields = ["q", "type", "region"]


class BlocFilter(SearchFilterSet):
    type = kind_filter(Bloc.Kind)

    class Meta:
        model = Bloc
        fields = ["q", "type"]
