"""The shared cache on a real Redis server (Django's own Redis backend, as
DJANGO_CACHE_URL=redis://… selects it): what one process writes there, another
reads. CI starts a server and sets DGCIN_TEST_REDIS_URL (.ci/run); elsewhere the
tests run when it is set (`redis-server` from Debian's packages)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from projects import facets

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("DGCIN_TEST_REDIS_URL", "")

if os.environ.get("CI") and not REDIS:  # pragma: no cover - a broken CI set-up
    raise RuntimeError("CI must start a Redis server and set DGCIN_TEST_REDIS_URL")

pytestmark = pytest.mark.skipif(
    not REDIS, reason="no Redis server: set DGCIN_TEST_REDIS_URL (CI does)"
)


@pytest.fixture
def redis_cache():
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS,
                "KEY_PREFIX": f"test-{os.getpid()}",
            }
        }
    ):
        cache.clear()
        yield cache
        cache.clear()


def in_another_process(code):
    """Runs ``code`` in a new Python process on the same Redis cache (the
    development settings with DJANGO_CACHE_URL, as production reads it)."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "dgcin.settings.dev",
        "DJANGO_CACHE_URL": REDIS,
        "DATABASE_URL": "sqlite:///:memory:",
    }
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        f"settings.CACHES['default']['KEY_PREFIX'] = 'test-{os.getpid()}'\n"
        f"{code}\n"
    )
    return subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_a_change_in_another_process_moves_this_ones_generation(redis_cache):
    before = facets.generation()
    counted = []
    facets.cached({"modality": "x"}, lambda: counted.append(1) or {"n": 1})
    facets.cached({"modality": "x"}, lambda: counted.append(1) or {"n": 1})
    assert counted == [1]  # the second read came from Redis
    after = int(
        in_another_process(
            "from projects import facets; print(facets.bump())",
        )
    )
    assert facets.generation() == after > before
    facets.cached({"modality": "x"}, lambda: counted.append(1) or {"n": 2})
    assert counted == [1, 1]  # worked out again for the new generation
    assert facets.last_change() is not None


def test_this_processs_change_is_seen_by_another(redis_cache):
    facets.bump()
    mine = facets.generation()
    assert (
        int(
            in_another_process(
                "from projects import facets; print(facets.generation())"
            )
        )
        == mine
    )


def test_a_file_being_written_is_reserved_for_every_process(redis_cache):
    from opendata.export_cache import Reservation

    reservation = Reservation()
    assert reservation.take("exports:writing:test")
    taken = in_another_process(
        "from opendata.export_cache import Reservation; "
        "print(Reservation().take('exports:writing:test'))"
    )
    assert taken == "False"
    reservation.release()
    taken = in_another_process(
        "from opendata.export_cache import Reservation; "
        "r = Reservation(); print(r.take('exports:writing:test')); r.release()"
    )
    assert taken == "True"


@pytest.mark.django_db
def test_a_cached_page_is_made_again_after_a_change_in_another_process(
    redis_cache, client, make_project
):
    make_project(title_es="Agua segura para Chaco")
    client.get("/projects/")
    assert client.get("/projects/")["X-Page-Cache"] == "hit"  # from Redis
    in_another_process("from projects import facets; facets.bump()")
    again = client.get("/projects/")
    assert again["X-Page-Cache"] == "miss"
    assert "Agua segura para Chaco" in again.content.decode()
