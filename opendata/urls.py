"""Open data and figures, beside the pages they come from: the catalogue's
downloads and figures under /projects/, a project's and a programme's own files
beside their pages (no slug holds a dot)."""

from django.urls import path

from . import project_files, views, xlsx_export

app_name = "opendata"

urlpatterns = [
    path("projects/stats/", views.StatsView.as_view(), name="stats"),
    path("projects/export.csv", views.export_csv, name="export-csv"),
    path("projects/export.xlsx", xlsx_export.export_xlsx, name="export-xlsx"),
    path("projects/export.json", views.export_json, name="export-json"),
    path("projects/export.schema.json", views.export_schema, name="export-schema"),
    path("projects/iati.xml", views.iati_xml, name="iati-xml"),
    path("projects/<slug:slug>.json", project_files.project_json, name="project-json"),
    path("projects/<slug:slug>.xml", project_files.project_xml, name="project-xml"),
    path(
        "programmes/<slug:slug>.json",
        project_files.programme_json,
        name="programme-json",
    ),
    path(
        "programmes/<slug:slug>.xml", project_files.programme_xml, name="programme-xml"
    ),
]
