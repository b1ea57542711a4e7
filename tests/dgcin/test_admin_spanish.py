"""The whole admin speaks Spanish to Spanish staff.

A member of staff with every permission, who reads Spanish, walks every page the
admin has: the index and each app's page, every model's list, add and change forms
(and an empty add form sent back, for its error messages), delete confirmations,
the confirmation of every action, history pages and old versions, import (with a
file, for its preview) and export, the user and group pages and the password pages.
Every visible text (and the titles, placeholders and button labels) is checked for
English words: words of the English strings Django, the libraries and the portal
translate, that no Spanish translation uses. Proper names (partners' and units'
names, which may be English) and codes are allowed.
"""

import contextlib
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

# Common English words a library without a catalogue could show: they count as
# English even where a Spanish translation quotes them.
ENGLISH = set(
    WORD.findall(
        """
        the and of to for with from by this that these those is are was were be been
        have had not all any none select selected option options run go add added
        change changed changes delete deleted remove removed save saved view history
        search filter show hide today now yes date time user users group groups
        password name object objects action actions entry entries import export file
        format submit confirm preview new update updated skip skipped errors task
        tasks result results status queue priority enqueued started finished access
        attempt attempts log logs failure failures address path agent device devices
        key token tokens confirmed created modified revert close
        """
    )
)

# Words that read the same in both languages, or are codes and brand names.
ALLOWED = set(
    WORD.findall(
        """
        dgcin iati segib oecd dac csv xlsx json xml pdf url email mail web https http
        www totp otp api isbn ods bmp png jpg svg uri utc per
        """
    )
)

# Elements whose content is not read as text.
SKIPPED_ELEMENTS = {"script", "style", "textarea", "svg"}
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


class VisibleText(HTMLParser):
    """The texts a reader sees or hears (titles, labels, buttons), without what a
    page only carries: scripts, styles, text areas, and the cells of an import
    preview, which show the file's own codes and values (its errors are read)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skipping = []
        self.previews = []  # for each open table, whether it is an import preview

    def data_cell(self, tag, attrs):
        """A cell of an import preview with the file's values, or the code of the
        column an error is about."""
        classes = set((attrs.get("class") or "").split())
        if "validation-error-field-label" in classes:
            return True
        return (
            tag in {"td", "th"}
            and bool(self.previews)
            and self.previews[-1]
            and not classes & {"errors", "import-type"}
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.previews.append("import-preview" in (attrs.get("class") or ""))
        if tag in SKIPPED_ELEMENTS or self.data_cell(tag, attrs):
            self.skipping.append(tag)
        if self.skipping:
            return
        self.texts.extend(
            value for name, value in attrs.items() if name in READ_ATTRIBUTES and value
        )
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
            self.texts.append(attrs.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "table" and self.previews:
            self.previews.pop()
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def words(text):
    """The words of ``text`` of three letters or more, lower case (shorter ones are
    as often cut-off words or initials)."""
    return {word.lower() for word in WORD.findall(text) if len(word) > 2}


def catalogues():
    """The Spanish catalogues of Django, every installed app and the portal."""
    roots = [Path(settings.BASE_DIR) / "locale"]
    roots.append(Path(__import__("django").__file__).parent / "conf" / "locale")
    roots += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    for root in roots:
        found = sorted(root.glob("*/LC_MESSAGES/django*.po"))
        spanish = [path for path in found if path.parts[-3] in {"es", "es_AR"}]
        yield from spanish or found[:1]


@functools.cache
def english_only():
    """Words of the English strings that no Spanish translation uses, and the
    common English words."""
    english, spanish = set(), set()
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            english |= words(entry.msgid) | words(entry.msgid_plural or "")
            spanish |= words(entry.msgstr)
            for text in entry.msgstr_plural.values():
                spanish |= words(text)
    return (english - spanish | ENGLISH) - ALLOWED


# Codes: identifiers, paths, addresses, dotted module paths, the column code the
# export page shows after a label ("Título (inglés) · title_en"); a list of column
# codes; JSON.
CODES = re.compile(
    r"\S*[_/@]\S*|\b\w+(?:\.\w+){2,}\b| · [a-z0-9_]+$"
    # a task result's row name: its UUID and the task's function name in brackets,
    # e.g. "'a146a7fb-…-c4b77a8008e8' (add)" (code, not English)
    r"|'?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b'?"
    r"(?: \(\w+\))?"
)
CODE_LIST = re.compile(r"^[a-z0-9_]+(?:, [a-z0-9_]+)+$|^[{[].*[]}]$")
# Texts django-axes, django-tasks-db and import-export build in English in code
# (models' __str__, labels, a message, a date error: no gettext): no catalogue
# can translate them.
LIBRARY_TEXTS = re.compile(
    r"Attempted Access: |Failed access: user |Access Log for |DBTaskResult object"
    r"|^Cleaned up \d+ expired access attempts\.$"
    r"|Tasks Database Backend|^(Task name|Traceback|Run after|Status|Expiration):?$"
    r"|^<unknown>$"
    r"|Value could not be parsed using defined formats\."
)
CONTENT_APPS = ("partners", "directory", "projects", "proposals")


def normalised(text):
    return " ".join(str(text).split())


class Content:
    """The texts the database holds (names, descriptions, notes, titles in
    English), by word: the data a page shows, not the admin's own words."""

    def __init__(self):
        self.by_word = {}
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                names = {field.name for field in model._meta.concrete_fields}
                if hasattr(model, "instance_type"):  # history: its free-text reasons
                    if "history_change_reason" in names:
                        self.add(
                            *model._base_manager.values_list(
                                "history_change_reason", flat=True
                            )
                        )
                    continue
                fields = [
                    field
                    for field in model._meta.concrete_fields
                    if isinstance(field, models.CharField | models.TextField)
                ]
                for obj in model._base_manager.all():
                    self.add(str(obj), *(getattr(obj, f.attname) for f in fields))

    def add(self, *values):
        for value in values:
            value = normalised(value or "")
            for word in words(value):
                self.by_word.setdefault(word, set()).add(value)

    def english(self, text):
        """The English words of a visible text, stored texts and codes aside."""
        if CODE_LIST.match(text) or LIBRARY_TEXTS.search(text):
            return set()
        bare = CODES.sub(" ", text)
        found = words(bare) & english_only()
        if not found:
            return found
        stored = {value for word in found for value in self.by_word.get(word, ())}
        if any(text in value for value in stored):  # a piece of a stored text
            return set()
        for value in sorted(stored, key=len, reverse=True):  # names in a sentence
            bare = bare.replace(value, " ")
        return words(bare) & english_only()


def english_in(html, content):
    return [
        f"{text!r} ({', '.join(sorted(english))})"
        for text in visible_texts(html)
        if (english := content.english(text))
    ]


@pytest.fixture(params=["superuser", "reader"])
def spanish_staff(request, django_user_model):
    """A member of staff who reads Spanish: one with every right, and one who may
    only read (the read-only pages show values another way)."""
    from django.contrib.auth.models import Permission

    from directory.models import Profile

    user = django_user_model.objects.create_user(
        "sofia",
        "sofia.paz@cancilleria.gob.ar",
        "a-Str0ng-passphrase",
        first_name="Sofía",
        last_name="Paz",
        is_staff=True,
        is_superuser=request.param == "superuser",
    )
    if request.param == "reader":
        user.user_permissions.set(
            Permission.objects.filter(codename__startswith="view_")
        )
    Profile.objects.create(user=user, language="es")
    return user


@pytest.fixture
def admin_content(make_project, make_focal_point, make_proposal):
    """One row at least of every model the admin lists."""
    import datetime

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from projects.models import (
        Budget,
        Currency,
        Document,
        DocumentCategory,
        Indicator,
        Result,
    )
    from proposals import workflow

    project = make_project()
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        value=10000,
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2025, 1, 1),
    )
    Document.objects.create(
        project=project,
        title_es="Acta de la primera reunión",
        category=DocumentCategory.objects.first(),
        url="https://www.cancilleria.gob.ar/acta.pdf",
    )
    result = Result.objects.create(project=project, title_es="Técnicos capacitados")
    Indicator.objects.create(result=result, title_es="Técnicos capacitados")
    focal_point = make_focal_point()
    workflow.apply(make_proposal(focal_point), "submit", focal_point)
    Group.objects.get_or_create(name="Equipo de prueba")
    now = timezone.now()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        fields = {f.name for f in model._meta.fields}
        values = {
            "username": "alguien@example.gob.ar",
            "ip_address": "10.0.0.1",
            "user_agent": "Firefox",
            "http_accept": "text/html",
            "path_info": "/admin/login/",
            "attempt_time": now,
            "failures_since_start": 1,
            "get_data": "",
            "post_data": "",
        }
        model.objects.create(**{k: v for k, v in values.items() if k in fields})
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="accounts.tasks.send_mail",
        backend_name="default",
        queue_name="default",
        run_after=now,
    )
    return project


def admin_urls(model, model_admin, obj):
    """The GET pages of one model's admin, each with what it is."""
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    yield reverse(f"{info}_changelist")
    yield reverse(f"{info}_changelist") + "?q=zzz"  # a search that finds nothing
    for name in ("add", "import", "export"):
        with contextlib.suppress(NoReverseMatch):
            yield reverse(f"{info}_{name}")
    if obj is None:
        return
    for name in ("change", "delete", "history"):
        yield reverse(f"{info}_{name}", args=[obj.pk])
    if hasattr(model_admin, "history_form_view"):
        version = getattr(obj, model._meta.simple_history_manager_attribute).first()
        if version is not None:
            yield reverse(f"{info}_simple_history", args=[obj.pk, version.history_id])
    if model._meta.label == "auth.User":
        yield reverse("admin:auth_user_password_change", args=[obj.pk])


def import_pages(client, check):
    """A project exported, edited and imported back: the preview, then the
    result; and a file with a bad row: its errors."""
    from tests.projects.test_admin import export_csv, import_csv

    rows = export_csv(client)
    rows[0]["fo_ar_number"] = "FO.AR 2026-17"
    preview = import_csv(client, rows)
    check("import preview", preview)
    form = preview.context["confirm_form"]
    check(
        "import done",
        client.post(
            "/admin/projects/project/process_import/",
            {name: form[name].value() for name in form.fields},
            follow=True,
        ),
    )
    rows[0]["status"] = "9"
    rows[0]["planned_start"] = "not a date"
    check("import errors", import_csv(client, rows))


def walk(client, user):
    """({English text: the first page that shows it}, pages walked) over every
    admin page."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    found, walked = {}, []
    content = Content()

    def check(url, response):
        assert response.status_code in {200, 403}, (url, response.status_code)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            walked.append(url)
            for text in english_in(response.content.decode(), content):
                found.setdefault(text, url)

    for url in ("/admin/", "/admin/password_change/"):
        check(url, client.get(url))
    if user.is_superuser:
        import_pages(client, check)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        check(
            opts.app_label, client.get(reverse("admin:app_list", args=[opts.app_label]))
        )
        obj = model_admin.get_queryset(request).order_by("pk").first()
        for url in admin_urls(model, model_admin, obj):
            check(url, client.get(url))
        if model_admin.has_add_permission(request):  # sent empty: its errors
            check(f"POST {name}_add", client.post(reverse(f"{name}_add"), {}))
        for action in model_admin.get_actions(request) if obj else ():
            response = client.post(
                reverse(f"{name}_changelist"),
                {"action": action, "_selected_action": [obj.pk], "index": "0"},
                follow=True,
            )
            check(f"action {action} of {opts.label}", response)
    return found, walked


def test_the_check_finds_english_but_not_stored_texts_and_codes(make_project):
    make_project(title_en="Training beekeepers in the Chaco")
    content = Content()
    assert content.english("- Select an option -") == {"select", "option"}
    assert content.english("Can change project") >= {"can", "change"}
    assert content.english("Run") == {"run"}
    assert content.english("Puede cambiar proyecto") == set()
    assert content.english("Título (inglés) · title_en") == set()
    assert content.english("slug, title_es, planned_start") == set()
    assert content.english("Training beekeepers in the Chaco") == set()
    assert content.english("Change Training beekeepers in the Chaco") == {"change"}


def test_every_admin_page_is_in_spanish(client, spanish_staff, admin_content):
    client.force_login(spanish_staff)
    found, walked = walk(client, spanish_staff)
    assert not found, "\n".join(f"{url}: {text}" for text, url in found.items())
    assert len(walked) > (200 if spanish_staff.is_superuser else 100)


def test_permission_pickers_name_permissions_in_spanish(admin_client, references):
    group = Group.objects.create(name="Equipo de prueba")
    for url in (
        f"/admin/auth/group/{group.pk}/change/",
        f"/admin/auth/user/{admin_client.session['_auth_user_id']}/change/",
    ):
        page = admin_client.get(url).text
        assert "Proyectos | Puede cambiar proyecto" in page
        assert "Directorio de contactos | Puede ver historial de unidad" in page
        assert "Can change" not in page


def test_a_read_only_permission_list_is_in_spanish(client, django_user_model):
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Equipo de prueba")
    group.permissions.set(Permission.objects.filter(codename="change_project"))
    reader = django_user_model.objects.create_user("lee", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_group"))
    client.force_login(reader)
    page = client.get(f"/admin/auth/group/{group.pk}/change/").text
    assert "<li>Proyectos | Puede cambiar proyecto</li>" in page
    assert "Can change" not in page


def test_the_export_page_names_columns_by_label_and_code(admin_client, references):
    page = admin_client.get("/admin/projects/project/export/").text
    assert "Título (inglés) · title_en" in page
    assert "Se exportarán estas columnas" in page


def test_a_delete_confirmation_leaves_out_the_link_rows(admin_client, make_project):
    from partners.models import Province

    project = make_project()
    project.provinces.set(Province.objects.filter(code__in=["AR-A", "AR-T"]))
    page = admin_client.get(f"/admin/projects/project/{project.pk}/delete/").text
    assert "¿Querés eliminar proyecto «" in page
    assert "object (" not in page
    assert "project-province" not in page


def test_other_histories_show_labels_and_display_values(admin_client, references):
    """Every history page names a field by its label and a value by what it
    means: a translated field with its language, a yes or no, a related row."""
    from partners.models import Country, Region

    country = Country.objects.get(code="PY")
    country.name_en = "Republic of Paraguay"
    country.is_active = False
    old_region = country.region
    country.region = Region.objects.exclude(pk=old_region.pk).first()
    country.save()
    page = admin_client.get(f"/admin/partners/country/{country.pk}/history/").text
    lines = " ".join(page.split()).replace("&nbsp;", " ").replace("&rarr;", "→")
    assert "Nombre (inglés):</strong> Paraguay  →  Republic of Paraguay" in lines
    assert "Activo:</strong> sí  →  no" in lines
    assert f"Región:</strong> {old_region}  →  {country.region}" in lines
    assert "name_en" not in page
    assert "True" not in page
