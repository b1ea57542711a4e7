"""Checkboxes for long lists (the partner countries): grouped under headings,
usable without JavaScript, and narrowed by a search box that ``js/checklist.js``
adds where scripts run."""

from django import forms
from django.utils.translation import gettext_lazy as _

FIND_A_COUNTRY = _("Find a country")


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """A checkbox per choice, each ``<optgroup>``-style group of the choices in a
    fieldset of its own (``[(group, [(value, label), …]), …]``)."""

    template_name = "partners/widgets/grouped_checkboxes.html"

    def __init__(self, attrs=None, search_label=FIND_A_COUNTRY):
        super().__init__(attrs)
        self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        return context
