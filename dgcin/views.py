from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from directory.models import InstitutionalText, Unit
from partners.models import Bloc
from projects.facets import key_figures
from projects.publication import newly_published

from . import health


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        directorates = Unit.objects.filter(
            parent__parent=None, parent__isnull=False
        ).select_related("parent")
        # The most recently published, not the last edited (issue 14).
        latest = newly_published(limit=3)
        return super().get_context_data(
            text=InstitutionalText.objects.for_page(InstitutionalText.Page.HOME),
            directorates=directorates,
            figures=key_figures(),
            latest_projects=latest,
            shows_samples=any(project.is_sample for project in latest),
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            text=InstitutionalText.objects.for_page(InstitutionalText.Page.ABOUT),
            blocs=Bloc.objects.order_by("kind"),
            **kwargs,
        )


@never_cache
def healthz(request):
    """The database, the cache and the task worker, for load balancers: 503 when
    this process cannot serve (dgcin/health.py says when and how fast)."""
    status, body = health.check()
    return JsonResponse(body, status=status)
