"""Projects' search text and full-text index follow everything they name.

A project's text (``Project.build_search_text``) names its partners, so it changes
when a participation does or when a partner country or organisation is renamed, not
only when the project is saved (which sets it). The receivers below, connected in
``ProjectsConfig.ready``, re-index the projects concerned in the same transaction:
the admin, the imports, the loaders and plain ``save()`` all stay right without
calling anything by hand. Writes that send no signals (``bulk_create``,
``QuerySet.update``) call ``reindex`` themselves. A loader or an import that saves
many rows of each project wraps its work in ``deferred()``: the projects concerned
are then re-indexed once each, when the block ends, instead of at every row.

``reindex`` also writes the full-text index of ``projects.fulltext`` (every public
text of the project, its partners, sectors, SDGs, provinces, blocs, programme and
results, in both languages), the vocabulary of the published projects and the
project's facet rows (``projects.facet_index``: what the catalogue and the statistics
page count). The
receivers at the end of this module (connected when ``ProjectsConfig.ready``
imports it) re-index a project when it is saved or deleted, when its sectors,
results, subnational partners, SDGs, provinces or blocs change, and when its
programme is saved.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from itertools import batched

from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from partners.models import Country, Organisation

from . import facet_index, fulltext
from .models import (
    Participation,
    Programme,
    Project,
    ProjectSector,
    Result,
    SubnationalParticipation,
)

# Projects re-indexed per round: a fixed number of queries each, whatever the number.
CHUNK = 1000

# Texts of a project in each weighted part of its full-text index (fulltext.PARTS).
OWN_TEXTS = {
    "a": ("title_es", "title_en", "iati_identifier", "fo_ar_number"),
    "b": ("summary_es", "summary_en"),
    "c": ("description_es", "description_en", "objectives_es", "objectives_en"),
}
# The project's rows that the index names: (query, project field, names of the row).
RELATED_TEXTS = (
    (
        lambda ids: ProjectSector.objects.filter(project__in=ids).select_related(
            "sector__category"
        ),
        "project_id",
        lambda row: (
            row.sector.name_es,
            row.sector.name_en,
            row.sector.category.name_es,
            row.sector.category.name_en,
        ),
    ),
    (
        lambda ids: Project.sdg_goals.through.objects.filter(
            project__in=ids
        ).select_related("sdggoal"),
        "project_id",
        lambda row: (
            row.sdggoal.name_es,
            row.sdggoal.name_en,
            row.sdggoal.short_name_es,
            row.sdggoal.short_name_en,
        ),
    ),
    (
        lambda ids: Project.provinces.through.objects.filter(
            project__in=ids
        ).select_related("province"),
        "project_id",
        lambda row: (row.province.name_es, row.province.name_en),
    ),
    (
        lambda ids: Project.blocs.through.objects.filter(
            project__in=ids
        ).select_related("bloc"),
        "project_id",
        lambda row: (
            row.bloc.acronym_es,
            row.bloc.acronym_en,
            row.bloc.name_es,
            row.bloc.name_en,
        ),
    ),
    (
        lambda ids: Project.objects.filter(
            pk__in=ids, programme__isnull=False
        ).select_related("programme"),
        "pk",
        lambda row: (row.programme.title_es, row.programme.title_en),
    ),
    (
        # Decentralised cooperation: the foreign subnational governments and the
        # municipalities (the Argentine provinces are among the provinces above).
        lambda ids: SubnationalParticipation.objects.filter(
            project__in=ids
        ).select_related("subdivision"),
        "project_id",
        lambda row: (
            row.municipality,
            *(
                (row.subdivision.name_es, row.subdivision.name_en)
                if row.subdivision
                else ()
            ),
        ),
    ),
    (
        lambda ids: Result.objects.filter(project__in=ids),
        "project_id",
        lambda row: (
            row.title_es,
            row.title_en,
            row.description_es,
            row.description_en,
        ),
    ),
)

# Partners whose names the text holds, and the participation field naming them.
PARTNER_FIELDS = {Country: "country", Organisation: "organisation"}


_waiting = threading.local()


@contextmanager
def deferred():
    """Within this block, ``reindex`` notes the projects and re-indexes them all at
    once when the outermost block ends without an error (an error rolls the
    surrounding transaction back, so there is nothing to index). Use it inside the
    transaction that writes the rows."""
    if getattr(_waiting, "ids", None) is not None:
        yield
        return
    _waiting.ids = set()
    try:
        yield
        ids = _waiting.ids
    finally:
        _waiting.ids = None
    reindex(ids)


def reindex(project_ids):
    """Recompute the search text and the full-text index of these projects (ids),
    in a dozen queries per thousand projects (later, inside ``deferred()``)."""
    waiting = getattr(_waiting, "ids", None)
    if waiting is not None:
        waiting.update(project_ids)
        return
    for chunk in batched(sorted(set(project_ids)), CHUNK):
        related = defaultdict(list)
        for rows, key, names in RELATED_TEXTS:
            for row in rows(chunk):
                related[getattr(row, key)] += names(row)
        participations = defaultdict(list)
        for participation in (
            Participation.objects.filter(project__in=chunk)
            .select_related("country", "organisation")
            .order_by("project_id", "position", "pk")
        ):
            participations[participation.project_id].append(participation)
        projects = list(
            Project.objects.filter(pk__in=chunk)
            .select_related("segib_sector")
            .only(
                *Project.search_fields,
                *(name for names in OWN_TEXTS.values() for name in names),
                "publication",
                "segib_sector__name_es",
                "segib_sector__name_en",
            )
        )
        for project in projects:
            project.search_text = project.build_search_text(participations[project.pk])
        Project.objects.bulk_update(projects, ["search_text"])
        write_index(
            chunk,
            {
                project.pk: document(
                    project, participations[project.pk], related[project.pk]
                )
                for project in projects
            },
            {project.pk for project in projects if project.publication == "published"},
        )
        facet_index.refresh(chunk)


def document(project, participations, related):
    """{part: text} of a project's full-text index."""
    parts = {
        part: [getattr(project, name) or "" for name in names]
        for part, names in OWN_TEXTS.items()
    }
    parts["b"] += [participation.search_names() for participation in participations]
    if project.segib_sector:
        parts["b"] += [project.segib_sector.name_es, project.segib_sector.name_en]
    parts["c"] += related
    return {
        part: " ".join(text for text in texts if text) for part, texts in parts.items()
    }


def write_index(ids, documents, published):
    """Replace the index rows of ``ids`` by ``documents`` ({id: {part: text}}; ids
    without one, deleted projects, lose their row) and add the words of the
    ``published`` ones to the vocabulary."""
    postgres = connection.vendor == "postgresql"
    table = fulltext.DOCUMENT_TABLE if postgres else fulltext.FTS_TABLE
    key = "project_id" if postgres else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {key} IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608 - names are constants, values are bound
            list(ids),
        )
        if postgres:
            vector = " || ".join(
                f"setweight(to_tsvector('dgcin_es', %s) || "
                f"to_tsvector('dgcin_en', %s), '{part.upper()}')"
                for part in fulltext.PARTS
            )
            rows = [
                [pk, *(text for part in fulltext.PARTS for text in [doc[part]] * 2)]
                for pk, doc in documents.items()
            ]
            sql = f"INSERT INTO {table} (project_id, document) VALUES (%s, {vector})"  # noqa: S608 - names are constants, values are bound
        else:
            rows = [
                [pk, *(fulltext.stemmed(doc[part]) for part in fulltext.PARTS)]
                for pk, doc in documents.items()
            ]
            sql = f"INSERT INTO {table} (rowid, a, b, c) VALUES (%s, %s, %s, %s)"  # noqa: S608 - names are constants, values are bound
        if rows:
            cursor.executemany(sql, rows)
        words = set()
        for pk in published:
            words |= fulltext.vocabulary(" ".join(documents[pk].values()))
        if words:
            cursor.executemany(
                f"INSERT INTO {fulltext.WORD_TABLE} (word) VALUES (%s) "  # noqa: S608 - names are constants, values are bound
                "ON CONFLICT DO NOTHING",
                [[word] for word in sorted(words)],
            )


def index_after_migrate(sender, plan=None, using="default", **kwargs):
    """post_migrate: index the projects the full-text index lacks, once the
    database is at the latest schema (a database from before the search, or rows a
    data migration wrote). Migrations never call reindex() themselves: it is
    today's code and reads today's schema, which they may still be building."""
    if not plan or any(backwards for _migration, backwards in plan):
        return
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    if set(loader.graph.leaf_nodes()) - set(loader.applied_migrations):
        return
    reindex_missing()
    facet_index.refresh_missing()


def reindex_missing():
    """Index the projects that have no row in the full-text index."""
    postgres = connection.vendor == "postgresql"
    table = fulltext.DOCUMENT_TABLE if postgres else fulltext.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {'project_id' if postgres else 'rowid'} FROM {table}")  # noqa: S608 - names are constants
        indexed = {row[0] for row in cursor.fetchall()}
    reindex(set(Project.objects.values_list("pk", flat=True)) - indexed)


def participation_changed(sender, instance, raw=False, origin=None, **kwargs):
    """post_save and post_delete of a participation: its project names other
    partners now. (Not when the project itself is being deleted.)"""
    if raw or isinstance(origin, Project) or getattr(origin, "model", None) is Project:
        return
    reindex([instance.project_id])


def partner_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of a country or an organisation: when its names changed, the
    projects it takes part in say the new ones."""
    if created or raw or not instance.search_text_changed:
        return
    reindex(
        Participation.objects.filter(**{PARTNER_FIELDS[sender]: instance})
        .order_by()
        .values_list("project", flat=True)
        .distinct()
    )


def project_saved(sender, instance, raw=False, **kwargs):
    """post_save of a project: its own texts and publication may have changed."""
    if not raw:
        reindex([instance.pk])


def project_deleted(sender, instance, **kwargs):
    write_index([instance.pk], {}, ())


def row_changed(sender, instance, raw=False, origin=None, **kwargs):
    """post_save and post_delete of a sector share, a result or a subnational
    partner (not when its project is being deleted)."""
    if raw or isinstance(origin, Project) or getattr(origin, "model", None) is Project:
        return
    reindex([instance.project_id])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed of a project's SDGs, provinces or blocs, from either side."""
    if action == "pre_clear" and reverse:
        # A province, bloc or SDG about to lose all its projects: note them.
        instance.search_cleared = list(
            sender.objects.filter(
                **{type(instance)._meta.model_name: instance}
            ).values_list("project", flat=True)
        )
    elif action == "post_clear" and reverse:
        reindex(getattr(instance, "search_cleared", ()))
    elif action.startswith("post_"):
        reindex([instance.pk] if not reverse else pk_set or ())


def programme_saved(sender, instance, raw=False, **kwargs):
    """post_save of a programme: its projects are found by its title."""
    if not raw:
        reindex(instance.projects.values_list("pk", flat=True))


post_save.connect(project_saved, sender=Project, dispatch_uid="search-project")
post_save.connect(programme_saved, sender=Programme, dispatch_uid="search-programme")
post_delete.connect(project_deleted, sender=Project, dispatch_uid="search-project")
for _model in (ProjectSector, Result, SubnationalParticipation):
    post_save.connect(row_changed, sender=_model, dispatch_uid="search-row")
    post_delete.connect(row_changed, sender=_model, dispatch_uid="search-row")
for _field in ("sdg_goals", "provinces", "blocs"):
    m2m_changed.connect(
        links_changed,
        sender=getattr(Project, _field).through,
        dispatch_uid=f"search-{_field}",
    )


def identified(queryset, text):
    """The project of ``queryset`` whose IATI identifier or FO.AR number is
    ``text`` (case aside), or None: one query, none when ``text`` cannot be one."""
    text = " ".join(str(text).split())
    if not text or len(text) > 150 or not any(map(str.isdigit, text)):
        return None
    return (
        queryset.filter(Q(iati_identifier__iexact=text) | Q(fo_ar_number__iexact=text))
        .order_by("pk")
        .first()
    )


def attach_passages(projects, query):
    """Set ``search_passage`` on each project: the highlighted passage of its
    summary, description or objectives (active language, else Spanish) that the
    query matches, or None. One query for the texts a catalogue row does not load."""
    language = get_language() or "es"

    def text(values, name):
        return values.get(f"{name}_{language}") or values.get(f"{name}_es") or ""

    missing = []
    for project in projects:
        project.search_passage = fulltext.highlighted(project.summary, query)
        if project.search_passage is None:
            missing.append(project)
    if not missing or query.empty:
        return
    names = [
        f"{n}_{lang}"
        for n in ("description", "objectives")
        for lang in ("es", language)
    ]
    rows = {
        row["pk"]: row
        for row in Project.objects.filter(pk__in=[p.pk for p in missing]).values(
            "pk", *dict.fromkeys(names)
        )
    }
    for project in missing:
        values = rows.get(project.pk, {})
        for name in ("description", "objectives"):
            project.search_passage = fulltext.highlighted(text(values, name), query)
            if project.search_passage:
                break
