"""The layout holds: each app imports only the apps below it (ARCHITECTURE.md), and
no source file (apps, tests, benchmarks) grows past 500 lines."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# What each app may import, besides itself: the arrows of ARCHITECTURE.md.
# dgcin/ wires everything together, so it may import any app; no app imports it.
ALLOWED = {
    "partners": set(),
    "directory": {"partners"},
    "accounts": {"directory", "partners"},
    "projects": {"accounts", "directory", "partners"},
    "proposals": {"projects", "accounts", "directory", "partners"},
    "opendata": {"projects", "accounts", "directory", "partners"},
}
APPS = set(ALLOWED) | {"dgcin"}
MAX_LINES = 500


def source_files(app):
    """The app's Python files, migrations aside (they are history, not code)."""
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def imported_apps(path):
    """The project's apps that ``path`` imports, at any depth of the file
    (imports inside functions count too); relative imports stay in the app."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & APPS
    return found


def test_the_import_check_sees_imports_at_every_depth(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import partners.models\n"
        "from . import facets\n"
        "def view():\n"
        "    from proposals.models import Proposal\n"
        "    import json\n"
    )
    assert imported_apps(sample) == {"partners", "proposals"}


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_only_along_the_arrows(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - ALLOWED[app] - {app})
        for path in source_files(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_every_app_is_in_the_arrows():
    """A new app must take its place in ALLOWED (and in ARCHITECTURE.md)."""
    project_apps = {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (ROOT / app.split(".")[0] / "apps.py").exists()
    }
    assert project_apps == set(ALLOWED)
    architecture = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert all(f"`{app}/`" in architecture for app in APPS)


@pytest.mark.parametrize("app", [*sorted(APPS), "tests", "bench"])
def test_no_source_file_is_longer_than_500_lines(app):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in source_files(app)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
