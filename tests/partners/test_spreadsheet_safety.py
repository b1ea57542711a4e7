"""Hostile spreadsheets in the admin: formulas in every export are escaped (and
come back unchanged on import), and files that would blow up when read (zip bombs,
sheets that declare millions of rows, XML entities, NUL characters, too many rows)
are refused with a clear message before openpyxl or the CSV reader sees them."""

import csv
import datetime
import io
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import CharField, TextField
from import_export.admin import ExportMixin, ImportMixin
from model_bakery import baker

from directory.models import Representation
from partners.models import Country, Organisation, Region
from partners.spreadsheet_admin import SpreadsheetImportForm
from partners.spreadsheets import SafeFormat, SafeXLSX
from projects.models import Currency

pytestmark = pytest.mark.django_db

# --- admin exports

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1+1", "\r=1+1"]


def spreadsheet_admins():
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ExportMixin | ImportMixin)
    }


def admin_url(model, view):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{view}/"


def format_index(formats, extension):
    return str([f().get_extension() for f in formats].index(extension))


def export(client, model, extension):
    """The admin's export of every row of ``model``, every column."""
    model_admin = admin.site._registry[model]
    resource = model_admin.get_export_resource_classes(None)[0]
    columns = {
        f"{resource.__name__.lower()}_{name}": "on"
        for name in resource().get_export_order()
    }
    formats = model_admin.get_export_formats()
    response = client.post(
        admin_url(model, "export"),
        {"format": format_index(formats, extension), "resource": "0", **columns},
    )
    assert response.status_code == 200
    return response.content


def cells(content, extension):
    """[(value, is a formula)] of every cell of an exported file."""
    if extension == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        return [(value, False) for row in rows for value in row]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [(c.value, c.data_type == "f") for row in sheet.iter_rows() for c in row]


def free_text_column(model, resource):
    """A text column of the export that no key, choice or uniqueness constrains."""
    for field in resource().get_export_fields():
        names = {f.name: f for f in model._meta.get_fields()}
        model_field = names.get(field.attribute)
        if (
            isinstance(model_field, CharField | TextField)
            and not model_field.choices
            and not model_field.unique
            and not model_field.primary_key
        ):
            return model_field.name
    raise AssertionError(f"{model.__name__} exports no free text column")


def project_row(model, project):
    """A mission or a transaction of ``project`` (the rows of a project that have
    spreadsheets of their own)."""
    day = datetime.date(2024, 5, 6)
    if model._meta.model_name == "mission":
        return model.objects.create(
            project=project,
            country=Country.objects.get(code="PY"),
            planned_start=day,
            planned_end=day,
        )
    return model.objects.create(
        project=project,
        participation=project.participations.first(),
        type="3",
        date=day,
        value=Decimal(1),
        currency=Currency.objects.get(code="USD"),
        value_date=day,
    )


def rows_to_poison(model, make_project):
    rows = list(model.objects.order_by("pk")[: len(FORMULAS)])
    for number in range(len(rows), len(FORMULAS)):
        if model._meta.model_name == "project":
            rows.append(make_project())
        elif model._meta.model_name in ("mission", "transaction"):
            rows.append(project_row(model, make_project()))
        else:
            rows.append(
                baker.make(
                    model, country=Country.objects.get(code="PY"), city=f"C{number}"
                )
            )
    return rows


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("model", list(spreadsheet_admins()), ids=lambda m: m.__name__)
def test_every_admin_export_escapes_formulas(
    admin_client, make_project, model, extension
):
    model_admin = admin.site._registry[model]
    resource = model_admin.get_export_resource_classes(None)[0]
    column = free_text_column(model, resource)
    for row, formula in zip(rows_to_poison(model, make_project), FORMULAS, strict=True):
        model.objects.filter(pk=row.pk).update(**{column: formula})

    exported = cells(export(admin_client, model, extension), extension)

    def lines(value):  # XML reads a carriage return as a line feed
        return value.replace("\r", "\n") if extension == "xlsx" else value

    texts = {lines(value) for value, _formula in exported if isinstance(value, str)}
    for formula in FORMULAS:
        assert lines(f"'{formula}") in texts, formula
        assert lines(formula) not in texts, formula
    assert not any(is_formula for _value, is_formula in exported)


def test_xlsx_escapes_text_and_keeps_numbers_typed():
    dataset = tablib.Dataset(
        ["-5 ordered", -5, Decimal("-2.5"), "=1+1", "Plan 2024-2026"],
        headers=["text", "int", "decimal", "formula", "plain"],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(SafeXLSX().export_data(dataset))).active
    assert [c.value for c in sheet[2]] == [
        "'-5 ordered",
        -5,
        -2.5,
        "'=1+1",
        "Plan 2024-2026",
    ]
    assert [c.data_type for c in sheet[2]] == ["s", "n", "n", "s", "s"]


def test_the_admin_xlsx_export_writes_numbers_as_numbers(admin_client, partners_data):
    Region.objects.filter(pk=Region.objects.order_by("pk")[0].pk).update(position=7)
    sheet = openpyxl.load_workbook(
        io.BytesIO(export(admin_client, Region, "xlsx"))
    ).active
    column = [c.value for c in sheet[1]].index("position")
    positions = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert {c.data_type for c in positions} == {"n"}
    assert 7 in {c.value for c in positions}


def test_an_export_address_with_filters_the_list_lacks_answers_without_them(
    admin_client, partners_data
):
    for model in spreadsheet_admins():
        url = admin_url(model, "export")
        response = admin_client.get(url, {"no_such_filter": "1"}, follow=True)
        assert response.redirect_chain == [(url, 302)]
        assert "se dejaron de lado" in response.text


def import_preview(client, model, name, content, extension=None):
    model_admin = admin.site._registry[model]
    formats = model_admin.get_import_formats()
    extension = extension or name.rpartition(".")[2]
    return client.post(
        admin_url(model, "import"),
        {
            "resource": "0",
            "format": format_index(formats, extension),
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, model, preview):
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(admin_url(model, "process_import"), data)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_escaped_export_imports_back_unchanged(
    admin_client, partners_data, extension
):
    Organisation.objects.filter(slug="undp").update(name_en="=UNDP", acronym_en="-UN")
    content = export(admin_client, Organisation, extension)
    assert "'=UNDP" in {value for value, _formula in cells(content, extension)}
    preview = import_preview(admin_client, Organisation, f"orgs.{extension}", content)
    assert not preview.context["result"].has_errors()
    assert confirm(admin_client, Organisation, preview).status_code == 302
    undp = Organisation.objects.get(slug="undp")
    assert (undp.name_en, undp.acronym_en) == ("=UNDP", "-UN")


# --- admin imports

SHEET_PATH = "xl/worksheets/sheet1.xml"
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'


def xlsx_with_sheet(head=b"", middle=b"", repeat=1, prolog=b""):
    """A real workbook (openpyxl's) whose first sheet holds ``head``, then
    ``middle`` ``repeat`` times, streamed into the zip: nothing large in memory."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "slug"
    source, packed = io.BytesIO(), io.BytesIO()
    workbook.save(source)
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as copy,
    ):
        for part in original.infolist():
            if part.filename != SHEET_PATH:
                copy.writestr(part, original.read(part))
                continue
            with copy.open(SHEET_PATH, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?>' + prolog)
                sheet.write(b'<worksheet xmlns="' + MAIN + b'">' + head)
                sheet.write(b"<sheetData>")
                for _time in range(repeat):
                    sheet.write(middle)
                sheet.write(b"</sheetData></worksheet>")
    return packed.getvalue()


@pytest.fixture(scope="module")
def zip_bomb():
    """Under 1 MB packed; its sheet unpacks to 300 MiB (6 million rows)."""
    return xlsx_with_sheet(middle=ROW * (2**20 // len(ROW)), repeat=300)


@pytest.fixture
def openpyxl_calls(monkeypatch):
    """Every workbook openpyxl is asked to load during the test."""
    calls = []
    load = openpyxl.load_workbook

    def spy(*args, **kwargs):
        calls.append(args)
        return load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    return calls


def refusal(response):
    """The import form's message about the file; nothing went on to a preview."""
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert "result" not in response.context
    return " ".join(response.context["form"].errors["import_file"])


def test_a_zip_bomb_is_refused_from_its_directory(
    admin_client, zip_bomb, openpyxl_calls
):
    with zipfile.ZipFile(io.BytesIO(zip_bomb)) as archive:
        assert sum(part.file_size for part in archive.infolist()) > 300 * 2**20
    assert len(zip_bomb) < 2**20
    response = import_preview(admin_client, Organisation, "bomba.xlsx", zip_bomb)
    message = refusal(response)
    assert "Este archivo XLSX se descomprime en 300,0" in message
    assert "no se leyó" in message
    assert openpyxl_calls == []


# openpyxl pads every row up to the sheet's declared or written size: each of these
# few-kilobyte sheets would become a million rows, or 16,384 columns on every row.
SMALL_BOMBS = {
    "declared-rows": ({"head": b'<dimension ref="A1:B1048576"/>'}, "filas"),
    "row-number": (
        {"middle": b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'},
        "filas",
    ),
    "column": ({"middle": b'<row r="2"><c r="XFD2"><v>1</v></c></row>'}, "columnas"),
    # 20 MiB of rows, packed far more than a hundred times.
    "packed": ({"middle": ROW * 20_000, "repeat": 20}, "comprimido mucho más"),
    # Entities that multiply as they are read ("billion laughs").
    "entities": (
        {
            "prolog": b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            "middle": b"<row><c><v>&b;</v></c></row>",
        },
        "entidades XML",
    ),
}


@pytest.mark.parametrize("bomb", SMALL_BOMBS)
def test_a_small_xlsx_that_would_grow_is_refused(admin_client, openpyxl_calls, bomb):
    parts, expected = SMALL_BOMBS[bomb]
    content = xlsx_with_sheet(**parts)
    assert len(content) < 100_000
    response = import_preview(admin_client, Organisation, "hoja.xlsx", content)
    assert expected in refusal(response)
    assert openpyxl_calls == []


def test_an_xlsx_of_too_many_parts_is_refused(admin_client):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for number in range(101):
            archive.writestr(f"xl/part{number}.xml", "<a/>")
    response = import_preview(admin_client, Region, "partes.xlsx", packed.getvalue())
    assert "tiene 101 partes" in refusal(response)


def test_a_file_that_is_not_xlsx_is_refused_with_a_clear_message(admin_client):
    response = import_preview(admin_client, Region, "hoja.xlsx", b"slug,name\n")
    assert "no es un XLSX o está dañado" in refusal(response)


def representations_csv(rows):
    lines = ["country,kind,city,address,phone,email,website"]
    lines += [f"PY,consulate,Ciudad {n},,,," for n in range(rows)]
    return "\n".join(lines).encode()


def test_csv_rows_past_the_limit_are_refused(admin_client, partners_data, settings):
    settings.SPREADSHEET_IMPORT_LIMITS = {"rows": 3}
    accepted = import_preview(
        admin_client, Representation, "r.csv", representations_csv(3)
    )
    assert not accepted.context["result"].has_errors()
    refused = import_preview(
        admin_client, Representation, "r.csv", representations_csv(4)
    )
    assert "más de 3 filas de datos" in refusal(refused)
    assert not Representation.objects.exists()


def test_a_csv_with_a_nul_character_is_refused(admin_client, partners_data):
    content = representations_csv(3).replace(b"Ciudad 1", b"Ciu\x00dad")
    response = import_preview(admin_client, Representation, "r.csv", content)
    assert "La línea 3 del archivo tiene un carácter NUL" in refusal(response)


def test_an_upload_past_the_size_limit_is_refused(admin_client, settings):
    settings.SPREADSHEET_IMPORT_LIMITS = {"upload_bytes": 1024}
    response = import_preview(
        admin_client, Representation, "r.csv", representations_csv(100)
    )
    assert "El archivo pesa" in refusal(response)


def test_the_confirm_step_refuses_a_file_it_did_not_check(admin_client):
    """The confirm form sends back the name of the file the preview saved: a name
    that leads to another file meets the same limits."""
    bomb = xlsx_with_sheet(**SMALL_BOMBS["row-number"][0])
    with tempfile.NamedTemporaryFile(delete=False) as stored:
        stored.write(bomb)
    try:
        response = admin_client.post(
            admin_url(Organisation, "process_import"),
            {
                "import_file_name": Path(stored.name).name,
                "original_file_name": "hoja.xlsx",
                "format": format_index(
                    admin.site._registry[Organisation].get_import_formats(), "xlsx"
                ),
                "resource": "0",
            },
            follow=True,
        )
    finally:
        Path(stored.name).unlink(missing_ok=True)
    assert response.status_code == 200
    assert "filas de datos" in response.text
    assert response.redirect_chain[-1][0] == admin_url(Organisation, "import")


def test_every_spreadsheet_admin_uses_the_safe_formats_and_form(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    for model, model_admin in spreadsheet_admins().items():
        formats = [
            *model_admin.get_export_formats(),
            *(
                model_admin.get_import_formats()
                if isinstance(model_admin, ImportMixin)
                else []
            ),
        ]
        assert all(issubclass(f, SafeFormat) for f in formats), model
        if isinstance(model_admin, ImportMixin):
            form = model_admin.get_import_form_class(request)
            assert issubclass(form, SpreadsheetImportForm), model
