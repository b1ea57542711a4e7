"""The executing institutions of a project, on both sides (issue 15)."""

from django import template

from partners.institutions import executing_sides

register = template.Library()


@register.simple_tag
def executing_institutions(project):
    """{"argentine": [...], "partner": [...]}: the organisations that execute
    ``project``, read from its prefetched participations (no query)."""
    argentine, partner = executing_sides(project.participations.all())
    return {"argentine": argentine, "partner": partner}
