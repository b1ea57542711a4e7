from django.http import HttpResponse
from django.urls import path

from dgcin.urls import urlpatterns as portal


def minimal(request):
    """The floor: the same server, middleware and database settings, no work."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *portal]
