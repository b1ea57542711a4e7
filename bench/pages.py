#!/usr/bin/env python
"""Throughput and latency of the public pages next to a minimal Django view.

Serves the portal with gunicorn (production settings, 2 workers) on 127.0.0.1,
against PostgreSQL (DATABASE_URL, default the local `dgcin_bench` database, created
and loaded if missing) or SQLite (--sqlite). Each page gets the same number of
requests from a few client threads; the script prints requests per second, p50 and
p95 latency, and each figure's ratio to the minimal view. It sends traffic only to
127.0.0.1 and stops by itself.

    .venv/bin/python bench/pages.py [--requests 400] [--concurrency 4] [--sqlite]
"""

import argparse
import http.client
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


def prepare_database(env, sqlite):
    if sqlite:
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dgcin_bench")
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
    manage(env, "load_partners")
    manage(env, "load_directory")


def measure(port, path, requests, concurrency):
    latencies, errors, lock = [], [], threading.Lock()
    per_thread = requests // concurrency

    def worker():
        for _ in range(per_thread):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start = time.perf_counter()
            try:
                connection.request("GET", path)
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
        "--sqlite", action="store_true", help="use SQLite, not PostgreSQL"
    )
    args = parser.parse_args()

    env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    prepare_database(env, args.sqlite)
    manage(env, "compilemessages", "--ignore=.venv", "-v0")

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.settings_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for path in PAGES:  # warm up: templates, translations, connections
            measure(port, path, args.concurrency * 2, args.concurrency)
        results = {
            path: measure(port, path, args.requests, args.concurrency) for path in PAGES
        }
    finally:
        server.terminate()
        server.wait(timeout=10)

    floor = results["/bench/minimal"]
    database = "SQLite" if args.sqlite else "PostgreSQL"
    print(
        f"{database}, gunicorn {args.workers} workers, {args.requests} requests "
        f"per page, {args.concurrency} client threads"
    )
    print(
        f"{'page':48} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'rps/min':>7} {'p50/min':>7} {'err':>4}"
    )
    for path, r in results.items():
        print(
            f"{path:48} {r['rps']:7.1f} {r['p50']:7.2f} {r['p95']:7.2f} "
            f"{r['rps'] / floor['rps']:7.2f} {r['p50'] / floor['p50']:7.2f} "
            f"{r['errors']:4d}"
        )


if __name__ == "__main__":
    main()
