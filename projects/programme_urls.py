"""The bilateral programmes' pages, at /programmes/ (projects are at /projects/)."""

from django.urls import path

from . import programme_views

app_name = "programmes"

urlpatterns = [
    path(
        "<slug:slug>/",
        programme_views.ProgrammeDetailView.as_view(),
        name="programme-detail",
    ),
    path(
        "<slug:slug>/minutes/",
        programme_views.minutes_download,
        name="minutes-download",
    ),
    path(
        "commissions/<int:pk>/minutes/",
        programme_views.commission_minutes_download,
        name="commission-minutes-download",
    ),
]
