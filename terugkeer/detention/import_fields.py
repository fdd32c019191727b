"""The columns of a notification file and how a cell is read: headings, kinds, sexes, dates.

Shared by the parser (``detention.importing``) and the row checks (``detention.import_rows``).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from terugkeer.detention.choices import NotificationKind

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
