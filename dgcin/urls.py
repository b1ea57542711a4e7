"""Root URLs: public pages in Spanish at the root and English under /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from . import views

admin.site.site_header = _("DGCIN — staff administration")
admin.site.site_title = _("DGCIN administration")
admin.site.index_title = _("Portal content")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Resolved per request: the static manifest may not exist when URLs are loaded.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
    # Proposals moved from the projects app: links in e-mails sent before still work.
    re_path(
        r"^admin/projects/proposal/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/proposals/proposal/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    # Open data and figures sit under /projects/, before the project pages' slugs.
    path("projects/", include("opendata.urls")),
    path("projects/", include("projects.urls")),
    path("partners/", include("partners.urls")),
    path("directory/", include("directory.urls")),
    path("proposals/", include("proposals.urls")),
    path("accounts/", include("accounts.urls")),
    prefix_default_language=False,
)
