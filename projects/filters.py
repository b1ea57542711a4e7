"""The public catalogue's search, filters, sorting and facet counts."""

import django_filters
from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from directory.models import Unit
from partners.filters import SearchFilterSet
from partners.models import Bloc, Country, Province, Region

from . import facets
from .models import Participation, Project, ProjectSector, SdgGoal, SectorCategory


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
    country = one_of(
        _("Country"),
        _("All countries"),
        Country.objects.all(),
        "code",
        method="filter_country",
    )
    bloc = one_of(
        _("Bloc or forum"),
        _("All blocs and forums"),
        Bloc.objects.all(),
        "slug",
        field_name="blocs",
    )
    sector = one_of(
        _("DAC sector"),
        _("All sectors"),
        SectorCategory.objects.all(),
        "code",
        method="filter_sector",
    )
    sdg = one_of(
        _("SDG"), _("All SDGs"), SdgGoal.objects.all(), "number", field_name="sdg_goals"
    )
    directorate = one_of(
        _("Directorate"), _("All directorates"), Unit.objects.all(), "slug"
    )
    province = one_of(
        _("Argentine province"),
        _("All provinces"),
        Province.objects.all(),
        "code",
        field_name="provinces",
    )
    year = YearFilter(
        label=_("Start year"),
        empty_label=_("All years"),
        field_name="start_year",
        min_value=1950,
        max_value=2100,
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

    # Filters whose options show how many projects each would give, and how to count.
    FACETS = {
        "modality": "modality",
        "status": "status",
        "region": "partner:country__region__slug",
        "country": "partner:country__code",
        "bloc": "blocs__slug",
        "sector": "sectors__sector__category__code",
        "sdg": "sdg_goals__number",
        "directorate": "directorate__slug",
        "province": "provinces__code",
        "year": "start_year",
    }

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

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Exists(Participation.objects.filter(project=OuterRef("pk"), country=value))
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(
            Exists(
                ProjectSector.objects.filter(
                    project=OuterRef("pk"), sector__category=value
                )
            )
        )

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
        project, so counting it would put every project in South America.
        """
        self.is_valid()
        return facets.cached(self.form.cleaned_data, self.count_facets)

    def count_facets(self):
        counts = {"total": {"": self.qs.count()}}
        for name, path in self.FACETS.items():
            if path.startswith("partner:"):
                counts[name] = self.count_partners(name, path.removeprefix("partner:"))
            else:
                counts[name] = count(self.queryset_without(name), path, "pk")
        counts["region"] |= self.count_partners(
            "region", "country__region__parent__slug"
        )
        return counts

    def count_partners(self, name, path):
        participations = Participation.objects.filter(
            project__in=self.queryset_without(name).values("pk"),
            country__isnull=False,
        ).exclude(country__code=settings.HOME_COUNTRY)
        return count(participations, path, "project")


def count(queryset, path, what):
    """{value of ``path``: number of distinct ``what``}."""
    rows = (
        queryset.order_by().values(path).annotate(projects=Count(what, distinct=True))
    )
    return {str(row[path]): row["projects"] for row in rows if row[path] is not None}


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
