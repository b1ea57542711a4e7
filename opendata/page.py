"""The open-data page for people: what each file holds, how the catalogue's
filters carry into them, the licence, how to cite the data, and the fields of the
JSON file, read from its JSON Schema (``schema_fields``)."""

from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.views.generic import TemplateView

from . import catalogue, schema_fields
from .exports import licence
from .json_export import JSON_SCHEMA_VERSION


def served(name_and_path):
    """{"path", "served"} of a file other parts of the portal serve: the page links
    to it only once the portal answers at its path (never a dead link)."""
    path = catalogue.address(*name_and_path)
    try:
        resolve(path)
    except Resolver404:
        return {"path": path, "served": False}
    return {"path": path, "served": True}


class OpenDataView(TemplateView):
    template_name = "opendata/open_data.html"

    def get_context_data(self, **kwargs):
        tables, simple_types = schema_fields.tables(translation.get_language())
        publisher, _email = catalogue.contact()
        catalogue_path = reverse("projects:project-list")
        return super().get_context_data(
            tables=tables,
            simple_types=simple_types,
            schema_version=JSON_SCHEMA_VERSION,
            licence=licence(),
            publisher=publisher,
            dataset_title=catalogue.PROJECTS_TITLE,
            catalogue_url=self.request.build_absolute_uri(catalogue_path),
            example_filters="modality=triangular&status=2",
            today=timezone.localdate(),
            iati_organisation=served(catalogue.IATI_ORGANISATION),
            iati_index=served(catalogue.IATI_INDEX),
            api_docs=served(catalogue.API_DOCS),
            **kwargs,
        )
