"""What every resource's items share: choice values with their label, optional
texts, and the item's two addresses (its page and its place in the API)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .errors import ApiError


def coded(value, choices):
    """{"code", "label"} of a choice, the label in the active language."""
    if not value:
        return None
    return {"code": value, "label": str(dict(choices).get(value, value))}


def text(value):
    """An optional text: None rather than an empty string."""
    return value or None


def links(request, instance, name, **kwargs):
    """The item's page on the portal and its address in the API, absolute."""
    return {
        "url": request.build_absolute_uri(instance.get_absolute_url()),
        "api_url": api_url(request, name, **kwargs),
    }


def api_url(request, name, **kwargs):
    return request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))


def one(queryset, **lookup):
    """The one row ``lookup`` finds in ``queryset``, or a 404 in the API's shape."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ApiError(404, _("Nothing the API publishes has this identifier."))
    return found
