"""The permission matrix: every admin URL, admin action, autocomplete field and
view that needs signing in, asked as every role, against the table in
``permission_table`` (written out for people in docs/permissions.md).

What is asked is read from the site (``matrix_plan``), not from a list kept
here: an admin, URL, action or view without a row fails by name, and so does a
row for something the site no longer has. Each request runs in a transaction
rolled back after it, so every one meets the same database; a GET, and a POST
that is refused, must change nothing in it.
"""

from pathlib import Path

import pytest
from django.contrib import admin
from django.db import transaction

from projects.models import Project

from . import matrix_plan, matrix_world, permission_doc
from . import matrix_site as site
from .permission_table import PUBLIC_VIEWS, REFUSED, ROLES, expected

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

# Every test is a database test (so the reference data is there when the module's
# world is built, even after a transactional test emptied the tables).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and objects, and what to ask, built once for the module inside a
    transaction rolled back when the module is done (each test nests its own)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = matrix_world.build()
            world.plan = matrix_plan.plan(world)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _imports_in_the_cache(settings):
    """Import previews keep their file in the (per-test) cache, not in /tmp."""
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"


def missing_rows(plan, table):
    """What the site has and the table does not, and the reverse, in words."""
    problems = [
        f"no row for {section} | {row}"
        for section, row in sorted(set(plan) - set(table))
    ]
    problems += [
        f"a row for what the site no longer has: {section} | {row}"
        for section, row in sorted(set(table) - set(plan))
    ]
    problems += [
        f"an admin URL the matrix does not know how to ask: {url}"
        for url in site.unsorted_admin_urls()
    ]
    registered = {site.label(model) for model in admin.site._registry}
    problems += [
        f"no rows for the admin of {name}"
        for name in sorted(registered - {section for section, _row in table})
    ]
    problems += [
        f"a view outside the admin with no row (ask it in matrix_plan.view_rows, "
        f"or list it in PUBLIC_VIEWS if anybody may see it): {name}"
        for name in sorted(site.view_names() - PUBLIC_VIEWS - matrix_plan.VIEWS_ASKED)
    ]
    return problems


def test_every_admin_url_action_and_view_has_a_row(world):
    problems = missing_rows(world.plan, expected())
    assert problems == [], (
        "\n".join(problems) + "\nRun the role tests to see what each role gets, "
        "check it against the Roles of DESIGN.md and write the rows in "
        "tests/accounts/permission_table.py."
    )


def mark_reviewed(modeladmin, request, queryset):
    """An action the table has no row for."""


def test_a_new_action_or_a_missing_row_is_named(world, monkeypatch):
    project_admin = admin.site._registry[Project]
    monkeypatch.setattr(
        project_admin, "actions", [*project_admin.actions, mark_reviewed]
    )
    table = expected()
    del table["accounts", "account"]
    problems = missing_rows(matrix_plan.plan(world), table)
    assert {
        "no row for accounts | account",
        "no row for projects.project | action mark_reviewed [draft]",
        "no row for projects.project | action mark_reviewed [published]",
    } <= set(problems)
    assert "no row for projects.project | action publish [draft]" not in problems


@pytest.mark.parametrize("role", ROLES)
def test_what_each_role_reaches(world, role):
    """Every row, asked as ``role``, answers as the table says."""
    table = expected()
    client = matrix_plan.client_for(world, role)
    problems = []
    for key, ask in world.plan.items():
        method, response, writes, error = ask(world, client, role)
        got = site.outcome(method, response, writes, error)
        want = table.get(key, {}).get(role, "(no row)")
        where = f"{key[0]} | {key[1]}"
        if got != want:
            detail = f" ({error})" if error else ""
            if writes and want in REFUSED:
                detail += f" — it wrote: {writes[:3]}"
            problems.append(f"{where}: the table says {want}, got {got}{detail}")
        if method == "GET" and writes:
            problems.append(f"{where}: a GET wrote to the database: {writes[:3]}")
    assert problems == [], f"As {role}:\n" + "\n".join(problems)


def test_docs_permissions_md_is_the_table():
    """docs/permissions.md is written from the table, never by hand."""
    assert DOC.read_text(encoding="utf-8") == permission_doc.render(), (
        "docs/permissions.md differs from tests/accounts/permission_table.py: run "
        "DJANGO_SETTINGS_MODULE=dgcin.settings.test "
        ".venv/bin/python -m tests.accounts.permission_doc"
    )
