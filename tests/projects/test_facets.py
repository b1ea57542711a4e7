"""The facet cache's generation moves once a change is committed, and never twice
to the same number."""

import contextlib
import threading

import pytest
from django.core.cache import cache
from django.db import transaction

from partners.models import Bloc, Country
from projects import facets
from projects.models import Participation
from tests.projects.test_catalogue import facet

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def rolled_back(change, *args):
    """Run ``change(*args)`` in a transaction (a savepoint here) that rolls back."""
    with contextlib.suppress(Rollback), transaction.atomic():
        change(*args)
        raise Rollback


def edit(project):
    """Change a project, one of its rows and one of its lists."""
    project.title_es = "Gestión de cuencas"
    project.save()
    Participation.objects.create(
        project=project,
        country=Country.objects.get(code="BO"),
        segib_role="recipient",
        iati_role="4",
        position=2,
    )
    project.blocs.add(Bloc.objects.get(slug="celac"))


@pytest.fixture
def project(make_project, django_capture_on_commit_callbacks):
    """A published project, committed as far as the cache knows (the test's own
    transaction never commits: the callbacks its commit would run are run here)."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_project()


def test_an_edit_that_rolls_back_does_not_bump(
    project, django_capture_on_commit_callbacks
):
    before = facets.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rolled_back(edit, project)
    assert callbacks == []
    assert facets.generation() == before


def test_the_generation_moves_once_and_only_after_the_commit(
    project, make_project, django_capture_on_commit_callbacks
):
    before = facets.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        edit(project)
        make_project()
        assert facets.generation() == before
    assert len(callbacks) == 1  # however many rows the transaction wrote
    callbacks[0]()
    assert facets.generation() > before


def test_a_rolled_back_savepoint_does_not_take_a_later_bump_with_it(
    project, django_capture_on_commit_callbacks
):
    before = facets.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rolled_back(edit, project)
        project.save()
    assert len(callbacks) == 1
    assert facets.generation() > before


def test_what_a_transaction_has_not_committed_is_cached_for_it_alone(
    client, project, make_project
):
    def change():
        make_project(modality="regional")
        counts = facet(client.get("/projects/"), "modality")
        assert counts == {"bilateral": 1, "regional": 1}

    rolled_back(change)
    assert facet(client.get("/projects/"), "modality") == {"bilateral": 1}


def test_bumps_never_give_the_same_generation_even_at_once():
    cache.delete(facets.GENERATION_KEY)  # each thread may find it missing
    generations = []

    def bump_many():
        for _ in range(50):
            generations.append(facets.bump())

    threads = [threading.Thread(target=bump_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(generations)) == len(generations) == 400
    assert facets.generation() == max(generations)
