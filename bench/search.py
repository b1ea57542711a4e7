#!/usr/bin/env python
"""Latency of the full-text search next to the unfiltered catalogue and a minimal
Django view, in the same run.

Uses ``bench/pages.py``'s machinery: gunicorn with production settings on
127.0.0.1, PostgreSQL (DATABASE_URL, default a local ``dgcin_bench_<N>`` database,
created and loaded with N generated projects if missing) or SQLite (--sqlite). Each
page gets the same number of requests from a few client threads; the script prints
p50 and p95 latency and their ratios to the minimal view and to the unfiltered
catalogue. It sends traffic only to 127.0.0.1 and stops by itself.

    .venv/bin/python bench/search.py [--projects 100000] [--requests 300]
                                     [--concurrency 4] [--sqlite]
"""

import argparse
import os
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import (
    manage,
    measure,
    prepare_database,
    query,
    start_gunicorn,
)

PAGES = [
    "/bench/minimal",
    "/projects/",
    # A common word (one generated project in five), ranked.
    "/projects/?q=agua",
    # Two words, stemmed and unaccented ("alimentos" in the titles).
    "/projects/?q=inocuidad+alimento",
    # A word with a filter.
    "/projects/?q=forense&modality=triangular",
    # A typo: its one-edit spellings are looked up in the vocabulary.
    "/projects/?q=antropolgia",
    # Nothing found: suggestions.
    "/projects/?q=zqxwvu",
    # The header's search: projects, partners and the directory.
    "/search/?q=agua",
    "/en/search/?q=paraguay",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--projects", type=int, default=100_000)
    args = parser.parse_args()

    env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    prepare_database(env, args.sqlite, args.projects)
    manage(env, "compilemessages", "--ignore=.venv", "-v0")
    query(env, "from projects import facets; facets.invalidate()")

    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    number = port.getsockname()[1]
    port.close()
    server = start_gunicorn(env, number, args.workers)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", number), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        first = {path: measure(number, path, 1, 1)["p50"] for path in PAGES}
        for path in PAGES:
            measure(number, path, args.concurrency * 2, args.concurrency)
        results = {
            path: measure(number, path, args.requests, args.concurrency)
            for path in PAGES
        }
    finally:
        server.terminate()
        server.wait(timeout=10)

    floor, catalogue = results["/bench/minimal"], results["/projects/"]
    print(
        f"{'SQLite' if args.sqlite else 'PostgreSQL'}, {args.projects} projects, "
        f"gunicorn {args.workers} workers, {args.requests} requests per page, "
        f"{args.concurrency} client threads; first = first request (ms)"
    )
    print(
        f"{'page':44} {'first':>7} {'p50 ms':>7} {'p95 ms':>7} {'p95/min':>7} "
        f"{'p95/cat':>7} {'err':>4}"
    )
    for path, r in results.items():
        print(
            f"{path:44} {first[path]:7.1f} {r['p50']:7.2f} {r['p95']:7.2f} "
            f"{r['p95'] / floor['p95']:7.2f} {r['p95'] / catalogue['p95']:7.2f} "
            f"{r['errors']:4d}"
        )


if __name__ == "__main__":
    main()
