"""The catalogue's projects as an XLSX workbook, /projects/export.xlsx.

The same columns, rows and language as the CSV file (``csv_export.export_columns``,
the one list of both), in typed cells: dates are dates, an amount in one currency
a number in that currency's format (amounts in several currencies stay text, as in
the CSV: they are never added), yes/no a boolean, which spreadsheets show in their
own language. Texts carry the formula escape of every download
(``partners.spreadsheets.spreadsheet_safe``), so they equal the CSV's.

openpyxl's write-only mode writes each row to disk as it comes (inline strings,
no shared-string table), so memory stays flat whatever the number of projects.
A workbook is a zip that cannot be sent before it is finished: it is written to an
anonymous temporary file (no name on disk: it disappears when closed, whatever
happens), then read out as the download's chunks, which the catalogue's downloads
keep like the others (``export_cache``).
"""

import datetime
import itertools
import tempfile
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from partners.spreadsheets import spreadsheet_safe

from .csv_export import PerCurrency, cell_text, export_columns
from .export_cache import CHUNK
from .exports import file_notices, has_samples, in_chunks, licence
from .responses import conditional
from .views import ExportView

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Column widths, in characters: from the header and the first rows' values.
MIN_WIDTH, MAX_WIDTH = 10, 60
BOLD = Font(bold=True)


def safe_text(value):
    """Text a sheet may hold: no control characters (XML refuses them), and the
    formula escape."""
    return spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", value))


def typed_cell(sheet, value):
    """The cell of one column's value (``export_columns``' types)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the local time, as the CSV's.
        return formatted(sheet, value.replace(tzinfo=None), DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return formatted(sheet, value, DATE_FORMAT)
    if isinstance(value, PerCurrency) and len(value) == 1:
        ((code, amount),) = value
        return formatted(sheet, amount, f'#,##0.00 "{code}"')
    return safe_text(cell_text(value))


def bold(sheet, text):
    cell = WriteOnlyCell(sheet, value=safe_text(text))
    cell.font = BOLD
    return cell


def formatted(sheet, value, number_format):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def width(value):
    text = cell_text(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_workbook(file, chunks, absolute_url, language, notes):
    """The workbook in ``language`` into ``file``: the sheet of projects, header
    row frozen, then the sheet of notes (``notes``: (label, text) pairs, to which
    the number of projects is added)."""
    workbook = Workbook(write_only=True)
    chunks = iter(chunks)
    first = next(chunks, [])
    with translation.override(language):
        columns = export_columns(absolute_url, language)
        sheet = workbook.create_sheet(_("Projects"))
        sheet.freeze_panes = "A2"
        headers = [capfirst(str(title)) for title, _value in columns]
        for number, (header, (_title, value)) in enumerate(
            zip(headers, columns, strict=True), start=1
        ):
            widest = max([len(header), *(width(value(p)) for p in first[:50])])
            sheet.column_dimensions[get_column_letter(number)].width = min(
                max(widest + 2, MIN_WIDTH), MAX_WIDTH
            )
        sheet.append([bold(sheet, header) for header in headers])
    count = 0
    # The first chunk again, then the rest as they are read (never all at once).
    for chunk in itertools.chain([first] if first else [], chunks):
        with translation.override(language):
            for project in chunk:
                sheet.append([typed_cell(sheet, cell(project)) for _t, cell in columns])
                count += 1
    with translation.override(language):
        notes_sheet = workbook.create_sheet(_("Notes"))
        notes_sheet.column_dimensions["A"].width = 24
        notes_sheet.column_dimensions["B"].width = 100
        for label, text in [*notes, (_("Projects"), count)]:
            notes_sheet.append(
                [
                    bold(notes_sheet, str(label)),
                    text if isinstance(text, int) else safe_text(str(text)),
                ]
            )
    workbook.save(file)


class XlsxExportView(ExportView):
    """The CSV's columns and rows in an XLSX workbook with typed cells."""

    content_type = CONTENT_TYPE
    extension = "xlsx"
    per_language = True

    def stream(self, queryset, language):
        """The workbook's bytes: written whole to a temporary file first (a zip
        is not written in order), then read out, kept like any download
        (``export_cache``); the file is gone however the download ends."""
        with tempfile.TemporaryFile(suffix=".xlsx") as file:
            write_workbook(
                file,
                in_chunks(queryset),
                self.absolute_url,
                language,
                self.notes(queryset),
            )
            file.seek(0)
            while chunk := file.read(CHUNK):
                yield chunk

    def notes(self, queryset):
        """(label, text) rows of the sheet of notes, in the active language."""
        query = self.request.GET.copy()
        query.pop("page", None)
        catalogue = reverse("projects:project-list")
        source = f"{catalogue}?{query.urlencode()}" if query else catalogue
        terms = licence()
        rows = [
            (_("Source"), self.absolute_url(source)),
            (
                _("Generated"),
                timezone.localtime().isoformat(timespec="seconds"),
            ),
            (
                _("Licence"),
                f"{terms['title']} ({terms['url']})" if terms else _("None declared"),
            ),
            (_("About these files"), self.absolute_url(reverse("open-data"))),
        ]
        samples = has_samples(queryset)
        rows += [(_("Notice"), str(notice)) for notice in file_notices(samples)]
        return rows


export_xlsx = conditional(XlsxExportView.as_view())
