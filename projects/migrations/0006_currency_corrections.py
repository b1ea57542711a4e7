"""Currencies: no XBT; withdrawn ones not offered (the reference-data work).

A currency gets ``is_offered`` (offered for new budget lines and contributions) and
``withdrawn`` (the month ISO 4217 withdrew it). On a database that loaded the
currencies before, as projects/data/currencies.json now has them (with sources):

- the codes ISO 4217 has withdrawn (List Three) are marked withdrawn and not offered;
  the lines that use them keep them;
- XBT (Bitcoin, no ISO 4217 code) is deleted where nothing uses it, else not offered;
- FKP is named after the Islas Malvinas, never by the British name, and not offered.

Each change gets a history record, as an edit in the admin would.
"""

import django.core.validators
from django.db import migrations, models
from django.utils import timezone

REASON = "Reference data corrected (migration 0006)"

# code: the month ISO 4217 List Three gives for its withdrawal.
WITHDRAWN = {
    "ANG": "2025-03",
    "BGN": "2026-01",
    "CUC": "2021-06",
    "HRK": "2023-01",
    "SLL": "2023-12",
    "ZWL": "2024-09",
}

MALVINAS_POUND = {
    "code": "FKP",
    "name_en": "Malvinas Islands pound",
    "name_es": "libra de las Islas Malvinas",
}
# The Spanish name the currencies were first loaded with (CLDR).
OLD_SPANISH_NAME = "libra malvinense"


def record(apps, currency, history_type):
    """A history record of ``currency`` as it is now, as simple-history writes one."""
    history = apps.get_model("projects", "HistoricalCurrency")
    own = {"history_id", "history_date", "history_change_reason", "history_type"}
    values = {
        field.attname: getattr(currency, field.attname)
        for field in history._meta.fields
        if field.attname not in own and hasattr(currency, field.attname)
    }
    history.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=REASON,
    )


def is_used(apps, currency):
    """Whether any row (not a history record) points at ``currency``: budget lines,
    contributions, proposals, whatever models the migration state holds. (Their
    foreign keys have no reverse accessor, so every model's fields are looked at.)"""
    for model in apps.get_models():
        if model._meta.object_name.startswith("Historical"):
            continue
        for field in model._meta.fields:
            points_here = field.is_relation and field.related_model is type(currency)
            if points_here and model.objects.filter(**{field.name: currency}).exists():
                return True
    return False


def correct(apps, schema_editor):
    Currency = apps.get_model("projects", "Currency")
    for currency in Currency.objects.filter(code__in=WITHDRAWN):
        currency.withdrawn = WITHDRAWN[currency.code]
        currency.is_offered = False
        currency.save()
        record(apps, currency, "~")

    bitcoin = Currency.objects.filter(code="XBT").first()
    if bitcoin is not None:
        if is_used(apps, bitcoin):
            bitcoin.is_offered = False
            bitcoin.save()
            record(apps, bitcoin, "~")
        else:
            record(apps, bitcoin, "-")
            bitcoin.delete()

    pound = Currency.objects.filter(code=MALVINAS_POUND["code"]).first()
    if pound is not None:
        if "falkland" in pound.name_en.casefold():
            pound.name_en = MALVINAS_POUND["name_en"]
        if "falkland" in pound.name.casefold() or pound.name == OLD_SPANISH_NAME:
            pound.name = MALVINAS_POUND["name_es"]
        if "falkland" in pound.name_es.casefold() or pound.name_es == OLD_SPANISH_NAME:
            pound.name_es = MALVINAS_POUND["name_es"]
        pound.is_offered = False
        pound.save()
        record(apps, pound, "~")


IS_OFFERED = models.BooleanField(
    default=True,
    help_text=(
        "Untick to keep the currency for the budget lines and contributions that "
        "use it without offering it for new ones."
    ),
    verbose_name="offered for new lines",
)
WITHDRAWN_FIELD = models.CharField(
    blank=True,
    default="",
    help_text=(
        "Year and month ISO 4217 withdrew the code, e.g. 2023-01. Leave empty while "
        "the currency is in use."
    ),
    max_length=7,
    validators=[
        django.core.validators.RegexValidator(
            "^[0-9]{4}-(0[1-9]|1[0-2])$", "Year and month, e.g. 2023-01."
        )
    ],
    verbose_name="withdrawn",
)


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_move_proposals_out")]

    operations = [
        migrations.AddField(
            model_name="currency", name="is_offered", field=IS_OFFERED.clone()
        ),
        migrations.AddField(
            model_name="currency", name="withdrawn", field=WITHDRAWN_FIELD.clone()
        ),
        migrations.AddField(
            model_name="historicalcurrency",
            name="is_offered",
            field=IS_OFFERED.clone(),
        ),
        migrations.AddField(
            model_name="historicalcurrency",
            name="withdrawn",
            field=WITHDRAWN_FIELD.clone(),
        ),
        migrations.AddConstraint(
            model_name="currency",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrawn", ""), ("is_offered", False), _connector="OR"
                ),
                name="projects_currency_withdrawn_not_offered",
                violation_error_message=(
                    "A withdrawn currency cannot be offered for new lines."
                ),
            ),
        ),
        migrations.RunPython(correct, migrations.RunPython.noop),
    ]
