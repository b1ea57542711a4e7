"""What bench/upgrade_check.py runs inside the old and the new tree: the settings
both use, and the Django shell snippets that make the old data, read the facts
compared before and after, and write after the upgrade."""

from pathlib import Path

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
# Rows that a data migration corrects by design, by the number of rows it adds (or,
# when negative, removes) on a database loaded with the old reference data, and why.
# The history tables of corrected models may only grow: every correction writes its
# own history entry and no old entry is removed.
CORRECTED = {
    "auth_permission": (
        8,
        "directory.0005: add/change/delete/view of InstitutionalText and its history",
    ),
    "django_content_type": (2, "directory.0005: InstitutionalText and its history"),
    "partners_country": (
        -2,
        "partners.0002 removes FK, GS and AQ (Argentine territory, never a partner "
        "country); partners.0005 adds Kosovo (XK)",
    ),
    "partners_blocmembership": (
        3,
        "partners.0004 replaces the unsourced bloc periods with the sourced ones "
        "(partners/data/blocs.json)",
    ),
    "partners_organisation": (2, "partners.0005 adds FONPLATA and the EU"),
    "projects_currency": (-1, "projects.0006 deletes XBT (no ISO 4217 code)"),
}
CORRECTED_HISTORY = {
    "partners_historicalcountry",
    "partners_historicalblocmembership",
    "partners_historicalorganisation",
    "projects_historicalcurrency",
    "projects_historicalsdggoal",
    "projects_historicalsdgtarget",
}

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
