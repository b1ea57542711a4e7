"""Lists sorted as a Spanish reader expects, on SQLite and PostgreSQL alike.

"Córdoba" comes before "Corrientes", "Á" sorts as "A" and "ñ" after "n", whatever
the database's own collation. ``Collated("name")`` orders by a text field (the
active language's column of a translated one, as django-modeltranslation names it)
under the collation ``es-x-icu``: PostgreSQL's ICU collation for Spanish, and on
SQLite a collation of the same name that this module registers on every connection,
built on ``collation_key``. Python code that sorts names uses ``collation_key`` too.
"""

import unicodedata

from django.conf import settings
from django.db.models import Expression, F
from django.db.models.functions import Collate
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language

COLLATION = "es-x-icu"
# "ñ" is a letter of its own, after "n" and before "o".
_ENYE = {"ñ": "n\U0010ffff", "Ñ": "N\U0010ffff"}


def collation_key(text):
    """A sort key: letters without their accents and case first, then the accents,
    then the case, as the Spanish collation orders them."""
    text = str(text or "")
    spelled = "".join(_ENYE.get(char, char) for char in text)
    bare = "".join(
        char
        for char in unicodedata.normalize("NFD", spelled)
        if not unicodedata.combining(char)
    )
    return (bare.casefold(), text.casefold(), text)


def compare(first, second):
    """SQLite's collation callback: negative, zero or positive, as strcmp."""
    first, second = collation_key(first), collation_key(second)
    return (first > second) - (first < second)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: gives each SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


def translated_path(model, path, language):
    """``path`` with its last field replaced by the ``language`` column when that
    field is translated (``country__name`` -> ``country__name_es``)."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    localized = f"{name}_{language.replace('-', '_')}"
    fields = {field.name for field in model._meta.get_fields()}
    return "__".join([*relations, localized if localized in fields else name])


@deconstructible(path="partners.collation.Collated")
class Collated(Expression):
    """Order by ``path`` under the Spanish collation, in the active language's column;
    usable in ``order_by()``, ``Meta.ordering`` and ``ModelAdmin.ordering``."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def __repr__(self):
        return f"Collated({self.path!r})"

    def __eq__(self, other):
        return isinstance(other, Collated) and other.path == self.path

    def __hash__(self):
        return hash((Collated, self.path))

    def prefix_references(self, prefix):
        """The same order through a relation: Django calls this when a model is
        ordered by a relation whose model's ``Meta.ordering`` uses Collated."""
        return Collated(f"{prefix}{self.path}")

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        path = translated_path(query.model, self.path, language)
        return Collate(F(path), COLLATION).resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
