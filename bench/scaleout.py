#!/usr/bin/env python
"""Two app servers on one database and one cache: what one changes, the other shows.

Starts two gunicorn instances of the portal (production settings, bench.settings;
``--workers`` sync workers each, each on a free port of 127.0.0.1) and one task
worker on ONE PostgreSQL database (DATABASE_URL, by default a local
``dgcin_scaleout`` database with ``--projects`` generated projects, created and
loaded if missing), ONE Redis cache (DJANGO_CACHE_URL, by default
redis://127.0.0.1:6379/13, its keys under a prefix of this run's) and ONE shared
storage (a folder holding the uploads, the published IATI files and the kept
downloads, as README.md's "Production" asks), then checks through real HTTP, as
a load balancer would send one person's requests to either server:

1. a visitor's project page and catalogue, made by B, are served by A from the
   shared cache, then by B again (``X-Page-Cache: hit``); the project's open-data
   file has the same ETag on both;
2. the full CSV download asked through B (written by the task worker, or by B
   when it holds at most a chunk of projects) is served by A from the storage;
3. staff sign in on A (the admin's sign-in form, CSRF token and all); the session
   A gave is signed in on B (the admin answers 200 with its cookie);
4. staff change a published project's title with the admin's change form on A
   (every field the form holds posted back, the title changed), and a visitor
   sees the new title through B: the project page, the catalogue, the project's
   open-data file (whose old ETag no longer matches), and the published IATI
   file the task worker rewrites after the change;
5. a lockout is everyone's: failed sign-ins on A lock the account on B too.

It prints one line per check, PASS or FAIL, and exits 1 if any failed. Traffic
goes only to 127.0.0.1; both servers are stopped when it ends.

    .venv/bin/python bench/scaleout.py [--projects 1000] [--workers 2]
"""

import argparse
import http.client
import json
import os
import re
import secrets
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.exports import stop, wait_for  # noqa: E402
from bench.faults import start_task_worker  # noqa: E402
from bench.pages import (  # noqa: E402
    free_port,
    manage,
    prepare_database,
    query,
    start_gunicorn,
)

# What the servers write that is no news: django-axes' warnings of the lockout
# check, whitenoise's of the static folder (no collectstatic here), the task
# worker's start and stop.
NOISE = re.compile(
    r"AXES: |No directory at: .*/staticfiles/|mw_instance = "
    r"|Task worker \w+ started|Received Terminated"
)
STAFF = "scaleout"
LOCKED = "scaleout-locked"
# The site's public address as the balancer passes it on (bench.settings'
# DJANGO_SITE_URL), whichever server answers.
HOST = "127.0.0.1:8000"
PASSWORD = "a-Str0ng-passphrase-for-scaleout"  # a throw-away account's


# HTTP as one person's browser speaks it, to either server --------------------------


class Answer(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name):
        return self.headers.get(name, "")


class Browser:
    """One person's cookies, sent to whichever server (port) a request goes to,
    with the site's public host name: what a load balancer without sticky sessions
    does (it passes the Host the person asked for on, which the page cache's keys
    and the open data's ETags hold)."""

    def __init__(self, cookies=None, host=HOST):
        self.cookies = dict(cookies or {})
        self.host = host

    def request(self, port, method, path, fields=None, headers=None):
        sent = {
            "Host": self.host,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"http://{self.host}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=sent | (headers or {}))
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        text = content.decode(errors="replace")
        return Answer(response.status, response.headers, text)

    def get(self, port, path, headers=None):
        return self.request(port, "GET", path, headers=headers)

    def submit(self, port, path, changes, button=None, form_id=None):
        """Fetches the page at ``path``, fills its form (``form_id``, or the only
        one with a CSRF token) as a browser would, with ``changes`` on top, and
        posts it where the form says."""
        page = self.get(port, path)
        if page.status != 200:
            return page
        form = find_form(page.text, form_id)
        fields = [(k, v) for k, v in form_fields(form) if k not in changes]
        fields += list(changes.items())
        if button:
            fields.append(button)
        return self.request(port, "POST", form.get("action") or path, fields)


def find_form(text, form_id=None):
    document = lxml.html.fromstring(text)
    for form in document.forms:
        if form.get("id") == form_id or (
            form_id is None and form.xpath('.//input[@name="csrfmiddlewaretoken"]')
        ):
            return form
    raise LookupError(f"no form {form_id or 'with a CSRF token'} on the page")


def form_fields(form):
    """(name, value) pairs a browser submits for ``form`` (no file, no button):
    lxml's, plus the text boxes without a value attribute, which send ''."""
    fields = list(form.form_values())
    named = {name for name, _ in fields}
    for element in form.xpath(".//input[@name]"):
        kind = element.get("type", "text").lower()
        name = element.get("name")
        if (
            name not in named
            and "disabled" not in element.attrib
            and kind not in ("checkbox", "radio", "submit", "image", "reset", "file")
        ):
            fields.append((name, ""))
    return fields


def sign_in(browser, port, username, password):
    """The admin's sign-in form (DGCIN_STAFF_TWO_FACTOR off: no second step)."""
    return browser.submit(
        port,
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
    )


def edit_title(browser, port, pk, title):
    """Saves the project's admin change form with a new Spanish title."""
    return browser.submit(
        port,
        f"/admin/projects/project/{pk}/change/",
        {"title_es": title},
        button=("_save", "Guardar"),
        form_id="project_form",
    )


def errors_on(answer):
    """The form errors an admin page shows, for a report."""
    try:
        document = lxml.html.fromstring(answer.text)
    except Exception:  # not HTML
        return answer.text[:200]
    found = document.xpath(
        '//*[contains(@class, "errorlist") or contains(@class, "errornote")]'
    )
    return "; ".join(" ".join(e.text_content().split()) for e in found)[:300]


def server_env(base, database_url, cache_url, prefix, storage):
    """The environment of an app server or the task worker: the benchmark's
    production settings on the shared database, cache and storage (the folder
    ``storage``: uploads, published IATI files, kept downloads)."""
    return base | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DJANGO_CACHE_URL": cache_url,
        "DGCIN_CACHE_KEY_PREFIX": prefix,
        "DJANGO_MEDIA_ROOT": str(storage / "media"),
        "DGCIN_IATI_DIR": str(storage / "iati"),
        "DGCIN_EXPORT_CACHE_DIR": str(storage / "exports"),
    }


def start_pair(env, workers, log=None):
    """Two servers, A and B, on ``env``: {name: (port, process)}, both
    answering; what they write on stderr (django-axes' warnings, errors) goes to
    ``log``."""
    servers = {}
    try:
        for name in ("A", "B"):
            port = free_port()
            servers[name] = (port, start_gunicorn(env, port, workers, stderr=log))
        for port, _ in servers.values():
            wait_for(port)
    except BaseException:
        stop_pair(servers)
        raise
    return servers


def stop_pair(servers):
    """Stops both at once (each worker takes a second or two to exit)."""
    for _, process in servers.values():
        process.terminate()
    for _, process in servers.values():
        stop(process)


def clear_prefix(cache_url, prefix):
    """Removes this run's keys from the shared Redis database."""
    import redis

    client = redis.Redis.from_url(cache_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


# The checks -----------------------------------------------------------------------


class Report(list):
    """[(passed, description)], one per check."""

    def check(self, passed, text):
        self.append((bool(passed), text))
        return passed


def seen(answer, title):
    return "new title" if title in answer.text else "NOT the new title"


def check_shared_pages(report, a, b, visitor, paths, title):
    """Pages B made are served by A from the cache; the data file's ETag agrees."""
    page, catalogue, data_file = paths
    for path in (page, catalogue):
        answers = [visitor.get(b, path), visitor.get(a, path), visitor.get(b, path)]
        caching = [answer.header("X-Page-Cache") or "-" for answer in answers]
        report.check(
            [answer.status for answer in answers] == [200] * 3
            and caching == ["miss", "hit", "hit"]
            and (path != page or title in answers[0].text),
            f"{path}: made by B ({caching[0]}), served by A ({caching[1]}) and B "
            f"({caching[2]}) from the shared cache",
        )
    before = visitor.get(b, data_file)
    etag = before.header("ETag")
    same = visitor.get(a, data_file, headers={"If-None-Match": etag})
    report.check(
        before.status == 200 and etag and same.status == 304,
        f"{data_file}: B's ETag {etag} is A's too (A answers {same.status})",
    )
    return etag


def check_shared_download(report, a, b, visitor, path, timeout=120):
    """A download asked through B, once written, is served by A from storage."""
    gzip = {"Accept-Encoding": "gzip"}
    first = visitor.get(b, path, headers=gzip)
    deadline = time.monotonic() + timeout
    while (kept := visitor.get(a, path, headers=gzip)).status == 503:
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    report.check(
        first.status in (200, 503)
        and kept.status == 200
        and kept.header("X-Export-Cache") == "hit",
        f"{path} asked through B ({first.status} "
        f"{first.header('X-Export-Cache') or 'come back later'}), served by A "
        f"from the shared storage ({kept.status} {kept.header('X-Export-Cache')})",
    )


def check_shared_session(report, a, b):
    """Staff signed in on A are signed in on B: the staff's browser."""
    staff = Browser()
    signed_in = sign_in(staff, a, STAFF, PASSWORD)
    report.check(
        signed_in.status == 302 and "sessionid" in staff.cookies,
        f"staff sign in on A: {signed_in.status} to "
        f"{signed_in.header('Location') or errors_on(signed_in)}",
    )
    admin_b = staff.get(b, "/admin/")
    anonymous_b = Browser().get(b, "/admin/")
    report.check(
        admin_b.status == 200 and STAFF in admin_b.text and anonymous_b.status == 302,
        f"A's session on B: /admin/ {admin_b.status} with its cookie "
        f"({anonymous_b.status} without)",
    )
    return staff


def check_change(report, a, b, staff, visitor, project, paths, etag):
    """A title changed on A is what a visitor gets from B."""
    new = f"Escalado horizontal {secrets.token_hex(3)}"
    saved = edit_title(staff, a, project["pk"], new)
    report.check(
        saved.status == 302,
        f"title changed with the admin's change form on A: {saved.status} "
        f"{saved.header('Location') or errors_on(saved)}",
    )
    page, catalogue, data_file = paths
    for path in (page, catalogue):
        answer = visitor.get(b, path)
        report.check(
            answer.status == 200 and new in answer.text,
            f"{path} on B, as a visitor: {answer.status}, {seen(answer, new)} "
            f"({answer.header('X-Page-Cache') or '-'})",
        )
    answer = visitor.get(b, data_file, headers={"If-None-Match": etag})
    report.check(
        answer.status == 200 and new in answer.text,
        f"{data_file} on B with the old ETag: {answer.status}, {seen(answer, new)}",
    )
    return new


def check_iati_file(report, b, visitor, project, title, timeout=180):
    """The task worker rewrites the IATI files after the change; B serves them."""
    path = f"/iati/activities-{project['year']}.xml"
    began = time.monotonic()
    while title not in (answer := visitor.get(b, path)).text:
        if time.monotonic() - began > timeout:
            break
        time.sleep(1)
    report.check(
        answer.status == 200 and title in answer.text,
        f"{path} on B: {answer.status}, {seen(answer, title)} "
        f"{time.monotonic() - began:.0f} s after the change (the task worker's)",
    )


def check_lockout(report, a, b, limit):
    """Failed sign-ins on A lock the account on B."""
    prowler = Browser()
    failed = [
        sign_in(prowler, a, LOCKED, "not-the-password").status for _ in range(limit)
    ]
    refused = sign_in(Browser(), b, LOCKED, PASSWORD)
    report.check(
        refused.status == 429 and "sessionid" not in refused.header("Set-Cookie"),
        f"{limit} failed sign-ins on A ({', '.join(map(str, failed))}) lock the "
        f"account on B: the right password gets {refused.status}",
    )


def run_checks(a, b, project):
    """The checks of the module's docstring, in order: a Report."""
    report, visitor = Report(), Browser()
    paths = (
        f"/projects/{project['slug']}/",
        "/projects/?sort=-updated",
        f"/projects/{project['slug']}.json",
    )
    etag = check_shared_pages(report, a, b, visitor, paths, project["title"])
    check_shared_download(report, a, b, visitor, "/projects/export.csv")
    staff = check_shared_session(report, a, b)
    new = check_change(report, a, b, staff, visitor, project, paths, etag)
    check_iati_file(report, b, visitor, project, new)
    check_lockout(report, a, b, project["limit"])
    return report


SETUP = f"""
import json
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.conf import settings
from projects.models import Project
User = get_user_model()
for name in ({STAFF!r}, {LOCKED!r}):
    user = User.objects.filter(username=name).first() or User.objects.create_superuser(
        name, name + "@example.org", None)
    user.set_password({PASSWORD!r})
    user.save()
AccessAttempt.objects.filter(username__in=({STAFF!r}, {LOCKED!r})).delete()
project = Project.objects.published().order_by("pk").first()
print(json.dumps({{"pk": project.pk, "slug": project.slug, "title": project.title_es,
                  "year": project.start_year, "limit": settings.AXES_FAILURE_LIMIT}}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    env = os.environ.copy()
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dgcin_scaleout")
    cache_url = env.setdefault("DJANGO_CACHE_URL", "redis://127.0.0.1:6379/13")
    if not cache_url.startswith("redis://"):
        raise SystemExit("DJANGO_CACHE_URL must name a Redis server both share")
    prefix = f"scaleout-{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory(prefix="dgcin-scaleout-") as folder:
        env = server_env(env, env["DATABASE_URL"], cache_url, prefix, Path(folder))
        prepare_database(env, sqlite=False, projects=args.projects)
        manage(env, "compilemessages", "--ignore=.venv", "-v0")
        manage(env, "publish_iati", "-v0")
        project = json.loads(query(env, SETUP).splitlines()[-1])
        log = (Path(folder) / "servers.log").open("w+")
        servers = start_pair(env, args.workers, log)
        worker = start_task_worker(env, log)
        try:
            (a, server_a), (b, server_b) = servers["A"], servers["B"]
            database = env["DATABASE_URL"].rsplit("/", 1)[1]
            print(
                f"Two app servers, gunicorn {args.workers} sync workers each, "
                f"bench.settings: A on 127.0.0.1:{a} (pid {server_a.pid}), B on "
                f"127.0.0.1:{b} (pid {server_b.pid}); one task worker; PostgreSQL "
                f"{database}, cache {cache_url} (prefix {prefix}), storage {folder}"
                f"; project {project['slug']}",
                flush=True,
            )
            report = run_checks(a, b, project)
        finally:
            stop(worker)
            stop_pair(servers)
            clear_prefix(cache_url, prefix)
            log.seek(0)
            errors = [line for line in log if not NOISE.search(line)]
            log.close()
    for passed, text in report:
        print(f"{'PASS' if passed else 'FAIL'}  {text}")
    if errors:
        print("The servers wrote:")
        print("".join(errors[-40:]), end="")
    failed = sum(not passed for passed, _ in report)
    print(f"{len(report)} checks, {len(report) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
