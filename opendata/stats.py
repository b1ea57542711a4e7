"""The statistics page's figures: how many published projects, for the catalogue's
filters, by modality, status, Argentina's role, region, partner country, Argentine
province, DAC sector category, SDG and start year.

Counting is split from presenting. ``counts()`` reads the facet rows
(``projects.facet_index``) in one GROUP BY query, whatever the number of projects,
and keeps the result (codes and numbers, no words) in the facet cache for each filter
combination, shared by both languages and, unfiltered, with the catalogue.
``figures()`` then labels the counts in the active language and lays out the charts.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partners.collation import collation_key
from partners.models import Country, Province, Region
from projects import facet_index, facets
from projects.models import (
    Project,
    SdgGoal,
    SectorCategory,
)

from . import charts, maps

# Bump when the shape of the cached counts or labels changes.
FORMAT = 4
# Countries and sectors: the chart shows the first ones, the table all of them.
TOP = 15

# Argentina's SEGIB role, grouped for the public: first and second providers of
# triangular projects provide too. Each group lists the SEGIB roles it adds up.
ROLE_GROUPS = [
    ("provider", _("Provider"), ["provider", "first-provider", "second-provider"]),
    ("recipient", _("Recipient"), ["recipient"]),
    ("both", _("Provider and recipient"), ["both"]),
    ("participant", _("Participant in regional cooperation"), ["participant"]),
]
ROLE_DETAILS = {
    "provider": _("Provider (bilateral or multilateral)"),
    "first-provider": _("First provider (triangular)"),
    "second-provider": _("Second provider (triangular)"),
}


def counts(filterset):
    """{figure: {code: projects}} for the filterset's valid filters, cached."""
    filterset.is_valid()
    if not filterset.chosen_filters():
        return shaped(facets.every_count())
    key = filterset.form.cleaned_data | {"figures": f"stats-{FORMAT}"}
    return facets.cached(key, lambda: shaped(facet_index.counts(filterset.qs)))


def shaped(found):
    """The page's counts from the facet rows' (``projects.facet_index``)."""

    def of(name):
        return found.get(name, {})

    total = of("total").get("", 0)
    return {
        "total": total,
        "modality": of("modality"),
        "status": of("status"),
        "year": of("year"),
        "without_home": total - of("home").get("", 0),
        "role": of("role"),
        "country": of("country"),
        "region": of("region"),
        "sector": of("sector"),
        "province": of("province"),
        # Decentralised projects by the Argentine provinces that are their
        # subnational partners.
        "decentralised": of("decentralised-province"),
        "sdg": of("sdg"),
    }


def labels():
    """Names of the regions, countries, provinces, sector categories and goals in
    the active language, cached per language."""

    def compute():
        return {
            "region": [
                (region.slug, region.name, region.parent.slug if region.parent else "")
                for region in Region.objects.tree()
            ],
            "country": dict(Country.objects.values_list("code", "name")),
            "province": dict(Province.objects.values_list("code", "name")),
            "sector": dict(SectorCategory.objects.values_list("code", "name")),
            "sdg": {str(goal.number): str(goal) for goal in SdgGoal.objects.all()},
        }

    return facets.cached(
        {"stats-labels": f"{FORMAT}:{get_language()}"}, compute, references=True
    )


@dataclass
class Row:
    """A line of a figure's table, and a bar of its chart when ``charted``."""

    label: str
    value: int
    level: int = 0
    filter: tuple = ()  # (catalogue filter, value) that lists these projects
    charted: bool = True
    share: float = 0
    link: str = ""


@dataclass
class Figure:
    slug: str
    title: str
    intro: str
    heading: str  # the table's first column
    rows: list
    layout: str = "stacked"
    note: str = ""
    chart: charts.BarChart = None
    shown: list = field(default_factory=list)
    map: dict = None  # drawn instead of a bar chart (see maps.province_map)
    map_title: str = ""  # the map's name, when not the provinces' map
    narrowed: tuple = ()  # ((catalogue filter, value),) every row's link adds

    @property
    def empty(self):
        return not any(row.value for row in self.rows)


def figures(numbers, catalogue_url, query):
    """The page's figures, labelled in the active language; table rows link to the
    catalogue with ``query`` (the current filters) narrowed to their value."""
    names = labels()
    total = numbers["total"]
    result = [
        Figure(
            "modality",
            gettext("Projects by modality"),
            gettext(
                "South-South cooperation is bilateral between two countries, "
                "triangular when a third partner supports it, and regional among "
                "several countries; multilateral projects go through international "
                "organisations."
            ),
            gettext("Modality"),
            [
                Row(str(label), numbers["modality"].get(code, 0), 0, ("modality", code))
                for code, label in Project.Modality.choices
            ],
        ),
        Figure(
            "status",
            gettext("Projects by status"),
            gettext("Where each project stands, as IATI's activity status."),
            gettext("Status"),
            [
                Row(str(label), numbers["status"].get(code, 0), 0, ("status", code))
                for code, label in Project.Status.choices
            ],
        ),
        role_figure(numbers),
        year_figure(numbers),
        region_figure(numbers, names),
        ranked_figure(
            "country",
            gettext("Projects by partner country"),
            gettext(
                "Countries that take part in the projects, Argentina aside. A "
                "project with several partner countries counts for each of them."
            ),
            gettext("Country"),
            numbers["country"],
            names["country"],
        ),
        province_figure(numbers, names),
        decentralised_figure(numbers, names),
        ranked_figure(
            "sector",
            gettext("Projects by DAC sector category"),
            gettext(
                "The OECD DAC sector categories of the projects' sectors. A project "
                "that works in several categories counts in each of them."
            ),
            gettext("Sector category"),
            numbers["sector"],
            names["sector"],
        ),
        Figure(
            "sdg",
            gettext("Projects by Sustainable Development Goal"),
            gettext(
                "The 2030 Agenda goals the projects contribute to. A project can "
                "contribute to several goals."
            ),
            gettext("Goal"),
            [
                Row(label, numbers["sdg"].get(number, 0), 0, ("sdg", number))
                for number, label in names["sdg"].items()
            ],
        ),
    ]
    for figure in result:
        if figure.map is None:
            shown = [row for row in figure.rows if row.charted]
            figure.chart = charts.bar_chart(
                [(row.label, row.value, row.level) for row in shown], figure.layout
            )
            figure.shown = list(zip(shown, figure.chart.bars, strict=True))
        for row in figure.rows:
            row.share = 100 * row.value / total if total else 0
            if row.filter and row.value:
                narrowed = query.copy()
                for name, value in (row.filter, *figure.narrowed):
                    narrowed[name] = value
                row.link = f"{catalogue_url}?{narrowed.urlencode()}"
    return result


def role_figure(numbers):
    roles = numbers["role"]
    rows = []
    for _group, label, members in ROLE_GROUPS:
        rows.append(Row(str(label), sum(roles.get(role, 0) for role in members)))
        details = [role for role in members if role in ROLE_DETAILS]
        if len([role for role in details if roles.get(role)]) > 1:
            rows += [
                Row(str(ROLE_DETAILS[role]), roles.get(role, 0), 1) for role in details
            ]
    if numbers["without_home"]:
        rows.append(Row(gettext("Not recorded"), numbers["without_home"]))
    return Figure(
        "role",
        gettext("Argentina's role"),
        gettext(
            "Argentina's role in each project, as SEGIB classifies South-South "
            "cooperation. A provider shares its experience and capacities, a "
            "recipient receives them, and in bilateral projects a country can be "
            "both. In triangular projects the first provider transfers its "
            "capacities and the second provider supports with technical or "
            "financial resources: both count here as provider. In regional "
            "projects every country participates."
        ),
        gettext("Role"),
        rows,
    )


def region_figure(numbers, names):
    """Wider regions, each followed by its sub-regions; only those with projects."""
    counted = numbers["region"]
    rows = [
        Row(
            name,
            counted.get(slug, 0),
            1 if parent else 0,
            ("region", slug),
        )
        for slug, name, parent in names["region"]
        if counted.get(slug)
    ]
    return Figure(
        "region",
        gettext("Projects by region"),
        gettext(
            "Regions of the partner countries, Argentina aside; sub-regions are "
            "indented under their region. A project with partners in several "
            "regions counts in each of them."
        ),
        gettext("Region"),
        rows,
    )


def ranked_figure(slug, title, intro, heading, counted, names):
    """Options by number of projects, the first TOP charted, all in the table."""
    ranked = sorted(
        counted.items(),
        key=lambda item: (-item[1], collation_key(names.get(item[0], item[0]))),
    )
    rows = [
        Row(names.get(code, code), value, 0, (slug, code), position < TOP)
        for position, (code, value) in enumerate(ranked)
    ]
    note = ""
    if len(rows) > TOP:
        note = gettext(
            "The chart shows the %(shown)s with most projects; the table lists all "
            "%(all)s."
        ) % {"shown": TOP, "all": len(rows)}
    return Figure(slug, title, intro, heading, rows, note=note)


def year_figure(numbers):
    """Every year from the first to the last start, including years without any."""
    counted = {int(year): n for year, n in numbers["year"].items() if year}
    rows = [
        Row(str(year), counted.get(year, 0), 0, ("year", str(year)))
        for year in range(min(counted, default=0), max(counted, default=-1) + 1)
    ]
    undated = numbers["year"].get("", 0)
    note = ""
    if undated:
        note = ngettext(
            "%(count)s project has no start date yet.",
            "%(count)s projects have no start date yet.",
            undated,
        ) % {"count": undated}
    return Figure(
        "year",
        gettext("Projects by start year"),
        gettext("The year each project started, or is planned to start."),
        gettext("Start year"),
        rows,
        layout="inline",
        note=note,
    )


def partner_map(numbers):
    """The world map of partner countries (see maps.partner_map)."""
    return maps.partner_map(numbers["country"], labels()["country"])


def province_figure(numbers, names):
    """Every province with its projects, in a table and on the bicontinental map
    of Argentina."""
    counted = numbers["province"]
    figure = Figure(
        "province",
        gettext("Projects by Argentine province"),
        gettext(
            "The Argentine provinces where the projects take place. A project in "
            "several provinces counts in each of them. The map is bicontinental, as "
            "Law 26.651 requires: the Argentine Antarctic Sector is drawn at the "
            "same scale as the American continent and, with the Malvinas, South "
            "Georgia and South Sandwich Islands, belongs to the province of Tierra "
            "del Fuego, Antártida e Islas del Atlántico Sur."
        ),
        gettext("Province"),
        [
            Row(name, counted.get(code, 0), 0, ("province", code))
            for code, name in names["province"].items()
        ],
    )
    figure.map = maps.province_map(counted, names["province"])
    return figure


def decentralised_figure(numbers, names):
    """Decentralised projects by the Argentine province that takes part in them,
    in a table and shaded on the bicontinental map."""
    counted = numbers["decentralised"]
    figure = Figure(
        "decentralised",
        gettext("Decentralised cooperation by province"),
        gettext(
            "Projects in which an Argentine province, or one of its municipalities, "
            "cooperates with a state, region, department or municipality of the "
            "partner country, as SEGIB counts decentralised cooperation. A project "
            "with several provinces counts in each of them."
        ),
        gettext("Province"),
        [
            Row(name, counted.get(code, 0), 0, ("province", code))
            for code, name in names["province"].items()
        ],
        map_title=gettext(
            "Bicontinental map of Argentina: decentralised cooperation by province"
        ),
        narrowed=(("decentralised", "yes"),),
    )
    figure.map = maps.province_map(counted, names["province"])
    return figure
