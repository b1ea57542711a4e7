"""The home page's "latest projects" are the ones published last, not the ones
edited last (issue 14), with the date each was published."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Project

# The tests read the views' context: every request runs its view.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_pages")]


def published_on(project, day):
    """Date ``project``'s history as published on ``day``."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Project.history.filter(id=project.pk).update(history_date=moment)


def latest(client):
    return [project.title for project in client.get("/").context["latest_projects"]]


def test_latest_projects_are_the_last_published_not_the_last_edited(
    client, make_project
):
    old = make_project(title_es="Publicado hace tiempo")
    middle = make_project(title_es="Publicado en el medio")
    draft = make_project(
        title_es="Borrador reciente", publication=Project.Publication.DRAFT
    )
    new = make_project(title_es="Publicado hace poco")
    published_on(old, datetime.date(2023, 1, 10))
    published_on(middle, datetime.date(2024, 5, 2))
    published_on(new, datetime.date(2025, 9, 30))
    # Edited today: the last edited, but the first published.
    old.summary_es = "Resumen corregido."
    old.save()
    draft.summary_es = "Otro resumen."
    draft.save()
    assert latest(client) == [new.title, middle.title, old.title]
    text = client.get("/").text
    assert '<time datetime="2025-09-30">' in text


def test_a_fourth_project_published_later_enters_the_list(client, make_project):
    projects = [make_project() for _ in range(3)]
    for number, project in enumerate(projects):
        published_on(project, datetime.date(2024, 1, 1 + number))
    newest = make_project(title_es="El más nuevo")
    assert latest(client)[0] == newest.title
    assert projects[0].title not in latest(client)
