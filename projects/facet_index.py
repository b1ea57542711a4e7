"""The facet rows (``models.FacetRow``): what each project counts under, kept in
step with the project, and the counts read from them.

``refresh(ids)`` rewrites the rows of some projects in five queries per thousand.
``search.reindex``, which the project's and its rows' signals call in the same
transaction (see ``projects.search``), calls it: the rows follow the admin, the
imports, the loaders and plain ``save()`` without anyone calling it by hand, and are
never out of step with the data a transaction sees. The receivers at the end follow
the reference lists a row names by code (a country's region, a sector's category,
a bloc's slug...): when such a code changes, the projects concerned are refreshed.

``counts()`` is the only reader: one GROUP BY for any set of published projects,
which ``projects.filters`` (the catalogue's facets) and ``opendata.stats`` (the
statistics page) shape into their figures.
"""

from collections import Counter
from itertools import batched

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from directory.models import Unit
from partners.models import Bloc, Country, Organisation, Province, Region

from .models import (
    FacetCount,
    FacetRow,
    Participation,
    Project,
    ProjectSector,
    SdgGoal,
    Sector,
    SectorCategory,
    SubnationalParticipation,
)

# Projects refreshed per round: a fixed number of queries each, whatever the number.
CHUNK = 1000
# Rows per INSERT: within PostgreSQL's 65,535 parameters.
BATCH = 5000
# The PostgreSQL advisory lock writers take to add to the counts (any fixed number).
COUNTS_LOCK = 0x46414345


def counts(projects=None, names=None):
    """{facet: {value: published projects}} for the facets ``names`` (every one
    when None) of the published ``projects`` (a queryset; None: every published
    project, read from the counts), in one query. Each facet in ``names`` has its
    dict, empty if nothing counts under it."""
    if projects is None:
        rows = FacetCount.objects.filter(projects__gt=0)
    else:
        rows = (
            FacetRow.objects.filter(
                published=True, project__in=projects.order_by().values("pk")
            )
            .order_by()
            .values("facet", "value")
            .annotate(projects=Count("*"))
        )
    if names is not None:
        rows = rows.filter(facet__in=names)
    found = {name: {} for name in names or ()}
    for facet, value, number in rows.values_list("facet", "value", "projects"):
        found.setdefault(facet, {})[value] = number
    return found


def refresh(project_ids):
    """Rewrite the facet rows of these projects (ids; a deleted one has none)."""
    for chunk in batched(sorted(set(project_ids)), CHUNK):
        projects = Project.objects.filter(pk__in=chunk).values_list(
            "pk",
            "publication",
            "modality",
            "is_decentralised",
            "status",
            "start_year",
            "directorate__slug",
        )
        values = {row[0]: own_values(*row[1:]) for row in projects}
        for project, *partner in Participation.objects.filter(
            project__in=chunk
        ).values_list(
            "project_id",
            "country__code",
            "country__region__slug",
            "country__region__parent__slug",
            "organisation__slug",
            "segib_role",
        ):
            if project in values:
                values[project] |= partner_values(*partner)
        for project, facet, value in links(chunk):
            if project in values and value is not None:
                values[project] |= linked_values(facet, str(value), values[project])
        refresh_rows(FacetRow.objects.filter(project__in=chunk), values)


def refresh_rows(rows, values):
    """Replace the facet ``rows`` by ``values`` ({project id: {(facet, value)}},
    ("published", "") among them when the project is published), and the counts
    by the difference."""
    before = Counter(rows.filter(published=True).values_list("facet", "value"))
    rows.delete()
    FacetRow.objects.bulk_create(
        (
            FacetRow(
                project_id=project,
                published=("published", "") in pairs,
                facet=facet,
                value=value,
            )
            for project, pairs in values.items()
            for facet, value in pairs
            if facet != "published"
        ),
        batch_size=BATCH,
    )
    after = Counter(
        (facet, value)
        for pairs in values.values()
        if ("published", "") in pairs
        for facet, value in pairs
        if facet != "published"
    )
    after.subtract(before)
    add_to_counts({pair: change for pair, change in after.items() if change})


def add_to_counts(changes):
    """Add ``changes`` ({(facet, value): projects more or fewer}) to the counts, in
    the writer's transaction: the counts commit with the rows or not at all."""
    if not changes:
        return
    lock_counts()
    table = connection.ops.quote_name(FacetCount._meta.db_table)
    with connection.cursor() as cursor:
        for batch in batched(sorted(changes.items()), BATCH // 3):
            cursor.execute(
                f"INSERT INTO {table} (facet, value, projects) VALUES "  # noqa: S608 - the name is a constant, values are bound
                + ", ".join(["(%s, %s, %s)"] * len(batch))
                + " ON CONFLICT (facet, value) DO UPDATE"
                f" SET projects = {table}.projects + excluded.projects",
                [
                    item
                    for (facet, value), change in batch
                    for item in (facet, value, change)
                ],
            )


def lock_counts():
    """On PostgreSQL, writers add to the counts one transaction after the other,
    whatever order their changes come in: none waits for a count another one holds
    while holding one that other waits for (SQLite has one writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COUNTS_LOCK])


def rebuild_counts():
    """The counts again from the facet rows (``manage.py refresh_facets``)."""
    lock_counts()
    FacetCount.objects.all().delete()
    FacetCount.objects.bulk_create(
        FacetCount(**row)
        for row in FacetRow.objects.filter(published=True)
        .order_by()
        .values("facet", "value")
        .annotate(projects=Count("*"))
    )


def own_values(publication, modality, decentralised, status, year, directorate):
    values = {
        ("total", ""),
        ("modality", modality),
        ("decentralised", "yes" if decentralised else "no"),
        ("status", status),
        # The statistics page counts the projects without a start year under "".
        ("year", str(year or "")),
    }
    if publication == Project.Publication.PUBLISHED:
        values.add(("published", ""))
    if decentralised:
        values.add(("is-decentralised", ""))
    if directorate:
        values.add(("directorate", directorate))
    return values


def partner_values(country, region, wider_region, organisation, role):
    """A participation's values. Argentina is not a partner: it takes part in
    every project (its role counts instead)."""
    values = set()
    if country == settings.HOME_COUNTRY:
        values.add(("home", ""))
        if role is not None:
            values.add(("role", role))
    elif country:
        values.add(("country", country))
        # A wider region counts the projects with a partner in any of its regions.
        values |= {("region", slug) for slug in (region, wider_region) if slug}
    if organisation:
        values.add(("organisation", organisation))
    return values


def linked_values(facet, value, values):
    if facet == "subnational":
        # Decentralised projects by the Argentine provinces that are their partners.
        if ("is-decentralised", "") in values:
            return {("decentralised-province", value)}
        return set()
    return {(facet, value)}


def links(chunk):
    """(project id, facet, code) of the chunk's sectors, SDGs, provinces, blocs and
    Argentine subnational partners, in one query."""

    def coded(rows, facet, code):
        return (
            rows.filter(project__in=chunk)
            .order_by()
            .annotate(facet_name=Value(facet, output_field=CharField()))
            .annotate(code=Cast(code, CharField()))
            .values_list("project_id", "facet_name", "code")
        )

    through = (
        Project.sdg_goals.through,
        Project.provinces.through,
        Project.blocs.through,
    )
    return (
        coded(ProjectSector.objects, "sector", "sector__category__code")
        .union(
            coded(through[0].objects, "sdg", "sdggoal__number"),
            coded(through[1].objects, "province", "province__code"),
            coded(through[2].objects, "bloc", "bloc__slug"),
            coded(
                SubnationalParticipation.objects.filter(province__isnull=False),
                "subnational",
                "province__code",
            ),
            all=True,
        )
        .order_by()
    )


def project_deleting(sender, instance, **kwargs):
    """pre_delete of a project: its rows go, and no longer count (Django does
    not collect them: ``FacetRow.project``)."""
    refresh_rows(FacetRow.objects.filter(project=instance.pk), {})


def refresh_missing():
    """Write the rows of the projects that have none (a database from before the
    rows, or projects written without signals)."""
    refresh(
        Project.objects.exclude(
            pk__in=FacetRow.objects.filter(facet="total").values_list(
                "project", flat=True
            )
        ).values_list("pk", flat=True)
    )


# Reference rows whose codes the facet rows hold: the fields that matter, and the
# projects that name the row.
REFERENCES = {
    Country: (
        ("code", "region_id"),
        lambda pk: Participation.objects.filter(country=pk).values_list(
            "project", flat=True
        ),
    ),
    Region: (
        ("slug", "parent_id"),
        lambda pk: Participation.objects.filter(
            Q(country__region=pk) | Q(country__region__parent=pk)
        ).values_list("project", flat=True),
    ),
    Organisation: (
        ("slug",),
        lambda pk: Participation.objects.filter(organisation=pk).values_list(
            "project", flat=True
        ),
    ),
    Bloc: (
        ("slug",),
        lambda pk: Project.blocs.through.objects.filter(bloc=pk).values_list(
            "project", flat=True
        ),
    ),
    SectorCategory: (
        ("code",),
        lambda pk: ProjectSector.objects.filter(sector__category=pk).values_list(
            "project", flat=True
        ),
    ),
    Sector: (
        ("category_id",),
        lambda pk: ProjectSector.objects.filter(sector=pk).values_list(
            "project", flat=True
        ),
    ),
    SdgGoal: (
        ("number",),
        lambda pk: Project.sdg_goals.through.objects.filter(sdggoal=pk).values(
            "project"
        ),
    ),
    Province: (
        ("code",),
        lambda pk: (
            Project.provinces.through.objects.filter(province=pk)
            .order_by()
            .values_list("project", flat=True)
            .union(
                SubnationalParticipation.objects.filter(province=pk)
                .order_by()  # a compound statement's parts have no order
                .values_list("project", flat=True)
            )
        ),
    ),
    Unit: (
        ("slug",),
        lambda pk: Project.objects.filter(directorate=pk).values_list("pk", flat=True),
    ),
}


def reference_saving(sender, instance, raw=False, **kwargs):
    """pre_save: note the codes as stored, to tell whether the save changes them."""
    if raw or instance.pk is None:
        return
    fields, _ = REFERENCES[sender]
    instance.facet_codes = (
        sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    )


def reference_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save: the projects that name the row count under its new code."""
    fields, projects = REFERENCES[sender]
    stored = getattr(instance, "facet_codes", None)
    if created or raw or stored is None:
        return
    if stored != tuple(getattr(instance, field) for field in fields):
        refresh(projects(instance.pk))


def reference_deleting(sender, instance, **kwargs):
    """pre_delete: the projects whose links the delete takes away with it."""
    _, projects = REFERENCES[sender]
    instance.facet_projects = list(projects(instance.pk))


def reference_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "facet_projects", ()))


pre_delete.connect(project_deleting, sender=Project, dispatch_uid="facet-rows")
for _model in REFERENCES:
    pre_save.connect(reference_saving, sender=_model, dispatch_uid="facet-rows")
    post_save.connect(reference_saved, sender=_model, dispatch_uid="facet-rows")
    pre_delete.connect(reference_deleting, sender=_model, dispatch_uid="facet-rows")
    post_delete.connect(reference_deleted, sender=_model, dispatch_uid="facet-rows")
