#!/usr/bin/env python
"""Time to first byte, total time, size and server memory of the streamed exports.

For each size given (default 10,000 and 100,000 projects) the script prepares a
PostgreSQL database with that many generated projects, as pages.py does (same
`dgcin_bench_<N>` databases), then for each export starts gunicorn with production
settings and ONE sync worker (so that the worker's memory is the export's), warms the
worker up with a small filtered download of the same kind, and downloads the export
once while sampling the worker's resident memory (RSS, every 10 ms). It prints, per
export: time to the first body byte, total time, bytes, throughput, the worker's RSS
before and at its peak; then, between the sizes, the ratios (a flat memory profile
gives a peak-RSS ratio near 1 while bytes grow 10x). Each export is then downloaded
again from the file the first download kept (opendata/export_cache.py), as is and
gzip-compressed. These downloads are written by the web worker
(DGCIN_EXPORT_IN_WORKER off), to measure the streaming itself; then, as production
runs, by the background task worker (``manage.py db_worker``, which the production
command ``task_worker`` wraps, under ``nice -n 10``):
the time from the first request (answered 503) until the file is served, asking
again every half second.

Then, per size, the load test: gunicorn as in production (4 sync workers) and the
task worker, a few client threads asking for catalogue pages for a while, alone,
and again with 64 more threads downloading full exports (CSV, JSON, IATI; gzip
accepted) at the same time, right after a data change (so every file must be
written again). It prints the catalogue's p50 and p95 in both runs and their ratio
(the goal: p95 with exports within 2x), and how the exports were answered
(written, kept, 429, 503). Traffic goes only to 127.0.0.1; each server is stopped
when its run ends.

    .venv/bin/python bench/exports.py [--projects 10000 100000] [--sqlite]
        [--load-seconds 20] [--no-single]
"""

import argparse
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import (  # noqa: E402
    free_port,
    manage,
    prepare_database,
    query,
    start_gunicorn,
)

EXPORTS = [
    "/projects/export.csv",
    "/en/projects/export.csv",
    "/projects/export.json",
    "/projects/iati.xml",
    "/projects/export.csv?modality=triangular&region=africa",
]
# A small download of the same kind first: imports, templates, translations and the
# connection are then warm, and the measured peak is the export's own.
WARM_UP = "modality=triangular&country=PY&q=agua"


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def worker_of(master):
    """The pid of the gunicorn master's (only) worker."""
    for _ in range(200):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == master:
                return int(entry.name)
        time.sleep(0.05)
    raise RuntimeError("gunicorn started no worker")


def wait_for(port):
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/bench/minimal")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("gunicorn did not answer")


def download(port, path, pid=None, headers=None):
    """(status, seconds to the first body byte, seconds in all, bytes, peak RSS)."""
    peak, stop = [0], threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_kib(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample) if pid else None
    if sampler:
        sampler.start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
    began = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        size = len(response.read(1))
        first = time.perf_counter() - began
        while block := response.read(1 << 16):
            size += len(block)
        total = time.perf_counter() - began
        status = response.status
    finally:
        connection.close()
        stop.set()
        if sampler:
            sampler.join()
    return status, first, total, size, peak[0]


def start_task_worker(env):
    """``manage.py db_worker`` at a lower priority, as deploy/ would run it."""
    return subprocess.Popen(
        ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "-v0"],
        cwd=ROOT,
        env=env,
    )


def stop(process, timeout=60):
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure(env, path):
    """The download of ``path`` written (uncached) by the web worker, then from its
    kept file as is and gzip-compressed: {kind: figures}."""
    port = free_port()
    # A sync worker is killed after --timeout seconds of one request: long downloads
    # need a generous one (see bench/README.md).
    env = env | {"DGCIN_EXPORT_IN_WORKER": "false"}
    server = start_gunicorn(env, port, 1, "--timeout", "1800")
    figures = {}
    try:
        wait_for(port)
        pid = worker_of(server.pid)
        separator = "&" if "?" in path else "?"
        download(port, f"{path}{separator}{WARM_UP}")
        for kind, headers in (
            ("written", {}),
            ("kept", {}),
            ("kept, gzip", {"Accept-Encoding": "gzip"}),
        ):
            before = rss_kib(pid)
            status, first, total, size, peak = download(port, path, pid, headers)
            figures[kind] = {
                "status": status,
                "first": first * 1000,
                "total": total,
                "bytes": size,
                "before": before / 1024,
                "peak": peak / 1024,
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


def ready_in_worker(env, path):
    """Seconds from the first request for ``path``, after a data change, until the
    task worker's file is served (asking again every 0.5 s); the answers seen."""
    query(env, "from projects import facets; facets.bump()")
    port = free_port()
    server = start_gunicorn(env, port, 1)
    worker = start_task_worker(env)
    answers = {}
    try:
        wait_for(port)
        time.sleep(2)  # db_worker's start-up delay
        began = time.perf_counter()
        while True:
            status, _, total, size, _ = download(
                port, path, headers={"Accept-Encoding": "gzip"}
            )
            answers[status] = answers.get(status, 0) + 1
            if status != 503:
                return time.perf_counter() - began, total, size, answers
            time.sleep(0.5)
    finally:
        stop(worker)
        stop(server)


# The load test: catalogue pages alone, then beside 64 export downloads ------------

PAGES = [
    "/projects/",
    "/projects/?modality=triangular",
    "/projects/?region=africa",
    "/projects/?q=agua",
    "/projects/?sector=311&page=2",
    "/en/projects/?status=2",  # implementation (IATI ActivityStatus)
]
FULL_EXPORTS = ["/projects/export.csv", "/projects/export.json", "/projects/iati.xml"]


def load(port, seconds, page_threads, export_threads):
    """Catalogue latencies (s) and export answers while ``page_threads`` ask for
    pages and ``export_threads`` download exports, for ``seconds``."""
    latencies, answers, lock = [], {}, threading.Lock()
    stop = time.perf_counter() + seconds
    pages = itertools.cycle(PAGES)
    exports = itertools.cycle(FULL_EXPORTS)

    def ask_pages():
        while time.perf_counter() < stop:
            with lock:
                path = next(pages)
            began = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            with lock:
                latencies.append((time.perf_counter() - began, status))

    def ask_exports():
        while time.perf_counter() < stop:
            with lock:
                path = next(exports)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                kind = f"{response.status} {response.getheader('X-Export-Cache', '')}"
                if response.status in (429, 503):
                    time.sleep(min(int(response.getheader("Retry-After", "1")), 5))
            except OSError:
                kind = "error"
            with lock:
                answers[kind.strip()] = answers.get(kind.strip(), 0) + 1

    threads = [threading.Thread(target=ask_pages) for _ in range(page_threads)]
    threads += [threading.Thread(target=ask_exports) for _ in range(export_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, answers


def shared_cache():
    """redis://127.0.0.1:6379/9 when a Redis server answers there, else the
    embedded default (each worker its own cache: limits count per worker)."""
    try:
        connection = socket.create_connection(("127.0.0.1", 6379), timeout=1)
    except OSError:
        print("No Redis on 127.0.0.1:6379: each worker counts on its own.")
        return "locmemcache://"
    connection.close()
    return "redis://127.0.0.1:6379/9"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def load_test(env, seconds):
    port = free_port()
    server = start_gunicorn(env, port, 4, "--timeout", "1800")
    worker = start_task_worker(env)
    rows = {}
    try:
        wait_for(port)
        for path in PAGES:  # warm: imports, templates and cached facet counts
            download(port, path)
        for name, exporters in (("catalogue alone", 0), ("with 64 exports", 64)):
            # A data change first: the facet counts and every export must be made
            # again, as after an edit.
            query(env, "from projects import facets; facets.bump()")
            for path in PAGES:
                download(port, path)
            latencies, answers = load(port, seconds, 8, exporters)
            times = [latency for latency, _ in latencies]
            rows[name] = {
                "requests": len(times),
                "errors": sum(1 for _, status in latencies if status != 200),
                "p50": statistics.median(times) * 1000,
                "p95": percentile(times, 0.95) * 1000,
                "answers": answers,
            }
    finally:
        stop(worker)
        stop(server)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--projects", type=int, nargs="+", default=[10_000, 100_000], metavar="N"
    )
    parser.add_argument(
        "--sqlite", action="store_true", help="use SQLite, not PostgreSQL"
    )
    parser.add_argument("--load-seconds", type=float, default=20)
    parser.add_argument("--no-single", action="store_true", help="only the load test")
    args = parser.parse_args()

    results = {}
    for count in args.projects:
        env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
        if len(args.projects) > 1:  # each size has its own database
            env.pop("DATABASE_URL", None)
        # Kept files away from the portal's; one cache for every worker (the
        # generation, the limits and the reservations are shared), Redis when one
        # answers on the default port, as production would run.
        env["DGCIN_EXPORT_CACHE_DIR"] = str(ROOT / "bench" / "results" / "exports")
        env.setdefault("DJANGO_CACHE_URL", shared_cache())
        prepare_database(env, args.sqlite, count)
        manage(env, "compilemessages", "--ignore=.venv", "-v0")
        query(env, "from projects import facets; facets.bump()")
        published = query(
            env,
            "from projects.models import Project; "
            "print(Project.objects.published().count())",
        )
        database = "SQLite" if args.sqlite else "PostgreSQL"
        if not args.no_single:
            print(
                f"\n{database}, {published} published projects, gunicorn 1 sync "
                "worker; first = ms to the first body byte; RSS of the worker in MiB",
                flush=True,
            )
            print(
                f"{'export':58} {'from':>10} {'status':>6} {'first':>7} "
                f"{'total s':>8} {'MB':>8} {'MB/s':>7} {'RSS0':>6} {'peak':>6}",
                flush=True,
            )
            for path in EXPORTS:
                figures = results.setdefault(path, {})[count] = measure(env, path)
                for kind, r in figures.items():
                    print(
                        f"{path:58} {kind:>10} {r['status']:6d} {r['first']:7.1f} "
                        f"{r['total']:8.2f} {r['bytes'] / 1e6:8.2f} "
                        f"{r['bytes'] / 1e6 / r['total']:7.1f} "
                        f"{r['before']:6.1f} {r['peak']:6.1f}",
                        flush=True,
                    )
            print(
                f"\n{database}, {published} published projects: written by the task "
                "worker (nice 10), served to a client asking every 0.5 s (gzip)",
                flush=True,
            )
            print(f"{'export':58} {'ready s':>8} {'last s':>7} {'MB':>7}  answers")
            for path in EXPORTS:
                ready, last, size, answers = ready_in_worker(env, path)
                seen = ", ".join(f"{k}: {v}" for k, v in sorted(answers.items()))
                print(
                    f"{path:58} {ready:8.2f} {last:7.2f} {size / 1e6:7.2f}  {seen}",
                    flush=True,
                )
        rows = load_test(env, args.load_seconds)
        print(
            f"\n{database}, {published} published projects, gunicorn 4 sync workers;"
            f" 8 threads on catalogue pages for {args.load_seconds:.0f} s, alone and"
            " beside 64 threads downloading full exports, each run right after a "
            "data change",
            flush=True,
        )
        print(f"{'run':18} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
        for name, row in rows.items():
            print(
                f"{name:18} {row['requests']:8d} {row['errors']:6d} "
                f"{row['p50']:8.1f} {row['p95']:8.1f}"
            )
        alone, loaded = rows["catalogue alone"], rows["with 64 exports"]
        print(
            f"catalogue p95 with exports / alone: {loaded['p95'] / alone['p95']:.2f}"
            " (goal: at most 2)"
        )
        answers = ", ".join(
            f"{kind}: {number}" for kind, number in sorted(loaded["answers"].items())
        )
        print(f"export answers: {answers}", flush=True)
    if len(args.projects) > 1 and results:
        small, large = args.projects[0], args.projects[-1]
        print(f"\nRatios of the written downloads, {large} projects / {small} projects")
        print(
            f"{'export':58} {'first':>7} {'total':>7} {'bytes':>7} {'peak':>7} "
            f"{'growth':>7}"
        )
        for path, by_size in results.items():
            a, b = by_size[small]["written"], by_size[large]["written"]
            growth_a = max(a["peak"] - a["before"], 0.1)
            growth_b = max(b["peak"] - b["before"], 0.1)
            print(
                f"{path:58} {b['first'] / a['first']:7.2f} "
                f"{b['total'] / a['total']:7.2f} {b['bytes'] / a['bytes']:7.2f} "
                f"{b['peak'] / a['peak']:7.2f} {growth_b / growth_a:7.2f}"
            )


if __name__ == "__main__":
    main()
