"""Projects' search text follows their partners.

A project's text (``Project.build_search_text``) names its partners, so it changes
when a participation does or when a partner country or organisation is renamed, not
only when the project is saved (which sets it). The receivers below, connected in
``ProjectsConfig.ready``, re-index the projects concerned in the same transaction:
the admin, the imports, the loaders and plain ``save()`` all stay right without
calling anything by hand. Writes that send no signals (``bulk_create``,
``QuerySet.update``) call ``reindex`` themselves.
"""

from collections import defaultdict
from itertools import batched

from partners.models import Country, Organisation

from .models import Participation, Project

# Projects re-indexed per round: three queries each, whatever the number.
CHUNK = 1000

# Partners whose names the text holds, and the participation field naming them.
PARTNER_FIELDS = {Country: "country", Organisation: "organisation"}


def reindex(project_ids):
    """Recompute the search text of these projects (ids), in three queries per
    thousand projects."""
    for chunk in batched(sorted(set(project_ids)), CHUNK):
        participations = defaultdict(list)
        for participation in (
            Participation.objects.filter(project__in=chunk)
            .select_related("country", "organisation")
            .order_by("project_id", "position", "pk")
        ):
            participations[participation.project_id].append(participation)
        projects = list(
            Project.objects.filter(pk__in=chunk).only(*Project.search_fields)
        )
        for project in projects:
            project.search_text = project.build_search_text(participations[project.pk])
        Project.objects.bulk_update(projects, ["search_text"])


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
