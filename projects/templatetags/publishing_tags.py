"""The publish checklist's helpers for templates: the staff's warning while DGCIN's
IATI organisation identifier is the placeholder, and the identifier a project's page
shows (the one its open data gives)."""

from django import template
from django.conf import settings

from projects import facets, publishing

register = template.Library()


@register.inclusion_tag(
    "admin/projects/includes/iati_reference_warning.html", takes_context=True
)
def iati_reference_warning(context):
    """A warning for staff while the IATI organisation identifier is the
    placeholder (production refuses to start with it)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "shown": bool(user and user.is_staff)
        and publishing.uses_placeholder_reference(),
        "reference": settings.DGCIN_IATI_ORG_REF,
    }


@register.filter
def public_iati_identifier(project):
    return publishing.public_identifier(project)


@register.simple_tag
def published_samples():
    """Whether any published project is sample data (cached with the catalogue's
    counts): a page that counts the published projects then says so."""
    return facets.shows_samples()
