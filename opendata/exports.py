"""Open data: the catalogue's projects as CSV and JSON, streamed.

Each export takes the catalogue's filters and search, rejects a filter value it cannot
apply (a file is never quietly wider than asked), then writes the projects in chunks
of ``CHUNK_SIZE`` fetched by primary key, each chunk with everything the files show in
a fixed number of queries: memory stays flat and the first bytes leave at once,
whatever the number of projects.
"""

import csv
import datetime
import json

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Unit
from partners.models import Bloc, Country, IatiOrganisationType, Organisation, Province
from partners.search import MAX_QUERY_LENGTH
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    Participation,
    Project,
    ProjectSector,
    Result,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibArea,
    SegibSector,
    budget_totals,
)

CHUNK_SIZE = 500
# Version of the JSON structure (opendata/schemas/projects.schema.json). A new field
# is a minor change; a renamed, removed or retyped one a major change.
JSON_SCHEMA_VERSION = "1.0"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


# Choosing the projects ------------------------------------------------------------


def filter_errors(filterset):
    """Messages naming each filter of the query string that cannot be applied."""
    errors = []
    for name, messages in filterset.form.errors.items():
        value = filterset.data.get(name, "")
        errors.append(
            _(
                "The filter “%(filter)s” (%(parameter)s=%(value)s) is not valid: "
                "%(error)s"
            )
            % {
                "filter": filterset.form.fields[name].label,
                "parameter": name,
                "value": value[:40] + ("…" if len(value) > 40 else ""),
                "error": " ".join(messages),
            }
        )
    return errors


def applied_filters(filterset):
    """{parameter: value} of the filters and search a valid filterset applies."""
    applied = {}
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        raw = filterset.data.get(name, "")
        applied[name] = raw[:MAX_QUERY_LENGTH] if name == "q" else raw
    return applied


class References:
    """The small lists projects point at (countries, organisations, sectors,
    currencies...), read once per export: each chunk's rows then carry only keys,
    and every project shares the same objects."""

    def __init__(self):
        self.countries = in_order(Country.objects.all())
        self.organisations = in_order(Organisation.objects.all())
        for organisation in self.organisations.values():
            organisation.country = self.countries.get(organisation.country_id)
        self.currencies = in_order(Currency.objects.all())
        categories = in_order(SectorCategory.objects.all())
        self.sectors = in_order(Sector.objects.all())
        for sector in self.sectors.values():
            sector.category = categories[sector.category_id]
        self.sdg_goals = in_order(SdgGoal.objects.all())
        self.sdg_targets = in_order(SdgTarget.objects.all())
        self.provinces = in_order(Province.objects.all())
        self.blocs = in_order(Bloc.objects.all())
        self.document_categories = in_order(DocumentCategory.objects.all())
        self.units = in_order(Unit.objects.all())
        areas = in_order(SegibArea.objects.all())
        self.segib_sectors = in_order(SegibSector.objects.all())
        for segib_sector in self.segib_sectors.values():
            segib_sector.area = areas[segib_sector.area_id]


def in_order(queryset):
    """{pk: object} in the model's ordering (dicts keep it)."""
    return {item.pk: item for item in queryset}


class Contents:
    """A project's related rows, as an export reads them (``project.contents``)."""

    def __init__(self):
        self.participations = []
        self.sectors = []
        self.sdg_goals = []
        self.sdg_targets = []
        self.provinces = []
        self.blocs = []
        self.budgets = []
        self.documents = []
        self.results = []


def attach_contents(projects, references):
    """Give each project of a chunk its ``contents``, in one query per relation.

    Rows are grouped by hand and linked to the shared reference objects: cheaper by
    far than prefetch_related, which builds a queryset per project and relation.
    """
    by_pk = {}
    for project in projects:
        project.contents = Contents()
        project.directorate = references.units.get(project.directorate_id)
        project.segib_sector = references.segib_sectors.get(project.segib_sector_id)
        by_pk[project.pk] = project
    keys = list(by_pk)

    def rows(model, *ordering):
        return model.objects.filter(project_id__in=keys).order_by(
            "project_id", *ordering
        )

    for participation in rows(Participation, "position", "pk"):
        participation.country = references.countries.get(participation.country_id)
        participation.organisation = references.organisations.get(
            participation.organisation_id
        )
        participation.currency = references.currencies.get(participation.currency_id)
        by_pk[participation.project_id].contents.participations.append(participation)
    for share in rows(ProjectSector, "-percentage", "pk"):
        share.sector = references.sectors[share.sector_id]
        by_pk[share.project_id].contents.sectors.append(share)
    for budget in rows(Budget, "period_start", "pk"):
        budget.currency = references.currencies[budget.currency_id]
        by_pk[budget.project_id].contents.budgets.append(budget)
    for document in rows(Document, "position", "pk"):
        document.project = by_pk[document.project_id]
        document.category = references.document_categories[document.category_id]
        by_pk[document.project_id].contents.documents.append(document)
    results = {}
    for result in rows(Result, "position", "pk"):
        result.indicator_list = []
        results[result.pk] = result
        by_pk[result.project_id].contents.results.append(result)
    if results:
        for indicator in Indicator.objects.filter(result_id__in=list(results)).order_by(
            "result_id", "pk"
        ):
            results[indicator.result_id].indicator_list.append(indicator)
    for field, catalogue in (
        ("sdg_goals", references.sdg_goals),
        ("sdg_targets", references.sdg_targets),
        ("provinces", references.provinces),
        ("blocs", references.blocs),
    ):
        attach_many(Project, field, by_pk, catalogue)


def attach_many(model, field, by_pk, catalogue):
    """A many-to-many field's objects, from its link table, in their model's order."""
    relation = model._meta.get_field(field)
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    rank = {pk: position for position, pk in enumerate(catalogue)}
    links = relation.remote_field.through.objects.filter(
        **{f"{source}__in": list(by_pk)}
    ).values_list(source, target)
    for project_pk, target_pk in sorted(links, key=lambda link: rank[link[1]]):
        getattr(by_pk[project_pk].contents, field).append(catalogue[target_pk])


def in_chunks(queryset, size=None):
    """The projects of ``queryset`` by primary key, ``size`` (``CHUNK_SIZE``) at a
    time (keyset pagination: each chunk starts after the last key of the previous
    one), each with its ``contents``."""
    size = size or CHUNK_SIZE
    references = None
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if chunk:
            references = references or References()
            attach_contents(chunk, references)
            yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk


def export_filename(stem, extension, language=None):
    today = timezone.localdate().isoformat()
    parts = ["dgcin", stem, language, today]
    return "-".join(part for part in parts if part) + f".{extension}"


# Values shared by the files ------------------------------------------------------


def decimal_text(value):
    """A decimal without exponent or trailing zeros: 100.00 -> "100"."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def money_text(value):
    return None if value is None else f"{value:.2f}"


# CSV -----------------------------------------------------------------------------

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The cell's text, with a leading apostrophe if a spreadsheet would read it as
    a formula (OWASP's advice): the apostrophe shows and nothing runs."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def joined(items):
    return "; ".join(item for item in items if item)


def translated(instance, field, language):
    """The field in ``language``, else in the fallback languages (as the pages show
    it), read straight from the translation columns: far cheaper per row than the
    translated field's descriptor."""
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        value = getattr(instance, f"{field}_{code}", "")
        if value:
            return value
    return ""


def csv_columns(absolute_url, language):
    """[(header, value of a project)] in ``language``, which must be active."""
    label = {
        name: {code: str(text) for code, text in choices}
        for name, choices in (
            ("modality", Project.Modality.choices),
            ("instrument", Project.Instrument.choices),
            ("status", Project.Status.choices),
            ("role", Participation.SegibRole.choices),
        )
    }

    def name(instance, field="name"):
        return translated(instance, field, language)

    def role(participation):
        return f"({label['role'][participation.segib_role]})"

    def countries(project):
        return joined(
            f"{p.country.code} {name(p.country)} {role(p)}"
            for p in project.contents.participations
            if p.country
        )

    def organisations(project):
        return joined(
            " ".join(
                part
                for part in (
                    p.organisation.iati_identifier or name(p.organisation, "acronym"),
                    name(p.organisation),
                    role(p),
                )
                if part
            )
            for p in project.contents.participations
            if p.organisation
        )

    def dates(field):
        return lambda project: iso(getattr(project, field))

    return [
        (gettext_lazy("IATI identifier"), lambda p: p.iati_identifier),
        (gettext_lazy("Title"), lambda p: name(p, "title")),
        (gettext_lazy("Summary"), lambda p: name(p, "summary")),
        (gettext_lazy("Modality code"), lambda p: p.modality),
        (gettext_lazy("Modality"), lambda p: label["modality"][p.modality]),
        (gettext_lazy("Instrument code"), lambda p: p.instrument),
        (gettext_lazy("Instrument"), lambda p: label["instrument"][p.instrument]),
        (gettext_lazy("Status code"), lambda p: p.status),
        (gettext_lazy("Status"), lambda p: label["status"][p.status]),
        (gettext_lazy("Partner countries (SEGIB role)"), countries),
        (gettext_lazy("Organisations (SEGIB role)"), organisations),
        (
            gettext_lazy("DAC sectors (percentage)"),
            lambda p: joined(
                f"{share.sector.code} {name(share.sector)} "
                f"({decimal_text(share.percentage)}%)"
                for share in p.contents.sectors
            ),
        ),
        (
            gettext_lazy("SEGIB sector"),
            lambda p: name(p.segib_sector) if p.segib_sector else "",
        ),
        (
            gettext_lazy("SDGs"),
            lambda p: joined(
                f"{goal.number} {name(goal, 'short_name')}"
                for goal in p.contents.sdg_goals
            ),
        ),
        (
            gettext_lazy("SDG targets"),
            lambda p: joined(target.code for target in p.contents.sdg_targets),
        ),
        (
            gettext_lazy("Directorate"),
            lambda p: name(p.directorate) if p.directorate else "",
        ),
        (
            gettext_lazy("Argentine provinces"),
            lambda p: joined(
                f"{province.code} {name(province)}" for province in p.contents.provinces
            ),
        ),
        (
            gettext_lazy("Blocs and forums"),
            lambda p: joined(name(bloc, "acronym") for bloc in p.contents.blocs),
        ),
        (gettext_lazy("Planned start"), dates("planned_start")),
        (gettext_lazy("Planned end"), dates("planned_end")),
        (gettext_lazy("Actual start"), dates("actual_start")),
        (gettext_lazy("Actual end"), dates("actual_end")),
        (
            gettext_lazy("Budget (total per currency)"),
            lambda p: joined(
                f"{currency.code} {money_text(total)}"
                for currency, total in budget_totals(p.contents.budgets)
            ),
        ),
        (gettext_lazy("FO.AR project number"), lambda p: p.fo_ar_number),
        (gettext_lazy("Web page"), lambda p: absolute_url(p.get_absolute_url())),
        (
            gettext_lazy("Last updated"),
            lambda p: timezone.localtime(p.updated_at).isoformat(timespec="seconds"),
        ),
    ]


class _Echo:
    """A file-like object whose write() hands back what it is given, so that
    csv.writer produces each row as a string to stream."""

    def write(self, value):
        return value


def csv_stream(chunks, absolute_url, language):
    """The CSV file in ``language``: a byte order mark (spreadsheets then read
    UTF-8), a header row, one row per project; CRLF line ends, minimal quoting."""
    # The language is switched for each piece, never across a yield: a generator
    # left unfinished must not leave its language behind in the thread.
    writer = csv.writer(_Echo())
    with translation.override(language):
        columns = csv_columns(absolute_url, language)
        header = writer.writerow([capfirst(str(title)) for title, _value in columns])
    yield "\ufeff" + header
    for chunk in chunks:
        with translation.override(language):
            rows = "".join(
                writer.writerow(
                    [spreadsheet_safe(value(project)) for _title, value in columns]
                )
                for project in chunk
            )
        yield rows


# JSON ----------------------------------------------------------------------------


def in_languages(instance, field):
    """{language: the field's text in that language, or None where not written}."""
    return {
        language: getattr(instance, f"{field}_{language}", None) or None
        for language in LANGUAGES
    }


class Labels:
    """Choice labels in every language, worked out once per export."""

    def __init__(self):
        self._labels = {}
        for key, choices in {
            "modality": Project.Modality.choices,
            "instrument": Project.Instrument.choices,
            "status": Project.Status.choices,
            "segib_role": Participation.SegibRole.choices,
            "iati_role": Participation.IatiRole.choices,
            "organisation_type": IatiOrganisationType.choices,
            "budget_type": Budget.Type.choices,
            "budget_status": Budget.Status.choices,
            "result_type": Result.Type.choices,
            "measure": Indicator.Measure.choices,
        }.items():
            labels = self._labels[key] = {}
            for language in LANGUAGES:
                with translation.override(language):
                    for code, label in choices:
                        labels.setdefault(code, {})[language] = str(label)

    def coded(self, key, code):
        if not code:
            return None
        return {"code": code, "label": self._labels[key].get(code)}


def named(instance, code_field="code"):
    return {
        "code": getattr(instance, code_field),
        "name": in_languages(instance, "name"),
    }


def iso(day):
    return day.isoformat() if day else None


def participant_record(participation, labels):
    country, organisation = participation.country, participation.organisation
    if country:
        partner = {"type": "country", **named(country), "iati_identifier": None}
    else:
        partner = {
            "type": "organisation",
            "code": organisation.slug,
            "name": in_languages(organisation, "name"),
            "acronym": in_languages(organisation, "acronym"),
            "iati_identifier": organisation.iati_identifier or None,
            "iati_type": labels.coded("organisation_type", organisation.iati_type),
            "country": organisation.country.code if organisation.country else None,
        }
    return partner | {
        "segib_role": labels.coded("segib_role", participation.segib_role),
        "iati_role": labels.coded("iati_role", participation.iati_role),
        "contribution": None
        if participation.amount is None
        else {
            "value": money_text(participation.amount),
            "currency": participation.currency.code,
        },
    }


def project_record(project, labels, absolute_url):
    """One project as the JSON export writes it (projects.schema.json)."""
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls[language] = absolute_url(project.get_absolute_url())
    return {
        "iati_identifier": project.iati_identifier,
        "slug": project.slug,
        "url": urls,
        "title": in_languages(project, "title"),
        "summary": in_languages(project, "summary"),
        "description": in_languages(project, "description"),
        "objectives": in_languages(project, "objectives"),
        "modality": labels.coded("modality", project.modality),
        "instrument": labels.coded("instrument", project.instrument),
        "status": labels.coded("status", project.status),
        "directorate": None
        if project.directorate is None
        else named(project.directorate, "slug"),
        "segib_sector": None
        if project.segib_sector is None
        else named(project.segib_sector, "slug")
        | {"area": named(project.segib_sector.area, "slug")},
        "fo_ar_number": project.fo_ar_number or None,
        "dates": {
            "planned_start": iso(project.planned_start),
            "planned_end": iso(project.planned_end),
            "actual_start": iso(project.actual_start),
            "actual_end": iso(project.actual_end),
        },
        "participants": [
            participant_record(participation, labels)
            for participation in project.contents.participations
        ],
        "sectors": [
            named(share.sector)
            | {
                "category": named(share.sector.category),
                "percentage": float(share.percentage),
            }
            for share in project.contents.sectors
        ],
        "sdg_goals": [
            {
                "number": goal.number,
                "short_name": in_languages(goal, "short_name"),
                "name": in_languages(goal, "name"),
            }
            for goal in project.contents.sdg_goals
        ],
        "sdg_targets": [named(target) for target in project.contents.sdg_targets],
        "provinces": [named(province) for province in project.contents.provinces],
        "blocs": [
            {
                "code": bloc.slug,
                "acronym": in_languages(bloc, "acronym"),
                "name": in_languages(bloc, "name"),
            }
            for bloc in project.contents.blocs
        ],
        "budgets": [
            {
                "type": labels.coded("budget_type", budget.type),
                "status": labels.coded("budget_status", budget.status),
                "period_start": iso(budget.period_start),
                "period_end": iso(budget.period_end),
                "value": money_text(budget.value),
                "currency": budget.currency.code,
                "value_date": iso(budget.value_date),
            }
            for budget in project.contents.budgets
        ],
        "budget_totals": [
            {"currency": currency.code, "value": money_text(total)}
            for currency, total in budget_totals(project.contents.budgets)
        ],
        "documents": [
            {
                "title": in_languages(document, "title"),
                "category": named(document.category),
                "language": document.language,
                "url": absolute_url(document_href(document)),
            }
            for document in project.contents.documents
        ],
        "results": [
            {
                "type": labels.coded("result_type", result.type),
                "title": in_languages(result, "title"),
                "description": in_languages(result, "description"),
                "indicators": [
                    {
                        "title": in_languages(indicator, "title"),
                        "measure": labels.coded("measure", indicator.measure),
                        "baseline_year": indicator.baseline_year,
                        "baseline_value": decimal_text(indicator.baseline_value),
                        "target_value": decimal_text(indicator.target_value),
                        "actual_value": decimal_text(indicator.actual_value),
                    }
                    for indicator in result.indicator_list
                ],
            }
            for result in project.contents.results
        ],
        "updated_at": project.updated_at.astimezone(datetime.UTC).isoformat(
            timespec="seconds"
        ),
    }


def document_href(document):
    """The document's link, in the default language (files are served at a
    language-neutral address under it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return document.href


def publisher():
    head = Unit.objects.head_office()
    return {
        "name": in_languages(head, "name") if head else None,
        "acronym": (head.acronym or None) if head else None,
        "iati_identifier": settings.DGCIN_IATI_ORG_REF,
    }


def json_stream(chunks, absolute_url, metadata):
    """The JSON document: ``metadata``'s keys, then ``projects`` written one project
    at a time, then ``count``, known only once every project has been written."""
    labels = Labels()
    head = json.dumps(metadata, ensure_ascii=False, indent=1)
    yield head.removesuffix("\n}") + ',\n "projects": ['
    count = 0
    for chunk in chunks:
        parts = []
        for project in chunk:
            record = json.dumps(
                project_record(project, labels, absolute_url), ensure_ascii=False
            )
            parts.append(("\n  " if count == 0 else ",\n  ") + record)
            count += 1
        yield "".join(parts)
    yield f'\n ],\n "count": {count}\n}}\n'
