"""Both catalogues are complete, compiled, and hold every string the code uses."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(code):
    po = catalogue(code)
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_keeps_every_placeholder(code):
    for entry in catalogue(code).translated_entries():
        for placeholder in ("%(", "{{", "%s", "%d"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(
                placeholder
            ) or (entry.msgid_plural), entry.msgid


def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the project finds no string the catalogues lack."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed (apt-get install gettext).")
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "*.sqlite3",
            "node_modules",
            "staticfiles",
            "media",
            "__pycache__",
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--ignore=bench",
            "--ignore=tests",
            "--no-obsolete",
            "--verbosity=0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {
        e.msgid for e in polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))
    }
    for code in LANGUAGES:
        committed = {e.msgid for e in catalogue(code)}
        assert fresh - committed == set(), code


def test_spanish_is_the_default_and_english_translates():
    assert settings.LANGUAGE_CODE == "es"
    with translation.override("es"):
        assert (
            translation.gettext("Skip to main content")
            == "Saltar al contenido principal"
        )
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"
