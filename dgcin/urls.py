"""Root URLs: public pages in Spanish at the root and English under /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
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
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("projects/", include("projects.urls")),
    path("partners/", include("partners.urls")),
    path("directory/", include("directory.urls")),
    path("proposals/", include("projects.proposals.urls")),
    path("accounts/", include("directory.account_urls")),
    prefix_default_language=False,
)
