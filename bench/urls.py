from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from dgcin.urls import urlpatterns as portal


@never_cache
def minimal(request):
    """The floor: the same server, middleware and database settings, no work.
    Never kept by the page cache (dgcin/page_cache.py), which would otherwise
    answer it without running the middleware after it, or this view."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *portal]
