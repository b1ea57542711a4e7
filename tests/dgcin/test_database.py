import os

from django.db import connection


def test_the_suite_runs_on_the_database_ci_asked_for():
    """CI's second run sets DATABASE_URL to PostgreSQL: make sure it is really used."""
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres", "pgsql")) else "sqlite"
    assert connection.vendor == expected
