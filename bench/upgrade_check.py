#!/usr/bin/env python
"""Upgrade check (issue 11): a database and its uploaded files, made by the code of
an older commit, migrate with today's tree and lose nothing.

    .venv/bin/python bench/upgrade_check.py --sqlite /tmp/upgrade.sqlite3
    .venv/bin/python bench/upgrade_check.py --postgres dgcin_upgrade_check
        [--from 3d4c5c4] [--to PATH] [--migrate-first APP] [--keep]

1. ``git worktree add`` of --from (default 3d4c5c4, the last main before proposals
   left the projects app) in a temporary folder. Every command of that tree runs
   with this interpreter and its folder as the current directory, so the old tree's
   packages are imported before the editable install of this one (the report shows
   where ``projects`` was imported from).
2. In the old tree: ``migrate``, the loaders of ``make setup`` (load_partners,
   load_directory, load_project_references, load_sample_projects), then proposals
   made with the old code: focal points and their invitations, uploaded files (in a
   temporary DJANGO_MEDIA_ROOT), every step of the workflow (submit, review, ask for
   changes, resubmit, accept into a project, reject, withdraw), edits that write
   history with its many-to-many records, reviewers with review_proposal granted
   directly and through a group, admin log entries, a project document with a file;
   the old ``db_worker`` then sends the queued e-mails, and one more step leaves a
   task queued, as an upgrade finds a live queue.
3. A snapshot: the row count of every table, the hash of every file under
   MEDIA_ROOT, the proposals with their links, events, history and files, the
   reviewers' permissions, the admin log, the content types and permissions, the
   task queue.
4. ``migrate`` with today's tree (--to, default the tree this script is in; with
   --migrate-first APP, ``migrate APP`` first, as a deployment that migrates app by
   app would) on the same database and MEDIA_ROOT, the same snapshot, then
   ``migrate --check``, ``check --fail-level WARNING`` and ``makemigrations
   --check``; a new proposal with a file and history written by today's code, and
   today's ``db_worker`` run on the queue.
5. The comparison: every old table's rows (projects_*proposal* tables under their
   proposals_* names), every file with the same hash and still referenced, every
   proposal's fields, links, events, attachments and history records, every granted
   permission, log entry, content type and permission (same ids), every queued task
   run by today's worker, new rows after the old ones. A report; exit status 1 on any
   loss.

Both trees run with dgcin.settings.dev (which both have) and the database task queue
of production (dev runs tasks at once); DATABASE_URL and DJANGO_MEDIA_ROOT point at
the throw-away database and folder. --sqlite FILE must not exist; --postgres NAME is
created with ``createdb`` and dropped at the end (127.0.0.1:5432, user postgres,
unless --pg-url). --keep leaves the database and the media folder for inspection;
the worktree is always removed. Each command's output goes to a log file, named at
the end of the report.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import urlparse

from upgrade_compare import Report, compare
from upgrade_snippets import (
    FACTS,
    MARK,
    NEW_WRITES,
    OLD_DATA,
    OLD_QUEUED,
    ROOT,
    SETTINGS,
    TASKS,
)


def run(label, command, cwd, env, log):
    """Run ``command``; its output goes to ``log``. Returns (exit status, output)."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    with log.open("a") as file:
        file.write(f"$ (cd {cwd} && {' '.join(map(str, command))})\n{output}\n")
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}"
    print(f"  {label:<44} {status}")
    return result.returncode, output


def manage(label, tree, env, log, *args, must=True):
    status, output = run(
        label, [sys.executable, "manage.py", *args], cwd=tree, env=env, log=log
    )
    if status and must:
        print(textwrap.indent(output[-3000:], "    | "))
        raise SystemExit(f"{label} failed; full output in {log}")
    return status, output


def query(label, tree, env, log, code="snapshot()"):
    """Run ``code`` after FACTS in ``tree``; return what it emit()s."""
    _, output = manage(label, tree, env, log, "shell", "-c", FACTS + code)
    for line in output.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise SystemExit(f"{label}: nothing emitted; see {log}")


def media_files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite", metavar="FILE", help="a new SQLite file")
    where.add_argument("--postgres", metavar="NAME", help="a new PostgreSQL database")
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server and user (no password: trust or ~/.pgpass)",
    )
    parser.add_argument("--from", dest="old", default="3d4c5c4", help="old commit")
    parser.add_argument(
        "--to", default=str(ROOT), help="the new tree (default: this one)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and the media folder"
    )
    parser.add_argument(
        "--migrate-first",
        metavar="APP",
        action="append",
        default=[],
        help="in the new tree, `migrate APP` before `migrate` (as a deployment "
        "that migrates app by app would); repeatable",
    )
    args = parser.parse_args()

    pg = urlparse(args.pg_url)
    pg_options = [
        "-h",
        pg.hostname,
        "-p",
        str(pg.port or 5432),
        "-U",
        pg.username or "postgres",
    ]
    if args.sqlite:
        database = Path(args.sqlite).resolve()
        if database.exists():
            raise SystemExit(f"{database} exists: give a new file")
        database_url = f"sqlite:///{database}"
    else:
        database_url = f"{args.pg_url.rstrip('/')}/{args.postgres}"
        created = subprocess.run(
            ["createdb", *pg_options, args.postgres], capture_output=True, text=True
        )
        if created.returncode:
            raise SystemExit(f"createdb {args.postgres}: {created.stderr.strip()}")

    work = Path(tempfile.mkdtemp(prefix="upgrade-check-"))
    old_tree, media, log = work / "old", work / "media", work / "commands.log"
    (work / "settings").mkdir()
    (work / "settings" / "upgrade_check_settings.py").write_text(SETTINGS)
    media.mkdir()
    new_tree = Path(args.to).resolve()

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTHONPATH"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "upgrade_check_settings",
        "PYTHONPATH": str(work / "settings"),
        "DATABASE_URL": database_url,
        "DJANGO_DB_POOL": "false",
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }

    report = Report()
    try:
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "worktree",
                "add",
                "--detach",
                str(old_tree),
                args.old,
            ],
            check=True,
            capture_output=True,
        )
        commit = subprocess.run(
            ["git", "-C", str(old_tree), "log", "-1", "--format=%h %s"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        backend = f"SQLite {database}" if args.sqlite else f"PostgreSQL {args.postgres}"
        print(f"Upgrade check on {backend}")
        print(f"  from {commit}\n  to   {new_tree}\n  media {media}\n  log  {log}")

        print(f"\nOld tree ({args.old})")
        manage("migrate", old_tree, env, log, "migrate", "--noinput")
        for loader in (
            "load_partners",
            "load_directory",
            "load_project_references",
            "load_sample_projects",
        ):
            manage(loader, old_tree, env, log, loader)
        query(
            "proposals, files, workflow, history",
            old_tree,
            env,
            log,
            OLD_DATA + "\nemit(None)",
        )
        manage(
            "db_worker --batch (sends the queued e-mails)",
            old_tree,
            env,
            log,
            "db_worker",
            "--batch",
            "--no-startup-delay",
        )
        query(
            "one more step, its e-mail left queued",
            old_tree,
            env,
            log,
            OLD_QUEUED + "\nemit(None)",
        )
        old = query("snapshot", old_tree, env, log)
        old_files = media_files(media)

        print(f"\nNew tree ({new_tree})")
        applied = []
        for app in [*args.migrate_first, None]:
            label = f"migrate {app}" if app else "migrate"
            _, migrated = manage(
                label,
                new_tree,
                env,
                log,
                "migrate",
                *([app] if app else []),
                "--noinput",
            )
            for line in migrated.splitlines():
                if "Applying" in line:
                    applied.append(line.strip())
                    print(f"    {line.strip()}")
        new = query("snapshot", new_tree, env, log)
        new_files = media_files(media)
        checks = [
            ("migrate --check", ["migrate", "--check"]),
            ("check --fail-level WARNING", ["check", "--fail-level", "WARNING"]),
            (
                "makemigrations --check --dry-run",
                ["makemigrations", "--check", "--dry-run"],
            ),
        ]
        results = {
            label: manage(label, new_tree, env, log, *command, must=False)
            for label, command in checks
        }
        writes = query(
            "a new proposal, file and history", new_tree, env, log, NEW_WRITES
        )
        manage(
            "db_worker --batch (new tree)",
            new_tree,
            env,
            log,
            "db_worker",
            "--batch",
            "--no-startup-delay",
        )
        tasks = query("task results", new_tree, env, log, TASKS)

        print("\nWhich code ran")
        report.check(
            old["projects_module"].startswith(str(old_tree)),
            f"old tree imported projects from {old['projects_module']}",
        )
        report.check(
            new["projects_module"].startswith(str(new_tree)),
            f"new tree imported projects from {new['projects_module']}",
        )
        report.check(
            bool(applied), f"{len(applied)} migrations applied by the new tree"
        )
        compare(old, new, old_files, new_files, tasks, report)

        print("\nNew tree's checks")
        for label, (status, output) in results.items():
            report.check(status == 0, label, output.strip()[-2000:])
        report.check(
            writes["readable"]
            and writes["history"] >= 2
            and all(
                (writes["after"][t] or 0) > (writes["before"][t] or 0)
                for t in writes["before"]
            ),
            "a new proposal, attachment, event and history (with many-to-many) are "
            "written after the old rows",
            writes,
        )
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
            capture_output=True,
            check=False,
        )
        if args.keep:
            print(f"\nKept: {database_url} and {media}")
        else:
            if args.sqlite:
                database.unlink(missing_ok=True)
            else:
                subprocess.run(
                    ["dropdb", *pg_options, "--if-exists", args.postgres],
                    capture_output=True,
                )
            shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(work / "settings", ignore_errors=True)

    if report.failures:
        print(f"\nFAILED: {len(report.failures)} check(s); commands' output in {log}")
        for failure in report.failures:
            print(f"  - {failure}")
        return 1
    print(f"\nPASSED: nothing lost. Commands' output in {log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
