"""docs/permissions.md, written from the permission matrix's table:

    DJANGO_SETTINGS_MODULE=dgcin.settings.test \\
        .venv/bin/python -m tests.accounts.permission_doc

writes it; ``test_permission_matrix`` fails while the file and the table differ.
The admins' names and their actions' descriptions come from the admin, in English.
"""

import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

SHORT = {
    "anonymous": "anonymous",
    "editor_own": "Editor (own)",
    "editor_other": "Editor (other)",
    "coordination": "Coordinación",
    "reviewer": "Revisor",
    "reader": "Lectura",
    "administration": "Administración",
    "focal_point": "focal point",
    "superuser": "superuser",
}
CELLS = {"ok": "✓", "done": "✓", "redir": "✓ →", "kept": "—", "login": "sign-in"}
CELLS |= {"index": "home"}
KINDS = {
    "changelist": "list",
    "add": "add form",
    "import": "import page",
    "process_import POST": "import a file (confirmed)",
    "export": "export",
    "change": "change page",
    "change POST": "save the change form",
    "password_change": "set the password",
    "delete": "delete page",
    "delete POST": "delete (confirmed)",
    "history": "history",
    "simple_history": "an old version",
    "simple_history POST": "revert to the old version",
    "review POST": "review step from the proposal's page",
}
SITE = {
    "index": "admin home",
    "login": "sign-in",
    "logout POST": "sign out",
    "password_change": "change one's password",
    "password_change_done": "password changed",
    "jsi18n": "JavaScript translations",
    "view_on_site": "“view on site” link of a draft project",
    "object link": "short link `/admin/projects/project/<id>/`",
    "catch-all": "an address the admin does not have",
}
# What the people who are not a shipped role may do.
OTHERS = {
    "anonymous": "Nothing behind a sign-in.",
    "focal point (not staff)": "A province's account (Directory → Focal-point "
    "accounts): writes its province's proposals and sends them, at /proposals/.",
    "superuser": "Everything, but what nobody may (an unsent draft is its "
    "focal point's; a shipped role is kept by accounts/roles.py).",
}
LEGEND = """\
| cell | means |
|---|---|
| ✓ | allowed: the page opens (a change page read-only to those who may only view \
it), or the POST does what it says |
| ✓ → | allowed: sent on to the page it links to |
| — | answered, nothing changed: the action is not offered to them, the object \
is not theirs, or the step does not apply |
| home | sent to the admin's home page: for an object, as if it did not exist |
| sign-in | sent to sign in (the admin's sign-in for anyone not staff) |
| 400, 403, 404 | refused with that status |
"""


def row_label(section, row, grouped=False):
    kind, _, subject = row.partition(" [")
    subject = f" ({subject.rstrip(']')})" if subject else ""
    if section == "admin site":
        if kind.startswith("app_list "):
            return f"app page `{kind.removeprefix('app_list ')}`"
        if kind.startswith("autocomplete "):
            return f"autocomplete of `{kind.removeprefix('autocomplete ')}`"
        return SITE.get(kind, kind)
    if kind.startswith("action "):
        words = action_description(section, kind[7:], grouped)
        return f"action “{words}”{subject}"
    if section in ("programmes", "proposals", "accounts"):
        return f"`{kind}`{subject}"
    return f"{KINDS.get(kind, kind)}{subject}"


def model_admin(section):
    from django.apps import apps
    from django.contrib import admin

    return admin.site._registry[apps.get_model(section)]


def action_description(section, name, grouped=False):
    """The action's words in the list's menu, as a superuser sees the menu."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory
    from django.utils.text import capfirst

    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    actions = model_admin(section).get_actions(request)
    if name not in actions:
        return name
    names = "…" if grouped else model_admin(section).opts.verbose_name_plural
    words = actions[name].description
    return capfirst(str(words) % {"verbose_name_plural": names})


def title(section):
    from django.utils.text import capfirst

    return f"{capfirst(model_admin(section).opts.verbose_name_plural)} (`{section}`)"


def table(section, rows, roles, grouped=False):
    lines = [
        "| | " + " | ".join(SHORT[role] for role in roles) + " |",
        "|---" * (len(roles) + 1) + "|",
    ]
    for row, words in rows.items():
        cells = [CELLS.get(words[role], words[role]) for role in roles]
        label = row_label(section, row, grouped)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sections():
    """[(heading, section, rows, grouped)]: admins that answer alike share one
    heading (and their actions' words say "…" for their names)."""
    from .permission_table import TABLE, expected

    rows = {}
    for (section, row), words in expected().items():
        rows.setdefault(section, {})[row] = words
    alike = {}
    for section in TABLE:
        alike.setdefault(TABLE[section], []).append(section)
    done, found = set(), []
    for section in TABLE:
        if section in done:
            continue
        group = alike[TABLE[section]]
        done.update(group)
        if section == "admin site":
            heading = "The admin site (`/admin/`)"
        elif section == "programmes":
            heading = "Bilateral programmes' pages (`/programmes/`)"
        elif section == "proposals":
            heading = "Proposals (`/proposals/`)"
        elif section == "accounts":
            heading = "Accounts (`/accounts/`)"
        else:
            heading = ", ".join(title(name) for name in group)
        found.append((heading, section, rows[section], len(group) > 1))
    return found


def render():
    from django.utils import translation

    from accounts.roles import ROLES as GROUPS

    from .permission_table import PUBLIC_VIEWS, ROLE_TITLES, ROLES

    with translation.override("en"):
        parts = [
            "# Who may do what\n",
            "<!-- Written by `python -m tests.accounts.permission_doc` from "
            "tests/accounts/permission_table.py: change the table, not this "
            "file. -->\n",
            "Every cell below is a request the permission matrix test "
            "(`tests/accounts/test_permission_matrix.py`) sends as a real user of "
            "that role, on SQLite and on PostgreSQL: every admin URL, action and "
            "autocomplete, and every page outside the admin that needs signing in. "
            "What it asks is read from the site, so a new admin, action or view "
            "fails the test until the table has its row. Every rule behind the "
            "cells is in `accounts/permissions.py`; the roles are the groups "
            "`accounts/roles.py` ships.\n",
            "## The roles\n",
            "| column | who | may |\n|---|---|---|",
        ]
        descriptions = OTHERS | {group.name: str(group.description) for group in GROUPS}
        for role in ROLES:
            who = ROLE_TITLES[role]
            group = who.split(",")[0] if role.startswith("editor") else who
            parts.append(f"| {SHORT[role]} | {who} | {descriptions.get(group, '')} |")
        parts += [
            "",
            "The objects asked about belong to the Directorate of Bilateral "
            "Cooperation: “Editor (own)” works there, “Editor (other)” in the "
            "Directorate of Multilateral Cooperation. The Revisor, Lectura and "
            "Administración users work in the owning directorate too: working in "
            "a directorate gives nothing the role does not. The focal point is "
            "Tucumán's; “other province” is a proposal of Salta.\n",
            "## How to read a cell\n",
            LEGEND,
        ]
        for heading, section, rows, grouped in sections():
            parts += [f"## {heading}\n", table(section, rows, ROLES, grouped), ""]
        parts += [
            "## Not in the table: pages anybody may see\n",
            ", ".join(f"`{name}`" for name in sorted(PUBLIC_VIEWS)) + ".",
            "",
        ]
    return "\n".join(parts)


if __name__ == "__main__":
    import django

    django.setup()
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"Wrote {DOC}\n")
