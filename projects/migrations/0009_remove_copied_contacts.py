"""Contact details copied from proposals leave the projects' public text.

Until this release, accepting a proposal wrote the endorsing authority and the
contact person's name, e-mail and phone into the new project's public description,
as paragraphs "Autoridad que avala:\\n…" and "Contacto:\\n<name> · <e-mail> · <phone>".
They stay in the proposal (staff reach it from the project's admin page). This
migration removes those paragraphs from every project created from a proposal, in
every language and in the project's history, which would otherwise keep them.
A paragraph goes when it holds the proposal's contact e-mail or phone, or when it is
one of those two labelled paragraphs; the rest of the text is kept as it is.
"""

from django.db import migrations

LABELS = ("Contacto:", "Contact:", "Autoridad que avala:", "Endorsing authority:")
FIELDS = ("description", "description_es", "description_en")


def personal(paragraph, proposal):
    text = paragraph.strip()
    marks = [proposal.contact_email, proposal.contact_phone]
    if any(mark and mark in text for mark in marks):
        return True
    first_line = text.split("\n", 1)[0].strip()
    return first_line in LABELS


def scrubbed(text, proposal):
    if not text:
        return text
    kept = [p for p in text.split("\n\n") if not personal(p, proposal)]
    return "\n\n".join(kept)


def remove_contacts(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    Project = apps.get_model("projects", "Project")
    HistoricalProject = apps.get_model("projects", "HistoricalProject")
    for proposal in Proposal.objects.exclude(project=None).iterator():
        project_id = proposal.project_id
        for model, rows in (
            (Project, Project.objects.filter(pk=project_id)),
            (HistoricalProject, HistoricalProject.objects.filter(id=project_id)),
        ):
            for row in rows:
                texts = {field: getattr(row, field) for field in FIELDS}
                changes = {
                    field: scrubbed(text, proposal)
                    for field, text in texts.items()
                    if scrubbed(text, proposal) != text
                }
                if changes:
                    model.objects.filter(pk=row.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_publication_gate"),
        ("proposals", "0002_queued_tasks_follow_their_functions"),
    ]

    operations = [migrations.RunPython(remove_contacts, migrations.RunPython.noop)]
