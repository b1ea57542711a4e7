"""The public catalogue's search, filters, sorting and facet counts."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from directory.models import Unit
from partners.filters import SearchFilterSet
from partners.models import Bloc, Country, Organisation, Province, Region

from . import facet_index, facets, fulltext
from .models import (
    Budget,
    Participation,
    Project,
    ProjectSector,
    SdgGoal,
    SectorCategory,
)

# The amount range reads the budget lines in this currency: amounts in different
# currencies are never added up or compared (see models.money.budget_totals).
BUDGET_CURRENCY = "USD"


def one_of(label, every, queryset, to_field_name, **kwargs):
    """A filter to one row of ``queryset``, which the query string names by
    ``to_field_name`` (a code, slug or number); none chosen means all, which the
    choice ``every`` names ("All regions": each filter says it in its own words, so
    Spanish agrees with the label's gender)."""
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=queryset,
        to_field_name=to_field_name,
        empty_label=every,
        **kwargs,
    )


def any_of(label, queryset, to_field_name, method):
    """A filter to the projects with any of the chosen rows of ``queryset`` (OR
    within the filter), which the query string names by ``to_field_name`` and
    repeats for each value: ``?country=PY&country=BO``; ``?country=PY`` keeps the
    meaning it had when the filter took one value."""
    return django_filters.ModelMultipleChoiceFilter(
        label=label,
        queryset=queryset,
        to_field_name=to_field_name,
        method=method,
        widget=forms.CheckboxSelectMultiple,
    )


def any_chosen(method):
    """A multiple choice's filter method, skipped when nothing is chosen (its
    empty value is an empty queryset, which django-filter does not skip)."""

    def skipping(self, queryset, name, value):
        return method(self, queryset, name, value) if value else queryset

    return skipping


class ProjectFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "budget_max", _("The maximum is below the minimum; it was left out.")
            )
        return cleaned


class YearFilter(django_filters.NumberFilter):
    """A year typed or chosen; ``empty_label`` names the choice of every year, as
    the other filters' ``empty_label`` does, for the pages that list the years."""

    def __init__(self, *args, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        field.empty_label = self.empty_label
        return field


class ProjectFilter(SearchFilterSet):
    modality = django_filters.ChoiceFilter(
        label=_("Modality"),
        choices=Project.Modality.choices,
        empty_label=_("All modalities"),
    )
    decentralised = django_filters.ChoiceFilter(
        label=_("Decentralised cooperation"),
        choices=facets.DECENTRALISED_CHOICES,
        empty_label=_("National and decentralised"),
        method="filter_decentralised",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Project.Status.choices,
        empty_label=_("All statuses"),
    )
    region = one_of(
        _("Region"),
        _("All regions"),
        Region.objects.all(),
        "slug",
        method="filter_region",
    )
    country = any_of(
        _("Country"),
        Country.objects.exclude(code=settings.HOME_COUNTRY),
        "code",
        "filter_country",
    )
    organisation = any_of(
        _("Organisation"), Organisation.objects.all(), "slug", "filter_organisation"
    )
    bloc = one_of(
        _("Bloc or forum"),
        _("All blocs and forums"),
        Bloc.objects.all(),
        "slug",
        field_name="blocs",
    )
    sector = any_of(
        _("DAC sector"), SectorCategory.objects.all(), "code", "filter_sector"
    )
    sdg = any_of(_("SDG"), SdgGoal.objects.all(), "number", "filter_sdg")
    directorate = one_of(
        _("Directorate"), _("All directorates"), Unit.objects.all(), "slug"
    )
    province = any_of(
        _("Argentine province"), Province.objects.all(), "code", "filter_province"
    )
    year = YearFilter(
        label=_("Start year"),
        empty_label=_("All years"),
        field_name="start_year",
        min_value=1950,
        max_value=2100,
    )
    budget_min = django_filters.NumberFilter(
        label=_("Total budget from (US$)"), method="filter_budget", min_value=0
    )
    budget_max = django_filters.NumberFilter(
        label=_("Total budget up to (US$)"), method="filter_budget", min_value=0
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("start_year", "start"), ("title", "title"), ("updated_at", "updated")),
        choices=[
            ("-start", _("Newest start first")),
            ("start", _("Oldest start first")),
            ("title", _("Title (A to Z)")),
            ("-updated", _("Recently updated")),
        ],
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Project
        fields = []
        form = ProjectFilterForm

    # Filters that take several values (checkboxes): one chip per value.
    MULTIPLE = ("country", "organisation", "sector", "sdg", "province")

    # Filters whose options show how many projects each would give (counted from
    # the facet rows under the same names: projects.facet_index).
    FACETS = (
        "modality",
        "decentralised",  # "yes" or "no", the filter's values
        "status",
        "region",
        "country",
        "organisation",
        "bloc",
        "sector",
        "sdg",
        "directorate",
        "province",
        "year",
    )

    def filter_search(self, queryset, name, value):
        """Full-text search (``projects.fulltext``), the query parsed once."""
        return fulltext.matching(queryset, self.search_query(value))

    def search_query(self, value):
        if getattr(self, "parsed_search", (None,))[0] != value:
            self.parsed_search = (value, fulltext.parse(value))
        return self.parsed_search[1]

    def filter_decentralised(self, queryset, name, value):
        return queryset.filter(is_decentralised=value == "yes")

    # Filters through one-to-many rows use EXISTS, not a join: no duplicate rows to
    # remove with DISTINCT, which costs most at 100,000 projects.
    def filter_region(self, queryset, name, value):
        """Projects with a partner country (Argentina aside) in the region."""
        partners = Country.objects.in_region(value).exclude(code=settings.HOME_COUNTRY)
        return queryset.filter(
            Exists(
                Participation.objects.filter(
                    project=OuterRef("pk"), country__in=partners
                )
            )
        )

    @any_chosen
    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Participation.objects.filter(project=OuterRef("pk"), country__in=value)
            )
        )

    @any_chosen
    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Participation.objects.filter(
                    project=OuterRef("pk"), organisation__in=value
                )
            )
        )

    @any_chosen
    def filter_sector(self, queryset, name, value):
        return queryset.filter(
            Exists(
                ProjectSector.objects.filter(
                    project=OuterRef("pk"), sector__category__in=value
                )
            )
        )

    @any_chosen
    def filter_sdg(self, queryset, name, value):
        links = Project.sdg_goals.through.objects.filter(
            project=OuterRef("pk"), sdggoal__in=value
        )
        return queryset.filter(Exists(links))

    @any_chosen
    def filter_province(self, queryset, name, value):
        links = Project.provinces.through.objects.filter(
            project=OuterRef("pk"), province__in=value
        )
        return queryset.filter(Exists(links))

    def filter_budget(self, queryset, name, value):
        """Projects whose budget lines in US dollars add up to at least
        (budget_min) or at most (budget_max) ``value``; a project without such
        lines has no total to compare and is left out."""
        totals = (
            Budget.objects.filter(
                project=OuterRef("pk"), currency__code=BUDGET_CURRENCY
            )
            .order_by()
            .values("project")
            .annotate(total=Sum("value"))
            .values("total")
        )
        queryset = queryset.alias(budget_total=Subquery(totals))
        lookup = "gte" if name == "budget_min" else "lte"
        return queryset.filter(**{f"budget_total__{lookup}": value})

    def queryset_without(self, excluded):
        """The queryset with every valid filter applied except ``excluded``."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self):
        """{filter name: {option value: projects}} with the other filters applied,
        and under "total" the number of projects all the filters give.

        Regions and countries count partner countries: Argentina takes part in every
        project, so counting it would put every project in South America. Counted
        from the facet rows (``projects.facet_index``): one query for the facets
        whose filter is not chosen, one for each chosen one (without it), none
        when nothing is chosen and the counts of every published project are
        cached (``facets.every_count``).
        """
        self.is_valid()
        return facets.cached(self.form.cleaned_data, self.count_facets)

    def count_facets(self):
        names = ["total", *self.FACETS]
        chosen = self.chosen_filters()
        if not chosen:
            every = facets.every_count()
            counts = {name: every.get(name, {}) for name in names}
        else:
            counts = facet_index.counts(
                self.qs, [name for name in names if name not in chosen]
            )
            for name in chosen:
                if name in self.FACETS:
                    counts |= facet_index.counts(self.queryset_without(name), [name])
        # No project: no row to count, and still a total.
        counts["total"] = {"": counts["total"].get("", 0)}
        return counts

    def chosen_filters(self):
        """The names of the valid filters given a value (sorting is no filter)."""
        return [
            name
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and given(value)
        ]


def given(value):
    """Whether a filter's cleaned value chooses anything (a multiple choice's
    empty value is an empty queryset, none() without a query)."""
    if isinstance(value, QuerySet):
        return bool(value)
    return value not in (None, "", [])


def active_filters(filterset, query):
    """[(label, value shown, query without it)] for the 'remove filter' chips: one
    per chosen value, each link removing that value only."""
    active = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        if name in ProjectFilter.MULTIPLE:
            chosen = {str(getattr(row, field.to_field_name)): row for row in value}
            for code in dict.fromkeys(query.getlist(name)):
                if code in chosen:
                    active.append(
                        (
                            field.label,
                            chip_label(name, chosen[code]),
                            without(query, name, code),
                        )
                    )
            continue
        shown = dict(getattr(field, "choices", [])).get(value, value)
        if name in ("budget_min", "budget_max"):
            shown = number_format(value, force_grouping=True)
        active.append((field.label, shown, without(query, name)))
    return active


def chip_label(name, row):
    if name == "organisation":
        return row.acronym or row.name
    return str(row)


def without(query, name, value=None):
    """The query string without ``name`` (or only without its ``value``) nor the
    page number."""
    query = query.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != value])
    return query.urlencode()
