"""A mission's institutions in its history (django-simple-history's m2m_fields):
changing only them writes a record. Each mission's latest record gets the
institutions it has now, so the first change after this one is not read as every
institution added."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


def record_current_institutions(apps, schema_editor):
    Mission = apps.get_model("projects", "Mission")
    HistoricalMission = apps.get_model("projects", "HistoricalMission")
    Through = apps.get_model("projects", "HistoricalMission_institutions")
    Links = Mission.institutions.through
    latest = {}
    for history_id, mission_id in HistoricalMission.objects.order_by(
        "history_date", "history_id"
    ).values_list("history_id", "id"):
        latest[mission_id] = history_id
    rows = [
        Through(
            history_id=latest[mission_id], mission_id=mission_id, organisation_id=pk
        )
        for mission_id, pk in Links.objects.values_list("mission_id", "organisation_id")
        if mission_id in latest
    ]
    Through.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0008_subdivisions"),
        ("projects", "0027_jointcommission_minutes_are_public"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalMission_institutions",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="projects.historicalmission",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.mission",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partners.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMission_institutions",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(record_current_institutions, migrations.RunPython.noop),
    ]
