"""Admin pages in the reader's language where Django and import-export write their
own English.

``ReadableExportForm``: import-export's export page names each column by its code
title-cased ("Summary Es"); here by the model field's label and then the code the
spreadsheet's header carries ("Resumen (inglés) · summary_es").

``WithoutLinkRows``: a delete confirmation lists, besides the rows that go, the rows
of the automatic many-to-many tables ("Relación proposal-country:
Proposal_partner_countries object (1)"), which Django names from class names in
English; they are left out of the list (they still go with the object).
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from import_export.forms import SelectableFieldsExportForm

from .history_display import label


class ReadableExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        attribute = (field.attribute if field else None) or field_name
        try:
            model_field = resource._meta.model._meta.get_field(attribute)
        except FieldDoesNotExist:
            return column
        return f"{label(model_field)} · {column}"


def link_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    ]


def prune(items, prefixes):
    """The nested list of the objects to delete without the link rows."""
    kept = []
    for item in items:
        if isinstance(item, list):
            if nested := prune(item, prefixes):
                kept.append(nested)
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


class WithoutLinkRows:
    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        links = link_models()
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        plurals = {str(model._meta.verbose_name_plural) for model in links}
        counts = {
            name: count
            for name, count in model_count.items()
            if str(name) not in plurals
        }
        return prune(to_delete, prefixes), counts, perms_needed, protected
