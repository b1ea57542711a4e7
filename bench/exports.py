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
gives a peak-RSS ratio near 1 while bytes grow 10x). Traffic goes only to 127.0.0.1;
each server is stopped when its download ends.

    .venv/bin/python bench/exports.py [--projects 10000 100000] [--sqlite]
"""

import argparse
import http.client
import os
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


def download(port, path, pid=None):
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
        connection.request("GET", path)
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


def measure(env, path):
    port = free_port()
    # A sync worker is killed after --timeout seconds of one request: long downloads
    # need a generous one (see bench/README.md).
    server = start_gunicorn(env, port, 1, "--timeout", "1800")
    try:
        wait_for(port)
        pid = worker_of(server.pid)
        separator = "&" if "?" in path else "?"
        download(port, f"{path}{separator}{WARM_UP}")
        before = rss_kib(pid)
        status, first, total, size, peak = download(port, path, pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "status": status,
        "first": first * 1000,
        "total": total,
        "bytes": size,
        "before": before / 1024,
        "peak": peak / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--projects", type=int, nargs="+", default=[10_000, 100_000], metavar="N"
    )
    parser.add_argument(
        "--sqlite", action="store_true", help="use SQLite, not PostgreSQL"
    )
    args = parser.parse_args()

    results = {}
    for count in args.projects:
        env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
        if len(args.projects) > 1:  # each size has its own database
            env.pop("DATABASE_URL", None)
        prepare_database(env, args.sqlite, count)
        manage(env, "compilemessages", "--ignore=.venv", "-v0")
        query(env, "from projects import facets; facets.invalidate()")
        published = query(
            env,
            "from projects.models import Project; "
            "print(Project.objects.published().count())",
        )
        database = "SQLite" if args.sqlite else "PostgreSQL"
        print(
            f"\n{database}, {published} published projects, gunicorn 1 sync worker; "
            "first = ms to the first body byte; RSS of the worker in MiB",
            flush=True,
        )
        print(
            f"{'export':58} {'status':>6} {'first':>7} {'total s':>8} {'MB':>8} "
            f"{'MB/s':>6} {'RSS0':>6} {'peak':>6}",
            flush=True,
        )
        for path in EXPORTS:
            r = results.setdefault(path, {})[count] = measure(env, path)
            print(
                f"{path:58} {r['status']:6d} {r['first']:7.1f} {r['total']:8.2f} "
                f"{r['bytes'] / 1e6:8.2f} {r['bytes'] / 1e6 / r['total']:6.2f} "
                f"{r['before']:6.1f} {r['peak']:6.1f}",
                flush=True,
            )
    if len(args.projects) > 1:
        small, large = args.projects[0], args.projects[-1]
        print(f"\nRatios, {large} projects / {small} projects")
        print(
            f"{'export':58} {'first':>7} {'total':>7} {'bytes':>7} {'peak':>7} "
            f"{'growth':>7}"
        )
        for path, by_size in results.items():
            a, b = by_size[small], by_size[large]
            growth_a = max(a["peak"] - a["before"], 0.1)
            growth_b = max(b["peak"] - b["before"], 0.1)
            print(
                f"{path:58} {b['first'] / a['first']:7.2f} "
                f"{b['total'] / a['total']:7.2f} {b['bytes'] / a['bytes']:7.2f} "
                f"{b['peak'] / a['peak']:7.2f} {growth_b / growth_a:7.2f}"
            )


if __name__ == "__main__":
    main()
