"""Foreign subnational governments get the accent-free search text of the other
partners ("valparaiso" finds Valparaíso); organisations a sample flag (those the
sample projects bring); an Argentine public body left without a country is in
Argentina (its page said "International body")."""

import unicodedata

from django.db import migrations, models
from django.utils import timezone

REASON = "An Argentine public body is in Argentina (migration partners 0009)."
SUBDIVISION_SEARCH_FIELDS = ("name_es", "name_en", "code")


def fold(text):
    """Lower-case, accent-free text, as partners.search.fold makes it today."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def fill_search_text(apps, schema_editor):
    Subdivision = apps.get_model("partners", "Subdivision")
    rows = list(Subdivision.objects.all())
    for row in rows:
        row.search_text = fold(
            " ".join(
                str(getattr(row, name) or "") for name in SUBDIVISION_SEARCH_FIELDS
            )
        )
    Subdivision.objects.bulk_update(rows, ["search_text"], batch_size=500)


def argentine_bodies_in_argentina(apps, schema_editor):
    Country = apps.get_model("partners", "Country")
    Organisation = apps.get_model("partners", "Organisation")
    history = apps.get_model("partners", "HistoricalOrganisation")
    argentina = Country.objects.filter(code="AR").first()
    if argentina is None:
        return
    own = {"history_id", "history_date", "history_change_reason", "history_type"}
    for organisation in Organisation.objects.filter(
        kind="argentine-institution", country__isnull=True
    ):
        organisation.country = argentina
        organisation.save(update_fields=["country"])
        history.objects.create(
            **{
                field.attname: getattr(organisation, field.attname)
                for field in history._meta.fields
                if field.attname not in own and hasattr(organisation, field.attname)
            },
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0009_subdivision_kind_prefecture")]

    operations = [
        migrations.AddField(
            model_name="historicalorganisation",
            name="is_sample",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Loaded with the sample projects for development and "
                "demonstration.",
                verbose_name="sample",
            ),
        ),
        migrations.AddField(
            model_name="historicalsubdivision",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="organisation",
            name="is_sample",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Loaded with the sample projects for development and "
                "demonstration.",
                verbose_name="sample",
            ),
        ),
        migrations.AddField(
            model_name="subdivision",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(argentine_bodies_in_argentina, migrations.RunPython.noop),
    ]
