"""Root URLs: public pages in Spanish at the root and English under /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts.two_factor_views import admin_login
from opendata import iati_index_views
from opendata.api import errors as api_errors
from opendata.api import service as api_service
from opendata.catalogue import catalogue_json
from opendata.page import OpenDataView

from . import site_search, sitemaps, stored_files, views

admin.site.site_header = _("DGCIN — staff administration")
admin.site.site_title = _("DGCIN administration")
admin.site.index_title = _("Portal content")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # For search engines, in no language of their own (dgcin/sitemaps.py).
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    # The data catalogue (DCAT, Argentina's national metadata profile), in Spanish.
    path("data.json", catalogue_json, name="data-catalogue"),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap_section,
        name="sitemap-section",
    ),
    # Resolved per request: the static manifest may not exist when URLs are loaded.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
    # Proposals moved from the projects app: links in e-mails sent before still work.
    re_path(
        r"^admin/projects/proposal/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/proposals/proposal/%(rest)s", permanent=True, query_string=True
        ),
    ),
    # The published IATI files: data in no language (opendata/iati_index_views.py).
    path("iati/", include("opendata.iati_urls")),
    # Staff sign in on the portal's page, which asks for the code (two-step).
    # What a file widget links to: the download of the row holding the file.
    path("files/<path:name>", stored_files.stored_file, name="stored-file"),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    # The open-data API, in no language of its own (?lang=): opendata/api/. Any
    # other address under /api/ answers 404 in the API's JSON.
    path("api/v1/", api_service.urls),
    re_path(r"^api/", api_errors.not_found, name="api-not-found"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("open-data/", OpenDataView.as_view(), name="open-data"),
    path("search/", site_search.site_search, name="search"),
    # Open data and figures sit under /projects/ and /programmes/, before the
    # pages' slugs.
    path("", include("opendata.urls")),
    # The IATI files' page, for people and the IATI Registry.
    path("iati/", iati_index_views.index_page, name="iati-index"),
    path("projects/", include("projects.urls")),
    path("programmes/", include("projects.programme_urls")),
    path("partners/", include("partners.urls")),
    path("directory/", include("directory.urls")),
    path("proposals/", include("proposals.urls")),
    path("accounts/", include("accounts.urls")),
    prefix_default_language=False,
)

# Pages refused before any view, missing and failures: JSON under /api/, JSON or XML
# at the other data addresses (.json, .xml), pages elsewhere.
handler400 = api_errors.bad_request
handler404 = api_errors.page_not_found
handler500 = api_errors.server_error
