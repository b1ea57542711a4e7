"""On PostgreSQL, a trigram index serves the catalogue's LIKE '%word%' search.

SQLite has no such index; the migration does nothing there.
"""

from django.db import migrations

INDEX = "projects_project_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_project "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_planned_start_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
