"""Reading a notification file into rows of cells, within limits checked before parsing.

A hostile or broken file must cost little: an XLSX is a zip, so its members are inspected
(uncompressed sizes, compression ratio, the worksheet XML) before openpyxl opens it; rows,
columns and cell lengths are bounded while reading, for CSV and XLSX alike. The limits are settings
(``IMPORT_*``, documented in docs/import.md, "Limits").
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

# Members this small cannot hurt, whatever their compression ratio.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
# How a row, cell or shared-string element starts, with or without a namespace prefix. Counting
# these byte strings gives an upper bound (``<rowBreaks`` counts as a row), which suits a limit.
_ELEMENT_STARTS = {
    "row": (b"<row", b":row"),
    "c": tuple(prefix + b"c" + end for prefix in (b"<", b":") for end in (b" ", b">", b"/")),
    "si": tuple(prefix + b"si" + end for prefix in (b"<", b":") for end in (b" ", b">")),
}


class ImportFileError(Exception):
    """The file as a whole is unusable; ``message`` is a Dutch sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CellTooLongError(Exception):
    """A cell is longer than the limit; the parser turns it into a message naming the column."""

    def __init__(self, *, line: int, column: int, limit: int, unclosed_quote: bool = False):
        super().__init__(f"line {line}, column {column}: cell longer than {limit} characters")
        self.line, self.column, self.limit = line, column, limit
        self.unclosed_quote = unclosed_quote

    def message(self, headings: list[str]) -> str:
        column = get_column_letter(self.column)
        heading = headings[self.column - 1] if self.column <= len(headings) else ""
        if heading and self.line > 1:
            column = f"{column} ({heading})"
        text = _(
            "Regel %(line)s, kolom %(column)s: de cel is langer dan %(limit)s tekens, het maximum "
            "per cel. Verkort de cel of controleer of de kolommen goed zijn gescheiden."
        ) % {"line": self.line, "column": column, "limit": dutch_number(self.limit)}
        if self.unclosed_quote:
            text += " " + _(
                "De cel begint met een aanhalingsteken dat verderop in het bestand niet wordt "
                "gesloten."
            )
        return text


@dataclass(frozen=True)
class ImportLimits:
    """What one notification file may hold; see docs/import.md, "Limits"."""

    max_bytes: int
    max_rows: int  # notifications (non-empty data rows)
    max_lines: int  # lines read, empty and title lines included
    max_columns: int
    max_cell_chars: int
    max_uncompressed_bytes: int  # XLSX: all zip members together, uncompressed
    max_sheet_bytes: int  # XLSX: one worksheet's XML, uncompressed
    max_compression_ratio: int  # XLSX: uncompressed / compressed size of one member
    max_cells: int  # XLSX: cell elements in one worksheet, and shared strings

    @classmethod
    def from_settings(cls, **overrides: int) -> ImportLimits:
        values = {
            "max_bytes": settings.IMPORT_MAX_BYTES,
            "max_rows": settings.IMPORT_MAX_ROWS,
            "max_lines": settings.IMPORT_MAX_LINES,
            "max_columns": settings.IMPORT_MAX_COLUMNS,
            "max_cell_chars": settings.IMPORT_MAX_CELL_CHARS,
            "max_uncompressed_bytes": settings.IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES,
            "max_sheet_bytes": settings.IMPORT_MAX_XLSX_SHEET_BYTES,
            "max_compression_ratio": settings.IMPORT_MAX_XLSX_COMPRESSION_RATIO,
            "max_cells": settings.IMPORT_MAX_XLSX_CELLS,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


def dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def dutch_size(size: int) -> str:
    if size >= 1024 * 1024:
        amount, unit = size / (1024 * 1024), "MB"
    elif size >= 1024:
        amount, unit = size / 1024, "kB"
    else:
        return f"{dutch_number(size)} bytes"
    text = f"{amount:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} {unit}"


def unsupported() -> ImportFileError:
    return ImportFileError(_("Dit bestandstype wordt niet ondersteund. Gebruik CSV of XLSX."))


def _too_many_lines(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _(
            "Het bestand heeft meer dan %(limit)s regels (lege regels tellen mee); dat is het "
            "maximum. Verwijder lege regels onderaan of splits het bestand in delen."
        )
        % {"limit": dutch_number(limits.max_lines)}
    )


def rows_of(data: bytes, filename: str, limits: ImportLimits) -> tuple[str, Iterator[Iterable]]:
    """The file format ("csv" or "xlsx") and its rows of cells, read lazily within ``limits``."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    is_zip = data.startswith(b"PK\x03\x04")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. "
                "Sla het op als XLSX zonder wachtwoord, of als CSV."
            )
        )
    if extension == "xlsx" and is_zip:
        inspect_xlsx(data, limits)  # before openpyxl sees a byte
        return "xlsx", _read_xlsx(data, limits)
    if extension in {"csv", "txt"} and not is_zip and not data.startswith(b"%PDF"):
        return "csv", _read_csv(data, limits)
    raise unsupported()


# --- XLSX --------------------------------------------------------------------------------------


def inspect_xlsx(data: bytes, limits: ImportLimits) -> None:
    """Refuse a zip whose members would unpack to too much, from the sizes in its directory.

    The sizes are the zip's own claims, but they bind: Python's zipfile stops reading a member at
    its stated size and then fails the CRC check, so a member cannot unpack to more than it says.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive.infolist(), limits)
            _check_elements(archive, limits)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise unsupported() from None


def _check_sizes(members: list[zipfile.ZipInfo], limits: ImportLimits) -> None:
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        raise ImportFileError(
            _(
                "Het Excel-bestand is uitgepakt %(size)s groot; het maximum is %(limit)s. Dit is "
                "geen gewone lijst meldingen. Sla het op als CSV of splits het in delen."
            )
            % {"size": dutch_size(total), "limit": dutch_size(limits.max_uncompressed_bytes)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM_BYTES and ratio > limits.max_compression_ratio:
            raise ImportFileError(
                _(
                    "Het Excel-bestand is verdacht sterk gecomprimeerd (een onderdeel wordt "
                    "uitgepakt %(ratio)s keer zo groot; het maximum is %(limit)s). Het wordt niet "
                    "geopend. Sla het op als CSV."
                )
                % {"ratio": dutch_number(int(ratio)), "limit": limits.max_compression_ratio}
            )
        is_sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
        if is_sheet and member.file_size > limits.max_sheet_bytes:
            raise ImportFileError(
                _(
                    "Het werkblad is uitgepakt %(size)s groot; het maximum is %(limit)s. Splits "
                    "het bestand in delen."
                )
                % {
                    "size": dutch_size(member.file_size),
                    "limit": dutch_size(limits.max_sheet_bytes),
                }
            )


def _check_elements(archive: zipfile.ZipFile, limits: ImportLimits) -> None:
    """Count rows and cells in the worksheet XML, and shared strings, without parsing the XML.

    openpyxl reads a worksheet without a ``<dimension>`` element once through just to size it,
    and every shared string at once; counting first keeps both bounded.
    """
    for member in archive.infolist():
        name = member.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            rows, cells = _count(archive, member, ("row", "c"))
            if rows > limits.max_lines:
                raise _too_many_lines(limits)
            if cells > limits.max_cells:
                raise _too_many_cells(limits)
        elif name == "xl/sharedStrings.xml":
            (strings,) = _count(archive, member, ("si",))
            if strings > limits.max_cells:
                raise _too_many_cells(limits)


def _count(archive: zipfile.ZipFile, member: zipfile.ZipInfo, names: tuple[str, ...]) -> list[int]:
    counts = [0] * len(names)
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1024 * 1024):
            block = carry + chunk
            # An element start cut in two by the chunk boundary is carried to the next block.
            cut = block.rfind(b"<")
            if cut == -1 or len(block) - cut > 64:
                cut = len(block)
            for index, name in enumerate(names):
                counts[index] += sum(block.count(start, 0, cut) for start in _ELEMENT_STARTS[name])
            carry = block[cut:]
    for index, name in enumerate(names):
        counts[index] += sum(carry.count(start) for start in _ELEMENT_STARTS[name])
    return counts


def _too_many_cells(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _(
            "Het werkblad bevat meer dan %(limit)s cellen; dat is het maximum. Splits het "
            "bestand in delen, of sla het op als CSV."
        )
        % {"limit": dutch_number(limits.max_cells)}
    )


def _read_xlsx(data: bytes, limits: ImportLimits) -> Iterator[tuple[object, ...]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise unsupported() from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Het Excel-bestand bevat geen werkblad."))
        sheet = workbook.worksheets[0]
        # Stored dimensions are often wrong (or hostile: A1:XFD1048576); read what is there.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(
            max_row=limits.max_lines + 1, max_col=limits.max_columns, values_only=True
        )
        line = 0
        try:
            for values in rows:
                line += 1
                if line > limits.max_lines:
                    raise _too_many_lines(limits)
                for index, value in enumerate(values):
                    if isinstance(value, str) and len(value) > limits.max_cell_chars:
                        raise CellTooLongError(
                            line=line, column=index + 1, limit=limits.max_cell_chars
                        )
                yield values
        except (ImportFileError, CellTooLongError):
            raise
        except Exception:
            raise ImportFileError(
                _("Het Excel-bestand is beschadigd en kan niet worden gelezen.")
            ) from None
    finally:
        workbook.close()


# --- CSV ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode-tekst" export
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "De tekens in het bestand kunnen niet worden gelezen. "
                "Sla het bestand op als 'CSV UTF-8'."
            )
        ) from None


def _read_csv(data: bytes, limits: ImportLimits) -> Iterator[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise unsupported()
    first_line, newline, rest = text.partition("\n")
    if re.fullmatch(r"sep=.", first_line.strip().lower()):
        # Excel's hint line; it stays a (blank) line so line numbers match what the user sees.
        delimiter = first_line.strip()[-1]
        text = newline + rest
    else:
        delimiter = _sniff_delimiter(first_line if first_line.strip() else text.lstrip())

    handed_over = 0  # characters given to the csv reader so far

    def physical_lines() -> Iterator[str]:
        nonlocal handed_over
        for physical in io.StringIO(text, newline=""):
            handed_over += len(physical)
            yield physical

    reader = csv.reader(physical_lines(), delimiter=delimiter)
    line = 0
    while True:
        record_start = handed_over
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # In practice "field larger than field limit": a cell far beyond our own limit.
            found = _long_cell(text[record_start:], delimiter, limits.max_cell_chars)
            if found:
                column, unclosed = found
                raise CellTooLongError(
                    line=line + 1,
                    column=column,
                    limit=limits.max_cell_chars,
                    unclosed_quote=unclosed,
                ) from None
            raise ImportFileError(
                _(
                    "Het CSV-bestand kan niet worden gelezen rond regel %(line)s. Sla het bestand "
                    "opnieuw op als CSV."
                )
                % {"line": line + 1}
            ) from error
        line += 1
        if line > limits.max_lines:
            raise _too_many_lines(limits)
        # Like XLSX: cells further right than the column limit are ignored.
        cells = cells[: limits.max_columns]
        for index, cell in enumerate(cells):
            if len(cell) > limits.max_cell_chars:
                raise CellTooLongError(line=line, column=index + 1, limit=limits.max_cell_chars)
        yield cells


def _long_cell(record: str, delimiter: str, limit: int) -> tuple[int, bool] | None:
    """Column (1-based) of the first cell longer than ``limit`` in the record at the start of
    ``record``, and whether that cell opens a quote that is never closed."""
    sep = re.escape(delimiter)
    field = re.compile(
        rf'"(?P<quoted>[^"]*(?:""[^"]*)*)(?P<close>"?)[^{sep}\r\n]*|(?P<plain>[^{sep}\r\n]*)'
    )
    position, column = 0, 1
    while True:
        match = field.match(record, position)
        quoted = match["quoted"]
        value = quoted if quoted is not None else match["plain"]
        if len(value) > limit:
            return column, quoted is not None and not match["close"]
        position = match.end()
        if position >= len(record) or record[position] != delimiter:
            return None
        position += 1
        column += 1


def _sniff_delimiter(text: str) -> str:
    """The delimiter among ; tab and , that splits the header line into most columns."""
    first = text.partition("\n")[0]
    best, best_count = ";", 1
    for candidate in (";", "\t", ","):
        try:
            count = len(next(csv.reader([first], delimiter=candidate), []))
        except csv.Error:
            continue
        if count > best_count:
            best, best_count = candidate, count
    return best
