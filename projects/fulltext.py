"""Full-text search of the published projects, the same on SQLite and PostgreSQL.

A project's public text (``projects.search.documents``) is indexed in three weighted
parts: A (titles, identifiers), B (summaries, partners) and C (everything else).

- PostgreSQL: ``projects_search_document.document``, a tsvector of every part through
  both text search configurations ``dgcin_es`` and ``dgcin_en`` (Snowball stemming
  after ``unaccent``; migration 0014), with a GIN index; ranked by ``ts_rank_cd``.
- SQLite: the FTS5 table ``projects_search_fts``, whose text is stemmed here by
  ``snowballstemmer`` (Spanish and English stems of every folded word); ranked by
  ``bm25``.

Both match whole words after stemming, with accents and case folded and stop words
(the same Snowball lists PostgreSQL uses) dropped. Typos: ``projects_search_word``
holds the folded words of the published projects; a query word of 6 letters or more
that is not there also matches its known spellings one edit away (a letter left out,
added, changed, or two swapped), and ``suggestions`` proposes the closest known
words when nothing is found (on PostgreSQL also by ``pg_trgm`` similarity).
"""

import functools
import re
import threading
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection
from django.db.models import F, FloatField, Func
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from partners.search import MAX_QUERY_LENGTH, fold

from .stopwords import STOP_WORDS

WORD = re.compile(r"[a-z0-9]+")
# Query words used (the rest are ignored), and the longest word looked at.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
# Shortest word whose one-edit misspellings are matched.
MIN_TYPO_LENGTH = 6
# Longest word whose misspellings are looked up (their number grows with length).
MAX_TYPO_LENGTH = 24
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Words shorter than this are not put in the vocabulary.
MIN_VOCABULARY_LENGTH = 3
# bm25 weights of the parts, as setweight's A, B and C on PostgreSQL.
WEIGHTS = (10.0, 4.0, 1.0)
PARTS = "abc"

DOCUMENT_TABLE = "projects_search_document"
FTS_TABLE = "projects_search_fts"
WORD_TABLE = "projects_search_word"

_stemmers = threading.local()


@functools.lru_cache(maxsize=65536)
def stems(word):
    """The Spanish and English stems of a folded word, remembered: a project's
    texts repeat their words, and stemming is most of the cost of indexing them.
    (Snowball stemmers are not thread-safe: one pair per thread.)"""
    if not hasattr(_stemmers, "pair"):
        _stemmers.pair = (
            snowballstemmer.stemmer("spanish"),
            snowballstemmer.stemmer("english"),
        )
    return frozenset(stemmer.stemWord(word) for stemmer in _stemmers.pair)


def words(text):
    """The folded words of ``text`` without stop words: "Los Proyectos de Educación"
    -> ["proyectos", "educacion"]."""
    return [word for word in WORD.findall(fold(text)) if word not in STOP_WORDS]


def stemmed(text):
    """SQLite's indexed text: each word's Spanish and English stems."""
    return " ".join(" ".join(sorted(stems(word))) for word in words(text))


def vocabulary(text):
    return {
        word
        for word in words(text)
        if MIN_VOCABULARY_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()
    }


def variants(word):
    """Every string one edit away (deletion, transposition, substitution,
    insertion) from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {left + right[1:] for left, right in splits if right}
    found |= {
        left + right[1] + right[0] + right[2:]
        for left, right in splits
        if len(right) > 1
    }
    found |= {left + c + right[1:] for left, right in splits if right for c in ALPHABET}
    found |= {left + c + right for left, right in splits for c in ALPHABET}
    found.discard(word)
    return found


def distance(first, second):
    """Damerau-Levenshtein distance (optimal string alignment)."""
    rows = [list(range(len(second) + 1))]
    for i, a in enumerate(first, 1):
        row = [i]
        for j, b in enumerate(second, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def known_words(candidates):
    """The ``candidates`` that the vocabulary holds (one query, none when empty)."""
    candidates = sorted(candidates)
    if not candidates:
        return set()
    found = set()
    with connection.cursor() as cursor:
        # Chunks stay under SQLite's limit of bound parameters.
        for start in range(0, len(candidates), 30000):
            chunk = candidates[start : start + 30000]
            cursor.execute(
                f"SELECT word FROM {WORD_TABLE} WHERE word IN "  # noqa: S608 - names are constants, values are bound
                f"({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found |= {row[0] for row in cursor.fetchall()}
    return found


@dataclass(eq=False)
class Query:
    """A parsed query: each word with the spellings it matches."""

    text: str
    terms: list = field(default_factory=list)  # [(word, [spellings])]
    known: set = field(default_factory=set)

    @property
    def empty(self):
        """True when the query has no word to search (nothing, or stop words)."""
        return not self.terms

    @property
    def stems(self):
        return {
            stem for _, spellings in self.terms for s in spellings for stem in stems(s)
        }

    @property
    def unknown(self):
        return [word for word, _ in self.terms if word not in self.known]


def cut_at_word(text, length):
    """``text`` cut to ``length`` characters, without the word the cut would split
    (a half word would find nothing)."""
    if len(text) <= length:
        return text
    cut = text[: length + 1]
    return cut.rsplit(None, 1)[0] if " " in cut.strip() else cut[:length]


def parse(text):
    """The query's words, each with its known one-edit spellings when it is long
    and unknown: one query to the vocabulary (none for an empty query)."""
    query_words = [
        word
        for word in dict.fromkeys(words(cut_at_word(str(text), MAX_QUERY_LENGTH)))
        if len(word) <= MAX_WORD_LENGTH
    ][:MAX_WORDS]
    candidates = set(query_words)
    for word in query_words:
        if MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
            candidates |= variants(word)
    known = known_words(candidates) if query_words else set()
    terms = []
    for word in query_words:
        spellings = [word]
        if word not in known and len(word) >= MIN_TYPO_LENGTH:
            spellings += sorted(variant for variant in variants(word) & known)
        terms.append((word, spellings))
    return Query(text=text, terms=terms, known=known)


def match_sql(query):
    """(SQL of the condition on the index, params) for ``query``'s terms, all of
    which must match (each by any of its spellings)."""
    if connection.vendor == "postgresql":
        parts, params = [], []
        for _, spellings in query.terms:
            alternatives = []
            for spelling in spellings:
                alternatives += [
                    "plainto_tsquery('dgcin_es', %s)",
                    "plainto_tsquery('dgcin_en', %s)",
                ]
                params += [spelling, spelling]
            parts.append(f"({' || '.join(alternatives)})")
        return "(" + " && ".join(parts) + ")", params
    expression = " AND ".join(
        "("
        + " OR ".join(f'"{s}"' for s in sorted(set().union(*map(stems, spellings))))
        + ")"
        for _, spellings in query.terms
    )
    return "%s", [expression]


def matching(queryset, query):
    """The rows of ``queryset`` (projects) whose text matches ``query``; an empty
    query matches nothing."""
    if query.empty:
        return queryset.none()
    condition, params = match_sql(query)
    if connection.vendor == "postgresql":
        sql = f"SELECT project_id FROM {DOCUMENT_TABLE} WHERE document @@ {condition}"  # noqa: S608 - names are constants, values are bound
    else:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {condition}"  # noqa: S608 - names are constants, values are bound
    return queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611 - names are constants, values are bound


class Rank(Func):
    """A project's relevance to a query (higher first), from its index row."""

    output_field = FloatField()

    def __init__(self, query):
        super().__init__(F("pk"))
        self.query = query

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        condition, params = match_sql(self.query)
        if connection.vendor == "postgresql":
            sql = (
                f"(SELECT ts_rank_cd(document, {condition}) FROM {DOCUMENT_TABLE} "  # noqa: S608 - names are constants, values are bound
                f"WHERE project_id = {pk_sql})"
            )
        else:
            weights = ", ".join(map(str, WEIGHTS))
            sql = (
                f"(SELECT -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "  # noqa: S608 - names are constants, values are bound
                f"WHERE {FTS_TABLE} MATCH {condition} AND rowid = {pk_sql})"
            )
        return sql, (*params, *pk_params)


def ranked(queryset, query, *then):
    """``queryset`` most relevant first, then by ``then``."""
    if query.empty:
        return queryset
    return queryset.annotate(search_rank=Rank(query)).order_by(
        "-search_rank", *then, "pk"
    )


def suggestions(query, limit=3):
    """[(suggested query, word used)]: the query with an unknown word replaced by
    the closest known one (one edit away; on PostgreSQL also similar by trigrams),
    closest first."""
    suggested = []
    for word in query.unknown[:3]:
        if len(word) < 4:
            continue
        candidates = (
            known_words(variants(word)) if len(word) <= MAX_TYPO_LENGTH else set()
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT word FROM {WORD_TABLE} WHERE word %% %s "  # noqa: S608 - names are constants, values are bound
                    "ORDER BY similarity(word, %s) DESC LIMIT 5",
                    [word, word],
                )
                candidates |= {row[0] for row in cursor.fetchall()}
        closest = sorted(
            (distance(word, candidate), candidate)
            for candidate in candidates
            if distance(word, candidate) <= 2
        )
        for _, candidate in closest[:limit]:
            text = " ".join(
                candidate if term == word else term for term, _ in query.terms
            )
            suggested.append((text, candidate))
    return suggested[:limit]


def highlighted(text, query, words_around=12, length=40):
    """The passage of ``text`` around its first word matching ``query``, escaped,
    its matching words in <mark>; None when no word matches."""
    tokens = list(re.finditer(r"\w+", text or ""))
    wanted = query.stems
    hits = [
        i
        for i, token in enumerate(tokens)
        if any(stems(w) & wanted for w in WORD.findall(fold(token.group())))
    ]
    if not hits:
        return None
    first = max(0, hits[0] - words_around)
    last = min(len(tokens), first + length)
    start = tokens[first].start() if first else 0
    end = tokens[last - 1].end() if last < len(tokens) else len(text)
    pieces = ["… "] if first else []
    position = start
    for i in range(first, last):
        token = tokens[i]
        pieces.append(escape(text[position : token.start()]))
        if i in hits:
            pieces.append(f"<mark>{escape(token.group())}</mark>")
        else:
            pieces.append(escape(token.group()))
        position = token.end()
    pieces.append(escape(text[position:end]))
    if last < len(tokens):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
