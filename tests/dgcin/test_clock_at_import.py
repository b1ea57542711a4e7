"""No test module reads the clock when it is imported.

A date taken at collection ("tomorrow" in a constant, a parametrize argument) is a
day old once a run crosses midnight in TIME_ZONE, and the tests built on it fail.
Tests take today when they run: in the test, a fixture or a function."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CLOCK = {"now", "today", "utcnow", "localdate", "localtime"}
# With an argument these convert a given moment; without one they read the clock.
CONVERTERS = {"localdate", "localtime"}


def reads_clock(call):
    function = call.func
    if isinstance(function, ast.Attribute):
        name = function.attr
    elif isinstance(function, ast.Name):
        name = function.id
    else:
        return False
    if name in CONVERTERS:
        return not call.args and not call.keywords
    return name in CLOCK


def import_time_children(node):
    """The parts of ``node`` Python runs when the module is imported: all of it but
    the bodies of functions and lambdas (their decorators and default values run)."""
    if isinstance(node, ast.Lambda):
        return [node.args]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        body = {id(statement) for statement in node.body}
        return [c for c in ast.iter_child_nodes(node) if id(c) not in body]
    return list(ast.iter_child_nodes(node))


def clock_read_at_import(source):
    """[(line, code)] of every call reading the clock that runs at import."""
    found = []
    pending = [ast.parse(source)]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call) and reads_clock(node):
            found.append((node.lineno, ast.unparse(node)))
        pending.extend(import_time_children(node))
    return sorted(found)


def test_the_check_sees_what_runs_at_import_and_nothing_else():
    sample = """
import datetime
import pytest
from django.utils import timezone

TODAY = timezone.localdate()

@pytest.mark.parametrize("day", [datetime.date.today()])
def test_a(day, moment=datetime.datetime.now(datetime.UTC)):
    return timezone.localdate(), day, moment

class TestB:
    LATER = timezone.now()

    def test_c(self):
        return timezone.localtime()

CONVERTED = timezone.localdate(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
DEFERRED = lambda: timezone.now()
"""
    assert clock_read_at_import(sample) == [
        (6, "timezone.localdate()"),
        (8, "datetime.date.today()"),
        (9, "datetime.datetime.now(datetime.UTC)"),
        (13, "timezone.now()"),
    ]


def test_no_test_module_reads_the_clock_when_imported():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for line, code in clock_read_at_import(path.read_text(encoding="utf-8"))
    ]
    assert found == []
