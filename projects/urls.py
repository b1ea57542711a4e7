from django.urls import path

from . import export_views, views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectCatalogueView.as_view(), name="project-list"),
    path("stats/", views.ProjectStatsView.as_view(), name="project-stats"),
    path("export.csv", export_views.CsvExportView.as_view(), name="export-csv"),
    path("export.json", export_views.JsonExportView.as_view(), name="export-json"),
    path("export.schema.json", export_views.export_schema, name="export-schema"),
    path("iati.xml", export_views.IatiExportView.as_view(), name="iati-xml"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path(
        "<slug:slug>/documents/<int:pk>/",
        views.document_download,
        name="document-download",
    ),
]
