"""CSV/XLSX import and export of partners (django-import-export)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
)
from .search import fold


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as its code or slug, with a clear message when the
    spreadsheet names one that does not exist: the key field's own validators say
    why a value can never exist (e.g. a code of Argentine territory for a country),
    otherwise the message says that nothing matches."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            try:
                self.model._meta.get_field(self.field).run_validators(value)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
            raise ValueError(
                _("“%(value)s” matches no %(model)s.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


def lookup(model, field, column):
    """A column naming a related row by ``field`` (a code or a slug)."""
    return fields.Field(
        attribute=column, column_name=column, widget=LookupWidget(model, field)
    )


class DayWidget(widgets.DateWidget):
    """A date column. A spreadsheet program gives back the dates it was exported
    with as date-times at midnight: read as the day, so an unchanged row compares
    equal and is skipped."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


# Listed in full in a message up to this many choices; beyond, a few examples.
LISTED_CHOICES = 8


class ChoiceWidget:
    """A column of a field with choices: its code, or its label in any of the
    portal's languages (accents and case aside), or one of ``aliases`` ({code:
    [lazy names]}); anything else is refused naming what is accepted. Exported as
    the code. Mixed into the field's own widget class."""

    choices = ()
    aliases = {}

    @cached_property
    def names(self):
        """{folded code or name: code}, worked out once per widget (the
        catalogues do not change while the portal runs), not once per cell."""
        found = {}
        for code, label in self.choices:
            if code in ("", None):
                continue
            found[fold(str(code))] = code
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    names = [label, *self.aliases.get(code, ())]
                    for name in names:
                        found.setdefault(fold(str(name)), code)
        return found

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return super().clean(value, row, **kwargs)  # a numeric cell: a code
        text = "" if value is None else str(value).strip()
        if text:
            code = self.names.get(fold(text))
            if code is None:
                raise ValueError(self.refusal(text))
            value = code
        return super().clean(value, row, **kwargs)

    def refusal(self, text):
        shown = []
        for code, label in self.choices:
            if code in ("", None):
                continue
            names = [str(name) for name in [*self.aliases.get(code, ()), label]]
            names = [name for name in names if fold(name) != fold(str(code))]
            shown.append(f"{code} ({' / '.join(names)})" if names else str(code))
        if len(shown) <= LISTED_CHOICES:
            accepted = get_text_list(shown)  # "a, b or c", in Django's words
            return _(
                "“%(value)s” is not accepted here. Write one of these codes or names "
                "(in Spanish or English): %(accepted)s."
            ) % {"value": text, "accepted": accepted}
        return _(
            "“%(value)s” is not accepted here. Write one of the codes of its list, "
            "e.g. %(examples)s, or its name in Spanish or English."
        ) % {"value": text, "examples": ", ".join(shown[:3])}


def choice_widget(widget_class, choices, aliases=None):
    """``widget_class`` that also reads the choices' labels (``ChoiceWidget``)."""
    return type(
        f"Choice{widget_class.__name__}",
        (ChoiceWidget, widget_class),
        {"choices": list(choices), "aliases": aliases or {}},
    )


class ReferenceResource(resources.ModelResource):
    """Every import validates each row as the admin form would, reports every bad
    row, and leaves unchanged rows alone: a row the same as the saved one is not
    saved (no history entry, nothing marked as changed) and the preview lists it
    as skipped."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    # {field name: {code: [other accepted names]}}, e.g. a short name staff use.
    choice_aliases = {}

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        widget = super().widget_from_django_field(f, default)
        widget = DayWidget if widget is widgets.DateWidget else widget
        if getattr(f, "choices", None) and not f.is_relation:
            widget = choice_widget(
                widget, f.flatchoices, cls.choice_aliases.get(f.name)
            )
        return widget


class CountryResource(ReferenceResource):
    region = lookup(Region, "slug", "region")

    class Meta(ReferenceResource.Meta):
        model = Country
        import_id_fields = ["code"]
        fields = ["code", "name_es", "name_en", "region", "is_active"]


class OrganisationResource(ReferenceResource):
    country = lookup(Country, "code", "country")

    class Meta(ReferenceResource.Meta):
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "acronym_es",
            "acronym_en",
            "name_es",
            "name_en",
            "kind",
            "country",
            "iati_type",
            "iati_identifier",
            "website",
        ]


class BlocMembershipResource(ReferenceResource):
    bloc = lookup(Bloc, "slug", "bloc")
    country = lookup(Country, "code", "country")

    class Meta(ReferenceResource.Meta):
        model = BlocMembership
        fields = [
            "id",
            "bloc",
            "country",
            "status",
            "since",
            "until",
            "source",
            "needs_review",
            "note",
        ]


class RegionResource(ReferenceResource):
    parent = lookup(Region, "slug", "parent")

    class Meta(ReferenceResource.Meta):
        model = Region
        import_id_fields = ["slug"]
        fields = ["slug", "name_es", "name_en", "parent", "iati_code", "position"]


class ProvinceResource(ReferenceResource):
    class Meta(ReferenceResource.Meta):
        model = Province
        import_id_fields = ["code"]
        fields = ["code", "slug", "name_es", "name_en"]


class BlocResource(ReferenceResource):
    class Meta(ReferenceResource.Meta):
        model = Bloc
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "acronym_es",
            "acronym_en",
            "name_es",
            "name_en",
            "kind",
            "founded",
            "website",
            "description_es",
            "description_en",
        ]
