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

ROOT = Path(__file__).resolve().parent.parent
# The line a snippet prints its JSON on (emit() in FACTS writes the same prefix).
MARK = "UPGRADE-CHECK-JSON "
# Models that left the projects app for the proposals app at 26c7c30.
MOVED_MODELS = [
    "proposal",
    "proposalattachment",
    "proposalevent",
    "historicalproposal",
    "historicalproposal_sdg_goals",
    "historicalproposal_partner_countries",
]
# Rows that change by design when migrating.
GROWS = {"django_migrations"}

SETTINGS = """\
# The development settings of whichever tree imports this, with production's task
# queue (the database), so that an upgrade finds tasks queued by the old code.
from dgcin.settings.dev import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
"""

# Shared by both snippets: the facts compared before and after.
FACTS = r'''
import hashlib, json
from importlib import import_module

import projects
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.models import Q
from django.utils.module_loading import import_string

LABEL = "proposals" if apps.is_installed("proposals") else "projects"


def sha256(field_file):
    with field_file.open("rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


def table_counts():
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(table))
            counts[table] = cursor.fetchone()[0]
    return counts


def history(record):
    return [
        record.history_id,
        record.history_type,
        record.history_date.isoformat(),
        record.history_user_id,
        record.status,
        record.title,
        sorted(row.country_id for row in record.partner_countries.all()),
        sorted(row.sdggoal_id for row in record.sdg_goals.all()),
    ]


def proposal_facts():
    Proposal = apps.get_model(LABEL, "Proposal")
    facts = {}
    for proposal in Proposal.objects.order_by("pk"):
        facts[proposal.pk] = {
            "title": proposal.title,
            "status": proposal.status,
            "province": proposal.province.code,
            "created_by": proposal.created_by_id,
            "project": proposal.project_id,
            "created_at": proposal.created_at.isoformat(),
            "countries": sorted(c.code for c in proposal.partner_countries.all()),
            "goals": sorted(g.number for g in proposal.sdg_goals.all()),
            "events": [
                [e.pk, e.action, e.from_status, e.to_status, e.actor_id, e.comment]
                for e in proposal.events.order_by("pk")
            ],
            "history": [history(r) for r in proposal.history.order_by("history_id")],
            "attachments": {
                a.pk: {
                    "kind": a.kind,
                    "name": a.file.name,
                    "original_name": a.original_name,
                    "size": a.size,
                    "sha256": sha256(a.file),
                }
                for a in proposal.attachments.order_by("pk")
            },
        }
    return facts


def file_fields():
    """{model label: [(field name, file name)]} of every FileField row."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = model._base_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                found.setdefault(model._meta.label, []).extend(
                    [field.name, name] for name in names
                )
    return found


def reviewers():
    User = get_user_model()
    review = Q(user_permissions__codename="review_proposal") | Q(
        groups__permissions__codename="review_proposal"
    )
    codename = "review_proposal"
    return {
        user.username: {
            "direct": user.user_permissions.filter(codename=codename).exists(),
            "group": user.groups.filter(permissions__codename=codename).exists(),
            "has_perm": user.has_perm(LABEL + "." + codename),
        }
        for user in User.objects.filter(review).distinct().order_by("username")
    }


def log_entries():
    facts = {}
    for entry in LogEntry.objects.select_related("content_type").order_by("pk"):
        try:
            found = entry.get_edited_object().pk
        except Exception as error:  # noqa: BLE001
            found = "not found: " + type(error).__name__
        content_type = entry.content_type
        facts[entry.pk] = {
            "content_type": content_type.app_label + "." + content_type.model,
            "object_id": entry.object_id,
            "found": str(found),
            "action_flag": entry.action_flag,
        }
    return facts


def queued_tasks():
    if not apps.is_installed("django_tasks_db"):
        return []
    from django_tasks_db.models import DBTaskResult

    tasks = []
    for result in DBTaskResult.objects.order_by("pk"):
        try:
            import_string(result.task_path)
            importable = True
        except ImportError as error:
            importable = str(error)
        tasks.append([str(result.pk), result.task_path, result.status, importable])
    return tasks


def emit(value):
    print("UPGRADE-CHECK-JSON " + json.dumps(value, default=str))


def snapshot():
    emit({
        "label": LABEL,
        "projects_module": projects.__file__,
        "proposals_module": import_module(LABEL).__file__,
        "media_root": str(settings.MEDIA_ROOT),
        "tables": table_counts(),
        "proposals": proposal_facts(),
        "file_fields": file_fields(),
        "files_missing": [
            [label, name]
            for label, rows in file_fields().items()
            for field, name in rows
            if not default_storage.exists(name)
        ],
        "reviewers": reviewers(),
        "log": log_entries(),
        "content_types": {
            ct.app_label + "." + ct.model: ct.pk for ct in ContentType.objects.all()
        },
        "permissions": {
            p.content_type.app_label + "." + p.codename: p.pk
            for p in Permission.objects.select_related("content_type")
        },
        "model_labels": sorted(
            m._meta.app_label + "." + m._meta.model_name for m in apps.get_models()
        ),
        "tasks": queued_tasks(),
    })
'''

# Run in the old tree after the loaders: proposals made the way the portal makes
# them. Written for the code before the move, but it finds the workflow wherever it
# lives so that it can start from a later commit too.
OLD_DATA = r"""
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from directory.models import FocalPoint, FocalPointAccount
from partners.models import Country, Province
from projects.models import (
    Currency, Document, DocumentCategory, Project, SdgGoal, Sector, SegibSector,
)

Proposal = apps.get_model(LABEL, "Proposal")
ProposalAttachment = apps.get_model(LABEL, "ProposalAttachment")
if LABEL == "proposals":
    workflow = import_module("proposals.workflow")
    invite = import_module("accounts.emails").invite
else:
    workflow = import_module("projects.proposals.workflow")
    invite = import_module("directory.accounts").invite
User = get_user_model()


def pdf(text):
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + b"% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def focal_point(code, email):
    province = Province.objects.get(code=code)
    point, _ = FocalPoint.objects.get_or_create(
        province=province,
        defaults={"institution": "Relaciones Internacionales de " + province.name},
    )
    user = User.objects.create_user(
        username=email, email=email, password="a-Str0ng-passphrase",
        first_name="Ana", last_name=province.name,
    )
    invite(FocalPointAccount.objects.create(user=user, focal_point=point))
    return user


def attach(proposal, user, kind, name):
    content = pdf(name + " of proposal " + str(proposal.pk))
    attachment = ProposalAttachment(
        proposal=proposal, kind=kind, original_name=name,
        content_type="application/pdf", size=len(content), uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def complete(user, title, countries, goals, **fields):
    values = {
        "title": title,
        "summary": "Transferir capacidades.",
        "background": "Baja productividad.",
        "general_objective": "Mejorar los ingresos.",
        "specific_objectives": "Capacitar a 40 técnicos.",
        "expected_results": "40 técnicos capacitados.",
        "target_population": "Cooperativas.",
        "modality": "bilateral",
        "instrument": "project",
        "argentina_role": "provider",
        "partner_institutions": "Ministerio de Agricultura.",
        "executing_institution": "INTA",
        "segib_sector": SegibSector.objects.first(),
        "dac_sector": Sector.objects.get(code="31195"),
        "duration_months": 24,
        "estimated_budget": 85000,
        "currency": Currency.objects.get(code="USD"),
        "endorsing_authority": "Ministra de Producción",
        "contact_name": "Ana Pérez",
        "contact_email": "ana.perez@example.gob.ar",
    } | fields
    proposal = workflow.start(Proposal(**values), user)
    proposal.partner_countries.set(Country.objects.filter(code__in=countries))
    proposal.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    attach(proposal, user, "endorsement", "nota de aval.pdf")
    return Proposal.objects.get(pk=proposal.pk)


def step(proposal, action, user, comment=""):
    workflow.apply(proposal, action, user, comment)
    return Proposal.objects.get(pk=proposal.pk)


tucuman = focal_point("AR-T", "fp-tucuman@example.gob.ar")
cordoba = focal_point("AR-X", "fp-cordoba@example.gob.ar")
direct = User.objects.create_user(
    username="revisora", email="revisora@cancilleria.gob.ar",
    password="a-Str0ng-passphrase", first_name="Rita", last_name="Revisora",
    is_staff=True,
)
direct.user_permissions.add(
    Permission.objects.get(codename="review_proposal"),
    Permission.objects.get(codename="change_proposal"),
    Permission.objects.get(codename="view_project"),
)
group = Group.objects.create(name="Revisores de propuestas")
group.permissions.add(Permission.objects.get(codename="review_proposal"))
through_group = User.objects.create_user(
    username="revisor-grupo", email="revisor@cancilleria.gob.ar",
    password="a-Str0ng-passphrase", is_staff=True,
)
through_group.groups.add(group)

# Accepted after a round of changes: it becomes a project.
accepted = complete(tucuman, "Apicultura en el Chaco paraguayo", ["PY"], [1, 2])
attach(accepted, tucuman, "concept-note", "nota conceptual.pdf")
accepted = step(accepted, "submit", tucuman)
accepted = step(accepted, "start-review", direct)
accepted = step(accepted, "request-changes", direct, "Falta el presupuesto.")
accepted.estimated_budget = 90000
accepted.partner_countries.add(Country.objects.get(code="BO"))
accepted.save()
attach(accepted, tucuman, "budget", "presupuesto.pdf")
accepted = step(accepted, "resubmit", tucuman)
accepted = step(accepted, "start-review", through_group)
accepted = step(accepted, "accept", direct, "Aprobada.")

rejected = complete(tucuman, "Gestión del agua en Potosí", ["BO"], [6])
rejected = step(rejected, "submit", tucuman)
rejected = step(rejected, "start-review", direct)
rejected = step(rejected, "reject", direct, "Fuera de las prioridades.")

withdrawn = complete(cordoba, "Energía solar en Cusco", ["PE"], [7, 13])
withdrawn = step(withdrawn, "submit", cordoba)
withdrawn = step(withdrawn, "withdraw", cordoba)

draft = complete(cordoba, "Vitivinicultura en Tarija", ["BO", "PY"], [8])
draft.title = "Vitivinicultura familiar en Tarija"
draft.save()
draft.sdg_goals.add(SdgGoal.objects.get(number=12))

LogEntry.objects.log_actions(
    user_id=direct.pk, queryset=[accepted], action_flag=CHANGE,
    change_message='[{"changed": {"fields": ["Estimated budget"]}}]',
    single_object=True,
)
LogEntry.objects.log_actions(
    user_id=through_group.pk, queryset=[rejected], action_flag=ADDITION,
    single_object=True,
)
project = Project.objects.get(pk=accepted.project_id)
LogEntry.objects.log_actions(
    user_id=direct.pk, queryset=[project], action_flag=CHANGE, single_object=True,
)
document = Document(
    project=project, title="Documento de proyecto",
    category=DocumentCategory.objects.order_by("code").first(), language="es",
)
document.file.save("documento.pdf", ContentFile(pdf("project document")), save=True)
"""

# After the old db_worker sent the e-mails: one step that leaves its e-mail queued.
OLD_QUEUED = r"""
Proposal = apps.get_model(LABEL, "Proposal")
workflow = import_module(
    "proposals.workflow" if LABEL == "proposals" else "projects.proposals.workflow"
)
draft = Proposal.objects.get(title="Vitivinicultura familiar en Tarija")
workflow.apply(draft, "submit", draft.created_by)
"""


# In the new tree after the upgrade: the portal still writes proposals, files and
# history (new ids follow the old ones: the sequences came along with the tables).
NEW_WRITES = r"""
from django.core.files.base import ContentFile
from django.db.models import Max

from partners.models import Country

Proposal = apps.get_model(LABEL, "Proposal")
ProposalAttachment = apps.get_model(LABEL, "ProposalAttachment")
ProposalEvent = apps.get_model(LABEL, "ProposalEvent")
workflow = import_module(LABEL + ".workflow")
History = Proposal.history.model
HistoryCountries = apps.get_model(LABEL, "HistoricalProposal_partner_countries")
tables = [Proposal, ProposalAttachment, ProposalEvent, History, HistoryCountries]


def last_ids():
    return {m._meta.db_table: m.objects.aggregate(n=Max("pk"))["n"] for m in tables}


before = last_ids()

user = get_user_model().objects.get(username="fp-tucuman@example.gob.ar")
proposal = workflow.start(Proposal(title="Propuesta tras la actualización"), user)
proposal.partner_countries.set(Country.objects.filter(code="UY"))
content = b"%PDF-1.4\n% after the upgrade\n%%EOF\n"
attachment = ProposalAttachment(
    proposal=proposal, kind="other", original_name="nueva.pdf",
    content_type="application/pdf", size=len(content), uploaded_by=user,
)
attachment.file.save("nueva.pdf", ContentFile(content), save=True)
proposal.title = "Propuesta corregida tras la actualización"
proposal.save()
after = last_ids()
with attachment.file.open("rb") as stored:
    readable = stored.read() == content
emit({"before": before, "after": after, "history": proposal.history.count(),
      "readable": readable})
"""

TASKS = r"""
emit(queued_tasks())
"""


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


def new_name(name):
    """An old table, content type or permission label under its name after the move."""
    for model in [*MOVED_MODELS, "proposal_partner_countries", "proposal_sdg_goals"]:
        if name == f"projects_{model}":
            return f"proposals_{model}"
        if name == f"projects.{model}":
            return f"proposals.{model}"
    if name.startswith("projects.") and name.split(".", 1)[1].endswith(
        tuple("_" + model for model in MOVED_MODELS)
    ):
        return "proposals." + name.split(".", 1)[1]
    return name


class Report:
    def __init__(self):
        self.failures = []

    def check(self, ok, what, detail=""):
        mark = "ok  " if ok else "FAIL"
        print(f"  [{mark}] {what}" + (f": {detail}" if detail and not ok else ""))
        if not ok:
            self.failures.append(what)
        return ok


def compare(old, new, old_files, new_files, ran_tasks, report):
    print("\nTables (rows before -> after; moved tables under their new names)")
    for table, count in sorted(old["tables"].items()):
        after = new["tables"].get(new_name(table))
        renamed = f" -> {new_name(table)}" if new_name(table) != table else ""
        ok = (after or 0) >= count if table in GROWS else after == count
        if not ok or renamed or "historical" in table or table in GROWS:
            report.check(ok, f"{table}{renamed}: {count} -> {after}")
    unchanged = [
        t
        for t, c in old["tables"].items()
        if new_name(t) == t and "historical" not in t and new["tables"].get(t) == c
    ]
    print(f"  [ok  ] {len(unchanged)} other tables: same rows")
    added = sorted(set(new["tables"]) - {new_name(t) for t in old["tables"]})
    print(f"  new tables: {', '.join(added) or 'none'}")
    report.check(
        not [t for t in new["tables"] if t.startswith("projects_") and "proposal" in t],
        "no projects_*proposal* table left",
    )
    history = {t: c for t, c in old["tables"].items() if "historical" in t}
    report.check(
        all(new["tables"].get(new_name(t)) == c for t, c in history.items()),
        f"history: {len(history)} tables, {sum(history.values())} rows kept",
    )

    print("\nFiles")
    changed = [n for n in old_files if new_files.get(n, old_files[n]) != old_files[n]]
    report.check(
        old_files == new_files,
        f"{len(old_files)} files under MEDIA_ROOT, same names and SHA-256",
        f"lost {sorted(set(old_files) - set(new_files))}, changed {changed}",
    )
    referenced = {name for rows in new["file_fields"].values() for _, name in rows}
    report.check(
        referenced == set(new_files),
        "every file is still referenced by its row, every row's file exists",
        f"unreferenced {sorted(set(new_files) - referenced)}, "
        f"missing {sorted(referenced - set(new_files))}",
    )
    report.check(
        not new["files_missing"], "storage opens every file", new["files_missing"]
    )
    old_refs = {
        new_name(label.lower()) + " " + name
        for label, rows in old["file_fields"].items()
        for _, name in rows
    }
    new_refs = {
        label.lower() + " " + name
        for label, rows in new["file_fields"].items()
        for _, name in rows
    }
    report.check(
        old_refs == new_refs,
        f"{len(old_refs)} file references, each on the same model",
        f"before only {sorted(old_refs - new_refs)}, "
        f"after only {sorted(new_refs - old_refs)}",
    )

    print("\nProposals")
    attachments = sum(len(p["attachments"]) for p in old["proposals"].values())
    events = sum(len(p["events"]) for p in old["proposals"].values())
    records = sum(len(p["history"]) for p in old["proposals"].values())
    m2m = sum(
        len(r[6]) + len(r[7]) for p in old["proposals"].values() for r in p["history"]
    )
    report.check(
        old["proposals"] == new["proposals"],
        f"{len(old['proposals'])} proposals with their partner countries, goals and "
        f"project; {attachments} attachments (name, size, SHA-256); {events} events; "
        f"{records} history records with {m2m} many-to-many history rows",
        diff(old["proposals"], new["proposals"]),
    )

    print("\nPermissions, admin log, content types")
    before = {u: f["has_perm"] for u, f in old["reviewers"].items()}
    after = {u: f["has_perm"] for u, f in new["reviewers"].items()}
    report.check(
        before == after and all(after.values()),
        f"{len(before)} reviewers keep review_proposal "
        f"({old['label']}. -> {new['label']}.review_proposal): "
        + ", ".join(
            f"{user} ({' and '.join(how for how in ('direct', 'group') if f[how])})"
            for user, f in new["reviewers"].items()
        ),
        f"before {before}, after {after}",
    )
    expected_log = {
        pk: entry | {"content_type": new_name(entry["content_type"])}
        for pk, entry in old["log"].items()
    }
    report.check(
        expected_log == new["log"]
        and not any(e["found"].startswith("not found") for e in new["log"].values()),
        f"{len(old['log'])} admin log entries, each pointing at its object",
        diff(expected_log, new["log"]),
    )
    moved = {new_name(k): v for k, v in old["content_types"].items()}
    report.check(
        all(new["content_types"].get(k) == v for k, v in moved.items()),
        f"{len(moved)} content types kept with their ids (moved ones under proposals)",
        {
            k: (v, new["content_types"].get(k))
            for k, v in moved.items()
            if new["content_types"].get(k) != v
        },
    )
    stale = sorted(set(new["content_types"]) - set(new["model_labels"]))
    report.check(not stale, "no content type left for a model that is gone", stale)
    perms = {new_name(k): v for k, v in old["permissions"].items()}
    report.check(
        all(new["permissions"].get(k) == v for k, v in perms.items()),
        f"{len(perms)} permissions kept with their ids",
        {
            k: (v, new["permissions"].get(k))
            for k, v in perms.items()
            if new["permissions"].get(k) != v
        },
    )

    print("\nTask queue")
    old_tasks = {t[0]: t for t in old["tasks"]}
    new_tasks = {t[0]: t for t in new["tasks"]}
    report.check(
        set(old_tasks) == set(new_tasks),
        f"{len(old_tasks)} task rows kept "
        f"({sum(t[2] != 'READY' for t in old['tasks'])} done, "
        f"{sum(t[2] == 'READY' for t in old['tasks'])} queued)",
    )
    ran = {task[0]: task[2] for task in ran_tasks}
    for task in sorted(new_tasks.values(), key=lambda task: task[1]):
        if task[2] == "READY":
            report.check(
                task[3] is True and ran.get(task[0]) == "SUCCESSFUL",
                f"queued task {task[1]} runs after the upgrade",
                f"{task[3]}; the new db_worker marks it {ran.get(task[0])}: "
                "what it was to do (an e-mail) is never done",
            )


def diff(old, new):
    if old == new:
        return ""
    old_text = json.dumps(old, indent=1, sort_keys=True).splitlines()
    new_text = json.dumps(new, indent=1, sort_keys=True).splitlines()
    import difflib

    return "\n" + "\n".join(
        list(difflib.unified_diff(old_text, new_text, lineterm=""))[:60]
    )


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
