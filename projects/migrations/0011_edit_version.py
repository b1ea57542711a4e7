"""A project's version, one up with every save: a form, a revert or a spreadsheet
row carries the version it was opened on, and a save over a newer one is refused
(optimistic locking). Existing projects start at 1. A sector's percentage out of
range says so in plain words."""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def version():
    return models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=(
            "Goes up by one with every save. A form or a spreadsheet carries the "
            "version it was opened on; a save over a newer one is refused."
        ),
        verbose_name="version",
    )


def percentage():
    message = "A percentage is above 0 and at most 100."
    return models.DecimalField(
        decimal_places=2,
        max_digits=5,
        validators=[
            django.core.validators.MinValueValidator(Decimal("0.01"), message=message),
            django.core.validators.MaxValueValidator(100, message=message),
        ],
        verbose_name="percentage",
    )


def start_at_one(apps, schema_editor):
    apps.get_model("projects", "Project").objects.update(version=1)


class Migration(migrations.Migration):
    dependencies = [("projects", "0010_spanish_collation")]

    operations = [
        migrations.AddField(model_name="project", name="version", field=version()),
        migrations.AddField(
            model_name="historicalproject", name="version", field=version()
        ),
        migrations.RunPython(start_at_one, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="projectsector", name="percentage", field=percentage()
        ),
        migrations.AlterField(
            model_name="historicalprojectsector", name="percentage", field=percentage()
        ),
    ]
