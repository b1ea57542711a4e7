from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path(
        "representations/",
        views.RepresentationListView.as_view(),
        name="representation-list",
    ),
    path(
        "focal-points/",
        views.FocalPointListView.as_view(),
        name="focal-point-list",
    ),
    path("<slug:slug>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("<slug:slug>/vcard/", views.unit_vcard_view, name="unit-vcard"),
]
