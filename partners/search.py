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

    def refresh_search_text(self):
        self.search_text = fold(
            " ".join(str(getattr(self, name) or "") for name in self.search_fields)
        )
