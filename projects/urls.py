from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectCatalogueView.as_view(), name="project-list"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path(
        "<slug:slug>/documents/<int:pk>/",
        views.document_download,
        name="document-download",
    ),
]
