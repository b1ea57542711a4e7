"""The site's language: one register (voseo, as argentina.gob.ar writes), complete
catalogues, "all" options that agree with their label, names rather than codes, and
numbers and dates written each language's way."""

import ast
import datetime
import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings

from projects.models import Budget, Currency

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
APPS = (
    "accounts",
    "dgcin",
    "directory",
    "opendata",
    "partners",
    "projects",
    "proposals",
)

# Forms that address the reader as "usted": imperatives, possessives and pronouns.
# Each is a whole word or phrase that voseo writes otherwise (busque → buscá,
# su cuenta → tu cuenta), so finding one means the register slipped.
USTED = [
    # imperatives
    "busque",
    "búsquelo",
    "ingrese",
    "ingréselo",
    "descargue",
    "consulte",
    "elija",
    "escoja",
    "escriba",
    "complete",
    "compruebe",
    "verifique",
    "verifíquelo",
    "verifíquelos",
    "revise",
    "revísela",
    "revíselas",
    "intente",
    "corrija",
    "seleccione",
    "indique",
    "adjunte",
    "solicite",
    "inicie",
    "utilice",
    "lea",
    "vea",
    "guarde",
    "envíe",
    "envíelo",
    "agregue",
    "confirme",
    "introduzca",
    "asegúrese",
    "diríjase",
    "comuníquese",
    "contáctenos",
    "mantenga",
    "presione",
    "pulse",
    "haga clic",
    "tenga en cuenta",
    "ignore este",
    # possessives and pronouns
    "usted",
    "ustedes",
    "ud.",
    "uds.",
    "su cuenta",
    "sus cuentas",
    "su contraseña",
    "su correo",
    "su provincia",
    "su borrador",
    "su propuesta",
    "su búsqueda",
    "sus preferencias",
    "su nombre de usuario",
    "le enviaremos",
    "le envía",
    "le damos",
    "le vuelva",
    # usted verb forms
    "¿olvidó",
    "¿quiere",
    "¿es usted",
    "no tiene permiso",
    "ya puede",
    "podrá",
    "salió de",
    "si fue usted",
    "no recibió",
    "ya inició",
    "ya envió",
]
# Words English writes too: code and templates are in English, so they are looked
# for in the Spanish catalogue only.
ENGLISH_TOO = {"complete", "revise", "pulse"}


def pattern(words):
    return re.compile(
        r"(?<![\w¿])(" + "|".join(re.escape(word) for word in words) + r")(?!\w)",
        re.IGNORECASE,
    )


USTED_PATTERN = pattern(USTED)
USTED_IN_ENGLISH_SOURCES = pattern(set(USTED) - ENGLISH_TOO)


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def spanish_texts():
    """Every Spanish msgstr, plural forms included."""
    for entry in catalogue("es"):
        yield entry.msgid, entry.msgstr
        yield from ((entry.msgid, form) for form in entry.msgstr_plural.values())


def template_literals():
    """The text of every template outside its tags, variables and comments."""
    tag = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}|<[^>]*>", re.DOTALL)
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"{% comment %}.*?{% endcomment %}", "", text, flags=re.S)
            yield str(path.relative_to(ROOT)), tag.sub(" ", text)


def python_literals():
    """Every string constant of the apps' code (migrations are history)."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    yield str(path.relative_to(ROOT)), node.value


def test_the_usted_check_finds_what_it_looks_for():
    assert USTED_PATTERN.search("Luego, busque los proyectos")
    assert USTED_PATTERN.search("Su cuenta es ana@example.org")
    assert USTED_PATTERN.search("¿Olvidó su contraseña?")
    assert not USTED_PATTERN.search("Buscá los proyectos en tu cuenta")
    assert not USTED_PATTERN.search("la propuesta y su historial")


def test_no_spanish_message_addresses_the_reader_as_usted():
    slips = {
        msgid: text for msgid, text in spanish_texts() if USTED_PATTERN.search(text)
    }
    assert slips == {}


def test_no_template_or_code_literal_addresses_the_reader_as_usted():
    slips = [
        (where, found.group())
        for where, text in [*template_literals(), *python_literals()]
        if (found := USTED_IN_ENGLISH_SOURCES.search(text))
    ]
    assert slips == []


def test_the_spanish_catalogue_speaks_voseo():
    spanish = dict(spanish_texts())
    assert spanish["Your account"] == "Tu cuenta"
    assert spanish["Forgot your password?"] == "¿Olvidaste tu contraseña?"
    assert spanish["Download these results"] == "Descargá estos resultados"
    assert spanish["Find a contact in the directory"].startswith("Buscá")
    assert (
        "Ingresá" in spanish["Sign in to submit and follow your province's proposals."]
    )


@pytest.mark.parametrize("code", ["es", "en"])
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_english_says_what_spanish_says_where_it_differs_from_the_msgid():
    english = {entry.msgid: entry.msgstr for entry in catalogue("en")}
    assert english["submit again"] == "resubmit"
    assert english["Your account"] == "Your account"


@pytest.mark.parametrize(
    ("prefix", "options"),
    [
        (
            "",
            [
                "Todas las modalidades",
                "Todas las condiciones",
                "Todas las regiones",
                "Todas las direcciones",
                "Todos los años",
            ],
        ),
        ("/en", ["All modalities", "All statuses", "All years"]),
    ],
)
@pytest.mark.parametrize("page", ["/projects/", "/projects/stats/"])
def test_each_filter_names_its_all_option_in_agreement_with_its_label(
    client, make_project, prefix, options, page
):
    # Countries, sectors, SDGs, organisations and provinces are checkboxes (several
    # may be chosen); the single choices keep an "all" option that agrees.
    make_project()
    text = client.get(f"{prefix}{page}").text
    for option in options:
        assert f'<option value="">{option}</option>' in text
    assert '<option value="">Todos</option>' not in text


def test_the_partner_lists_all_options_agree_with_their_labels(client, partners_data):
    text = client.get("/partners/").text
    assert re.search(r'<option value=""( selected)?>Todas las regiones</option>', text)
    assert re.search(
        r'<option value=""( selected)?>Todos los bloques y foros</option>', text
    )


def test_the_project_page_names_roles_and_statuses_not_their_codes(
    client, make_project
):
    project = make_project()
    text = client.get(project.get_absolute_url()).text
    # Cells carry their column name (data-label) for the stacked phone layout.
    assert re.search(r"<td[^>]*>Financiador</td>", text)
    assert re.search(r"<td[^>]*>Ejecutor</td>", text)
    assert "En ejecución" in text
    assert re.search(r"<td[^>]*>\s*[1-6]\s*</td>", text) is None


@pytest.fixture
def priced_project(make_project):
    project = make_project(
        planned_start=datetime.date(2026, 12, 1),
        planned_end=datetime.date(2027, 11, 30),
    )
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2026, 12, 1),
        period_end=datetime.date(2027, 11, 30),
        value=Decimal("48000.50"),
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2026, 12, 1),
    )
    return project


@pytest.mark.parametrize(
    ("prefix", "money", "date", "month"),
    [
        ("", "48.000,50 USD", "1 de diciembre de 2026", "diciembre de 2026"),
        ("/en", "48,000.50 USD", "1 December 2026", "December 2026"),
    ],
)
def test_money_and_dates_are_written_the_languages_way(
    client, priced_project, prefix, money, date, month
):
    text = client.get(f"{prefix}{priced_project.get_absolute_url()}").text
    assert f"<strong>{money}</strong>" in text
    assert re.search(rf"<td[^>]*>{re.escape(money)}</td>", text)
    assert re.search(rf"<td[^>]*>{re.escape(date)}</td>", text)
    assert re.search(rf"<td[^>]*>{re.escape(month)} \u2013 ", text)
    assert "50.000 USD" in text or "50,000 USD" in text  # whole sums keep no cents


def test_open_data_keeps_machine_formats(client, priced_project):
    """Files are for programs: ISO dates and plain decimals in every language."""
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/projects/export.json")
        text = b"".join(response.streaming_content).decode()
        assert '"48000.50"' in text
        assert "2026-12-01" in text
        assert "48.000,50" not in text
        assert "48,000.50" not in text


@pytest.mark.parametrize(
    ("language", "written"), [("es", "12.345 proyectos"), ("en", "12,345 projects")]
)
def test_counts_group_thousands_the_languages_way(language, written):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate trimmed count counter=n with "
        'shown=n|floatformat:"g" %}{{ shown }} project{% plural %}{{ shown }} '
        "projects{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"n": 12345})) == written
