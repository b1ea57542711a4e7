"""Every historical record of a project and its rows names the save that wrote it
(projects/history.py), so the history lists one entry per save. Records written
before have none and are grouped by user and time."""

from django.db import migrations, models


def history_save():
    return models.UUIDField(
        blank=True,
        editable=False,
        help_text="The same for every record one save wrote.",
        null=True,
        verbose_name="save",
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_edit_version")]

    operations = [
        migrations.AddField(
            model_name=f"historical{name}", name="history_save", field=history_save()
        )
        for name in (
            "project",
            "participation",
            "projectsector",
            "budget",
            "document",
            "result",
            "indicator",
        )
    ]
