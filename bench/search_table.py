"""The catalogue's answer to a table of queries, on two running portals side by side
(e.g. the same code on SQLite and on PostgreSQL): the number of projects each
finds, where an identifier redirects, and the "¿Quisiste decir…?" suggestion.

    .venv/bin/python bench/search_table.py http://127.0.0.1:8000 http://127.0.0.1:8001

Prints a Markdown table. Counts are read off the Spanish page ("N proyectos").
"""

import argparse
import re
import urllib.error
import urllib.parse
import urllib.request

QUERIES = [
    "educación",
    "educacion",
    "proyectos",
    "proyecto",
    "salud",
    "health",
    "sanidad",
    "hambre",
    "hunger",
    "INA",
    "INTA",
    "cooperación",
    "cooperativas",
    "eduacion",
    "tuberculsis",
    "chgaas",
    "forence",
    "glaciares",
    "glaciar",
    "de la",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answer(base, query):
    url = f"{base.rstrip('/')}/projects/?{urllib.parse.urlencode({'q': query})}"
    opener = urllib.request.build_opener(NoRedirect)
    try:
        html = opener.open(url, timeout=60).read().decode()
    except urllib.error.HTTPError as error:
        if error.code in (301, 302):
            return f"→ {error.headers['Location']}"
        return f"HTTP {error.code}"
    count = re.search(r"(\d[\d.]*) proyectos?\b", html)
    shown = count.group(1) if count else "0"
    if suggestion := re.search(r"Quisiste decir[^<]*<a[^>]*>([^<]+)</a>", html):
        shown += f" (¿Quisiste decir «{suggestion.group(1)}»?)"
    return shown


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portals", nargs="+", help="base URLs of running portals")
    parser.add_argument("--query", action="append", help="queries (default: a table)")
    args = parser.parse_args()
    print("| query | " + " | ".join(args.portals) + " |")
    print("|---" * (len(args.portals) + 1) + "|")
    for query in args.query or QUERIES:
        cells = [answer(base, query) for base in args.portals]
        print(f"| `{query}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
