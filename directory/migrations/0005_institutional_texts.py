"""Institutional texts as editable content: the home and about pages' words move
from the templates into ``InstitutionalText`` rows (Spanish and English), which staff
edit in the admin with history.

The rows are copied from ``directory/data/institutional_texts.json``, the texts the
templates showed (English) and the catalogue translated (Spanish), so the pages read
the same after the upgrade. A page that already has a text keeps it.
"""

import json
from pathlib import Path

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

DATA = Path(__file__).resolve().parents[1] / "data" / "institutional_texts.json"
FIELDS = ("title", "lead", "body")
LANGUAGES = ("es", "en")


def copy_texts(apps, schema_editor):
    Text = apps.get_model("directory", "InstitutionalText")
    History = apps.get_model("directory", "HistoricalInstitutionalText")
    existing = set(Text.objects.values_list("page", flat=True))
    now = timezone.now()
    for entry in json.loads(DATA.read_text(encoding="utf-8"))["texts"]:
        if entry["page"] in existing:
            continue
        values = {
            f"{name}_{code}": entry.get(f"{name}_{code}", "")
            for name in FIELDS
            for code in LANGUAGES
        }
        values |= {name: values[f"{name}_es"] for name in FIELDS}
        text = Text.objects.create(page=entry["page"], **values)
        History.objects.create(
            id=text.pk,
            page=text.page,
            updated_at=text.updated_at,
            history_date=now,
            history_type="+",
            history_change_reason="Copied from the page templates",
            **values,
        )


def remove_texts(apps, schema_editor):
    apps.get_model("directory", "InstitutionalText").objects.all().delete()
    apps.get_model("directory", "HistoricalInstitutionalText").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_focal_points_and_profiles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="InstitutionalText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "page",
                    models.CharField(
                        choices=[("home", "Home page"), ("about", "About us")],
                        error_messages={
                            "unique": "This page already has its text: edit that one."
                        },
                        max_length=20,
                        unique=True,
                        verbose_name="page",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                (
                    "title_es",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        null=True,
                        verbose_name="title",
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        null=True,
                        verbose_name="title",
                    ),
                ),
                (
                    "lead",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        verbose_name="lead",
                    ),
                ),
                (
                    "lead_es",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        null=True,
                        verbose_name="lead",
                    ),
                ),
                (
                    "lead_en",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        null=True,
                        verbose_name="lead",
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        verbose_name="body",
                    ),
                ),
                (
                    "body_es",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        null=True,
                        verbose_name="body",
                    ),
                ),
                (
                    "body_en",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        null=True,
                        verbose_name="body",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="last updated"),
                ),
            ],
            options={
                "verbose_name": "institutional text",
                "verbose_name_plural": "institutional texts",
                "ordering": ["page"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalInstitutionalText",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "page",
                    models.CharField(
                        choices=[("home", "Home page"), ("about", "About us")],
                        db_index=True,
                        error_messages={
                            "unique": "This page already has its text: edit that one."
                        },
                        max_length=20,
                        verbose_name="page",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                (
                    "title_es",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        null=True,
                        verbose_name="title",
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="The page's main heading. On the home page, leave it empty to show the General Directorate's name.",
                        max_length=200,
                        null=True,
                        verbose_name="title",
                    ),
                ),
                (
                    "lead",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        verbose_name="lead",
                    ),
                ),
                (
                    "lead_es",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        null=True,
                        verbose_name="lead",
                    ),
                ),
                (
                    "lead_en",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="One or two sentences under the heading, in larger type.",
                        null=True,
                        verbose_name="lead",
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        verbose_name="body",
                    ),
                ),
                (
                    "body_es",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        null=True,
                        verbose_name="body",
                    ),
                ),
                (
                    "body_en",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Plain text, no HTML. Leave a blank line between paragraphs. A line that starts with “## ” is a section heading; “### ” starts a card (a short heading with its paragraphs, shown side by side with the section's other cards); lines that start with “- ” make a list.",
                        null=True,
                        verbose_name="body",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="last updated"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical institutional text",
                "verbose_name_plural": "historical institutional texts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(copy_texts, remove_texts),
    ]
