"""Kept downloads (opendata/export_cache.py): written once per data generation and
served from disk, gzip on the way, never kept over uncommitted changes; the limit
on a visitor's uncached downloads; CORS and compression on open data only."""

import gzip
import json
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from lxml import etree

from opendata.export_cache import close_quietly

pytestmark = pytest.mark.django_db

EXPORTS = ["/projects/export.csv", "/projects/export.json", "/projects/iati.xml"]


def body(response):
    data = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(data)
    return data


def kept_files():
    folder = settings.DGCIN_EXPORT_CACHE_DIR
    if not folder.exists():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize("path", EXPORTS)
def test_a_download_is_kept_then_served_from_the_kept_file(
    client, committed, path, django_assert_num_queries
):
    committed()
    first = client.get(path, {"sort": "title"})
    assert first["X-Export-Cache"] == "miss"
    made = body(first)
    files = kept_files()
    assert len(files) == 1
    assert gzip.decompress(files[0].read_bytes()) == made
    with django_assert_num_queries(0):  # nothing read: not even the filters' lists
        second = client.get(
            path, {"sort": "title"}, headers={"Accept-Encoding": "gzip"}
        )
        assert second["X-Export-Cache"] == "hit"
        assert second["Content-Encoding"] == "gzip"
        assert body(second) == made
    third = client.get(path, {"sort": "title"})  # no gzip: decompressed on the way
    assert "Content-Encoding" not in third
    assert body(third) == made
    assert "Accept-Encoding" in third["Vary"]


def test_each_query_and_language_is_a_file_of_its_own(client, committed):
    committed(modality="triangular")
    committed(modality="bilateral")
    triangular = body(client.get("/projects/export.json", {"modality": "triangular"}))
    everything = body(client.get("/projects/export.json"))
    assert json.loads(triangular)["count"] == 1
    assert json.loads(everything)["count"] == 2
    spanish = body(client.get("/projects/export.csv"))
    english = body(client.get("/en/projects/export.csv"))
    assert spanish != english
    assert len(kept_files()) == 4
    # The same filters in another order, and the catalogue's page, are the same file.
    again = client.get("/projects/export.json?page=3&modality=triangular")
    assert again["X-Export-Cache"] == "hit"


def test_a_public_change_makes_a_new_file_and_removes_the_old_ones(client, committed):
    project = committed(title_es="Agua segura")
    assert b"Agua segura" in body(client.get("/projects/export.csv"))
    old = kept_files()
    project.title_es = "Agua potable"
    with translation.override("es"):
        committed(title_es="Otro proyecto")  # a committed change: a new generation
    response = client.get("/projects/export.csv")
    assert response["X-Export-Cache"] == "miss"
    assert b"Otro proyecto" in body(response)
    assert kept_files() != old
    assert not any(path.exists() for path in old)


def test_uncommitted_changes_are_never_kept(client, make_project):
    make_project()  # inside the test's transaction, never committed
    response = client.get("/projects/export.json")
    assert response["X-Export-Cache"] == "miss"
    body(response)
    assert kept_files() == []


def test_an_abandoned_download_leaves_nothing(client, committed):
    for _ in range(3):
        committed()
    response = client.get("/projects/export.json")
    stream = iter(response.streaming_content)
    next(stream)
    close_quietly(response)  # the client went away
    assert kept_files() == []
    assert not any(settings.DGCIN_EXPORT_CACHE_DIR.rglob("*.part"))


# The limit on uncached downloads ----------------------------------------------------


@override_settings(DGCIN_EXPORT_RATE="2/h")  # an hour: no new window mid-test
@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/projects/export.csv", "text/html"),
        ("/projects/export.json", "application/json"),
        ("/projects/iati.xml", "application/xml"),
    ],
)
def test_a_visitor_is_limited_to_a_few_uncached_downloads(
    client, committed, path, kind
):
    committed()
    for order in ("title", "start"):  # downloaded whole, so kept
        response = client.get(path, {"sort": order})
        assert response.status_code == 200
        body(response)
    refused = client.get(path, {"sort": "-updated"})
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith(kind)
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "Esperá" in refused.content.decode()
    # A kept file is never limited; another client is counted apart.
    assert client.get(path, {"sort": "title"}).status_code == 200
    other = client.get(path, {"sort": "-updated"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@override_settings(DGCIN_EXPORT_RATE="1/h")
def test_signed_in_staff_are_not_limited(admin_client, committed):
    committed()
    for query in ("a", "b", "c"):
        response = admin_client.get("/projects/export.json", {"q": query})
        assert response.status_code == 200


@override_settings(DGCIN_EXPORT_RATE="1/h")
def test_the_429_is_translated(client, committed):
    committed()
    client.get("/en/projects/export.json", {"q": "a"})
    refused = client.get("/en/projects/export.json", {"q": "b"})
    assert refused.status_code == 429
    message = json.loads(refused.content)["error"]["message"]
    assert "You asked for many downloads in a short time." in message


# CORS and compression: open data only ----------------------------------------------


OPEN_DATA = [
    "/projects/export.json",
    "/en/projects/export.csv",
    "/projects/iati.xml",
    "/projects/export.schema.json",
]


@pytest.mark.parametrize("path", OPEN_DATA)
def test_open_data_is_open_to_other_sites_scripts(client, make_project, path):
    make_project()
    response = client.get(path, headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        path,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
        },
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("path", ["/projects/", "/admin/login/", "/accounts/login/"])
def test_pages_are_not_open_to_other_sites_nor_compressed(client, path):
    response = client.get(
        path, headers={"Origin": "https://example.org", "Accept-Encoding": "gzip"}
    )
    assert "Access-Control-Allow-Origin" not in response
    assert "Content-Encoding" not in response


def test_a_projects_own_file_is_compressed_for_clients_that_accept_it(
    client, make_project
):
    project = make_project()
    response = client.get(
        f"/projects/{project.slug}.xml", headers={"Accept-Encoding": "gzip"}
    )
    assert response["Content-Encoding"] == "gzip"
    tree = etree.fromstring(body(response))
    assert tree.find("iati-activity") is not None


# One writer per file, a few large files at once ---------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/projects/export.csv", "text/html"),
        ("/projects/export.json", "application/json"),
    ],
)
def test_while_a_file_is_written_others_are_asked_to_come_back(
    client, committed, path, kind
):
    committed()
    writing = client.get(path)  # started, not yet read to the end
    assert writing["X-Export-Cache"] == "miss"
    waiting = client.get(path)
    assert waiting.status_code == 503
    assert waiting["Content-Type"].startswith(kind)
    assert waiting["Retry-After"] == "10"
    assert "Volvé a intentarlo en 10 segundos" in waiting.content.decode()
    body(writing)  # done: kept, and the reservation given back
    assert client.get(path)["X-Export-Cache"] == "hit"


def test_a_client_that_leaves_before_the_first_byte_gives_the_file_back(
    client, committed
):
    committed()
    close_quietly(client.get("/projects/export.json"))  # never read
    again = client.get("/projects/export.json")
    assert again.status_code == 200
    assert again["X-Export-Cache"] == "miss"


@override_settings(DGCIN_EXPORT_IN_WORKER=False, DGCIN_EXPORT_BUILDS=1)
def test_only_so_many_large_files_are_written_at_once(
    client, committed, settings, monkeypatch
):
    from opendata import views

    monkeypatch.setattr(views, "CHUNK_SIZE", 1)  # two projects make a large file
    committed()
    committed()
    large = client.get("/projects/export.json")
    assert large.status_code == 200
    other = client.get("/projects/export.json", {"sort": "title"})
    assert other.status_code == 503
    assert json.loads(other.content)["error"]["messages"][0] == (
        "Ahora se están preparando varios archivos grandes."
    )
    small = client.get("/projects/export.json", {"q": "ninguno"})
    assert small.status_code == 200  # a small file needs no slot
    body(large)
    assert client.get("/projects/export.json", {"sort": "title"}).status_code == 200


@pytest.fixture
def large(committed, monkeypatch):
    """Two committed projects, more than one chunk: a large file."""
    from opendata import views

    monkeypatch.setattr(views, "CHUNK_SIZE", 1)
    committed(title_es="Agua segura", title_en="Safe water")
    committed(title_es="Suelos", title_en="Soils")


QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.mark.parametrize("path", [*EXPORTS, "/projects/export.xlsx"])
def test_the_task_worker_writes_a_large_file_the_visitors_come_back_for(
    client, large, path
):
    from django.tasks import default_task_backend

    from opendata.tasks import write_export

    with override_settings(TASKS=QUEUED):
        default_task_backend.clear()
        asked = client.get(path, {"sort": "title"})
        assert asked.status_code == 503
        assert asked["Retry-After"] == "10"
        assert client.get(path, {"sort": "title"}).status_code == 503  # one task
        queued = default_task_backend.results
        assert [result.task.func for result in queued] == [write_export.func]
        assert kept_files() == []
        assert write_export.call(*queued[0].args, **queued[0].kwargs) == 200
    [kept] = kept_files()
    served = client.get(path, {"sort": "title"})
    assert served.status_code == 200
    assert served["X-Export-Cache"] == "hit"
    from_worker = body(served)
    assert from_worker == gzip.decompress(kept.read_bytes())
    if path.endswith(".xlsx"):
        return
    # The same file a web worker writes, links and all (but the moment it says).
    kept.unlink()
    with override_settings(DGCIN_EXPORT_IN_WORKER=False):
        from_web = client.get(path, {"sort": "title"})
        assert from_web["X-Export-Cache"] == "miss"
        assert without_moment(body(from_web)) == without_moment(from_worker)


def without_moment(data):
    """The file without the moment it was written: the JSON's "generated_at" and
    the IATI file's generated-datetime attribute."""
    return re.sub(rb'generated(_at": "|-datetime=")[^"]*"', b"", data)


def test_the_worker_writes_the_file_for_the_visitors_address_and_language(
    client, large, settings
):
    from django.tasks import default_task_backend

    from opendata.tasks import write_export

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["datos.example.gob.ar"]
    asking = {
        "headers": {"X-Forwarded-Proto": "https"},
        "HTTP_HOST": "datos.example.gob.ar",
    }
    with override_settings(TASKS=QUEUED):
        default_task_backend.clear()
        assert client.get("/en/projects/export.csv", **asking).status_code == 503
        result = default_task_backend.results[0]
        write_export.call(*result.args, **result.kwargs)
    served = client.get("/en/projects/export.csv", **asking)
    assert served["X-Export-Cache"] == "hit"
    text = body(served).decode()
    assert "Safe water" in text
    assert "Agua segura" not in text
    assert "https://datos.example.gob.ar/en/projects/" in text


def test_with_tasks_run_at_once_the_large_file_is_served_at_once(client, large):
    response = client.get("/projects/export.json")  # development's backend
    assert response.status_code == 200
    assert response["X-Export-Cache"] == "hit"
    assert len(json.loads(body(response))["projects"]) == 2
    assert len(kept_files()) == 1


def test_a_large_file_over_uncommitted_changes_is_written_by_the_request(
    client, make_project, monkeypatch
):
    from opendata import views

    monkeypatch.setattr(views, "CHUNK_SIZE", 1)
    make_project()
    make_project()  # not committed: nothing can be kept, the worker would not see it
    with override_settings(TASKS=QUEUED):
        response = client.get("/projects/export.json")
        assert response.status_code == 200
        assert response["X-Export-Cache"] == "miss"
        assert len(json.loads(body(response))["projects"]) == 2
    assert kept_files() == []
