"""A project with one SDG and no main SDG gets that goal as its main one: the
publish checklist now asks for a main SDG among a project's SDGs, and a project
with a single goal has no other choice. Projects with several goals keep none:
staff choose it (the checklist says so on the next save)."""

from django.db import migrations
from django.db.models import Count


def main_sdg_of_a_single_goal(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    single = (
        Project.objects.filter(main_sdg__isnull=True)
        .annotate(goals=Count("sdg_goals"))
        .filter(goals=1)
    )
    for project in single.iterator():
        goal = project.sdg_goals.get()
        Project.objects.filter(pk=project.pk).update(main_sdg=goal)


class Migration(migrations.Migration):
    dependencies = [("projects", "0029_location_precision")]

    operations = [
        migrations.RunPython(main_sdg_of_a_single_goal, migrations.RunPython.noop)
    ]
