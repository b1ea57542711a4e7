"""Issue 11: a database migrated before proposals left the projects app keeps every
row, file, history entry, granted permission and admin log entry when it migrates to
the latest state (projects.0005_move_proposals_out, proposals.0001_initial).

The test migrates the test database back to the state just before the move, writes
data with the models of that state, migrates forward and reads it all back with
today's models. It always leaves the database fully migrated, even when it fails:
the tests after it expect the latest schema. bench/upgrade_check.py makes the same
check with the real old code on a real database.
"""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from proposals.models import Proposal, ProposalAttachment

# The last migration before the move, and the app the models moved to, unapplied.
BEFORE_THE_MOVE = [("projects", "0004_proposals"), ("proposals", None)]
MOVED_MODELS = [
    "proposal",
    "proposalattachment",
    "proposalevent",
    "historicalproposal",
    "historicalproposal_sdg_goals",
    "historicalproposal_partner_countries",
]
# Every table of the moved models, with the many-to-many tables, before and after.
TABLES = {
    f"projects_{name}": f"proposals_{name}"
    for name in [
        *MOVED_MODELS,
        "proposal_partner_countries",
        "proposal_sdg_goals",
    ]
}
RENAMED_INDEXES = {
    "proposals_proposal": {
        "proposals_p_provinc_d2662f_idx",
        "proposals_p_status_ea1593_idx",
    },
    "proposals_proposalevent": {"proposals_p_actor_i_037cf8_idx"},
}
ATTACHMENT_BYTES = b"%PDF-1.4\n% nota de aval, antes de la mudanza\n%%EOF\n"


def migrate(targets):
    """Migrate the test database to ``targets``, one migration at a time as the
    executor does, each from the state of its own dependencies (the executor's
    migrate() renders the whole project's state and re-renders it after every
    operation: several times slower here). Returns the apps of the state the database
    is then in."""
    executor = MigrationExecutor(connection)
    for migration, backwards in executor.migration_plan(targets):
        state = executor.loader.project_state(
            (migration.app_label, migration.name), at_end=False
        )
        if backwards:
            executor.unapply_migration(state, migration)
        else:
            executor.apply_migration(state, migration)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def row_counts(tables):
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            table_name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {table_name}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def create_old_data(apps):
    """Proposals, files, history, permissions and a log entry, written with the
    models of the projects app as they were before the move."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    OldLogEntry = apps.get_model("admin", "LogEntry")
    Country = apps.get_model("partners", "Country")
    Province = apps.get_model("partners", "Province")
    SdgGoal = apps.get_model("projects", "SdgGoal")
    OldProposal = apps.get_model("projects", "Proposal")
    OldAttachment = apps.get_model("projects", "ProposalAttachment")
    OldEvent = apps.get_model("projects", "ProposalEvent")
    OldHistory = apps.get_model("projects", "HistoricalProposal")
    OldHistoryCountries = apps.get_model(
        "projects", "HistoricalProposal_partner_countries"
    )
    OldHistoryGoals = apps.get_model("projects", "HistoricalProposal_sdg_goals")

    # A database at the old main has never seen the proposals app.
    ContentType.objects.filter(app_label="proposals").delete()
    content_type, _ = ContentType.objects.get_or_create(
        app_label="projects", model="proposal"
    )
    for model in MOVED_MODELS[1:]:
        ContentType.objects.get_or_create(app_label="projects", model=model)
    review, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_proposal",
        defaults={"name": "Can review proposals"},
    )

    # Reference rows: the session's reference data may hold them already.
    tucuman, _ = Province.objects.get_or_create(
        code="AR-T", defaults={"slug": "tucuman-upgrade", "name": "Tucumán"}
    )
    paraguay, _ = Country.objects.get_or_create(
        code="PY", defaults={"name": "Paraguay"}
    )
    uruguay, _ = Country.objects.get_or_create(code="UY", defaults={"name": "Uruguay"})
    goals = [
        SdgGoal.objects.get_or_create(
            number=number,
            defaults={
                "code": str(number),
                "name": f"Objetivo {number}",
                "short_name": f"ODS {number}",
            },
        )[0]
        for number in (1, 2)
    ]

    focal_point = User.objects.create(
        username="fp-upgrade@example.gob.ar", first_name="Ana", last_name="Pérez"
    )
    direct = User.objects.create(username="reviewer-upgrade-direct", is_staff=True)
    direct.user_permissions.add(review)
    through_group = User.objects.create(username="reviewer-upgrade-group")
    group = Group.objects.create(name="Proposal reviewers (upgrade test)")
    group.permissions.add(review)
    through_group.groups.add(group)

    proposal = OldProposal.objects.create(
        province=tucuman,
        created_by=focal_point,
        status="submitted",
        title="Apicultura en el Chaco paraguayo",
        summary="Transferir técnicas de apicultura.",
        modality="bilateral",
        argentina_role="provider",
        submitted_at=timezone.now(),
    )
    proposal.partner_countries.set([paraguay, uruguay])
    proposal.sdg_goals.set(goals)

    attachment = OldAttachment(
        proposal=proposal,
        kind="endorsement",
        original_name="nota de aval.pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT_BYTES),
        uploaded_by=focal_point,
    )
    # upload_to as the migration state has it: a random name under proposals/.
    attachment.file.save("nota de aval.pdf", ContentFile(ATTACHMENT_BYTES), save=True)

    for action, from_status, to_status in [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
    ]:
        OldEvent.objects.create(
            proposal=proposal,
            actor=focal_point,
            actor_name="Ana Pérez",
            action=action,
            from_status=from_status,
            to_status=to_status,
        )

    # Two history records, as simple-history wrote them: created as a draft with
    # one partner country, then submitted with two countries and two goals.
    country_links = dict(
        proposal.partner_countries.through.objects.filter(
            proposal_id=proposal.pk
        ).values_list("country_id", "pk")
    )
    goal_links = dict(
        proposal.sdg_goals.through.objects.filter(proposal_id=proposal.pk).values_list(
            "sdggoal_id", "pk"
        )
    )
    started = proposal.created_at - datetime.timedelta(hours=1)
    for when, kind, status, countries, goal_list in [
        (started, "+", "draft", [paraguay], []),
        (proposal.updated_at, "~", "submitted", [paraguay, uruguay], goals),
    ]:
        record = OldHistory.objects.create(
            id=proposal.pk,
            province_id=tucuman.pk,
            created_by_id=focal_point.pk,
            status=status,
            title=proposal.title,
            summary=proposal.summary,
            modality=proposal.modality,
            argentina_role=proposal.argentina_role,
            created_at=proposal.created_at,
            updated_at=when,
            history_date=when,
            history_type=kind,
            history_user=focal_point,
        )
        # Each many-to-many record copies its link row, id included.
        for country in countries:
            OldHistoryCountries.objects.create(
                history=record,
                id=country_links[country.pk],
                proposal_id=proposal.pk,
                country_id=country.pk,
            )
        for goal in goal_list:
            OldHistoryGoals.objects.create(
                history=record,
                id=goal_links[goal.pk],
                proposal_id=proposal.pk,
                sdggoal_id=goal.pk,
            )

    log = OldLogEntry.objects.create(
        user=direct,
        content_type=content_type,
        object_id=str(proposal.pk),
        object_repr=proposal.title[:200],
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Status"]}}]',
    )
    # An e-mail queued by the old code, not yet sent when the site is upgraded.
    OldTask = apps.get_model("django_tasks_database", "DBTaskResult")
    now = timezone.now()
    task = OldTask.objects.create(
        task_path="projects.proposals.notifications.notify",
        args_kwargs={"args": [proposal.pk, 1], "kwargs": {}},
        backend_name="default",
        enqueued_at=now,
        run_after=now,
        exception_class_path="",
        traceback="",
    )
    return {
        "task": task.pk,
        "proposal": proposal.pk,
        "created_at": proposal.created_at,
        "file": attachment.file.name,
        "attachment": attachment.pk,
        "countries": {"PY", "UY"},
        "goals": {goal.pk for goal in goals},
        "users": {"direct": direct.pk, "group": through_group.pk},
        "log": log.pk,
        "content_types": dict(
            ContentType.objects.filter(
                app_label="projects", model__in=MOVED_MODELS
            ).values_list("model", "pk")
        ),
        "history_ids": list(
            OldHistory.objects.filter(id=proposal.pk)
            .order_by("history_date")
            .values_list("history_id", flat=True)
        ),
        "counts": row_counts(TABLES),
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_everything():
    ContentType.objects.clear_cache()
    old = None
    try:
        old = create_old_data(migrate(BEFORE_THE_MOVE))
        migrate(latest())
        ContentType.objects.clear_cache()

        # The tables are renamed, row for row; the old names are gone.
        tables = set(connection.introspection.table_names())
        assert set(TABLES.values()) <= tables
        assert not set(TABLES) & tables
        assert row_counts(TABLES.values()) == {
            TABLES[table]: count for table, count in old["counts"].items()
        }
        assert all(old["counts"].values())
        with connection.cursor() as cursor:
            for table, names in RENAMED_INDEXES.items():
                indexes = connection.introspection.get_constraints(cursor, table)
                assert names <= set(indexes), table

        # The proposal and its many-to-many links.
        proposal = Proposal.objects.get(pk=old["proposal"])
        assert proposal.title == "Apicultura en el Chaco paraguayo"
        assert proposal.status == Proposal.Status.SUBMITTED
        assert proposal.province.code == "AR-T"
        assert proposal.created_by.username == "fp-upgrade@example.gob.ar"
        assert proposal.created_at == old["created_at"]
        assert (
            set(proposal.partner_countries.values_list("code", flat=True))
            == old["countries"]
        )
        assert set(proposal.sdg_goals.values_list("pk", flat=True)) == old["goals"]

        # The attachment: same row, same name, same bytes.
        (attachment,) = proposal.attachments.all()
        assert attachment.pk == old["attachment"]
        assert attachment.file.name == old["file"]
        assert attachment.file.name.startswith("proposals/")
        assert default_storage.exists(attachment.file.name)
        with attachment.file.open("rb") as stored:
            assert stored.read() == ATTACHMENT_BYTES
        assert ProposalAttachment.objects.filter(file=old["file"]).count() == 1

        # The workflow's events.
        assert [
            (event.action, event.from_status, event.to_status, event.actor.username)
            for event in proposal.events.all()
        ] == [
            ("create", "", "draft", "fp-upgrade@example.gob.ar"),
            ("submit", "draft", "submitted", "fp-upgrade@example.gob.ar"),
        ]

        # The history, with its many-to-many records, read as the admin reads it.
        first, last = proposal.history.order_by("history_date")
        assert [first.history_id, last.history_id] == old["history_ids"]
        assert [first.history_type, last.history_type] == ["+", "~"]
        assert first.history_user.username == "fp-upgrade@example.gob.ar"
        assert first.instance.status == "draft"
        assert {row.country.code for row in first.partner_countries.all()} == {"PY"}
        assert {row.country.code for row in last.partner_countries.all()} == {
            "PY",
            "UY",
        }
        assert {row.sdggoal_id for row in last.sdg_goals.all()} == old["goals"]
        changed = {change.field for change in last.diff_against(first).changes}
        assert {"status", "partner_countries", "sdg_goals"} <= changed

        # Content types moved, keeping their ids, so granted permissions follow.
        assert not ContentType.objects.filter(
            app_label="projects", model__in=MOVED_MODELS
        ).exists()
        assert (
            dict(
                ContentType.objects.filter(
                    app_label="proposals", model__in=MOVED_MODELS
                ).values_list("model", "pk")
            )
            == old["content_types"]
        )
        User = get_user_model()
        for how, pk in old["users"].items():
            user = User.objects.get(pk=pk)
            assert user.has_perm("proposals.review_proposal"), how
            assert not user.has_perm("projects.review_proposal"), how

        # A task queued before the upgrade names its function where it lives now.
        queued = DBTaskResult.objects.get(pk=old["task"])
        assert queued.task_path == "proposals.notifications.notify"
        assert import_string(queued.task_path).func.__module__ == (
            "proposals.notifications"
        )

        # The admin's log entry points at the proposal, in its new app.
        log = LogEntry.objects.get(pk=old["log"])
        assert log.content_type == ContentType.objects.get_for_model(Proposal)
        assert log.get_edited_object() == proposal
        assert log.get_admin_url() == f"/admin/proposals/proposal/{proposal.pk}/change/"
    finally:
        # Always back to the latest schema, with the executor itself, from wherever a
        # failure left it: the tests after this one need it.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
        if old and default_storage.exists(old["file"]):
            default_storage.delete(old["file"])
