"""Full-text search of projects (issue 14): the index and vocabulary tables that
``projects.fulltext`` reads and ``projects.search.reindex`` writes.

PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions (trusted: the database's
owner may create them), the text search configurations ``dgcin_es`` and ``dgcin_en``
(Spanish and English Snowball stemming after ``unaccent``), the tsvector table with
its GIN index, and the vocabulary with a trigram index.
SQLite: an FTS5 table (stemmed in Python) and the vocabulary.
Existing projects are indexed at the end.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

POSTGRESQL = [
    *(
        f"""
        CREATE TEXT SEARCH CONFIGURATION dgcin_{code} (COPY = pg_catalog.{language});
        ALTER TEXT SEARCH CONFIGURATION dgcin_{code}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem;
        """
        for code, language in (("es", "spanish"), ("en", "english"))
    ),
    """
    CREATE TABLE projects_search_document (
        -- No foreign key: the test runner's TRUNCATE of the projects must not
        -- need it; a project's post_delete removes its row.
        project_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    );
    CREATE INDEX projects_search_document_gin
        ON projects_search_document USING gin (document);
    CREATE TABLE projects_search_word (word varchar(40) PRIMARY KEY);
    CREATE INDEX projects_search_word_trgm
        ON projects_search_word USING gin (word gin_trgm_ops);
    """,
]
POSTGRESQL_REVERSE = """
    DROP TABLE IF EXISTS projects_search_word;
    DROP TABLE IF EXISTS projects_search_document;
    DROP TEXT SEARCH CONFIGURATION IF EXISTS dgcin_es;
    DROP TEXT SEARCH CONFIGURATION IF EXISTS dgcin_en;
"""
SQLITE = [
    "CREATE VIRTUAL TABLE projects_search_fts USING fts5(a, b, c)",
    "CREATE TABLE projects_search_word (word varchar(40) PRIMARY KEY) WITHOUT ROWID",
]
SQLITE_REVERSE = [
    "DROP TABLE IF EXISTS projects_search_word",
    "DROP TABLE IF EXISTS projects_search_fts",
]


class KeptUnaccent(UnaccentExtension):
    """Created if missing; never dropped going back (pg_trgm was already used by
    0003's index, and an extension may serve objects this migration did not make)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class KeptTrigram(TrigramExtension):
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRESQL if postgres else SQLITE:
        schema_editor.execute(statement)
    # The projects already there are indexed after the whole migrate has run
    # (projects.search.index_after_migrate): reindex() is today's code and reads
    # today's schema, which later migrations may still be building.


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)
    else:
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("projects", "0013_view_all_projects")]

    operations = [
        KeptUnaccent(),
        KeptTrigram(),
        migrations.RunPython(create, drop, elidable=False),
    ]
