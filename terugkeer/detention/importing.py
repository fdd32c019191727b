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
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.validators import is_valid_bsn, normalise_bsn

# One definition of the kinds for the model and the parser; choices.py holds no models.
from terugkeer.detention.choices import NotificationKind
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
]

FINGERPRINT_VERSION = "v1"
# Title lines above the header row are tolerated within this many non-empty rows.
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class ParsedRow:
    """One notification as read from the file, with the problems found in it."""

    line: int
    kind: str
    bsn: str
    dji_number: str
    surname: str
    prefix: str
    first_names: str
    birth_date: datetime.date | None
    sex: str
    institution: str
    detention_start: datetime.date | None
    expected_release: datetime.date | None
    release_date: datetime.date | None
    legal_title: str
    pi_casemanager: str
    municipality: str
    raw: dict[str, str]
    errors: list[str]
    fingerprint: str

    @property
    def is_valid(self) -> bool:
        return not self.errors


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


# Canonical field -> (Dutch heading shown to users, accepted headings).
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("Soort melding", ("Soort melding", "Soort", "Type melding", "Melding")),
    "bsn": ("BSN", ("BSN", "Burgerservicenummer", "BSN-nummer")),
    "dji_number": (
        "DJI-registratienummer",
        (
            "DJI-registratienummer",
            "DJI nummer",
            "Registratienummer",
            "Registratienummer DJI",
            "Justid nummer",
            "Justid-registratienummer",
        ),
    ),
    "surname": ("Achternaam", ("Achternaam", "Geslachtsnaam", "Familienaam")),
    "prefix": ("Tussenvoegsel", ("Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel")),
    "first_names": ("Voornamen", ("Voornamen", "Voornaam")),
    "birth_date": ("Geboortedatum", ("Geboortedatum",)),
    "sex": ("Geslacht", ("Geslacht",)),
    "institution": (
        "Inrichting",
        ("Inrichting", "PI", "Penitentiaire inrichting", "Naam inrichting"),
    ),
    "detention_start": (
        "Datum insluiting",
        ("Datum insluiting", "Insluitingsdatum", "Begindatum detentie"),
    ),
    "expected_release": (
        "Verwachte ontslagdatum",
        ("Verwachte ontslagdatum", "Verwachte einddatum", "Verwachte datum ontslag"),
    ),
    "release_date": ("Datum ontslag", ("Datum ontslag", "Ontslagdatum")),
    "legal_title": ("Titel", ("Titel", "Titel detentie", "Detentietitel", "Juridische titel")),
    "pi_casemanager": (
        "Casemanager PI",
        ("Casemanager PI", "Casemanager", "Casemanager inrichting", "MMD"),
    ),
    "municipality": (
        "Gemeente",
        ("Gemeente", "Gemeente van inschrijving", "Woongemeente", "Gemeentecode"),
    ),
}
REQUIRED_COLUMNS = (
    "bsn",
    "surname",
    "birth_date",
    "institution",
    "detention_start",
    "municipality",
)
# The lengths DetentionNotification can store; a longer value is a row error, not a crash.
MAX_LENGTHS = {
    "dji_number": 30,
    "surname": 200,
    "prefix": 20,
    "first_names": 200,
    "institution": 150,
    "legal_title": 100,
    "pi_casemanager": 150,
    "municipality": 100,
}
# A birth date further back is a typing error (01-02-0990), not a person.
MAX_AGE = 110
DATE_FIELDS = ("birth_date", "detention_start", "expected_release", "release_date")


def label(field_name: str) -> str:
    """The Dutch heading of a canonical field, as used in messages."""
    return FIELDS[field_name][0]


def _fold(text: str) -> str:
    """Lower-case, strip accents and drop everything but letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", without_accents.casefold())


def _header_key(heading: str) -> str:
    # "Geboortedatum (dd-mm-jjjj)" and "BSN*" are the same column as "Geboortedatum" and "BSN".
    return _fold(re.sub(r"\(.*?\)", "", heading))


_HEADER_LOOKUP = {
    _header_key(synonym): name
    for name, (_label, synonyms) in FIELDS.items()
    for synonym in synonyms
}

_KIND_LOOKUP = {
    _fold(value): kind
    for kind, values in {
        NotificationKind.BEGIN: ("begin detentie", "begin", "insluiting", "ingesloten"),
        NotificationKind.END: ("einde detentie", "einde", "eind detentie", "ontslag", "vrijlating"),
        NotificationKind.LEAVE: ("verlof",),
        NotificationKind.TRANSFER: ("overplaatsing", "overgeplaatst"),
    }.items()
    for value in values
}

_SEX_LOOKUP = {
    "m": "M",
    "man": "M",
    "mannelijk": "M",
    "v": "V",
    "vrouw": "V",
    "vrouwelijk": "V",
    "x": "X",
    "o": "X",
    "onbekend": "X",
    "anders": "X",
}

_DATE_RE = re.compile(
    r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4}))"
    # Exports sometimes carry a midnight time: "1990-03-01 00:00:00" or "01-03-1990 0:00".
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)


def parse_date(value: object) -> datetime.date | None:
    """A date from a cell; ``None`` when empty. Raises ``ValueError`` when it is not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _cell_text(value)
    if not text:
        return None
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(text)
    if match["y1"]:
        year, month, day = match["y1"], match["m1"], match["d1"]
    else:
        year, month, day = match["y2"], match["m2"], match["d2"]
    return datetime.date(int(year), int(month), int(day))


def _cell_text(value: object) -> str:
    """The text of a cell as a user would read it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float) and value.is_integer():
        # XLSX numbers: a BSN 12345678 may arrive as 12345678.0.
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return _show_date(value)
        return f"{_show_date(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return _show_date(value)
    # NFC: a name typed on a Mac (decomposed ë) must equal the same name typed elsewhere.
    return unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").strip()


def _show_date(date: datetime.date) -> str:
    # Not strftime: "%Y" drops the leading zero of years before 1000 on some platforms.
    return f"{date.day:02d}-{date.month:02d}-{date.year:04d}"


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
    writer.writerow([_neutralise(h) for h in [*headings, reason_heading]])
    for row in rows:
        all_reasons = [*row.errors, *reasons.get(row.line, [])]
        cells = [row.raw.get(heading, "") for heading in headings]
        writer.writerow([_neutralise(cell) for cell in [*cells, "; ".join(all_reasons)]])
    return buffer.getvalue().encode("utf-8-sig")


def _neutralise(cell: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    if cell and cell[0] in "=+-@\t\r":
        return "'" + cell
    return cell


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


def _parse_row(
    line: int,
    values: list[object],
    texts: list[str],
    columns: dict[str, int],
    keys: list[str | None],
    today: datetime.date,
) -> ParsedRow:
    errors: list[str] = []

    def error(message: str, **params: object) -> None:
        errors.append(message % {"line": line, **params})

    raw = {key: (texts[i] if i < len(texts) else "") for i, key in enumerate(keys) if key}
    if any(texts[len(keys) :]):
        error(
            _(
                "Regel %(line)s: de regel heeft meer kolommen dan de kopregel; "
                "staat er een scheidingsteken in een naam?"
            )
        )

    def value(name: str) -> object:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    def text(name: str) -> str:
        index = columns.get(name)
        return texts[index] if index is not None and index < len(texts) else ""

    # Kind: a file without the column holds only begin notifications.
    kind_text = text("kind")
    kind = NotificationKind.BEGIN.value if not kind_text else ""
    if kind_text:
        found = _KIND_LOOKUP.get(_fold(kind_text))
        if found is None:
            error(
                _(
                    "Regel %(line)s: %(field)s '%(value)s' is onbekend "
                    "(gebruik begin detentie, einde detentie, verlof of overplaatsing)."
                ),
                field=label("kind"),
                value=kind_text,
            )
        else:
            kind = found.value

    bsn = ""
    bsn_text = text("bsn")
    if not bsn_text:
        error(_("Regel %(line)s: %(field)s ontbreekt."), field=label("bsn"))
    else:
        digits = normalise_bsn(bsn_text)
        if len(digits) != 9 or not digits.isdigit():
            error(
                _("Regel %(line)s: BSN '%(value)s' bestaat niet uit 8 of 9 cijfers."),
                value=bsn_text,
            )
        elif not is_valid_bsn(digits):
            error(_("Regel %(line)s: BSN %(value)s voldoet niet aan de elfproef."), value=digits)
        else:
            bsn = digits

    # Required values, in the order of the usual columns.
    required = ["surname", "birth_date"]
    if kind != NotificationKind.END.value:
        required.append("institution")
    required.append("municipality")
    for name in required:
        if not text(name):
            error(_("Regel %(line)s: %(field)s ontbreekt."), field=label(name))
    if kind == NotificationKind.BEGIN.value and not text("detention_start"):
        error(
            _("Regel %(line)s: %(field)s ontbreekt (verplicht bij een melding begin detentie)."),
            field=label("detention_start"),
        )
    if kind == NotificationKind.END.value and not text("release_date"):
        error(
            _("Regel %(line)s: %(field)s ontbreekt (verplicht bij een melding einde detentie)."),
            field=label("release_date"),
        )

    dates: dict[str, datetime.date | None] = {}
    for name in DATE_FIELDS:
        try:
            dates[name] = parse_date(value(name))
        except ValueError:
            dates[name] = None
            error(
                _(
                    "Regel %(line)s: %(field)s '%(value)s' is geen geldige datum "
                    "(gebruik dd-mm-jjjj)."
                ),
                field=label(name),
                value=text(name),
            )

    sex_text = text("sex")
    sex = _SEX_LOOKUP.get(_fold(sex_text), "") if sex_text else ""
    if sex_text and not sex:
        error(
            _("Regel %(line)s: %(field)s '%(value)s' is onbekend (gebruik M, V of X)."),
            field=label("sex"),
            value=sex_text,
        )

    for name, limit in MAX_LENGTHS.items():
        if len(text(name)) > limit:
            error(
                _("Regel %(line)s: %(field)s is te lang (maximaal %(limit)s tekens)."),
                field=label(name),
                limit=limit,
            )

    _check_dates(dates, today, error)

    return ParsedRow(
        line=line,
        kind=kind,
        bsn=bsn,
        dji_number=text("dji_number"),
        surname=text("surname"),
        prefix=text("prefix"),
        first_names=text("first_names"),
        birth_date=dates["birth_date"],
        sex=sex,
        institution=text("institution"),
        detention_start=dates["detention_start"],
        expected_release=dates["expected_release"],
        release_date=dates["release_date"],
        legal_title=text("legal_title"),
        pi_casemanager=text("pi_casemanager"),
        municipality=text("municipality"),
        raw=raw,
        errors=errors,
        fingerprint=_fingerprint(kind or kind_text, bsn or bsn_text, dates, text),
    )


def _check_dates(
    dates: dict[str, datetime.date | None], today: datetime.date, error: Callable[..., None]
) -> None:
    birth, start = dates["birth_date"], dates["detention_start"]
    expected, released = dates["expected_release"], dates["release_date"]

    show = _show_date
    if birth and birth > today:
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt in de toekomst."),
            field=label("birth_date"),
            value=show(birth),
        )
    if birth and birth < today.replace(year=today.year - MAX_AGE, day=1):
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt meer dan %(years)s jaar terug."),
            field=label("birth_date"),
            value=show(birth),
            years=MAX_AGE,
        )
    if birth and start and birth > start:
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt na de %(other)s %(other_value)s."),
            field=label("birth_date"),
            value=show(birth),
            other=label("detention_start"),
            other_value=show(start),
        )
    if start and start > today + datetime.timedelta(days=365):
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt meer dan een jaar in de toekomst."),
            field=label("detention_start"),
            value=show(start),
        )
    for name, date in (("expected_release", expected), ("release_date", released)):
        if date and start and date < start:
            error(
                _("Regel %(line)s: %(field)s %(value)s ligt vóór de %(other)s %(other_value)s."),
                field=label(name),
                value=show(date),
                other=label("detention_start"),
                other_value=show(start),
            )


def _fingerprint(
    kind: str, bsn: str, dates: dict[str, datetime.date | None], text: Callable[[str], str]
) -> str:
    """The same notification gives the same fingerprint, from CSV or XLSX, on any re-import."""

    def date_part(name: str) -> str:
        date = dates[name]
        # An unreadable date keeps its text, so two different mistakes are not "the same row".
        return date.isoformat() if date else ("!" + text(name) if text(name) else "")

    content = [
        FINGERPRINT_VERSION,
        kind,
        bsn,
        re.sub(r"\s", "", text("dji_number")).upper(),
        *(date_part(name) for name in DATE_FIELDS),
        " ".join(text("institution").casefold().split()),
        " ".join(text("municipality").casefold().split()),
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
