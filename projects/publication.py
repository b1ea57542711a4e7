"""When a project was published. The project keeps no such date: its history does
(django-simple-history writes a record with every save), so the date is that of the
first record that shows it published. Projects saved before their history began
(none should be) fall back to their creation."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from . import facets
from .models import Project

# How many projects the feeds give.
FEED_LENGTH = 20


def first_published():
    """The date of the project's first record as published (an expression)."""
    records = Project.history.filter(
        id=OuterRef("pk"), publication=Project.Publication.PUBLISHED
    ).order_by("history_date")
    return Coalesce(Subquery(records.values("history_date")[:1]), "created_at")


def newly_published(limit=FEED_LENGTH):
    """The ``limit`` published projects published last, newest first, each with
    ``published_at``: the order is cached like the catalogue's counts (any change to
    a project renews it), the projects are read in one query."""

    def compute():
        return list(
            Project.objects.published()
            .annotate(published_at=first_published())
            .order_by("-published_at", "-pk")
            .values_list("pk", "published_at")[:limit]
        )

    dates = dict(facets.cached({"newly-published": limit}, compute))
    projects = Project.objects.published().in_bulk(list(dates))
    listed = []
    for pk, published_at in dates.items():
        if (project := projects.get(pk)) is not None:
            project.published_at = published_at
            listed.append(project)
    return listed
