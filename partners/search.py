"""Accent- and case-insensitive search that behaves the same on SQLite and PostgreSQL.

Each searchable model keeps a ``search_text`` column: its names in every language,
codes and acronyms, folded to lower-case ASCII. A query is folded the same way, so
"Peru" finds "Perú" and "cooperacion" finds "Cooperación".
"""

import unicodedata

from django.db import models

# Longer queries are cut: nobody types more, and it keeps LIKE patterns small.
MAX_QUERY_LENGTH = 100


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: "Perú  Côte" -> "peru cote"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


class SearchQuerySet(models.QuerySet):
    def search(self, query: str):
        """Rows whose search text holds every word of ``query``, in any order."""
        queryset = self
        for word in fold(query[:MAX_QUERY_LENGTH]).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def bulk_create(self, objs, *args, **kwargs):
        """Rows made in bulk skip ``save()``: their search text is set here."""
        objs = list(objs)
        for obj in objs:
            obj.refresh_search_text()
        return super().bulk_create(objs, *args, **kwargs)


class Searchable(models.Model):
    """Keeps ``search_text`` in step with the fields named in ``search_fields``."""

    search_fields: tuple[str, ...] = ()

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
        self.stored_search_text = self.search_text

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # The text as stored, to tell whether a save changes it (None: not loaded).
        instance.stored_search_text = instance.__dict__.get("search_text")
        return instance

    @property
    def search_text_changed(self):
        """Whether the text being saved differs from the stored one (for post_save
        receivers; true when the stored text is unknown)."""
        return getattr(self, "stored_search_text", None) != self.search_text

    def refresh_search_text(self):
        self.search_text = self.build_search_text()

    def build_search_text(self):
        """The folded text of ``search_fields``; models add to it by overriding."""
        return fold(
            " ".join(str(getattr(self, name) or "") for name in self.search_fields)
        )
