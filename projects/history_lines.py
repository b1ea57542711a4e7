"""A save of a project's history in words, in the reader's language.

Each object a save touched gives lines: "Proyecto creado", "Sector 11220 añadido
(40 %)", "Socio Bolivia — Rol SEGIB: Receptor → Oferente", "Título (inglés): … → …",
"Provincias argentinas — ahora incluye: Salta". Field labels are the models'
verbose names, values their display values (choices, names of related rows, dates
and numbers written the reader's way), never codes of choices or ids. The names of
related rows are read in one query per model for the whole page.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, gettext, ngettext, pgettext
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import get_m2m_reverse_field_name

from partners.history_display import Names, label, value_text
from partners.models import Country, Organisation, Province, Subdivision

from .history import object_key
from .models import (
    Beneficiary,
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    IndicatorPeriod,
    Location,
    Mission,
    Participation,
    PolicyMarker,
    Project,
    ProjectSector,
    Result,
    Sector,
    SubnationalParticipation,
    Transaction,
)
from .rekeying import REKEYED

# Fields a person does not edit, or that only mirror others.
SKIPPED = {"iati_identifier", "search_text"}
PARENTS = {"project", "result", "indicator"}


def in_language(record, name):
    """A translated field's value in the reader's language, else in Spanish."""
    language = (get_language() or "es")[:2]
    return getattr(record, f"{name}_{language}", "") or getattr(record, f"{name}_es")


def _quoted(text):
    return gettext("“%(text)s”") % {"text": Truncator(text).chars(60)}


@dataclass(frozen=True)
class Row:
    """How a kind of row is named in a line and what its added line shows."""

    subject: object  # (record, names) -> str
    details: object  # (record, names) -> str
    # Whether the subject's noun is feminine in Spanish ("Misión … añadida").
    feminine: bool = False


def _partner(record, names):
    if record.country_id:
        name = names(Country, record.country_id)
    else:
        name = names(Organisation, record.organisation_id)
    return gettext("Partner %(name)s") % {"name": name}


def _contribution(record, names):
    role = record.get_segib_role_display()
    if record.amount is None:
        return role
    currency = names(Currency, record.currency_id)
    return f"{role}, {currency} {floatformat(record.amount, '-2g')}"


def _sector(record, names):
    sector = names.get(Sector, record.sector_id)
    code = sector.code if sector is not None else gettext("(deleted)")
    return gettext("Sector %(code)s") % {"code": code}


def _budget(record, names):
    return gettext("Budget from %(start)s to %(end)s") % {
        "start": formats.date_format(record.period_start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(record.period_end, "SHORT_DATE_FORMAT"),
    }


def _amount(record, names):
    return f"{names(Currency, record.currency_id)} {floatformat(record.value, '-2g')}"


def _share(record, names):
    return gettext("%(percentage)s %%") % {
        "percentage": floatformat(record.percentage, "-2g")
    }


def _title(record):
    return _quoted(in_language(record, "title"))


def _document(record, names):
    return gettext("Document %(title)s") % {"title": _title(record)}


def _category(record, names):
    return names(DocumentCategory, record.category_id)


def _result(record, names):
    return gettext("Result %(title)s") % {"title": _title(record)}


def _result_type(record, names):
    return record.get_type_display()


def _indicator(record, names):
    return gettext("Indicator %(title)s") % {"title": _title(record)}


def _measure(record, names):
    return record.get_measure_display()


def _mission(record, names):
    return gettext("Mission with %(country)s from %(start)s") % {
        "country": names(Country, record.country_id),
        "start": formats.date_format(
            record.actual_start or record.planned_start, "SHORT_DATE_FORMAT"
        ),
    }


def _mission_details(record, names):
    return ngettext(
        "%(direction)s, %(count)s expert",
        "%(direction)s, %(count)s experts",
        record.experts,
    ) % {"direction": record.get_direction_display(), "count": record.experts}


def _marker(record, names):
    return gettext("Policy marker %(marker)s") % {"marker": record.get_code_display()}


def _significance(record, names):
    return record.get_significance_display()


def _beneficiaries(record, names):
    return gettext("Beneficiaries: %(kind)s") % {"kind": record.get_kind_display()}


def _number(record, names):
    return floatformat(record.number, "g")


def _period(record, names):
    return gettext("Indicator period from %(start)s to %(end)s") % {
        "start": formats.date_format(record.period_start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(record.period_end, "SHORT_DATE_FORMAT"),
    }


def _period_values(record, names):
    return ", ".join(
        f"{label} {floatformat(value, '-2g')}"
        for label, value in (
            (gettext("target"), record.target_value),
            (gettext("actual"), record.actual_value),
        )
        if value is not None
    )


def _transaction(record, names):
    return gettext("%(type)s of %(date)s") % {
        "type": record.get_type_display(),
        "date": formats.date_format(record.date, "SHORT_DATE_FORMAT"),
    }


def _subnational(record, names):
    if record.province_id:
        name = names(Province, record.province_id)
    else:
        name = names(Subdivision, record.subdivision_id)
    return gettext("Subnational partner %(name)s") % {"name": name}


def _municipality(record, names):
    return record.municipality


def _location(record, names):
    if record.province_id:
        area = names(Province, record.province_id)
    else:
        area = names(Subdivision, record.subdivision_id)
    return gettext("Location %(area)s") % {"area": area}


def _place(record, names):
    return record.place


ROWS = {
    Participation: Row(_partner, _contribution),
    ProjectSector: Row(_sector, _share),
    Budget: Row(_budget, _amount),
    Transaction: Row(_transaction, _amount),
    Document: Row(_document, _category),
    Result: Row(_result, _result_type),
    Indicator: Row(_indicator, _measure),
    Mission: Row(_mission, _mission_details, feminine=True),
    IndicatorPeriod: Row(_period, _period_values),
    PolicyMarker: Row(_marker, _significance),
    Beneficiary: Row(_beneficiaries, _number),
    SubnationalParticipation: Row(_subnational, _municipality),
    Location: Row(_location, _place, feminine=True),
}
ORDER = [Project, *ROWS]


@dataclass
class Change:
    """What one save did to one object: ``before`` is its state before the save
    (None when the save created it), ``after`` its last record in the save."""

    kind: str  # "created", "changed" or "deleted"
    before: object
    after: object
    main: bool

    @property
    def model(self):
        return type(self.after).instance_type

    def sort_key(self):
        order = ORDER.index(self.model) if self.model in ORDER else len(ORDER)
        return (
            not self.main,
            order,
            getattr(self.after, "position", 0) or 0,
            object_key(self.after)[1] or 0,
        )


def changes(save, previous, main_model):
    """The Change of each object the save touched, main object first."""
    by_object = {}
    for record in save.records:
        key = object_key(record)
        first, _last = by_object.get(key, (record, None))
        by_object[key] = (first, record)
    found = []
    for first, last in by_object.values():
        before = previous[id(first)]
        main = type(last).instance_type is main_model
        if before is None and first.history_type == "+":
            if last.history_type != "-":
                found.append(Change("created", None, last, main))
        elif last.history_type == "-":
            found.append(Change("deleted", before or last, last, main))
        elif before is not None:
            found.append(Change("changed", before, last, main))
    return sorted(found, key=Change.sort_key)


def diffed_fields(model):
    """The fields of ``model`` a change line may name, in the model's order."""
    try:
        translated_fields = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated_fields = set()
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in translated_fields | SKIPPED | PARENTS
    ]


def field_lines(change, names):
    """Each field that differs (diff_against's changes) as "Label: old → new"."""
    fields = {field.name: field for field in diffed_fields(change.model)}
    delta = change.after.diff_against(change.before, included_fields=list(fields))
    order = list(fields)
    for diff in sorted(delta.changes, key=lambda diff: order.index(diff.field)):
        field = fields[diff.field]
        yield gettext("%(field)s: %(old)s → %(new)s") % {
            "field": label(field),
            "old": value_text(field, diff.old, names),
            "new": value_text(field, diff.new, names),
        }


class ManyToMany:
    """The rows of the many-to-many fields (the project's provinces, a mission's
    institutions) at each of the records a page compares, read in one query per
    field."""

    def __init__(self):
        self.records = defaultdict(list)  # {historical model: [records]}
        self.rows = defaultdict(set)

    def want(self, record):
        if getattr(type(record), "_history_m2m_fields", None):
            self.records[type(record)].append(record)

    def fetch(self, names):
        for model, records in self.records.items():
            ids = {record.history_id for record in records}
            for field in model._history_m2m_fields:
                target = get_m2m_reverse_field_name(field)
                through = getattr(records[0], field.name).model
                for history_id, pk in through.objects.filter(
                    history_id__in=ids
                ).values_list("history_id", f"{target}_id"):
                    self.rows[model, field.name, history_id].add(pk)
                    names.want(field.related_model, pk)

    def lines(self, change, names):
        model = type(change.after)
        for field in getattr(model, "_history_m2m_fields", ()):
            old = self.rows[model, field.name, change.before.history_id]
            new = self.rows[model, field.name, change.after.history_id]
            for pks, text in (
                (new - old, gettext("%(field)s — now includes: %(names)s")),
                (old - new, gettext("%(field)s — no longer includes: %(names)s")),
            ):
                if pks:
                    listed = sorted(names(field.related_model, pk) for pk in pks)
                    yield text % {
                        "field": capfirst(field.verbose_name),
                        "names": ", ".join(listed),
                    }


def rekey_lines(change):
    """A re-keyed IATI identifier (``projects.rekeying`` marks the record); the
    identifier's first giving is no change a person made."""
    reason = getattr(change.after, "history_change_reason", None) or ""
    if reason.startswith(REKEYED):
        old = reason.removeprefix(REKEYED)
        new = change.after.iati_identifier
        yield gettext("IATI identifier re-keyed: %(old)s → %(new)s") % {
            "old": old,
            "new": new,
        }


def lines(change, names, m2m):
    """The lines that say what the save did to one object."""
    if change.main:
        model_name = capfirst(change.model._meta.verbose_name)
        if change.kind == "created":
            return [gettext("%(model)s created") % {"model": model_name}]
        if change.kind == "deleted":
            return [gettext("%(model)s deleted") % {"model": model_name}]
        return [
            *rekey_lines(change),
            *field_lines(change, names),
            *m2m.lines(change, names),
        ]
    row = ROWS.get(change.model)
    if row is None:
        return []
    subject = row.subject(change.after, names)
    if change.kind == "created":
        if details := row.details(change.after, names):
            added = (
                pgettext("feminine subject", "%(subject)s added (%(details)s)")
                if row.feminine
                else gettext("%(subject)s added (%(details)s)")
            )
            return [added % {"subject": subject, "details": details}]
        added = (
            pgettext("feminine subject", "%(subject)s added")
            if row.feminine
            else gettext("%(subject)s added")
        )
        return [added % {"subject": subject}]
    if change.kind == "deleted":
        removed = (
            pgettext("feminine subject", "%(subject)s removed")
            if row.feminine
            else gettext("%(subject)s removed")
        )
        return [removed % {"subject": subject}]
    return [
        gettext("%(subject)s — %(change)s") % {"subject": subject, "change": line}
        for line in [*field_lines(change, names), *m2m.lines(change, names)]
    ]


def describe(saves, previous, main_model):
    """Sets each save's ``lines``; ``previous`` maps each record to the record
    before it of the same object (``history.previous_records``)."""
    found = [(save, changes(save, previous, main_model)) for save in saves]
    names, m2m = Names(), ManyToMany()
    for _save, save_changes in found:
        for change in save_changes:
            for record in (change.before, change.after):
                if record is not None:
                    names.want_record(record)
            if change.kind == "changed":
                m2m.want(change.before)
                m2m.want(change.after)
    m2m.fetch(names)
    names.fetch()
    for save, save_changes in found:
        save.lines = [
            line for change in save_changes for line in lines(change, names, m2m)
        ]
