#!/usr/bin/env python
"""Load: 64 connections for 60 s on a mixed public workload (issue 17).

Prepares (or reuses) a PostgreSQL database with N generated projects
(pages.prepare_database; by default ``dgcin_load_<N>``, or DATABASE_URL), writes
the published IATI files (``manage.py publish_iati``) and serves the portal as
deploy/ does: gunicorn with the production settings (bench.settings) and the
workers and timeout of deploy/dgcin-web.service (read from it), beside the task
worker under ``nice -n 10`` (deploy/dgcin-worker.service), on the shared cache
(DJANGO_CACHE_URL, by default Redis at redis://127.0.0.1:6379/13).

The data generation is moved first, as after an edit: every page, count and
download is cold. The catalogue's downloads of the workload are then asked until
the task worker has kept them, and every address visitors keep asking for is
asked once (``workload``: the entries marked warm), as the site's first visitors
after a change would; the long tail (any project's page and files, deep
catalogue pages, search and filter combinations, any country: thousands of
addresses drawn at random) stays cold. wrk (Debian's package) then runs the
minimal view (``/bench/minimal``) and the workload with the same settings:
``--connections`` connections (one wrk thread each), ``--duration`` seconds,
``--timeout`` seconds before a request counts as a socket error. bench/load.lua
picks each request's address by weight: pages (home, catalogue plain, filtered
and paged, searches in Spanish and English, project pages, partners, countries,
provinces, statistics, directory) and open data (the kept catalogue downloads, a
project's own JSON and IATI files, the API, the data catalogue, the IATI files,
the feed). It prints requests, req/s, p50/p95/p99 latency, errors (socket
errors and answers that are not 2xx) and, per workload entry, the errors by
status and the page cache's hits and misses, then the ratios to the minimal
view. Exits 1 on any error. Traffic goes only to 127.0.0.1; the server and the
worker are stopped when the run ends.

The limit on a visitor's uncached downloads (DGCIN_EXPORT_RATE, 10 a minute per
client address) stays as production has it: the workload's catalogue downloads
are kept before the load, and a kept file is never counted; a project's own
files and the API are not limited. A 429 (or a 503 "come back") would count as
an error of its entry, not be left out.

    .venv/bin/python bench/load.py [--projects 10000] [--connections 64]
                                   [--duration 60] [--timeout 30]
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.exports import (  # noqa: E402
    download,
    start_task_worker,
    stop,
    wait_for,
)
from bench.pages import (  # noqa: E402
    free_port,
    manage,
    prepare_database,
    query,
    start_gunicorn,
)

SEARCH_ES = [
    "agua", "sanidad animal", "antropología forense", "energías renovables",
    "pesca artesanal", "estadísticas", "inocuidad alimentos", "riesgo de desastres",
    "salud materno infantil", "agricultura familiar", "cooperación técnica",
    "capacitación", "paraguay", "bolivia", "antropolgia", "zqxwvu",
]  # fmt: skip
SEARCH_EN = [
    "water", "animal health", "forensic anthropology", "renewable energy",
    "fisheries", "food safety", "statistics", "disaster risk", "family farming",
    "capacity building", "technical assistance", "peru",
]  # fmt: skip
FILTERS = [
    "modality=triangular", "region=africa", "modality=triangular&region=africa",
    "status=2", "status=4&sort=title", "sector=311", "sdg=6", "country=PY",
    "decentralised=yes", "sort=-updated", "modality=bilateral&country=BO",
    "region=south-america&sector=121",
]  # fmt: skip
# The catalogue's downloads the workload asks for: kept files once written.
DOWNLOADS = [
    "/projects/export.csv",
    "/en/projects/export.csv",
    "/projects/export.json",
    "/projects/iati.xml",
    "/projects/export.xlsx",
    "/projects/export.csv?modality=triangular&region=africa",
    "/en/projects/export.json?country=PY",
    "/projects/export.csv?sector=311&status=2",
]
MATERIAL = """
import json
from django.db.models import Count
from directory.models import Unit
from partners.models import Bloc, Organisation, Province
from projects.models import Participation, Project
published = Project.objects.published()
countries = (
    Participation.objects.filter(project__in=published, country__isnull=False)
    .exclude(country__code="AR").values("country__code")
    .annotate(projects=Count("project", distinct=True)).order_by("-projects")
)
print(json.dumps({
    "projects": published.count(),
    "slugs": list(published.order_by("pk").values_list("slug", flat=True)),
    "countries": [row["country__code"].lower() for row in countries],
    "organisations": list(Organisation.objects.values_list("slug", flat=True)),
    "blocs": list(Bloc.objects.values_list("slug", flat=True)),
    "provinces": list(Province.objects.values_list("code", flat=True)),
    "units": list(Unit.objects.values_list("slug", flat=True)),
}))
"""
# Addresses of the long tail: how many distinct ones (drawn at random).
TAIL = 3000


def workload(material, iati_files):
    """[(label, weight, [paths], warm)]: what share of requests goes where, and
    whether the entry is warmed before the load. Warmed entries are the pages
    visitors keep asking for (the page cache answers them once made); the others
    are the long tail, drawn from thousands of addresses (project pages of any
    project, deep catalogue pages, search and filter combinations, any country):
    mostly misses, as after a change."""
    m, pick = material, random.Random(17)  # the same addresses in every run
    slugs = pick.sample(m["slugs"], min(len(m["slugs"]), 100 + TAIL))
    popular, rare = slugs[:100], slugs[100:]
    pages = max(2, m["projects"] // 20)  # the catalogue's 20 a page
    es = [quote_plus(term) for term in SEARCH_ES]
    en = [quote_plus(term) for term in SEARCH_EN]
    main_countries = m["countries"][:30]
    return [
        ("home", 6, ["/", "/en/", "/about/", "/open-data/"], True),
        ("catalogue", 8, ["/projects/", "/en/projects/"], True),
        ("catalogue filter", 6, [f"/projects/?{f}" for f in FILTERS], True),
        ("catalogue page", 4, [f"/projects/?page={n}" for n in range(2, 11)], True),
        (
            "search",
            8,
            [f"/projects/?q={q}" for q in es]
            + [f"/en/projects/?q={q}" for q in en]
            + [f"/search/?q={q}" for q in es[:8]]
            + [f"/en/search/?q={q}" for q in en[:6]],
            True,
        ),
        (
            "project page",
            12,
            [f"/projects/{s}/" for s in popular]
            + [f"/en/projects/{s}/" for s in popular[:30]],
            True,
        ),
        (
            "partners",
            3,
            ["/partners/", "/en/partners/", "/partners/?region=africa&page=2"]
            + ["/partners/?kind=bloc", "/partners/institutions/"]
            + [f"/partners/bloc/{slug}/" for slug in m["blocs"]]
            + [f"/partners/organisation/{slug}/" for slug in m["organisations"]],
            True,
        ),
        (
            "country",
            4,
            [f"/partners/country/{c}/" for c in main_countries]
            + [f"/en/partners/country/{c}/" for c in main_countries[:10]],
            True,
        ),
        (
            "province",
            2,
            [f"/partners/province/{c.lower()}/" for c in m["provinces"]],
            True,
        ),
        (
            "statistics",
            4,
            ["/projects/stats/", "/en/projects/stats/"]
            + [f"/projects/stats/?{f}" for f in FILTERS[:6]],
            True,
        ),
        (
            "directory",
            3,
            ["/directory/", "/en/directory/", "/directory/representations/"]
            + ["/directory/focal-points/"]
            + [f"/directory/{slug}/" for slug in m["units"]],
            True,
        ),
        ("download", 4, DOWNLOADS, True),
        (
            "project file",
            3,
            [f"/projects/{s}.json" for s in popular[:50]]
            + [f"/projects/{s}.xml" for s in popular[50:]],
            True,
        ),
        (
            "api",
            6,
            [
                "/api/v1/projects",
                "/api/v1/projects?modality=triangular&page_size=100",
                "/api/v1/projects?q=agua&lang=en",
                "/api/v1/countries",
                "/api/v1/organisations",
                "/api/v1/blocs",
                "/api/v1/units",
                "/api/v1/representations",
                "/api/v1/programmes",
            ]
            + [f"/api/v1/projects/{s}" for s in popular]
            + [f"/api/v1/countries/{c.upper()}" for c in main_countries],
            True,
        ),
        (
            "data files",
            3,
            ["/data.json", "/iati/index.json", "/iati/organisation.xml"]
            + [f"/iati/{name}" for name in iati_files]
            + ["/projects/feed.rss", "/sitemap.xml", "/robots.txt"],
            True,
        ),
        # The long tail.
        (
            "tail: project",
            6,
            [f"/projects/{s}/" for s in rare]
            + [f"/en/projects/{s}/" for s in rare[:1000]],
            False,
        ),
        (
            "tail: catalogue",
            3,
            [f"/projects/?page={pick.randint(11, pages)}" for _ in range(TAIL // 3)]
            + [
                f"/{pick.choice(['', 'en/'])}projects/?q={pick.choice(es + en)}"
                f"&{pick.choice(FILTERS)}&page={pick.randint(1, 5)}"
                for _ in range(TAIL // 3)
            ],
            False,
        ),
        (
            "tail: partners",
            2,
            [f"/partners/country/{c}/" for c in m["countries"][30:]]
            + [f"/en/partners/country/{c}/" for c in m["countries"][10:]],
            False,
        ),
        (
            "tail: data",
            3,
            [f"/projects/{s}.json" for s in rare[:1500]]
            + [f"/projects/{s}.xml" for s in rare[1500:]]
            + [f"/api/v1/projects/{s}" for s in rare],
            False,
        ),
    ]


def warm(port, entries, threads=4):
    """Asks once for every address of the entries to warm: the pages visitors
    keep asking for, made before the load."""
    paths = [path for _, _, paths, hot in entries if hot for path in paths]
    with ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(lambda path: download(port, path)[0], paths))
    return len(paths), sum(status != 200 for status in statuses)


def lua_script(entries):
    """bench/load.lua with ``entries`` written in."""
    rows = "\n".join(
        f"  {{label = {json.dumps(label)}, weight = {weight}, paths = {{"
        + ", ".join(json.dumps(path) for path in paths)
        + "}},"
        for label, weight, paths, *_ in entries
    )
    return (ROOT / "bench" / "load.lua").read_text().replace("  -- ENTRIES --", rows)


def deployed_gunicorn():
    """The --workers and --timeout of deploy/dgcin-web.service's gunicorn."""
    unit = (ROOT / "deploy" / "dgcin-web.service").read_text()
    workers = re.search(r"--workers\s+(\d+)", unit)
    timeout = re.search(r"--timeout\s+(\d+)", unit)
    return int(workers.group(1)), int(timeout.group(1))


def run_wrk(port, script, args):
    """wrk's report (printed as it comes) and the figures of its last line."""
    command = [
        "wrk",
        "--threads",
        str(args.connections),
        "--connections",
        str(args.connections),
        "--duration",
        f"{args.duration}s",
        "--timeout",
        f"{args.timeout}s",
        "--script",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    print("$", " ".join(command).replace(str(script.parent), "…"), flush=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = None
    for line in output.splitlines():
        if line.startswith("@@ "):
            rps, p50, p95, p99, errors = line.split()[1:]
            figures = {
                "rps": float(rps),
                "p50": float(p50),
                "p95": float(p95),
                "p99": float(p99),
                "errors": int(errors),
            }
        else:
            print(line)
    return figures


def keep_downloads(port, timeout=900):
    """Asks for each of DOWNLOADS (gzip accepted) until it is served (the task
    worker writes the large ones: 503 until then): {path: seconds}."""
    ready, began = {}, time.perf_counter()
    while len(ready) < len(DOWNLOADS):
        for path in DOWNLOADS:
            if path in ready:
                continue
            status = download(port, path, headers={"Accept-Encoding": "gzip"})[0]
            if status == 200:
                ready[path] = time.perf_counter() - began
            elif status != 503:
                raise SystemExit(f"{path} answered {status} before the load")
        if time.perf_counter() - began > timeout:
            raise SystemExit(
                f"not kept after {timeout} s: {set(DOWNLOADS) - set(ready)}"
            )
        time.sleep(1)
    return ready


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument(
        "--timeout", type=int, default=30, help="seconds before wrk gives up"
    )
    args = parser.parse_args()

    env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.setdefault(
        "DATABASE_URL",
        f"postgres://postgres@127.0.0.1:5432/dgcin_load_{args.projects}",
    )
    env.setdefault("DJANGO_CACHE_URL", "redis://127.0.0.1:6379/13")
    env["DGCIN_CACHE_KEY_PREFIX"] = f"load-{args.projects}"
    results = ROOT / "bench" / "results" / f"load-{args.projects}"
    env["DGCIN_EXPORT_CACHE_DIR"] = str(results / "exports")
    env["DGCIN_IATI_DIR"] = str(results / "iati")
    prepare_database(env, sqlite=False, projects=args.projects)
    manage(env, "compilemessages", "--ignore=.venv", "-v0")
    if not (results / "iati" / "index.json").exists():
        manage(env, "publish_iati")
    iati_files = sorted(p.name for p in (results / "iati").glob("activities-*.xml"))
    material = json.loads(query(env, MATERIAL).splitlines()[-1])
    entries = workload(material, iati_files[:6])
    # Cold: what earlier runs cached (pages, counts, kept files) is not reused.
    query(env, "from projects import facets; facets.bump()")

    workers, timeout = deployed_gunicorn()
    port = free_port()
    server = start_gunicorn(env, port, workers, "--timeout", str(timeout))
    task_worker = start_task_worker(env)
    try:
        wait_for(port)
        kept = keep_downloads(port)
        warmed, failed = warm(port, entries)
        print(
            f"\nPostgreSQL, {material['projects']} published projects; gunicorn "
            f"{workers} sync workers, --timeout {timeout} (deploy/dgcin-web.service)"
            f", task worker at nice 10; cache {env['DJANGO_CACHE_URL']}; "
            f"{len(DOWNLOADS)} downloads kept before the load "
            f"(the last after {max(kept.values()):.0f} s); {warmed} addresses "
            f"warmed ({failed} not 200)",
            flush=True,
        )
        with tempfile.TemporaryDirectory(prefix="dgcin-load-") as folder:
            minimal_script = Path(folder) / "minimal.lua"
            minimal_script.write_text(lua_script([("minimal", 1, ["/bench/minimal"])]))
            script = Path(folder) / "load.lua"
            script.write_text(lua_script(entries))
            print(f"\n== The minimal view, {args.connections} connections", flush=True)
            floor = run_wrk(port, minimal_script, args)
            print(f"\n== The workload, {args.connections} connections", flush=True)
            mixed = run_wrk(port, script, args)
    finally:
        stop(task_worker)
        stop(server)

    print(
        f"\nworkload / minimal view: throughput {mixed['rps'] / floor['rps']:.2f}x "
        f"({mixed['rps']:.1f} / {floor['rps']:.1f} req/s), p95 "
        f"{mixed['p95'] / floor['p95']:.2f}x ({mixed['p95']:.1f} / "
        f"{floor['p95']:.1f} ms), p50 {mixed['p50'] / floor['p50']:.2f}x"
    )
    errors = mixed["errors"] + floor["errors"]
    print(f"errors: {errors} ({'none' if not errors else 'FAIL'})")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
