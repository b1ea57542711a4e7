"""SDG goal and target titles as in A/RES/70/1.

The Spanish titles of goals 1, 3, 4, 5, 6 and 7 had the wording of the UN's Spanish
SDG web pages, not the wording of the resolution as the annex of A/RES/71/313
reproduces it; the English title of target 14.6 ended in a footnote number, as the
IATI UNSDG-Targets codelist has it. projects/data/sdgs.json holds the corrected texts
with their sources; tests/projects/data/sdg_a_res_70_1.json keeps the official text.

Only a title that still reads exactly as the old text changes: a title staff have
edited stays as they left it. Each corrected row gets a history entry. Going
backwards restores the old text the same way.
"""

from django.db import migrations
from django.utils import timezone

REASON = "A/RES/70/1 wording (migration 0007)"
REASON_BACKWARDS = "Wording before A/RES/70/1 (migration 0007 reversed)"

# (code, language, old text, text of A/RES/70/1)
GOALS = [
    (
        "1",
        "es",
        "Poner fin a la pobreza en todas sus formas en todo el mundo",
        "Poner fin a la pobreza en todas sus formas y en todo el mundo",
    ),
    (
        "3",
        "es",
        "Garantizar una vida sana y promover el bienestar para todos en todas las "
        "edades",
        "Garantizar una vida sana y promover el bienestar de todos a todas las edades",
    ),
    (
        "4",
        "es",
        "Garantizar una educación inclusiva, equitativa y de calidad y promover "
        "oportunidades de aprendizaje durante toda la vida para todos",
        "Garantizar una educación inclusiva y equitativa de calidad y promover "
        "oportunidades de aprendizaje permanente para todos",
    ),
    (
        "5",
        "es",
        "Lograr la igualdad entre los géneros y empoderar a todas las mujeres y las "
        "niñas",
        "Lograr la igualdad de género y empoderar a todas las mujeres y las niñas",
    ),
    (
        "6",
        "es",
        "Garantizar la disponibilidad de agua y su gestión sostenible y el "
        "saneamiento para todos",
        "Garantizar la disponibilidad y la gestión sostenible del agua y el "
        "saneamiento para todos",
    ),
    (
        "7",
        "es",
        "Garantizar el acceso a una energía asequible, segura, sostenible y moderna "
        "para todos",
        "Garantizar el acceso a una energía asequible, fiable, sostenible y moderna "
        "para todos",
    ),
]

_TARGET_14_6 = (
    "By 2020, prohibit certain forms of fisheries subsidies which contribute to "
    "overcapacity and overfishing, eliminate subsidies that contribute to illegal, "
    "unreported and unregulated fishing and refrain from introducing new such "
    "subsidies, recognizing that appropriate and effective special and differential "
    "treatment for developing and least developed countries should be an integral "
    "part of the World Trade Organization fisheries subsidies negotiation"
)
TARGETS = [("14.6", "en", f"{_TARGET_14_6}3", _TARGET_14_6)]


def replace(apps, model_name, changes, backwards):
    model = apps.get_model("projects", model_name)
    history = apps.get_model("projects", f"Historical{model_name}")
    # The historical row copies every field of the row it records.
    history_fields = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname in {column.attname for column in history._meta.fields}
    ]
    now = timezone.now()
    for code, language, old, new in changes:
        if backwards:
            old, new = new, old
        row = model.objects.filter(code=code).first()
        if row is None:
            continue
        field = f"name_{language}"
        if getattr(row, field) != old:
            continue  # edited by staff, or already right
        changed = [field]
        # The default language (es) is also kept in the untranslated column.
        if language == "es" and row.name == old:
            changed.append("name")
        for column in changed:
            setattr(row, column, new)
        row.save(update_fields=changed)
        history.objects.create(
            **{column: getattr(row, column) for column in history_fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON_BACKWARDS if backwards else REASON,
        )


def forwards(apps, schema_editor):
    replace(apps, "SdgGoal", GOALS, backwards=False)
    replace(apps, "SdgTarget", TARGETS, backwards=False)


def backwards(apps, schema_editor):
    replace(apps, "SdgGoal", GOALS, backwards=True)
    replace(apps, "SdgTarget", TARGETS, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_currency_corrections")]

    operations = [migrations.RunPython(forwards, backwards)]
