"""Bloc memberships carry their source: the instrument and its web address."""

from django.db import migrations, models

SOURCE = models.CharField(
    blank=True,
    default="",
    help_text=(
        "Where the status and its dates come from: the instrument "
        "(e.g. “Decisión CMC N° 18/04”) and its web address where it is online."
    ),
    max_length=500,
    verbose_name="source",
)


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_argentine_territory")]

    operations = [
        migrations.AddField(
            model_name="blocmembership", name="source", field=SOURCE.clone()
        ),
        migrations.AddField(
            model_name="historicalblocmembership", name="source", field=SOURCE.clone()
        ),
    ]
