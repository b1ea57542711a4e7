"""Checks every request passes before any view sees it."""

from django.core.exceptions import BadRequest

NUL = "\x00"


def has_nul(request):
    """Whether the path, the query string or a submitted form field (name or value)
    holds a NUL character (%00)."""
    if NUL in request.path:
        return True
    forms = [request.GET]
    if request.method == "POST":
        forms.append(request.POST)
    return any(
        NUL in name or any(NUL in value for value in values)
        for form in forms
        for name, values in form.lists()
    )


class RejectNulMiddleware:
    """A NUL character is never part of a real address, name or search, and
    PostgreSQL rejects it in text: a request that carries one gets the "Bad request"
    page (400.html) instead of reaching a view, on every database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
