"""The open calls for proposals on a partner country's public page: that a call
is open, until when, and who may answer; answering is for the provinces' focal
points, signed in."""

from django import template

from ..models import Call

register = template.Library()


@register.inclusion_tag("proposals/includes/open_calls.html")
def open_calls(country):
    """The calls open now with ``country``, the one closing first at the top:
    one query (two with their provinces)."""
    calls = (
        Call.objects.open()
        .filter(country=country)
        .prefetch_related("provinces")
        .order_by("closes_on", "pk")
    )
    return {"calls": list(calls)}
