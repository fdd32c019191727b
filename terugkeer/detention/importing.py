"""Parse and validate DJI/Justid notification files (CSV and XLSX) without touching the database.

The database layer (``services.notification_import``) decides what to do with each ``ParsedRow``;
this module only reads the file, maps its columns, checks every row and explains each problem in
Dutch, naming the line and the field. See docs/import.md for the columns.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

# One definition of the kinds for the model and the parser; choices.py holds no models.
from terugkeer.core.downloads import spreadsheet_text
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.import_fields import (
    _HEADER_LOOKUP,
    DATE_FIELDS,
    REQUIRED_COLUMNS,
    _cell_text,
    _header_key,
    label,
    parse_date,
)
from terugkeer.detention.import_rows import ParsedRow, _parse_row, typed_fingerprint
from terugkeer.detention.reading import (
    CellTooLongError,
    ImportFileError,
    ImportLimits,
    dutch_number,
    dutch_size,
    rows_of,
)

__all__ = [
    "ImportFileError",
    "ImportLimits",
    "NotificationKind",
    "ParsedFile",
    "ParsedRow",
    "parse_date",
    "parse_notification_file",
    "rejected_rows_csv",
    "typed_fingerprint",
]

# Title lines above the header row are tolerated within this many non-empty rows.
HEADER_SEARCH_ROWS = 10


@dataclass
class ParsedFile:
    """All non-empty data rows of a file, valid or not, in file order."""

    rows: list[ParsedRow]
    columns: list[str]
    file_sha256: str
    headers: list[str] = field(default_factory=list)  # the file's own headings, in order
    file_format: str = ""  # "csv" or "xlsx"

    def to_json(self) -> dict:
        """A JSON-safe form, stored with an upload so its preview pages never parse it again."""
        return {
            "version": PARSED_JSON_VERSION,
            "rows": [_row_to_json(row) for row in self.rows],
            "columns": self.columns,
            "file_sha256": self.file_sha256,
            "headers": self.headers,
            "file_format": self.file_format,
        }

    @classmethod
    def from_json(cls, data: dict) -> ParsedFile | None:
        """The parsed file again; ``None`` for a form this code does not know (parse anew)."""
        if not data or data.get("version") != PARSED_JSON_VERSION:
            return None
        return cls(
            rows=[_row_from_json(row) for row in data["rows"]],
            columns=data["columns"],
            file_sha256=data["file_sha256"],
            headers=data["headers"],
            file_format=data["file_format"],
        )

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.errors]


PARSED_JSON_VERSION = 1


def _row_to_json(row: ParsedRow) -> dict:
    values = dataclasses.asdict(row)
    for name in DATE_FIELDS:
        values[name] = values[name].isoformat() if values[name] else None
    return values


def _row_from_json(values: dict) -> ParsedRow:
    dates = {
        name: datetime.date.fromisoformat(values[name]) if values[name] else None
        for name in DATE_FIELDS
    }
    return ParsedRow(**{**values, **dates})


# --- public API -------------------------------------------------------------------------------


def parse_notification_file(
    data: bytes,
    filename: str,
    *,
    limits: ImportLimits | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    today: datetime.date | None = None,
) -> ParsedFile:
    """Read a DJI/Justid notification file and check every row.

    Raises ``ImportFileError`` when the file as a whole is unusable; problems in single rows are
    reported in ``ParsedRow.errors``. ``limits`` default to the ``IMPORT_*`` settings;
    ``max_rows`` and ``max_bytes`` override two of them. ``today`` is for tests; it defaults to
    today's local date.
    """
    limits = limits or ImportLimits.from_settings()
    limits = dataclasses.replace(
        limits,
        max_rows=max_rows if max_rows is not None else limits.max_rows,
        max_bytes=max_bytes if max_bytes is not None else limits.max_bytes,
    )
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            _("Het bestand is groter dan %(limit)s, het maximum. Splits het bestand in delen.")
            % {"limit": dutch_size(limits.max_bytes)}
        )
    if not data.strip(b" \t\r\n\x00"):
        raise ImportFileError(_("Het bestand is leeg."))
    today = today or timezone.localdate()
    file_format, cells = rows_of(data, filename, limits)
    headers: list[str] = []
    try:
        header_line, headers = _find_header(cells)
        rows, keys, columns = _parse_rows(cells, header_line, headers, limits.max_rows, today)
    except CellTooLongError as too_long:
        raise ImportFileError(too_long.message(headers)) from None
    return ParsedFile(
        rows=rows,
        columns=list(columns),
        file_sha256=hashlib.sha256(data).hexdigest(),
        headers=[key for key in keys if key is not None],
        file_format=file_format,
    )


def _parse_rows(
    cells: Iterator[Iterable[object]],
    header_line: int,
    headers: list[str],
    max_rows: int,
    today: datetime.date,
) -> tuple[list[ParsedRow], list[str | None], dict[str, int]]:
    if header_line == 0:
        raise ImportFileError(_("Het bestand is leeg."))
    columns = _map_columns(headers)
    keys = _raw_keys(headers)

    rows: list[ParsedRow] = []
    seen: dict[str, int] = {}
    line = header_line
    for values in cells:
        line += 1
        texts = [_cell_text(v) for v in values]
        if not any(texts):
            continue
        if len(rows) >= max_rows:
            raise ImportFileError(
                _(
                    "Het bestand bevat meer dan %(limit)s meldingen; dat is het maximum per "
                    "bestand. Splits het bestand in delen."
                )
                % {"limit": dutch_number(max_rows)}
            )
        row = _parse_row(line, list(values), texts, columns, keys, today)
        first_line = seen.setdefault(row.fingerprint, line)
        if first_line != line:
            row.errors.append(
                _("Regel %(line)s: deze melding staat al eerder in het bestand (regel %(first)s).")
                % {"line": line, "first": first_line}
            )
        rows.append(row)

    if not rows:
        raise ImportFileError(_("Het bestand bevat geen meldingen, alleen een kopregel."))
    return rows, keys, columns


def rejected_rows_csv(rows: list[ParsedRow], reasons: dict[int, list[str]] | None = None) -> bytes:
    """The rows with their original columns and a column "Reden afwijzing", for Dutch Excel.

    ``reasons`` adds, per line, the reasons the database layer found (e.g. an unknown
    municipality). The file can be corrected and imported again: the extra column is ignored.
    """
    reasons = reasons or {}
    reason_heading = _("Reden afwijzing")
    # A re-imported rejection file brings its old reasons along; they are replaced, not repeated.
    headings = list(dict.fromkeys(key for row in rows for key in row.raw if key != reason_heading))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_text(h) for h in [*headings, reason_heading]])
    for row in rows:
        all_reasons = [*row.errors, *reasons.get(row.line, [])]
        cells = [row.raw.get(heading, "") for heading in headings]
        writer.writerow([spreadsheet_text(cell) for cell in [*cells, "; ".join(all_reasons)]])
    return buffer.getvalue().encode("utf-8-sig")


# --- header and rows -----------------------------------------------------------------------------


def _find_header(cells: Iterator[Iterable[object]]) -> tuple[int, list[str]]:
    """Consume rows up to and including the header; return its line number and headings.

    The header is the first non-empty row naming at least two known columns, so title lines
    above it are skipped; failing that, the first non-empty row.
    """
    first: tuple[int, list[str]] | None = None
    line = non_empty = 0
    for values in cells:
        line += 1
        headings = [_cell_text(v) for v in values]
        if not any(headings):
            continue
        recognised = sum(1 for h in headings if _header_key(h) in _HEADER_LOOKUP)
        if recognised >= 2:
            return line, headings
        first = first or (line, headings)
        non_empty += 1
        if non_empty >= HEADER_SEARCH_ROWS:
            break
    if first is None:
        return 0, []
    # Without a recognisable header the first row is it; the missing columns will be named.
    return first


def _map_columns(headings: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(headings):
        name = _HEADER_LOOKUP.get(_header_key(heading))
        if name is None:
            continue
        if name in columns:
            raise ImportFileError(
                _(
                    "De kolommen '%(first)s' en '%(second)s' betekenen allebei %(field)s. "
                    "Laat er één staan."
                )
                % {"first": headings[columns[name]], "second": heading, "field": label(name)}
            )
        columns[name] = index
    missing = [label(name) for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Deze verplichte kolommen ontbreken: %(columns)s. Controleer de kopregel.")
            % {"columns": ", ".join(missing)}
        )
    return columns


def _raw_keys(headings: list[str]) -> list[str | None]:
    """Unique keys for ``ParsedRow.raw``, one per column; trailing empty headings get ``None``."""
    while headings and not headings[-1]:
        headings = headings[:-1]
    keys: list[str | None] = []
    for index, heading in enumerate(headings, start=1):
        key = heading or _("Kolom %(number)s") % {"number": index}
        base, counter = key, 1
        while key in keys:
            counter += 1
            key = f"{base} ({counter})"
        keys.append(key)
    return keys
