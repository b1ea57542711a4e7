"""The provinces that a project's subnational partners and locations name are
among the project's provinces again.

Before this, taking a province out of a project in the admin while its row stayed
left them apart (the catalogue's province filter missed projects the province's
page listed). The facet counts follow with ``manage.py refresh_facets``.
"""

from django.db import migrations


def add_row_provinces(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    through = Project.provinces.through
    named = set()
    for model in ("SubnationalParticipation", "Location"):
        named |= set(
            apps.get_model("projects", model)
            .objects.filter(province__isnull=False)
            .values_list("project_id", "province_id")
        )
    present = set(through.objects.values_list("project_id", "province_id"))
    through.objects.bulk_create(
        [
            through(project_id=project, province_id=province)
            for project, province in sorted(named - present)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0025_published_ids")]

    operations = [migrations.RunPython(add_row_provinces, migrations.RunPython.noop)]
