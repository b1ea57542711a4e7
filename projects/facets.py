"""Facet counts are the catalogue's dearest queries and change only when projects
do: they are cached per filter combination under a generation number that any change
to a project's data bumps once its transaction commits.

A transaction with changes not yet committed sees other data than everyone else: it
caches in a namespace of its own, which no other connection reads and which its
next change, a rolled-back savepoint or its commit leaves behind."""

import contextlib
import datetime
import hashlib
import json
import math
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy

from directory.models import Unit
from partners.collation import Collated
from partners.models import Bloc, Country, Organisation, Province, Region

from . import facet_index
from .models import Project, SdgGoal, SectorCategory

# The catalogue's "decentralised cooperation" filter: its values in the query string.
DECENTRALISED_CHOICES = [
    ("yes", gettext_lazy("Decentralised cooperation only")),
    ("no", gettext_lazy("National cooperation only")),
]

GENERATION_KEY = "projects:facets:generation"
REFERENCES_KEY = "projects:facets:references"
CHANGED_KEY = "projects:facets:changed-at"
TIMEOUT = 60 * 30
# Bump when the shape of what is cached changes, so that a new release never reads
# what an older one stored in the shared cache.
FORMAT = 7


def generation():
    # Seeded with the time, not 1: if the cache culls this key, the new generation
    # can never be one whose entries are still cached. (get_or_set adds: when two
    # requests seed at once, the first one's seed stands.)
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def bump():
    """A new generation. Atomic where the cache backend increments atomically
    (local memory, Redis, Memcached): two bumps never give the same one."""
    # Whole seconds (HTTP dates have no fraction), rounded up, and always later
    # than the last change's, even within the same second: If-Modified-Since
    # never takes a second change for the first.
    previous = cache.get(CHANGED_KEY) or 0
    cache.set(CHANGED_KEY, max(math.ceil(time.time()), previous + 1), timeout=None)
    return increment(GENERATION_KEY)


def references_generation():
    """The generation of the reference lists the filters name (regions,
    countries, organisations...): their labels stay cached across changes to the
    projects, which are far more frequent."""
    return cache.get_or_set(REFERENCES_KEY, time.time_ns, timeout=None)


def increment(key):
    try:
        return cache.incr(key)
    except ValueError:  # missing: seed it (never over another writer's), then bump
        cache.add(key, time.time_ns(), timeout=None)
        return cache.incr(key)


def bump_after_migrate(**kwargs):
    """Signal receiver (post_migrate): a new generation, as after any change."""
    # The database's cache table does not exist before createcachetable.
    with contextlib.suppress(DatabaseError):
        bump()
        increment(REFERENCES_KEY)


def last_change():
    """When the data last changed (an aware datetime), or None when the cache no
    longer knows: answers then say nothing of their age (``Last-Modified``)."""
    changed = cache.get(CHANGED_KEY)
    if changed is None:
        return None
    return datetime.datetime.fromtimestamp(math.ceil(changed), tz=datetime.UTC)


class PendingBump:
    """The bump a transaction makes when it commits: one per transaction, however
    many rows it writes; none if it rolls back (Django drops the callback then)."""

    def __init__(self):
        self.token = secrets.token_hex(8)
        self.changes = 0
        self.references = False
        self.done = False

    def __call__(self):
        self.done = True
        bump()
        if self.references:
            increment(REFERENCES_KEY)


def pending():
    """The bump this connection's transaction has queued and not made yet."""
    for _, callback, _ in transaction.get_connection().run_on_commit:
        if isinstance(callback, PendingBump) and not callback.done:
            return callback
    return None


def uncommitted():
    """A key part for this connection's changes not committed yet ("" when none):
    what a transaction reads of its own writes is never cached as the
    generation's, and a rollback leaves nothing behind."""
    if queued := pending():
        savepoints = transaction.get_connection().savepoint_ids
        return f"{queued.token}:{queued.changes}:{savepoints}"
    return ""


def invalidate(action="post_", sender=None, **kwargs):
    """Signal receiver: a project, one of its rows or a reference list changed.

    The bump waits for the commit: made before it, a request reading in between
    would cache the old data under the new generation. (m2m_changed sends pre_ and
    post_ actions; the post_ one is enough.)"""
    if not action.startswith("post_"):
        return
    queued = pending()
    if queued is None:
        queued = PendingBump()
        transaction.on_commit(queued)  # at once outside a transaction
    queued.changes += 1
    if sender in labelled_models():
        queued.references = True


def labelled_models():
    """The models whose rows the filters and figures name (their labels)."""
    return {
        Region,
        Country,
        Organisation,
        Bloc,
        SectorCategory,
        SdgGoal,
        Unit,
        Province,
    }


def cached(filters, compute, references=False):
    """``compute()``'s result for these cleaned ``filters`` (or any other key
    parts), from the cache when it holds them for the current generation (with
    ``references``, the reference lists' generation: for labels)."""
    chosen = {
        name: key_part(value)
        for name, value in sorted(filters.items())
        if name != "sort" and value not in (None, "") and key_part(value) != []
    }
    if part := uncommitted():
        chosen["uncommitted"] = part
    digest = hashlib.sha256(json.dumps(chosen).encode()).hexdigest()[:32]
    current = references_generation() if references else generation()
    key = f"projects:facets:{FORMAT}:{'r' if references else ''}{current}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = compute()
        cache.set(key, counts, TIMEOUT)
    return counts


def key_part(value):
    """A filter's value in a cache key: a row by its key, several rows (a
    multiple choice) by their sorted keys, whatever their order in the URL."""
    if isinstance(value, (list, tuple, QuerySet)):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return str(getattr(value, "pk", value))


def every_count():
    """{facet: {value: projects}} of every published project (``facet_index``),
    cached: the unfiltered catalogue, statistics page and home page share it."""
    return cached({"counts": "every"}, facet_index.counts)


def key_figures():
    """Published projects, partner countries and partner organisations, for the
    home page."""
    every = every_count()
    return {
        "projects": every.get("total", {}).get("", 0),
        "countries": len(every.get("country", {})),
        "organisations": len(every.get("organisation", {})),
    }


def facet_labels():
    """Every option of every facet, labelled in the active language."""
    return {
        "modality": Project.Modality.choices,
        "decentralised": DECENTRALISED_CHOICES,
        "status": Project.Status.choices,
        "region": [
            (region.slug, f"— {region.name}" if region.parent_id else region.name)
            for region in Region.objects.tree()
        ],
        "country": [(country.code, country.name) for country in countries_by_region()],
        "organisation": [
            (organisation.slug, organisation.acronym or organisation.name)
            for organisation in Organisation.objects.order_by(Collated("name"))
        ],
        "bloc": [(bloc.slug, bloc.acronym) for bloc in Bloc.objects.all()],
        "sector": [
            (category.code, category.name) for category in SectorCategory.objects.all()
        ],
        "sdg": [(goal.number, str(goal)) for goal in SdgGoal.objects.all()],
        "directorate": [(unit.slug, unit.name) for unit in Unit.objects.all()],
        "province": [(p.code, p.name) for p in Province.objects.all()],
        "year": [(year, year) for year in range(timezone.now().year + 5, 1949, -1)],
    }


def countries_by_region():
    """Partner countries (Argentina aside) by wider region, in the regions'
    order, then by name: the grouped country checkboxes of the catalogue and the
    proposal form."""
    return (
        Country.objects.exclude(code=settings.HOME_COUNTRY)
        .select_related("region__parent")
        .order_by(
            Coalesce("region__parent__position", "region__position").asc(
                nulls_last=True
            ),
            Coalesce("region__parent__pk", "region__pk").asc(nulls_last=True),
            Collated("name"),
        )
    )


def region_group(country):
    """The wider region a country is listed under."""
    if country.region is None:
        return gettext("Other")
    return str(country.region.parent or country.region)


def country_groups():
    """{country code: the wider region it is listed under}, in the active
    language, cached like the counts."""
    return cached(
        {"country-groups": get_language()},
        lambda: {c.code: region_group(c) for c in countries_by_region()},
        references=True,
    )


def labels():
    """``facet_labels()`` in the active language, cached like the counts."""
    return cached({"labels": get_language()}, facet_labels, references=True)


def shows_samples():
    """Whether any published project is a sample (the pages then say so)."""
    return cached(
        {"samples": "published"},
        Project.objects.published().filter(is_sample=True).exists,
    )
