"""The data catalogue, /data.json: every dataset the portal publishes and its files.

It follows Argentina's national metadata profile, "Perfil de Aplicación Nacional de
Metadatos para Datos Abiertos", version 1.2 (approved 2019-11-22), of the Paquete de
Apertura de Datos (https://datosgobar.github.io/paquete-apertura-datos/perfil-metadatos/,
source github.com/datosgobar/paquete-apertura-datos, docs/src/perfil-metadatos.md):
the extension of DCAT-AP that datos.gob.ar harvests, Portal Andino publishes and
pydatajson validates. Its field names (the data.json variables), its required
fields (``REQUIRED`` below, the fields the profile marks "Sí"), its update
frequencies (annex I: ISO 8601 repeating intervals or "eventual") and its global
themes (annex II, ``superThemeTaxonomy``: INTR, international affairs; GOVE,
government and public sector) are the profile's.

The catalogue is in Spanish, the portal's main language, and says that datasets
come in Spanish and English (ISO 639-2 "spa", "eng", as the profile recommends).
``modified`` is the latest change of each dataset's data; ``issued`` the fixed day
the portal first published them. Files whose size is fixed say it (``byteSize``).
"""

import datetime
import json

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Representation, Unit
from projects.models import Project

from .csv_export import export_columns
from .exports import licence
from .views import JSON_SCHEMA

SUPER_THEME_TAXONOMY = "https://datos.gob.ar/superThemeTaxonomy.json"
PROFILE_VERSION = "1.2"
ISSUED = "2026-12-01"
LANGUAGES = ["spa", "eng"]
# Files other parts of the portal serve; named by path until their URL names
# exist in this branch (``address`` tries the name first).
IATI_ORGANISATION = ("iati:organisation", "/iati/organisation.xml")
IATI_INDEX = ("iati-index", "/iati/")
API = ("api:index", "/api/v1/")
API_DOCS = ("api:openapi-view", "/api/v1/docs")

# The fields the profile requires ("Requerido: Sí"), class by class.
REQUIRED = {
    "catalog": ["title", "description", "publisher", "dataset", "superThemeTaxonomy"],
    "publisher": ["name", "mbox"],
    "dataset": [
        "identifier",
        "title",
        "description",
        "publisher",
        "distribution",
        "superTheme",
        "issued",
        "accrualPeriodicity",
    ],
    "distribution": ["identifier", "title", "downloadURL", "accessURL", "issued"],
}

PROJECTS_TITLE = gettext_lazy("Argentina's international cooperation projects")
PROJECTS_DESCRIPTION = gettext_lazy(
    "The South-South and triangular cooperation projects DGCIN publishes: partners "
    "and their roles, sectors, Sustainable Development Goals, dates, budgets, "
    "executed costs, documents and results. Every file holds the projects of the "
    "catalogue's filters and search."
)
IATI_TITLE = gettext_lazy("DGCIN's projects in the IATI Standard")
IATI_DESCRIPTION = gettext_lazy(
    "The published projects as IATI 2.03 activities, and DGCIN as an IATI "
    "organisation, for the registries and tools of the International Aid "
    "Transparency Initiative."
)
DIRECTORY_TITLE = gettext_lazy("DGCIN's contact directory")
DIRECTORY_DESCRIPTION = gettext_lazy(
    "The General Directorate and its directorates with their addresses and phone "
    "lines, Argentina's diplomatic representations abroad and the provincial focal "
    "points."
)

# The profile's field types (recline.js) of the spreadsheets' columns, by the kind
# ``csv_export.typed`` marks them with: the CSV writes yes/no and amounts as text.
CSV_TYPES = {"date": "date", "date-time": "date-time", "integer": "integer"}
XLSX_TYPES = {
    "date": "date",
    "date-time": "date-time",
    "boolean": "boolean",
    "integer": "integer",
}
AMOUNT_IN_XLSX = gettext_lazy(
    "A number in its currency's format; text naming each currency when there are "
    "several (amounts in different currencies are never added)."
)


def address(name, path):
    """The path of a URL name, or ``path`` while the name does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return path


def stamp(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def contact():
    """(name, e-mail) of the publisher: the General Directorate as the directory
    names it, and ``DGCIN_OPEN_DATA_EMAIL`` or else its e-mail there."""
    head = Unit.objects.filter(parent=None).order_by("position", "pk").first()
    name = head.name if head else "DGCIN"
    email = settings.DGCIN_OPEN_DATA_EMAIL or (head.email if head else "")
    return name, email


def fields(language):
    """{"csv": [...], "xlsx": [...]}: the ``field`` lists of the spreadsheets in
    ``language``."""
    lists = {"csv": [], "xlsx": []}
    with translation.override(language):
        for title, value in export_columns(str, language):
            header = capfirst(str(title))
            kind = getattr(value, "field_type", "string")
            csv_type = CSV_TYPES.get(kind, "string")
            lists["csv"].append({"title": header, "type": csv_type})
            field = {"title": header, "type": XLSX_TYPES.get(kind, "string")}
            if kind == "amount":
                field.update(type="number", description=str(AMOUNT_IN_XLSX))
            lists["xlsx"].append(field)
    return lists


class Catalogue:
    """The catalogue for one request: ``absolute`` makes a path absolute."""

    def __init__(self, absolute):
        self.absolute = absolute
        self.terms = licence()

    def document(self):
        with translation.override(settings.LANGUAGE_CODE):
            name, email = contact()
            self.publisher = {"name": name, "mbox": email}
            self.contact_point = {"fn": name, "hasEmail": email}
            datasets = [self.projects(), self.iati(), self.directory()]
            modified = max(dataset["modified"] for dataset in datasets)
            catalogue = {
                "title": _("Open data of Argentina's international cooperation"),
                "description": _(
                    "The datasets of the portal of DGCIN, the General Directorate of "
                    "International Cooperation of Argentina's Ministry of Foreign "
                    "Affairs: cooperation projects, their IATI files and DGCIN's "
                    "contact directory."
                ),
                "publisher": self.publisher,
                "issued": ISSUED,
                "modified": modified,
                "language": LANGUAGES,
                "version": PROFILE_VERSION,
                "homepage": self.absolute(reverse("home")),
                "superThemeTaxonomy": SUPER_THEME_TAXONOMY,
                "themeTaxonomy": self.themes(),
                "dataset": datasets,
            }
            if self.terms:
                catalogue["license"] = self.terms["url"]
            return catalogue

    def themes(self):
        return [
            {
                "id": "cooperacion-internacional",
                "label": _("International cooperation"),
                "description": _(
                    "South-South and triangular cooperation projects and programmes."
                ),
            },
            {
                "id": "directorio",
                "label": _("Directory"),
                "description": _("Contacts of DGCIN and of its networks."),
            },
        ]

    def dataset(self, identifier, title, description, **fields):
        dataset = {
            "identifier": identifier,
            "title": str(title),
            "description": str(description),
            "publisher": self.publisher,
            "contactPoint": self.contact_point,
            "issued": ISSUED,
            "language": LANGUAGES,
            **fields,
        }
        if self.terms:
            dataset["license"] = self.terms["url"]
            for distribution in dataset["distribution"]:
                distribution["license"] = self.terms["url"]
        return dataset

    def distribution(self, identifier, title, path, kind, media_type, **fields):
        """A file: ``path`` to download, reached through the open-data page."""
        return {
            "identifier": identifier,
            "title": str(title),
            "downloadURL": self.absolute(path),
            "accessURL": self.absolute(reverse("open-data")),
            "format": kind,
            "mediaType": media_type,
            "issued": ISSUED,
            **fields,
        }

    def projects(self):
        published = Project.objects.published()
        modified = published.aggregate(latest=Max("updated_at"))["latest"]
        es_fields, en_fields = fields("es"), fields("en")
        with translation.override("en"):
            english_csv = reverse("opendata:export-csv")
        schema_size = JSON_SCHEMA.stat().st_size
        distributions = [
            self.distribution(
                "dgcin-projects-csv-es",
                _("Projects, CSV in Spanish"),
                reverse("opendata:export-csv"),
                "CSV",
                "text/csv",
                description=_("One row per project, in Spanish."),
                field=es_fields["csv"],
            ),
            self.distribution(
                "dgcin-projects-csv-en",
                _("Projects, CSV in English"),
                english_csv,
                "CSV",
                "text/csv",
                description=_("One row per project, in English."),
                field=en_fields["csv"],
            ),
            self.distribution(
                "dgcin-projects-xlsx-es",
                _("Projects, XLSX spreadsheet in Spanish"),
                reverse("opendata:export-xlsx"),
                "XLSX",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                description=_(
                    "The CSV file's columns and rows with typed cells (dates, "
                    "amounts, yes or no), and a sheet of notes."
                ),
                field=es_fields["xlsx"],
            ),
            self.distribution(
                "dgcin-projects-json",
                _("Projects, JSON in Spanish and English"),
                reverse("opendata:export-json"),
                "JSON",
                "application/json",
                description=_(
                    "Every project with codes and labels in both languages, as its "
                    "JSON Schema describes."
                ),
                describedBy=self.absolute(reverse("opendata:export-schema")),
            ),
            self.distribution(
                "dgcin-projects-json-schema",
                _("JSON Schema of the projects' JSON file"),
                reverse("opendata:export-schema"),
                "JSON",
                "application/schema+json",
                description=_("The structure of the JSON file, field by field."),
                type="documentation",
                byteSize=schema_size,
                modified=stamp(
                    datetime.datetime.fromtimestamp(
                        JSON_SCHEMA.stat().st_mtime, tz=datetime.UTC
                    )
                ),
            ),
            self.distribution(
                "dgcin-projects-api",
                _("Read-only API"),
                address(*API),
                "JSON",
                "application/json",
                description=_("The projects by query, documented in OpenAPI."),
                type="api",
                accessURL=self.absolute(address(*API_DOCS)),
            ),
        ]
        for distribution in distributions:
            distribution.setdefault("modified", stamp(modified) or ISSUED)
        return self.dataset(
            "dgcin-projects",
            PROJECTS_TITLE,
            PROJECTS_DESCRIPTION,
            modified=stamp(modified) or ISSUED,
            accrualPeriodicity=settings.DGCIN_OPEN_DATA_FREQUENCY["projects"],
            landingPage=self.absolute(reverse("projects:project-list")),
            keyword=[
                _("international cooperation"),
                _("South-South cooperation"),
                _("triangular cooperation"),
                _("projects"),
                "FO.AR",
            ],
            superTheme=["INTR"],
            theme=["cooperacion-internacional"],
            distribution=distributions,
        )

    def iati(self):
        modified = Project.objects.published().aggregate(latest=Max("updated_at"))[
            "latest"
        ]
        distributions = [
            self.distribution(
                "dgcin-iati-activities",
                _("IATI activity file"),
                reverse("opendata:iati-xml"),
                "XML",
                "application/xml",
                description=_("Every published project as an IATI 2.03 activity."),
            ),
            self.distribution(
                "dgcin-iati-organisation",
                _("IATI organisation file"),
                address(*IATI_ORGANISATION),
                "XML",
                "application/xml",
                description=_("DGCIN as an IATI 2.03 organisation."),
            ),
            self.distribution(
                "dgcin-iati-index",
                _("Index of the IATI files"),
                address(*IATI_INDEX),
                "HTML",
                "text/html",
                description=_("Every IATI file of the portal, with its parts."),
                type="documentation",
            ),
        ]
        for distribution in distributions:
            distribution["modified"] = stamp(modified) or ISSUED
        return self.dataset(
            "dgcin-iati",
            IATI_TITLE,
            IATI_DESCRIPTION,
            modified=stamp(modified) or ISSUED,
            accrualPeriodicity=settings.DGCIN_OPEN_DATA_FREQUENCY["iati"],
            landingPage=self.absolute(address(*IATI_INDEX)),
            keyword=["IATI", _("international cooperation"), _("aid transparency")],
            superTheme=["INTR"],
            theme=["cooperacion-internacional"],
            distribution=distributions,
        )

    def directory(self):
        latest = [
            Unit.objects.aggregate(latest=Max("updated_at"))["latest"],
            Representation.objects.aggregate(latest=Max("updated_at"))["latest"],
        ]
        modified = stamp(max((m for m in latest if m), default=None)) or ISSUED
        pages = [
            (
                "dgcin-directory-units",
                _("DGCIN's units and phone lines"),
                reverse("directory:directory"),
            ),
            (
                "dgcin-directory-representations",
                _("Argentina's diplomatic representations"),
                reverse("directory:representation-list"),
            ),
            (
                "dgcin-directory-focal-points",
                _("Provincial focal points"),
                reverse("directory:focal-point-list"),
            ),
        ]
        distributions = []
        for identifier, title, path in pages:
            distribution = self.distribution(
                identifier, title, path, "HTML", "text/html", modified=modified
            )
            distribution["accessURL"] = distribution["downloadURL"]
            distributions.append(distribution)
        return self.dataset(
            "dgcin-directory",
            DIRECTORY_TITLE,
            DIRECTORY_DESCRIPTION,
            modified=modified,
            accrualPeriodicity=settings.DGCIN_OPEN_DATA_FREQUENCY["directory"],
            landingPage=self.absolute(reverse("directory:directory")),
            keyword=[_("directory"), _("contacts"), _("embassies"), _("focal points")],
            superTheme=["GOVE"],
            theme=["directorio"],
            distribution=distributions,
        )


def catalogue_json(request):
    """/data.json, outside the language prefixes (the catalogue is in Spanish)."""
    document = Catalogue(request.build_absolute_uri).document()
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json",
    )
