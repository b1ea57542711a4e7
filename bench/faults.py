#!/usr/bin/env python
"""Errors and recovery time of the portal across a PostgreSQL restart.

Serves the portal with gunicorn (production settings, 4 sync workers, psycopg's pool
unless DJANGO_DB_POOL=false) beside the task worker (``manage.py task_worker`` under
``nice -n 10``, as deploy/ runs them), on PostgreSQL (DATABASE_URL, by default a local
``dgcin_bench_faults`` database on the cluster's port, created and loaded if
missing) and the shared cache (Redis on 127.0.0.1:6379 when one answers). A few
client threads ask for pages without pause; after ``--before`` seconds a task is
queued to run 3 s later and the cluster is restarted (``pg_ctlcluster VERSION
NAME restart``); the load goes on for ``--after`` seconds. The script prints the
answers by status before, during the first 5 s and after the restart, the recovery
time (from the restart until the last failed request; the target: 5 s, and no
failure after that), and when the queued task ran. Traffic goes only to 127.0.0.1;
the server and the worker are stopped when the run ends.

It restarts a whole PostgreSQL cluster: every other client of that cluster loses its
connections. On a shared machine give it a cluster of its own (``--cluster``,
bench/README.md shows how).

    .venv/bin/python bench/faults.py [--cluster 15/main] [--threads 8] [--down 10]
                                     [--before 5] [--after 15]
"""

import argparse
import http.client
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.exports import shared_cache, stop, wait_for  # noqa: E402
from bench.pages import (  # noqa: E402
    free_port,
    manage,
    prepare_database,
    query,
    start_gunicorn,
)

PAGES = ["/", "/partners/", "/directory/", "/partners/country/py/", "/healthz"]
TARGET = 5.0


def cluster_port(cluster):
    version, name = cluster.split("/")
    for line in subprocess.run(
        ["pg_lsclusters", "-h"], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        fields = line.split()
        if fields[:2] == [version, name]:
            return int(fields[2])
    raise SystemExit(f"No PostgreSQL cluster {cluster} (pg_lsclusters)")


def ask(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError as error:
        return type(error).__name__
    finally:
        connection.close()


def load(port, threads, running):
    """Asks for PAGES until ``running`` is cleared: [(began, ended, path, status)]."""
    answers, lock, pages = [], threading.Lock(), itertools.cycle(PAGES)

    def client():
        while running.is_set():
            with lock:
                path = next(pages)
            began = time.time()
            status = ask(port, path)
            with lock:
                answers.append((began, time.time(), path, status))

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return answers, workers


def start_task_worker(env, log):
    return subprocess.Popen(
        [
            "nice",
            "-n",
            "10",
            sys.executable,
            "manage.py",
            "task_worker",
            "--interval",
            "0.5",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def queue_task(env, seconds):
    """Queues bench.tasks.echo to run ``seconds`` from now; its id."""
    return query(
        env,
        "import datetime; from django.utils import timezone; "
        "from bench.tasks import echo; "
        f"later = timezone.now() + datetime.timedelta(seconds={seconds}); "
        "print(echo.using(run_after=later).enqueue('across the restart').id)",
    )


def task_times(env, task_id, timeout=60):
    """The task's status and its times (epoch seconds), once it has ended."""
    code = (
        "import json; from django_tasks_db.models import DBTaskResult; "
        f"r = DBTaskResult.objects.get(id='{task_id}'); "
        "t = lambda d: d and d.timestamp(); "
        "print(json.dumps([r.status, t(r.enqueued_at), t(r.run_after), "
        "t(r.started_at), t(r.finished_at), r.return_value]))"
    )
    deadline = time.time() + timeout
    while True:
        state = json.loads(query(env, code))
        if state[0] in ("SUCCESSFUL", "FAILED") or time.time() > deadline:
            return state
        time.sleep(1)


def longest_gap(answers, stopped, started):
    """The longest time after the (re)start without a successful answer ending,
    the longest request and the slowest /healthz since the database went down."""
    ends = sorted(e for _, e, _, s in answers if s == 200 and e >= started)
    gap = max((b - a for a, b in itertools.pairwise([started, *ends])), default=0)
    since = [(e - b, p) for b, e, p, _ in answers if e >= stopped]
    wait = max((t for t, _ in since), default=0)
    health = max((t for t, p in since if p == "/healthz"), default=0)
    return gap, wait, health


def summary(answers, stopped, started):
    """Answers by window and status, and the recovery time: from ``started`` (the
    restart, or the start after ``--down``) to the end of the last failed request."""
    windows = {"before": {}, "while down": {}, "first 5 s": {}, "after 5 s": {}}
    failed_until = started
    for began, ended, _, status in answers:
        if began < stopped:
            window = "before"
        elif began < started:
            window = "while down"
        elif began < started + TARGET:
            window = "first 5 s"
        else:
            window = "after 5 s"
        windows[window][status] = windows[window].get(status, 0) + 1
        if status != 200 and ended >= started:
            failed_until = max(failed_until, ended)
    if not windows["while down"]:
        del windows["while down"]
    return windows, failed_until - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cluster", default="15/main", help="VERSION/NAME")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--before", type=float, default=5)
    parser.add_argument("--after", type=float, default=15)
    parser.add_argument(
        "--down",
        type=float,
        default=0,
        help="stop the cluster for this many seconds instead of restarting it",
    )
    args = parser.parse_args()

    port = cluster_port(args.cluster)
    os.environ["PGPORT"] = str(port)  # psql and createdb in prepare_database
    env = os.environ.copy() | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.setdefault(
        "DATABASE_URL", f"postgres://postgres@127.0.0.1:{port}/dgcin_bench_faults"
    )
    env.setdefault("DJANGO_CACHE_URL", shared_cache())
    prepare_database(env, sqlite=False, projects=0)
    manage(env, "compilemessages", "--ignore=.venv", "-v0")

    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    web = free_port()
    server = start_gunicorn(env, web, args.workers, "--timeout", "120")
    with open(results / "faults-worker.log", "w") as log:
        worker = start_task_worker(env, log)
        running = threading.Event()
        try:
            wait_for(web)
            for path in PAGES:
                ask(web, path)
            running.set()
            answers, clients = load(web, args.threads, running)
            time.sleep(args.before)
            # Due while the database restarts (or in the middle of --down).
            task_id = queue_task(env, 3 + args.down / 2)
            stopped = restart_began = time.time()
            cluster = args.cluster.split("/")
            if args.down:  # a longer outage: stopped, then started again
                subprocess.run(["pg_ctlcluster", *cluster, "stop"], check=True)
                time.sleep(args.down)
                restart_began = time.time()  # recovery counts from the start
                subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)
            else:
                subprocess.run(["pg_ctlcluster", *cluster, "restart"], check=True)
            restart_took = time.time() - stopped
            time.sleep(args.after)
            running.clear()
            for client in clients:
                client.join()
            health = ask_json(web, "/healthz")
            task = task_times(env, task_id)
            worker_alive = worker.poll() is None
        finally:
            running.clear()
            stop(worker)
            stop(server)
    windows, recovery = summary(answers, stopped, restart_began)
    gap = longest_gap(answers, stopped, restart_began)
    report(
        args,
        env,
        {"windows": windows, "recovery": recovery, "gap": gap, "took": restart_took},
        task,
        restart_began,
        health,
    )
    log_text = (results / "faults-worker.log").read_text()
    print(
        f"task worker: {log_text.count('database error')} database errors logged, "
        f"{log_text.count('the database answers')} recoveries; "
        + ("still running at the end" if worker_alive else "EXITED during the run")
    )


def ask_json(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def report(args, env, run, task, restart_began, health):
    windows, recovery, gap, restart_took = (
        run["windows"],
        run["recovery"],
        run["gap"],
        run["took"],
    )
    pool = "pool" if env.get("DJANGO_DB_POOL", "true") != "false" else "no pool"
    print(
        f"\nPostgreSQL {args.cluster} restarted under load: gunicorn {args.workers} "
        f"sync workers ({pool}), {args.threads} client threads on {len(PAGES)} pages "
        f"for {args.before:.0f} s before and {args.after:.0f} s after; cache "
        f"{env['DJANGO_CACHE_URL'].split(':')[0]}"
    )
    outage = f"stop, {args.down:.0f} s down, start" if args.down else "restart"
    print(f"pg_ctlcluster {outage} took {restart_took:.2f} s")
    print(f"{'window':12} {'requests':>8}  answers by status")
    for name, statuses in windows.items():
        seen = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str))
        print(f"{name:12} {sum(statuses.values()):8d}  {seen}")
    failures_late = sum(v for k, v in windows["after 5 s"].items() if k != 200)
    verdict = "met" if recovery <= TARGET and not failures_late else "NOT met"
    print(
        f"recovered {recovery:.2f} s after the (re)start began (target {TARGET:.0f} s, "
        f"no failure after it: {verdict})"
    )
    print(
        f"longest time without a successful answer after the (re)start: {gap[0]:.2f}"
        f" s; since the database went down, longest request: {gap[1]:.2f} s, "
        f"slowest /healthz: {gap[2]:.2f} s"
    )
    status, enqueued, run_after, started, finished, value = task
    rel = lambda t: "-" if t is None else f"{t - restart_began:+.2f} s"  # noqa: E731
    print(
        f"task queued {rel(enqueued)}, due {rel(run_after)}, started {rel(started)}, "
        f"finished {rel(finished)} (from the restart): {status}, returned {value!r}"
    )
    print(f"/healthz after the run: {json.dumps(health)}")


if __name__ == "__main__":
    main()
