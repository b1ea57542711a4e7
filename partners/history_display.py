"""Fields and values as a person reads them, for every history page.

A field is named by its translated verbose name, a translated field with its
language ("Título (inglés)"); a value by its display value: the label of a choice,
the name of a related row, dates and numbers written the reader's way, "—" for
nothing. ``ReadableChanges`` gives django-simple-history's change lists these words
(every history admin uses it, see ``history_admin``); the projects' history by saves
(``projects.history_lines``) uses the same functions.
"""

import dataclasses
from collections import defaultdict
from pathlib import PurePosixPath

from django.db import models
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, pgettext_lazy
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = "—"
LANGUAGE_NAMES = {
    "es": pgettext_lazy("language of a field", "Spanish"),
    "en": pgettext_lazy("language of a field", "English"),
}


class Names:
    """The names of related rows, read in one query per model once every id a
    page needs is known (``want``, then ``fetch``)."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def want_record(self, record):
        for field in type(record).instance_type._meta.concrete_fields:
            if field.many_to_one:
                self.want(field.related_model, getattr(record, field.attname))

    def fetch(self):
        for model, pks in self.wanted.items():
            self.found[model] = model._base_manager.in_bulk(pks)

    def get(self, model, pk):
        return self.found.get(model, {}).get(pk)

    def __call__(self, model, pk):
        obj = self.get(model, pk)
        return str(obj) if obj is not None else gettext("(deleted)")


def label(field):
    """The field's name for a person: "Título", "Título (inglés)"."""
    original = getattr(field, "translated_field", None)  # modeltranslation's
    if original is None:
        return capfirst(field.verbose_name)
    return gettext("%(field)s (%(language)s)") % {
        "field": capfirst(original.verbose_name),
        "language": LANGUAGE_NAMES.get(field.language, field.language),
    }


def value_text(field, value, names=None):
    """A field's value for a person; ``names`` names related rows by id (without
    it, ``value`` is the related row itself)."""
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        return names(field.related_model, value) if names else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.DecimalField):
        return floatformat(value, "-2g")
    if isinstance(field, models.FileField):
        kind = PurePosixPath(str(value)).suffix.lstrip(".").upper()
        return gettext("uploaded file (%(type)s)") % {"type": kind or "?"}
    return Truncator(str(value)).chars(120)


class ReadableChanges(HistoricalRecordContextHelper):
    """simple-history's change lines ("Field: old → new") with labels and display
    values instead of attribute names and stored codes."""

    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        old, new = self.stringify_delta_change_values(
            change, self.readable(field, change.old), self.readable(field, change.new)
        )
        return dataclasses.replace(change, field=label(field), old=old, new=new)

    @staticmethod
    def readable(field, value):
        if field.many_to_many:  # rows of the through table, related rows in them
            target = get_m2m_reverse_field_name(field)
            names = sorted(related_name(row[target]) for row in value)
            return ", ".join(names) or EMPTY
        if field.is_relation:
            return related_name(value)
        return value_text(field, value)


def related_name(obj):
    """A related row's name; "(deleted)" for one deleted since (simple-history's
    DeletedObject, whose own name is English and shows its id)."""
    if obj is None:
        return EMPTY
    if isinstance(obj, DeletedObject):
        return gettext("(deleted)")
    return str(obj)
