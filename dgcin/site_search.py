"""The header's search box: ``/search/?q=`` finds published projects (full text,
``projects.fulltext``), partners (countries, organisations, blocs) and the directory
(units, diplomatic representations, provincial focal points' public data), grouped
by kind. An IATI identifier or FO.AR number goes straight to its project. The page
makes the same number of queries however much data matches."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.models import FocalPoint, Representation, Unit
from partners.models import Bloc, Country, Organisation
from partners.search import MAX_QUERY_LENGTH
from projects import fulltext, search
from projects.models import Project

# Rows shown per kind; the projects link to the catalogue for the rest.
LIMIT = 10


def matches(query, *texts):
    """Whether every word of ``query`` is a whole word (after stemming) of
    ``texts``."""
    found = set()
    for word in fulltext.words(" ".join(text or "" for text in texts)):
        found |= fulltext.stems(word)
    return all(
        any(fulltext.stems(spelling) & found for spelling in spellings)
        for _, spellings in query.terms
    )


def named(queryset, query):
    """Rows of a partner queryset whose names hold the query's words: narrowed in
    the database by each word's shortest stem, then checked word by word."""
    narrowed = queryset.search(
        " ".join(min(fulltext.stems(word), key=len) for word, _ in query.terms)
    )
    return [row for row in narrowed if matches(query, row.search_text)][:LIMIT]


def directory_results(query):
    """{kind: rows} of the directory; its tables are small, read whole."""
    units = [
        unit
        for unit in Unit.objects.all()
        if matches(query, unit.name, unit.acronym, unit.description)
    ]
    representations = [
        representation
        for representation in Representation.objects.select_related("country")
        if matches(
            query,
            representation.city,
            representation.country.name_es,
            representation.country.name_en,
            representation.get_kind_display(),
        )
    ]
    focal_points = [
        point
        for point in FocalPoint.objects.select_related("province")
        if matches(
            query,
            point.institution,
            point.province.name_es,
            point.province.name_en,
            *(
                (point.person_name, point.person_position)
                if point.person_is_public
                else ()
            ),
        )
    ]
    return {
        "units": units[:LIMIT],
        "representations": representations[:LIMIT],
        "focal_points": focal_points[:LIMIT],
    }


def site_search(request):
    text = request.GET.get("q", "")
    context = {"q": text[:MAX_QUERY_LENGTH].strip(), "notices": [], "results": None}
    if len(text) > MAX_QUERY_LENGTH:
        context["notices"].append(
            ngettext(
                "Your search is too long: write at most %(count)d character.",
                "Your search is too long: write at most %(count)d characters.",
                MAX_QUERY_LENGTH,
            )
            % {"count": MAX_QUERY_LENGTH}
        )
    elif text.strip():
        project = search.identified(Project.objects.published(), text)
        if project:
            return redirect(project)
        query = fulltext.parse(text)
        if query.empty:
            context["notices"].append(
                _(
                    "Type words that say what you are looking for: words such as "
                    "“de”, “la” or “the” are not searched on their own."
                )
            )
        else:
            context["results"] = results(query)
    return render(request, "search/results.html", context)


def results(query):
    projects = fulltext.ranked(
        fulltext.matching(Project.objects.published(), query), query, "-start_year"
    )
    shown = list(projects.for_catalogue()[:LIMIT])
    search.attach_passages(shown, query)
    found = {
        "projects": shown,
        "project_count": projects.count(),
        "countries": named(Country.objects.all(), query),
        "organisations": named(Organisation.objects.all(), query),
        "blocs": named(Bloc.objects.all(), query),
        **directory_results(query),
    }
    found["total"] = found["project_count"] + sum(
        len(found[kind])
        for kind in (
            "countries",
            "organisations",
            "blocs",
            "units",
            "representations",
            "focal_points",
        )
    )
    found["suggestions"] = [] if found["total"] else fulltext.suggestions(query)
    return found
