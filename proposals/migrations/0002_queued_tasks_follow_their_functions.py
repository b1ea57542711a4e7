# Tasks queued by the code before the move name their function by its old import
# path, which no longer exists: the worker would fail them on an ImportError and
# their e-mails would never be sent. Point every task row at the function's new home.

from django.db import migrations

MOVED_TASKS = {
    "projects.proposals.notifications.notify": "proposals.notifications.notify",
    "directory.accounts.send_invitation": "accounts.emails.send_invitation",
}


def follow(apps, schema_editor, paths=MOVED_TASKS):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    db = schema_editor.connection.alias
    for old, new in paths.items():
        DBTaskResult.objects.using(db).filter(task_path=old).update(task_path=new)


def follow_back(apps, schema_editor):
    follow(apps, schema_editor, {new: old for old, new in MOVED_TASKS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0001_initial"),
        # task_path is there since the first migration, and only it is touched.
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(follow, follow_back)]
