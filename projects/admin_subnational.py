"""A project's subnational partners (decentralised cooperation) and its locations
within countries, in its change form.

A row is part of its project: whoever may add, change or view the project in the
admin may do the same with its subnational partners (``ProjectAdmin`` asks
``accounts.permissions``), as with its missions. The rows are checked together
against the "decentralised cooperation" box submitted in the same form, and a
foreign subnational government against the partner countries typed there too.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError

from .admin_missions import MissionFormSet
from .inlines import ProjectRowsPermissions
from .models import Location, SubnationalParticipation
from .rules import subnational_errors


class SubnationalFormSet(MissionFormSet):
    """The partner countries submitted with the rows (``MissionFormSet``), then
    the rules that take the rows and the project's flag together."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return  # each row's own message comes first
        rows = [form.instance for form in self.kept_forms()]
        if errors := subnational_errors(self.instance.is_decentralised, rows):
            raise ValidationError(errors)


class SubnationalInline(ProjectRowsPermissions, admin.TabularInline):
    model = SubnationalParticipation
    formset = SubnationalFormSet
    extra = 0
    autocomplete_fields = ("province", "subdivision")
    fields = ("province", "subdivision", "municipality", "position")


class LocationInline(ProjectRowsPermissions, admin.TabularInline):
    """Where the project happens: a division of a partner country is checked
    against the partner countries typed in the same form (``MissionFormSet``)."""

    model = Location
    formset = MissionFormSet
    extra = 0
    autocomplete_fields = ("province", "subdivision")
    fields = (
        "province",
        "subdivision",
        "place",
        "location_class",
        "latitude",
        "longitude",
        "exactness",
        "position",
    )
