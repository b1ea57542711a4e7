"""Lighthouse accessibility (and performance) scores of the main public pages.

Serves the portal from a throw-away SQLite file with the reference and sample data
(`make setup`'s loaders) on 127.0.0.1, runs Lighthouse from the npm registry
(`npx --yes lighthouse`, headless Debian Chromium at CHROME_PATH, default
/usr/bin/chromium) on each page in Spanish and English, prints a Markdown table and
stops its server. Node is needed only here: the test suites never call it.

    .venv/bin/python bench/lighthouse.py                 # all pages
    .venv/bin/python bench/lighthouse.py --url http://127.0.0.1:8000  # running
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PAGES = [
    "/",
    "/projects/",
    "/projects/stats/",
    "/partners/",
    "/directory/",
    "/directory/focal-points/",
    "/accounts/login/",
]
LOADERS = [
    ["migrate", "--noinput", "--verbosity=0"],
    ["createcachetable"],
    ["load_partners"],
    ["load_directory"],
    ["load_project_references"],
    ["load_sample_projects", "--allow-production"],
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(workdir):
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{workdir}/lighthouse.sqlite3",
        "DJANGO_SETTINGS_MODULE": "dgcin.settings.dev",
    }
    for command in LOADERS:
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def first_project(base):
    """The first project linked from the catalogue."""
    import re
    from urllib.request import urlopen

    html = urlopen(base + "/projects/").read().decode()
    found = re.search(r'class="project-card__title"[^>]*><a href="([^"]+)"', html)
    return found.group(1) if found else None


def lighthouse(url, workdir):
    out = Path(workdir) / "report.json"
    env = os.environ | {
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    }
    subprocess.run(
        [
            "npx",
            "--yes",
            "lighthouse",
            url,
            "--quiet",
            "--only-categories=accessibility,performance,best-practices",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            f"--output-path={out}",
        ],
        env=env,
        check=True,
    )
    report = json.loads(out.read_text())
    scores = {
        key: round(cat["score"] * 100) for key, cat in report["categories"].items()
    }
    refs = {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}
    failing = [
        a
        for a, audit in report["audits"].items()
        if a in refs and audit.get("score") == 0
    ]
    return scores, failing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running portal instead of a throw-away one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        server = None
        base = args.url
        if not base:
            server, base = serve(workdir)
        try:
            pages = list(PAGES)
            project = first_project(base)
            if project:
                pages.append(project)
            print(
                "| page | accessibility | performance | best practices "
                "| failing a11y audits |"
            )
            print("|---|---|---|---|---|")
            worst = 100
            for prefix in ("", "/en"):
                for path in pages:
                    scores, failing = lighthouse(base + prefix + path, workdir)
                    worst = min(worst, scores["accessibility"])
                    print(
                        f"| `{prefix}{path}` | {scores['accessibility']} | "
                        f"{scores['performance']} | {scores['best-practices']} | "
                        f"{', '.join(failing) or '—'} |",
                        flush=True,
                    )
        finally:
            if server:
                server.terminate()
                server.wait()
    return 0 if worst == 100 else 1


if __name__ == "__main__":
    sys.exit(main())
