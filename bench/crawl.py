"""Crawl every public page the portal links to, from / and /en/, and write each
page's status and normalised text to a JSON file; with --compare, diff two runs.

Used to show that a restructuring changes no public page: run it in an old and a
new checkout (each with its own tree first on sys.path) and compare.

    .venv/bin/python bench/crawl.py --out /tmp/new.json
    (cd /tmp/old-tree && /work/main/.venv/bin/python bench/crawl.py --out /tmp/old.json)
    .venv/bin/python bench/crawl.py --compare /tmp/old.json /tmp/new.json

It runs in-process on an in-memory SQLite database with the reference data and the
sample projects, through Django's test client: no server, no network.
"""

import argparse
import difflib
import io
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

ROOT = Path.cwd()
# Pages that are not public, or not pages.
SKIP = re.compile(r"^/(en/)?(admin|accounts|proposals)/|^/static/|^/media/")
MASKS = [
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), "csrf"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\"<\s]*"), "TIMESTAMP"),
    (re.compile(r"\.[0-9a-f]{12}\.(css|svg|js)"), r".HASH.\1"),
    (re.compile(r"REV:\d{8}T\d{6}Z"), "REV:TIMESTAMP"),
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)


def public_links(html):
    """The links of ``html`` to public pages of the site itself, without their
    fragments (tests/dgcin/test_public_text.py crawls with it too)."""
    parser = Links()
    parser.feed(html)
    links = []
    for href in parser.links:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if not SKIP.search(parts.path):
            links.append(href)
    return links


def crawl(limit):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgcin.settings.test"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    quiet = {"stdout": io.StringIO()}
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    for command in ("load_partners", "load_directory", "load_project_references"):
        call_command(command, **quiet)
    call_command("load_sample_projects", allow_production=True, **quiet)
    import dgcin

    print(f"crawling the portal in {Path(dgcin.__file__).parent.parent}")
    client = Client()
    queue, seen, pages = ["/", "/en/"], set(), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        kind = response.get("Content-Type", "")
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        ).decode("utf-8", "replace")
        for pattern, replacement in MASKS:
            body = pattern.sub(replacement, body)
        pages[url] = {"status": response.status_code, "type": kind, "body": body}
        if "html" not in kind:
            continue
        queue.extend(href for href in public_links(body) if href not in seen)
    return pages


def compare(old_file, new_file):
    old = json.loads(Path(old_file).read_text())
    new = json.loads(Path(new_file).read_text())
    changed = 0
    for url in sorted(set(old) | set(new)):
        if url not in new or url not in old:
            print(f"{'only in old' if url in old else 'only in new'}: {url}")
            changed += 1
            continue
        a, b = old[url], new[url]
        if (a["status"], a["type"], a["body"]) != (b["status"], b["type"], b["body"]):
            changed += 1
            print(f"changed: {url} ({a['status']} → {b['status']})")
            diff = difflib.unified_diff(
                a["body"].splitlines(), b["body"].splitlines(), lineterm="", n=0
            )
            print("\n".join(list(diff)[2:14]))
    statuses = sorted({page["status"] for page in new.values()})
    print(f"{len(new)} pages crawled; statuses {statuses}; {changed} differ")
    return 1 if changed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the crawl to this JSON file")
    parser.add_argument("--limit", type=int, default=2000, help="pages at most")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    pages = crawl(args.limit)
    Path(args.out).write_text(json.dumps(pages, ensure_ascii=False, indent=0))
    errors = [url for url, page in pages.items() if page["status"] >= 500]
    print(f"{len(pages)} pages; server errors: {errors or 'none'}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
