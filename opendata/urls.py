"""Open data and figures of the catalogue, at /projects/… beside the catalogue."""

from django.urls import path

from . import project_files, views, xlsx_export

app_name = "opendata"

urlpatterns = [
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("export.csv", views.CsvExportView.as_view(), name="export-csv"),
    path("export.xlsx", xlsx_export.XlsxExportView.as_view(), name="export-xlsx"),
    path("export.json", views.JsonExportView.as_view(), name="export-json"),
    path("export.schema.json", views.export_schema, name="export-schema"),
    path("iati.xml", views.IatiExportView.as_view(), name="iati-xml"),
    # A project's own files, beside its page (no slug holds a dot).
    path("<slug:slug>.json", project_files.project_json, name="project-json"),
    path("<slug:slug>.xml", project_files.project_xml, name="project-xml"),
]
