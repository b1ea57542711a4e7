"""What the permission matrix asks for: every admin URL, admin action, autocomplete
field and non-public view of the site, found in the URL resolver and in
``admin.site._registry``, and how one request's answer is told in one word.

The rows are keyed as in ``permission_table``: an admin's rows by kind ("change",
"change POST", "action publish"), with the object in brackets when an admin is
asked about more than one ("change [draft]").
"""

import re
from contextlib import suppress
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib import admin
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
)

# Admin URL names that belong to the site, not to a model admin.
SITE_NAMES = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "jsi18n",
    "view_on_site",
}
# Kinds of a model admin's URLs whose page is also sent back (a browser's POST).
POSTED_KINDS = {"change", "delete", "simple_history"}
# Custom admin URLs that only take a POST, and what they are sent.
POST_ONLY = {"review": {"action": "start-review", "comment": "Revisión de prueba."}}


def label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def walk(patterns, prefix="", namespace=""):
    """(route, name, pattern) of every URL the resolver knows; names with their
    namespace ("admin:index", "proposals:proposal-list")."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield route, name, pattern


def site_urls():
    return list(walk(get_resolver().url_patterns))


def model_admin_kinds():
    """{admin label: {kind: number of arguments}} of every registered model admin,
    read from the resolver: each named admin URL goes to the admin its name
    starts with; a kind with arguments is asked about an object."""
    prefixes = {
        f"{model._meta.app_label}_{model._meta.model_name}_": label(model)
        for model in admin.site._registry
    }
    kinds = {name: {} for name in prefixes.values()}
    for route, name, pattern in site_urls():
        if not route.startswith("admin/") or not name or not name.startswith("admin:"):
            continue
        short = name.removeprefix("admin:")
        matches = [prefix for prefix in prefixes if short.startswith(prefix)]
        if matches:
            prefix = max(matches, key=len)
            kind = short.removeprefix(prefix)
            kinds[prefixes[prefix]][kind] = pattern.pattern.regex.groups
    return kinds


def unsorted_admin_urls():
    """Admin URLs that are neither a model admin's, nor the site's known ones, nor
    the object link or the catch-all: each needs a row (and a way to ask it)."""
    prefixes = tuple(
        f"{model._meta.app_label}_{model._meta.model_name}_"
        for model in admin.site._registry
    )
    # An unnamed route at the path of a named one answers in its place (the
    # portal's sign-in at /admin/login/): that name's row asks it.
    shadowed = set()
    for name in SITE_NAMES:
        with suppress(NoReverseMatch):  # those with arguments shadow nothing
            shadowed.add(reverse(f"admin:{name}").lstrip("/"))
    left = []
    for route, name, _pattern in site_urls():
        if not route.startswith("admin/") or (not name and route in shadowed):
            continue
        short = (name or "").removeprefix("admin:")
        if short.startswith(prefixes) or short in SITE_NAMES | {"app_list"}:
            continue
        if short == "autocomplete" or route.endswith(
            ("<path:object_id>/", "(?P<url>.*)$")
        ):
            continue
        left.append(f"{route} ({name})")
    return left


def autocomplete_fields():
    """Every autocomplete field ("app.model.field") of the admins and inlines."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        for part in (model_admin, *model_admin.inlines):
            model_label = label(getattr(part, "model", model))
            found |= {f"{model_label}.{name}" for name in part.autocomplete_fields}
    return found


def action_names(model_admin, request):
    """The actions an admin offers someone who may do everything."""
    return sorted(model_admin.get_actions(request))


def view_names():
    """Names (or routes) of the views outside the admin."""
    return {
        name or route
        for route, name, _pattern in site_urls()
        if not route.startswith("admin/")  # the old proposal links start "^admin/"
    }


# Telling an answer in one word.

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SESSIONS = re.compile(r"django_session", re.IGNORECASE)


def net_writes(queries):
    """The write statements that stayed: those a ROLLBACK TO SAVEPOINT undid are
    dropped, and the session table is not the portal's data."""
    writes, savepoints = [], []
    for query in queries:
        sql = query["sql"]
        if match := re.match(r"^\s*SAVEPOINT\s+(\S+)", sql, re.IGNORECASE):
            savepoints.append((match[1], len(writes)))
        elif match := re.match(r"^\s*ROLLBACK TO SAVEPOINT\s+(\S+)", sql, re.I):
            while savepoints and savepoints[-1][0] != match[1]:
                savepoints.pop()
            if savepoints:
                del writes[savepoints[-1][1] :]
        elif WRITES.match(sql) and not SESSIONS.search(sql):
            writes.append(sql)
    return writes


def ask(client, method, url, data=None):
    """Send one request inside a transaction that is then rolled back, so that
    every request meets the same database; returns (response, writes, error)."""
    response, error = None, None
    client.cookies.pop("messages", None)  # each answer's messages are its own
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            try:
                response = getattr(client, method.lower())(url, data or {})
            except Exception as exception:  # reported as a 500, with its message
                error = f"{type(exception).__name__}: {exception}"
        transaction.set_rollback(True)
    return response, net_writes(queries.captured_queries), error


def outcome(method, response, writes, error):
    """One word for an answer: ok (a page), done (a POST that changed the
    database), kept (a POST answered without changing anything), login (sent to
    sign in), index (sent to the admin index: the object is not theirs to see),
    redir (sent on elsewhere), or the status code."""
    if error or response.status_code >= 500:
        return "500"
    status = response.status_code
    if method == "POST" and writes:
        return "done"
    if status in (301, 302):
        path = urlsplit(response["Location"]).path
        if path in (reverse("admin:login"), reverse("login")):
            return "login"
        if path == reverse("admin:index"):
            return "index"
        return "kept" if method == "POST" else "redir"
    if status == 200:
        return "kept" if method == "POST" else "ok"
    return str(status)


class FormReader(HTMLParser):
    """The fields of an admin change form as a browser sends them unchanged."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.select, self.textarea = [], False, None, None
        self.options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attrs), []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.data.extend((name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def form_data(response):
    """{name: [values]} of the change form on the page ``response``."""
    reader = FormReader()
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.data:
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
    return data
