#!/usr/bin/env python
"""Throughput and latency of the portal's pages next to a minimal Django view.

Serves the portal with gunicorn (production settings, 2 workers) on 127.0.0.1,
against PostgreSQL (DATABASE_URL, default a local `dgcin_bench_<N>` database, created
and loaded if missing) or SQLite (--sqlite). With --projects N the database first
gets N generated projects, and the catalogue (plain, searched, filtered), a project
page and the admin change list are measured too. Each page gets the same number of
requests from a few client threads; the script prints requests per second, p50 and
p95 latency, and each figure's ratio to the minimal view; then, --cold times, it
saves a project (``/bench/edit``) and asks each page once, the page right after an
edit (p50 and p95). It sends traffic only to 127.0.0.1 and stops by itself.

    .venv/bin/python bench/pages.py [--projects 10000] [--requests 400]
                                    [--concurrency 4] [--cold 10] [--sqlite]
"""

import argparse
import http.client
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PAGES = [
    "/projects/",
    "/projects/?q=agua",
    "/projects/?modality=triangular&region=africa",
    "/en/projects/?status=2&sector=311&sort=title&page=3",
    "/projects/stats/",
    "/en/projects/stats/?modality=triangular&region=africa",
    "/projects/generated-5/",
    "/admin/projects/project/",
]
PAGES = [
    "/bench/minimal",
    "/healthz",
    "/",
    "/en/about/",
    "/directory/",
    "/directory/dgcin/vcard/",
    "/partners/",
    "/partners/?q=peru",
    "/partners/?region=africa&page=2",
    "/en/partners/?kind=organisation&type=un-system",
    "/partners/?kind=bloc",
    "/partners/country/py/",
    "/partners/bloc/celac/",
    "/directory/representations/",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env, sqlite, projects):
    if sqlite:
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        env.setdefault(
            "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/dgcin_bench_{projects}"
        )
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        exists = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname='{name}'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", name],
                check=True,
            )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    manage(env, "load_partners")
    manage(env, "load_directory")
    manage(env, "load_project_references")
    if projects:
        missing = projects - int(
            query(
                env,
                "from projects.models import Project; print(Project.objects.count())",
            )
        )
        if missing > 0:
            manage(env, "generate_projects", str(missing))
        manage(
            env,
            "shell",
            "-c",
            "from django.db import connection; "
            "connection.vendor == 'postgresql' and "
            "connection.cursor().execute('VACUUM ANALYZE')",
        )


def query(env, code):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def staff_session(env):
    """A session cookie of a superuser, for the admin pages."""
    return query(
        env,
        "from django.contrib.auth import get_user_model, SESSION_KEY, "
        "BACKEND_SESSION_KEY, HASH_SESSION_KEY; "
        "from django.contrib.sessions.backends.db import SessionStore; "
        "User = get_user_model(); "
        "user = User.objects.filter(username='bench').first() or "
        "User.objects.create_superuser('bench', 'bench@example.org', None); "
        "s = SessionStore(); s[SESSION_KEY] = str(user.pk); "
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s.create(); "
        "print(s.session_key)",
    )


def start_gunicorn(env, port, workers, *options, **popen):
    """The portal under gunicorn on 127.0.0.1:``port`` with the benchmark's
    settings (``env``); ``options`` are more gunicorn options, ``popen`` more
    arguments of ``subprocess.Popen`` (``stderr=``)."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.settings_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            *options,
        ],
        cwd=ROOT,
        env=env,
        **popen,
    )


def measure(port, path, requests, concurrency, cookie=""):
    latencies, errors, lock = [], [], threading.Lock()
    per_thread = requests // concurrency

    def worker():
        for _ in range(per_thread):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as error:
                status = str(error)
            elapsed = time.perf_counter() - start
            connection.close()
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": len(errors),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cold", type=int, default=10, help="edits, each followed by a cold request"
    )
    parser.add_argument(
        "--sqlite", action="store_true", help="use SQLite, not PostgreSQL"
    )
    parser.add_argument(
        "--projects", type=int, default=0, help="generate this many projects first"
    )
    args = parser.parse_args()

    env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    prepare_database(env, args.sqlite, args.projects)
    manage(env, "compilemessages", "--ignore=.venv", "-v0")
    # Start cold: what earlier runs cached is not this run's to reuse.
    query(env, "from projects import facets; facets.invalidate()")
    pages = PAGES[:1] + PROJECT_PAGES if args.projects else PAGES
    cookie = f"sessionid={staff_session(env)}" if args.projects else ""

    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        # The first request of each page pays for whatever it caches.
        # Only the admin is asked as staff; public pages as a visitor who is not
        # signed in (served from the page cache once warm: dgcin/page_cache.py).
        def cookie_for(path):
            return cookie if path.startswith("/admin/") else ""

        first = {
            path: measure(port, path, 1, 1, cookie_for(path))["p50"] for path in pages
        }
        for path in pages:  # warm up: templates, translations, connections
            warm = args.concurrency * 2
            measure(port, path, warm, args.concurrency, cookie_for(path))
        results = {
            path: measure(port, path, args.requests, args.concurrency, cookie_for(path))
            for path in pages
        }
        # Cold: the page right after an edit (bench/urls.py saves a project),
        # several times, once the server is warm.
        cold = {}
        for path in pages:
            latencies = []
            for _ in range(args.cold):
                measure(port, "/bench/edit", 1, 1)
                latencies.append(measure(port, path, 1, 1, cookie_for(path))["p50"])
            latencies.sort()
            cold[path] = (
                statistics.median(latencies),
                latencies[max(0, math.ceil(len(latencies) * 0.95) - 1)],
            )
    finally:
        server.terminate()
        server.wait(timeout=10)

    floor = results["/bench/minimal"]
    database = "SQLite" if args.sqlite else "PostgreSQL"
    print(
        f"{database}, {args.projects} projects, gunicorn {args.workers} workers, "
        f"{args.requests} requests per page, {args.concurrency} client threads; "
        "first = the page's first request (ms); cold = the page right after an "
        f"edit, p50 and p95 of {args.cold} (ms); /min = ratio to the minimal view"
    )
    print(
        f"{'page':48} {'first':>7} {'cold50':>7} {'cold95':>7} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'rps/min':>7} {'p50/min':>7} "
        f"{'cold/min':>8} {'err':>4}"
    )
    for path, r in results.items():
        print(
            f"{path:48} {first[path]:7.1f} {cold[path][0]:7.1f} {cold[path][1]:7.1f} "
            f"{r['rps']:7.1f} {r['p50']:7.2f} {r['p95']:7.2f} "
            f"{r['rps'] / floor['rps']:7.2f} {r['p50'] / floor['p50']:7.2f} "
            f"{cold[path][0] / floor['p50']:8.1f} {r['errors']:4d}"
        )


if __name__ == "__main__":
    main()
