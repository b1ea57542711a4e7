"""Spreadsheets that are safe to open and safe to read: the formula escape every
download uses, and the CSV and XLSX formats of the admin's import and export
(``IMPORT_EXPORT_FORMATS``).

Exports escape every text cell that a spreadsheet would run as a formula
(``spreadsheet_safe``); imports take the escape off again, so a file goes out and
comes back unchanged. import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``
is not used: in 4.4 it only deletes a leading "=" (so "=1+1" becomes "1+1", and
"+", "-", "@" pass) and turns every cell, numbers too, into text.

Imports refuse, before openpyxl or the CSV reader sees it, a file past the limits
of ``settings.SPREADSHEET_IMPORT_LIMITS``: an XLSX "bomb" (a small zip that unpacks
to a huge sheet, or a sheet whose declared size makes openpyxl fill in millions of
empty cells) is refused from its zip directory and a streaming read of its XML,
without building anything.

This module is imported by the settings, so it imports nothing that needs the
apps to be loaded.
"""

import csv
import io
import re
import zipfile
import zlib
from xml.parsers import expat

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from import_export.formats import base_formats

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The cell's text, with a leading apostrophe if a spreadsheet would read it as
    a formula (OWASP's advice): the apostrophe shows and nothing runs."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def spreadsheet_text(text):
    """The text ``spreadsheet_safe`` escaped, as it was before."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


# The defaults of settings.SPREADSHEET_IMPORT_LIMITS (see dgcin/settings/base.py).
DEFAULT_LIMITS = {
    "upload_bytes": 5 * 1024 * 1024,
    "rows": 10_000,
    "columns": 100,
    "entries": 100,
    "uncompressed_bytes": 50 * 1024 * 1024,
    "ratio": 100,
}
# Parts smaller than this may be compressed as much as they like: they cannot
# grow into anything harmful.
RATIO_FLOOR = 1024 * 1024

SPREADSHEET_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
}
CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")


class SpreadsheetRefused(ValueError):
    """The file was not read; the message says why, in the user's language."""


def limits():
    return DEFAULT_LIMITS | getattr(settings, "SPREADSHEET_IMPORT_LIMITS", {})


def _number(value):
    return number_format(value, force_grouping=True)


def refuse_large_upload(size):
    limit = limits()["upload_bytes"]
    if size > limit:
        raise SpreadsheetRefused(
            _(
                "The file weighs %(size)s; an import takes files of up to "
                "%(limit)s. Import it in smaller parts."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def refuse_many_rows(rows):
    """``rows``: the rows of data, the header row left out."""
    limit = limits()["rows"]
    if rows > limit:
        raise SpreadsheetRefused(
            _(
                "The file has more than %(limit)s rows of data; an import takes "
                "%(limit)s at most. Import it in smaller parts."
            )
            % {"limit": _number(limit)}
        )


def refuse_many_columns(columns):
    limit = limits()["columns"]
    if columns > limit:
        raise SpreadsheetRefused(
            _(
                "The sheet has more than %(limit)s columns; an import takes "
                "%(limit)s at most. Delete the columns you are not importing."
            )
            % {"limit": _number(limit)}
        )


def _damaged():
    return SpreadsheetRefused(
        _(
            "This is not an XLSX file, or it is damaged. Save it again from your "
            "spreadsheet as .xlsx and import that file."
        )
    )


def _cell_position(reference):
    """(row, column) of a cell reference such as "XFD1048576", or None."""
    match = CELL_REFERENCE.match(reference or "")
    if not match:
        return None
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match[2]), column


class _SheetScan:
    """Reads one XML part as a stream (expat, nothing built) and refuses it when
    it declares entities or when, as a worksheet, it would make openpyxl produce
    more rows or columns than an import takes. openpyxl pads every row to the
    sheet's declared width and height, so the declared size counts as well as
    the cells written."""

    class Done(Exception):
        """Not a worksheet: nothing more to check in this part."""

    def __init__(self, rows, columns):
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self.refuse_doctype
        self.parser.EntityDeclHandler = self.refuse_doctype
        self.parser.StartElementHandler = self.start
        self.root = True
        # The last row (header included) and column an import takes.
        self.last_row, self.last_column = rows + 1, columns
        self.row = 0
        self.column = 0

    def refuse_doctype(self, *args):
        raise SpreadsheetRefused(
            _(
                "This XLSX file declares XML entities, which no spreadsheet "
                "writes: it was not read."
            )
        )

    def start(self, name, attributes):
        namespace, _space, tag = name.rpartition(" ")
        if self.root:
            self.root = False
            if tag not in ("worksheet", "dialogsheet"):
                raise self.Done
        elif namespace not in SPREADSHEET_NAMESPACES:
            return
        elif tag == "c":
            position = _cell_position(attributes.get("r"))
            self.column = position[1] if position else self.column + 1
            if self.column > self.last_column:
                refuse_many_columns(self.column)
        elif tag == "row":
            number = attributes.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            self.column = 0
            if self.row > self.last_row:
                refuse_many_rows(self.row - 1)
        elif tag == "dimension":
            for reference in attributes.get("ref", "").split(":"):
                row, column = _cell_position(reference) or (0, 0)
                refuse_many_rows(row - 1)
                refuse_many_columns(column)

    def read(self, stream):
        try:
            while chunk := stream.read(64 * 1024):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except (self.Done, expat.ExpatError):
            # Not XML (an image), or XML that openpyxl cannot read either: the
            # same parser stops at the same place, after what was checked.
            pass


def refuse_unsafe_xlsx(data):
    """Raise SpreadsheetRefused unless ``data`` (bytes) is an XLSX file within the
    limits: the zip's directory first (how many parts, how large unpacked, how
    compressed), then each XML part read as a stream."""
    refuse_large_upload(len(data))
    limit = limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _damaged() from None
    with archive:
        parts = archive.infolist()
        if len(parts) > limit["entries"]:
            raise SpreadsheetRefused(
                _(
                    "This XLSX file holds %(count)s parts, more than a spreadsheet "
                    "has (%(limit)s at most): it was not read."
                )
                % {"count": _number(len(parts)), "limit": _number(limit["entries"])}
            )
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limit["uncompressed_bytes"]:
            raise SpreadsheetRefused(
                _(
                    "This XLSX file unpacks to %(size)s, more than the %(limit)s an "
                    "import reads: it was not read. Import it in smaller parts."
                )
                % {
                    "size": filesizeformat(unpacked),
                    "limit": filesizeformat(limit["uncompressed_bytes"]),
                }
            )
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > RATIO_FLOOR and ratio > limit["ratio"]:
                raise SpreadsheetRefused(
                    _(
                        "This XLSX file is packed far tighter than a spreadsheet "
                        "can be (its part “%(name)s” unpacks to %(ratio)s times "
                        "its size): it was not read."
                    )
                    % {"name": part.filename, "ratio": _number(int(ratio))}
                )
        try:
            for part in parts:
                with archive.open(part) as stream:
                    _SheetScan(limit["rows"], limit["columns"]).read(stream)
        except (
            zipfile.BadZipFile,
            zlib.error,
            RuntimeError,
            NotImplementedError,
            OSError,
        ):
            raise _damaged() from None


def refuse_unsafe_csv(text):
    """Raise SpreadsheetRefused unless ``text`` is a CSV file within the limits and
    without NUL characters (no text may hold one; PostgreSQL refuses it)."""
    refuse_large_upload(len(text))
    if (nul := text.find("\x00")) >= 0:
        raise SpreadsheetRefused(
            _(
                "Line %(line)s of the file holds a NUL character, which no text may "
                "contain: delete it and import the file again."
            )
            % {"line": _number(text.count("\n", 0, nul) + 1)}
        )
    limit = limits()["rows"]
    rows = 0
    try:
        for _row in csv.reader(io.StringIO(text, newline="")):
            rows += 1
            if rows > limit + 1:
                break
    except csv.Error:
        return  # the reader stops there too, and says so
    refuse_many_rows(rows - 1)


def _cells(dataset, change):
    """A copy of ``dataset`` with ``change`` applied to its headers and text cells."""

    def cell(value):
        return change(str(value)) if isinstance(value, str | Promise) else value

    copy = tablib.Dataset(
        headers=[cell(header) for header in dataset.headers or []] or None,
        title=dataset.title,
    )
    for row in dataset:
        copy.append([cell(value) for value in row])
    return copy


class SafeFormat:
    """What the CSV and XLSX formats below add to import-export's."""

    def refuse_unsafe(self, data):
        raise NotImplementedError

    def create_dataset(self, in_stream, **kwargs):
        self.refuse_unsafe(in_stream)
        return _cells(super().create_dataset(in_stream, **kwargs), spreadsheet_text)

    def export_data(self, dataset, **kwargs):
        return super().export_data(_cells(dataset, spreadsheet_safe), **kwargs)


class SafeCSV(SafeFormat, base_formats.CSV):
    def refuse_unsafe(self, data):
        if isinstance(data, bytes):
            data = data.decode(self.encoding or "utf-8-sig", errors="replace")
        refuse_unsafe_csv(data)


class SafeXLSX(SafeFormat, base_formats.XLSX):
    """Numbers, dates and booleans stay typed cells; only text is escaped."""

    def refuse_unsafe(self, data):
        refuse_unsafe_xlsx(data)


# import-export 4.4 exports typed cells only for the exact classes it lists
# (``type(format) in BINARY_FORMATS``): without this line every number would be
# written as text.
if SafeXLSX not in base_formats.BINARY_FORMATS:
    base_formats.BINARY_FORMATS.append(SafeXLSX)
