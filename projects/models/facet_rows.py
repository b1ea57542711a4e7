"""What the catalogue's filters and the statistics page count, one row per value.

Each project has one row per value it counts under in each facet: its modality,
status and start year, each partner country and its regions, each organisation,
sector category, SDG, province, bloc... (``projects.facet_index`` writes them
whenever the project or one of its rows changes). Counting projects per value is
then one GROUP BY over this table, whatever the filters, instead of a query per
facet over the project's joined rows."""

from django.db import models


class FacetRow(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        # Deleted before the project by facet_index.project_deleting (pre_delete),
        # which takes them off the counts; not collected by Django, so the admin's
        # page that asks before deleting a project does not list them. The
        # constraint stays: a project deleted another way fails, not orphans them.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,  # the unique constraint's index starts with it
    )
    # The project's publication, copied: the public pages count published projects.
    published = models.BooleanField()
    facet = models.CharField(max_length=30)
    value = models.CharField(max_length=100, blank=True)

    class Meta:
        # Written by the code alone: nobody is given a permission on them.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["project", "facet", "value"], name="projects_facetrow_unique"
            )
        ]
        indexes = [
            # The counts of every published project: an index-only scan.
            models.Index(
                fields=["published", "facet", "value"], name="projects_facetrow_count"
            )
        ]

    def __str__(self):
        return f"{self.project_id} {self.facet}={self.value}"


class FacetCount(models.Model):
    """How many published projects count under each value: the facet rows of
    published projects, added up as they are written (``facet_index.refresh``), so
    that the counts of every published project are one small read."""

    facet = models.CharField(max_length=30)
    value = models.CharField(max_length=100, blank=True)
    projects = models.IntegerField(default=0)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value"], name="projects_facetcount_unique"
            )
        ]

    def __str__(self):
        return f"{self.facet}={self.value}: {self.projects}"
