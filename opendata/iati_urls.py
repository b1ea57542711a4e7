"""The published IATI files, at /iati/ in no language (their page, /iati/ and
/en/iati/, is wired in dgcin/urls.py)."""

from django.urls import path, re_path

from . import iati_index_views as views

app_name = "iati"

urlpatterns = [
    path("index.json", views.index_json, name="index-json"),
    path("organisation.xml", views.organisation_file, name="organisation"),
    re_path(
        r"^(?P<name>activities-[a-z0-9]+(?:-[0-9]+)?\.xml)$",
        views.iati_file,
        name="file",
    ),
]
