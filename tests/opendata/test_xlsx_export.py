"""The XLSX export: the CSV's columns and rows in typed cells, the notes sheet,
the filters and languages of every download, and no file left on disk."""

import datetime
import io
import os
import tempfile
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from opendata import exports
from opendata.export_cache import close_quietly
from projects.models import Budget, Currency

from .test_exports import count_export_queries, csv_rows

pytestmark = pytest.mark.django_db

URL = "/projects/export.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response):
    assert response.status_code == 200, response.content[:500]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def sheet_rows(response):
    return [list(row) for row in workbook(response).worksheets[0].iter_rows()]


def test_the_workbook_has_the_csvs_header_and_typed_cells(client, full_project):
    response = client.get(URL)
    assert response["Content-Type"] == XLSX
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="dgcin-projects-es-{today}.xlsx"'
    )
    book = workbook(response)
    with translation.override("es"):
        assert book.sheetnames == [gettext("Projects"), gettext("Notes")]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[c].width >= 10 for c in ("A", "B", "AN"))
    header, row = [list(r) for r in sheet.iter_rows()]
    csv_header, _row = csv_rows(client.get("/projects/export.csv"))
    assert [cell.value for cell in header] == csv_header
    assert all(cell.font.b for cell in header)
    # Dates are dates with a date format.
    planned_start = row[18]
    assert planned_start.is_date
    assert planned_start.value.date() == datetime.date(2024, 3, 1)
    assert planned_start.number_format == "yyyy-mm-dd"
    assert row[21].value is None  # no actual end
    assert row[25].is_date
    assert isinstance(row[25].value, datetime.datetime)
    # Amounts in two currencies stay text, as in the CSV: never added up.
    assert row[22].value == "ARS 1500000.00; USD 70000.00"
    # Yes or no is a boolean.
    assert row[36].value is False
    assert row[36].data_type == "b"


def test_values_equal_the_csvs(client, full_project, make_project):
    make_project(is_decentralised=False, actual_end=None)
    xlsx = sheet_rows(client.get(URL))
    csv = csv_rows(client.get("/projects/export.csv"))
    assert len(xlsx) == len(csv) == 3
    for xlsx_row, csv_row in zip(xlsx[1:], csv[1:], strict=True):
        for cell, text in zip(xlsx_row, csv_row, strict=True):
            value = cell.value
            if value is None:
                assert text == ""
            elif isinstance(value, bool):
                with translation.override("es"):
                    assert text == gettext("yes" if value else "no")
            elif isinstance(value, datetime.datetime) and cell.number_format.endswith(
                "ss"
            ):
                assert text.startswith(value.isoformat(timespec="seconds"))
            elif isinstance(value, datetime.datetime):
                assert text == value.date().isoformat()
            elif isinstance(value, int) and cell.number_format == "General":
                assert text == str(value)  # a count
            elif isinstance(value, int | float):
                code = cell.number_format.split('"')[1]
                assert text == f"{code} {Decimal(str(value)):.2f}"
            else:
                assert value == text


def test_an_amount_in_one_currency_is_a_number_in_its_format(client, make_project):
    project = make_project()
    usd = Currency.objects.get(code="USD")
    for value in (1000, Decimal("234.5")):
        Budget.objects.create(
            project=project,
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            value=value,
            currency=usd,
            value_date=datetime.date(2025, 1, 1),
        )
    _header, row = sheet_rows(client.get(URL))
    budget = row[22]
    assert budget.data_type == "n"
    assert budget.value == pytest.approx(1234.5)
    assert budget.number_format == '#,##0.00 "USD"'
    _header, csv_row = csv_rows(client.get("/projects/export.csv"))
    assert csv_row[22] == "USD 1234.50"


def test_text_that_a_spreadsheet_would_run_is_escaped(client, make_project):
    make_project(
        title_es='=HYPERLINK("http://evil.example","clic")', fo_ar_number="@A1"
    )
    book = workbook(client.get(URL))
    _header, row = [list(r) for r in book.worksheets[0].iter_rows()]
    assert row[1].value == '\'=HYPERLINK("http://evil.example","clic")'
    assert row[1].data_type == "s"  # text, not a formula
    assert row[23].value == "'@A1"
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in cells)


def test_english_under_en(client, full_project):
    response = client.get(f"/en{URL}")
    assert "dgcin-projects-en-" in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["Projects", "Notes"]
    header, row = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    assert header[:2] == ["IATI identifier", "Title"]
    assert row[1] == "Water management in the Chaco"
    assert row[4] == "Triangular"


def test_the_notes_sheet_carries_the_files_notices(client, make_project, settings):
    make_project(is_sample=True)
    settings.DGCIN_OPEN_DATA_LICENCE = "https://example.org/licence"
    settings.DGCIN_OPEN_DATA_LICENCE_TITLE = "Example Licence 1.0"
    book = workbook(client.get(f"/en{URL}", {"modality": "bilateral"}))
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["Source"] == "http://testserver/en/projects/?modality=bilateral"
    assert notes["Licence"] == "Example Licence 1.0 (https://example.org/licence)"
    assert notes["Projects"] == 1
    with translation.override("en"):
        assert str(exports.SAMPLE_FILE) in [
            text for label, text in book["Notes"].iter_rows(values_only=True)
        ]


def test_filters_are_applied_and_bad_ones_refused(client, make_project):
    make_project(modality="triangular", title_es="Triangular")
    make_project(title_es="Bilateral")
    rows = sheet_rows(client.get(URL, {"modality": "triangular"}))
    assert [row[1].value for row in rows[1:]] == ["Triangular"]
    response = client.get(URL, {"year": "abc"})
    assert response.status_code == 400
    assert "year=abc" in response.text
    response = client.get(f"/en{URL}", {"modality": "unknown"})
    assert response.status_code == 400
    assert "is not valid" in response.text


def test_no_project_gives_a_header_only_workbook(client, references):
    rows = sheet_rows(client.get(URL))
    assert len(rows) == 1
    assert rows[0][0].value == "Identificador IATI"


def test_head_answers_headers_only(client, make_project):
    make_project()
    response = client.head(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response.content == b""


def files_open_in(folder):
    """The files this process holds open under ``folder`` (Linux's /proc)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_the_temporary_file_is_gone_once_sent(
    client, make_project, monkeypatch, tmp_path
):
    make_project()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.get(URL)
    chunks = iter(response.streaming_content)
    first = next(chunks)  # the workbook is written, then read out
    assert list(tmp_path.iterdir()) == [], "the file has no name on disk"
    (held,) = files_open_in(tmp_path)
    assert held.endswith("(deleted)")
    rest = b"".join(chunks)
    assert (first + rest).startswith(b"PK")
    close_quietly(response)
    assert files_open_in(tmp_path) == []


def test_queries_do_not_grow_with_the_projects(client, make_project):
    for _ in range(5):
        make_project(modality="triangular")
    five = count_export_queries(client, URL)
    for _ in range(20):
        make_project(modality="triangular")
    assert count_export_queries(client, URL) == five


def test_every_chunk_of_projects_is_written(client, make_project, monkeypatch):
    for _ in range(5):
        make_project()
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    rows = sheet_rows(client.get(URL))
    assert len(rows) == 6
    assert len({row[0].value for row in rows[1:]}) == 5
