from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from dgcin.urls import urlpatterns as portal
from projects.models import Project


@never_cache
def minimal(request):
    """The floor: the same server, middleware and database settings, no work.
    Never kept by the page cache (dgcin/page_cache.py), which would otherwise
    answer it without running the middleware after it, or this view."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def edit(request):
    """A published project saved, as staff saving it in the admin would: its
    facet rows, counts and search index are rewritten, and the data generation
    moves once the save commits, so the next page of every kind is cold."""
    project = Project.objects.published().order_by("pk").first()
    if project is not None:
        project.save()
    return HttpResponse("saved", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), path("bench/edit", edit), *portal]
