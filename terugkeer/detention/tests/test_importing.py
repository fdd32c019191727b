"""The notification file parser: no database, only bytes in and rows with Dutch messages out."""

import csv
import dataclasses
import datetime
import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terugkeer.core.validators import is_valid_bsn
from terugkeer.detention.import_fields import FIELDS, label
from terugkeer.detention.import_rows import parse_fields
from terugkeer.detention.importing import (
    ImportFileError,
    NotificationKind,
    ParsedRow,
    parse_date,
    parse_notification_file,
    rejected_rows_csv,
)

TODAY = datetime.date(2026, 11, 2)
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample"

HEADINGS = [
    "Soort melding",
    "BSN",
    "DJI-registratienummer",
    "Achternaam",
    "Tussenvoegsel",
    "Voornamen",
    "Geboortedatum",
    "Geslacht",
    "Inrichting",
    "Datum insluiting",
    "Verwachte ontslagdatum",
    "Datum ontslag",
    "Titel",
    "Casemanager PI",
    "Gemeente",
]
BASE_ROW = {
    "Soort melding": "begin detentie",
    "BSN": "111222333",
    "DJI-registratienummer": "1234567",
    "Achternaam": "Jansen",
    "Tussenvoegsel": "de",
    "Voornamen": "Piet Hein",
    "Geboortedatum": "01-02-1990",
    "Geslacht": "M",
    "Inrichting": "PI Zwaag",
    "Datum insluiting": "15-10-2026",
    "Verwachte ontslagdatum": "15-01-2027",
    "Datum ontslag": "",
    "Titel": "Preventieve hechtenis",
    "Casemanager PI": "R. Bakker",
    "Gemeente": "Haarlem",
}
# A valid BSN that starts with a zero (0*9 + 1*8 + 2*7 + ... + 7*2 = 112; 112 % 11 = 2).
BSN_WITH_ZERO = "012345672"


def row(**changes: str) -> dict[str, str]:
    """BASE_ROW with some cells changed; in keyword names _ stands for a space or a dash."""
    result = dict(BASE_ROW)
    for key, value in changes.items():
        heading = next(h for h in HEADINGS if h.replace(" ", "_").replace("-", "_") == key)
        result[heading] = value
    return result


def csv_bytes(
    rows: list[dict[str, str]],
    *,
    headings: list[str] = HEADINGS,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headings)
    for values in rows:
        writer.writerow([values.get(h, "") for h in headings])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(data: bytes, filename: str = "meldingen.csv", **kwargs):
    return parse_notification_file(data, filename, today=TODAY, **kwargs)


def errors_of(*changes: dict[str, str]) -> list[list[str]]:
    return [r.errors for r in parse(csv_bytes(list(changes))).rows]


def file_error(data: bytes, filename: str = "meldingen.csv", **kwargs) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse(data, filename, **kwargs)
    return caught.value.message


# --- valid files ---------------------------------------------------------------------------------


def test_valid_semicolon_csv_gives_every_field():
    parsed = parse(csv_bytes([row()]))

    assert len(parsed.rows) == 1
    (result,) = parsed.rows
    assert result == ParsedRow(
        line=2,
        kind="begin",
        bsn="111222333",
        dji_number="1234567",
        surname="Jansen",
        prefix="de",
        first_names="Piet Hein",
        birth_date=datetime.date(1990, 2, 1),
        sex="M",
        institution="PI Zwaag",
        detention_start=datetime.date(2026, 10, 15),
        expected_release=datetime.date(2027, 1, 15),
        release_date=None,
        legal_title="Preventieve hechtenis",
        pi_casemanager="R. Bakker",
        municipality="Haarlem",
        raw=BASE_ROW,
        errors=[],
        fingerprint=result.fingerprint,
    )
    assert len(result.fingerprint) == 64
    assert result.kind == NotificationKind.BEGIN
    assert parsed.columns == [
        "kind",
        "bsn",
        "dji_number",
        "surname",
        "prefix",
        "first_names",
        "birth_date",
        "sex",
        "institution",
        "detention_start",
        "expected_release",
        "release_date",
        "legal_title",
        "pi_casemanager",
        "municipality",
    ]
    assert parsed.headers == HEADINGS
    assert parsed.file_format == "csv"
    assert parsed.valid_rows == parsed.rows
    assert parsed.invalid_rows == []


def test_file_sha256_is_of_the_raw_bytes():
    data = csv_bytes([row()])

    parsed = parse(data)

    assert parsed.file_sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_sniffed(delimiter):
    data = csv_bytes([row(), row(BSN="123456782", Achternaam="Bakker, de")], delimiter=delimiter)

    parsed = parse(data)

    assert [(r.bsn, r.surname, r.errors) for r in parsed.rows] == [
        ("111222333", "Jansen", []),
        ("123456782", "Bakker, de", []),
    ]


def test_excel_sep_hint_line_sets_the_delimiter_and_counts_as_a_line():
    data = b"sep=,\r\n" + csv_bytes([row()], delimiter=",")

    parsed = parse(data)

    assert [(r.line, r.surname, r.errors) for r in parsed.rows] == [(3, "Jansen", [])]


def test_valid_xlsx_with_date_cells_and_a_numeric_bsn():
    data = xlsx_bytes(
        [
            HEADINGS,
            [
                "einde detentie",
                12345672,  # BSN_WITH_ZERO after a spreadsheet dropped the zero
                1234567,
                "Yılmaz",
                None,
                "Ayşe",
                datetime.datetime(1985, 6, 30),
                "vrouw",
                "PI Nieuwegein",
                datetime.date(2026, 3, 1),
                datetime.date(2026, 12, 1),
                datetime.datetime(2026, 10, 30),
                "Gevangenisstraf",
                "K. de Wit",
                "GM0392",
            ],
        ]
    )

    parsed = parse(data, "meldingen.XLSX")

    (result,) = parsed.rows
    assert parsed.file_format == "xlsx"
    assert (result.line, result.kind, result.bsn, result.dji_number) == (
        2,
        "einde",
        BSN_WITH_ZERO,
        "1234567",
    )
    assert (result.surname, result.prefix, result.first_names, result.sex) == (
        "Yılmaz",
        "",
        "Ayşe",
        "V",
    )
    assert result.birth_date == datetime.date(1985, 6, 30)
    assert result.detention_start == datetime.date(2026, 3, 1)
    assert result.expected_release == datetime.date(2026, 12, 1)
    assert result.release_date == datetime.date(2026, 10, 30)
    assert result.municipality == "GM0392"
    assert result.errors == []
    assert result.raw["BSN"] == "12345672"
    assert result.raw["Geboortedatum"] == "30-06-1985"
    assert result.raw["Tussenvoegsel"] == ""


def test_xlsx_float_bsn_is_restored():
    data = xlsx_bytes([HEADINGS, [BASE_ROW[h] for h in HEADINGS]])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook.active["B2"] = 12345672.0
    buffer = io.BytesIO()
    workbook.save(buffer)

    (result,) = parse(buffer.getvalue(), "m.xlsx").rows

    assert (result.bsn, result.errors) == (BSN_WITH_ZERO, [])


def test_xlsx_title_lines_above_the_header_are_skipped_and_lines_still_match():
    data = xlsx_bytes(
        [
            ["Meldingen Justid week 45"],
            [],
            HEADINGS,
            [BASE_ROW[h] for h in HEADINGS],
        ]
    )

    parsed = parse(data, "week45.xlsx")

    assert [(r.line, r.bsn, r.errors) for r in parsed.rows] == [(4, "111222333", [])]


def test_windows_1252_csv_is_decoded():
    data = csv_bytes([row(Achternaam="Zoë", Voornamen="Hélène")], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    (result,) = parse(data).rows

    assert (result.surname, result.first_names, result.errors) == ("Zoë", "Hélène", [])


def test_utf8_bom_is_not_part_of_the_first_heading():
    data = b"\xef\xbb\xbf" + csv_bytes([row(Soort_melding="verlof", Achternaam="Brontë")])

    parsed = parse(data)

    assert parsed.columns[0] == "kind"
    assert parsed.headers[0] == "Soort melding"
    assert [(r.kind, r.surname, r.errors) for r in parsed.rows] == [("verlof", "Brontë", [])]


def test_utf16_export_of_excel_is_read():
    data = csv_bytes([row(Achternaam="Ødegård")], delimiter="\t", encoding="utf-16")

    (result,) = parse(data, "export.txt").rows

    assert (result.surname, result.errors) == ("Ødegård", [])


def test_decomposed_accents_and_non_breaking_spaces_are_normalised():
    decomposed = "Zoe\u0308"
    (result,) = parse(csv_bytes([row(Achternaam=decomposed, Inrichting="PI\u00a0Zwaag ")])).rows

    assert (result.surname, result.institution) == ("Zoë", "PI Zwaag")


def test_headings_match_regardless_of_case_accents_spaces_punctuation_and_synonyms():
    headings = [
        "  TYPE MELDING ",
        "burgerservicenummer",
        "Justid-nummer",
        "Geslachtsnaam",
        "Voorvoegsel",
        "Voornaam",
        "Geboortedatum (dd-mm-jjjj)",
        "Géslacht",
        "Penitentiaire Inrichting",
        "Insluitings-datum",
        "Verwachte einddatum",
        "Ontslagdatum",
        "Titel detentie",
        "Casemanager",
        "Gemeente van inschrijving",
        "Opmerking",
    ]
    values = dict(zip(headings, [BASE_ROW[h] for h in HEADINGS] + ["let op"], strict=True))

    parsed = parse(csv_bytes([values], headings=headings))

    (result,) = parsed.rows
    assert len(parsed.columns) == 15
    assert (result.bsn, result.dji_number, result.surname, result.prefix) == (
        "111222333",
        "1234567",
        "Jansen",
        "de",
    )
    assert (result.institution, result.pi_casemanager, result.municipality) == (
        "PI Zwaag",
        "R. Bakker",
        "Haarlem",
    )
    assert result.detention_start == datetime.date(2026, 10, 15)
    assert result.errors == []
    assert result.raw["Opmerking"] == "let op"


def test_without_a_kind_column_every_row_is_a_begin_notification():
    headings = [h for h in HEADINGS if h != "Soort melding"]

    parsed = parse(csv_bytes([row()], headings=headings))

    assert [(r.kind, r.errors) for r in parsed.rows] == [("begin", [])]
    assert "kind" not in parsed.columns


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("begin detentie", "begin"),
        ("Begin", "begin"),
        ("INSLUITING", "begin"),
        ("", "begin"),
        ("Einde detentie", "einde"),
        ("ontslag", "einde"),
        ("Vrijlating", "einde"),
        ("verlof", "verlof"),
        ("Overplaatsing", "overplaatsing"),
        ("overgeplaatst", "overplaatsing"),
    ],
)
def test_kind_values(value, kind):
    (result,) = parse(csv_bytes([row(Soort_melding=value, Datum_ontslag="01-11-2026")])).rows

    assert (result.kind, result.errors) == (kind, [])


@pytest.mark.parametrize(
    ("value", "sex"),
    [("M", "M"), ("man", "M"), ("v", "V"), ("Vrouw", "V"), ("x", "X"), ("Onbekend", "X"), ("", "")],
)
def test_sex_values(value, sex):
    (result,) = parse(csv_bytes([row(Geslacht=value)])).rows

    assert (result.sex, result.errors) == (sex, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-02-1990", datetime.date(1990, 2, 1)),
        ("1-2-1990", datetime.date(1990, 2, 1)),
        ("01/02/1990", datetime.date(1990, 2, 1)),
        ("1.2.1990", datetime.date(1990, 2, 1)),
        ("1990-02-01", datetime.date(1990, 2, 1)),
        ("1990-02-01 00:00:00", datetime.date(1990, 2, 1)),
        (" 29-02-2024 ", datetime.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31-02-1990", "1990/02/01", "01-02-90", "01-02/1990", "morgen", "2024-13-01", "33000"]
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_parse_date_reads_back_every_written_format(date):
    for written in (
        date.strftime("%d-%m-%Y"),
        f"{date.day}-{date.month}-{date.year}",
        date.strftime("%d/%m/%Y"),
        date.isoformat(),
    ):
        assert parse_date(written) == date


def test_iso_and_dutch_dates_in_a_file():
    (result,) = parse(
        csv_bytes([row(Geboortedatum="1990-02-01", Datum_insluiting="5-10-2026")])
    ).rows

    assert (result.birth_date, result.detention_start, result.errors) == (
        datetime.date(1990, 2, 1),
        datetime.date(2026, 10, 5),
        [],
    )


# --- unusable files ------------------------------------------------------------------------------


def test_missing_required_columns_are_listed():
    headings = ["Soort melding", "BSN", "Voornamen", "Geboortedatum", "Inrichting"]

    message = file_error(csv_bytes([row()], headings=headings))

    assert message == (
        "Deze verplichte kolommen ontbreken: Achternaam, Datum insluiting, Gemeente. "
        "Controleer de kopregel."
    )


def test_a_file_without_any_known_heading_lists_all_required_columns():
    message = file_error(b"naam;adres\nJansen;Dorpsstraat 1\n")

    assert message == (
        "Deze verplichte kolommen ontbreken: BSN, Achternaam, Geboortedatum, Inrichting, "
        "Datum insluiting, Gemeente. Controleer de kopregel."
    )


def test_two_columns_with_the_same_meaning_are_refused():
    headings = [*HEADINGS, "Burgerservicenummer"]

    message = file_error(csv_bytes([row()], headings=headings))

    assert message == (
        "De kolommen 'BSN' en 'Burgerservicenummer' betekenen allebei BSN. Laat er één staan."
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "meldingen.csv"),
        (b"  \r\n\r\n", "meldingen.csv"),
        (b"\xef\xbb\xbf\r\n;;;\r\n", "meldingen.csv"),
    ],
)
def test_empty_file(data, filename):
    assert file_error(data, filename) == "Het bestand is leeg."


def test_empty_xlsx():
    assert file_error(xlsx_bytes([]), "leeg.xlsx") == "Het bestand is leeg."


def test_header_only_file():
    assert file_error(csv_bytes([])) == "Het bestand bevat geen meldingen, alleen een kopregel."
    assert file_error(csv_bytes([{}, {}])) == (
        "Het bestand bevat geen meldingen, alleen een kopregel."
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "meldingen.pdf"),
        (b"%PDF-1.7\n1 0 obj\n", "meldingen.csv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "meldingen.xlsx"),
        (b"PK\x03\x04 not really a zip archive at all", "meldingen.xlsx"),
        (b"BSN;Achternaam\n111222333;Jansen\n", "meldingen.xlsx"),
        (b"BSN;Achternaam\n111222333;Jansen\n", "meldingen"),
        (b"BSN\x00;\x00Achternaam\x00\n", "meldingen.csv"),
    ],
)
def test_unsupported_file_type(data, filename):
    assert file_error(data, filename) == (
        "Dit bestandstype wordt niet ondersteund. Gebruik CSV of XLSX."
    )


def test_xlsx_renamed_to_csv_is_refused():
    data = xlsx_bytes([HEADINGS, [BASE_ROW[h] for h in HEADINGS]])

    assert file_error(data, "meldingen.csv") == (
        "Dit bestandstype wordt niet ondersteund. Gebruik CSV of XLSX."
    )


def test_old_excel_file_gets_its_own_explanation():
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100

    assert file_error(ole_header, "meldingen.xls") == (
        "Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. "
        "Sla het op als XLSX zonder wachtwoord, of als CSV."
    )


def test_row_limit():
    data = csv_bytes([row(), row(BSN="123456782"), row(BSN=BSN_WITH_ZERO)])

    assert len(parse(data, max_rows=3).rows) == 3
    assert file_error(data, max_rows=2) == (
        "Het bestand bevat meer dan 2 meldingen; dat is het maximum per bestand. "
        "Splits het bestand in delen."
    )


def test_row_limit_is_written_the_dutch_way():
    data = csv_bytes([row()] * 1001)

    assert file_error(data, max_rows=1000) == (
        "Het bestand bevat meer dan 1.000 meldingen; dat is het maximum per bestand. "
        "Splits het bestand in delen."
    )


def test_empty_rows_do_not_count_towards_the_row_limit():
    data = csv_bytes([row(), {}, {}, row(BSN="123456782")])

    assert [r.line for r in parse(data, max_rows=2).rows] == [2, 5]


def test_an_unclosed_quote_is_named_as_what_makes_the_cell_too_long():
    data = csv_bytes([row()]) + b'111222333;"' + b"x" * 200_000 + b"\r\n"

    assert file_error(data) == (
        "Regel 3, kolom B (BSN): de cel is langer dan 1.000 tekens, het maximum per cel. "
        "Verkort de cel of controleer of de kolommen goed zijn gescheiden. De cel begint met een "
        "aanhalingsteken dat verderop in het bestand niet wordt gesloten."
    )


def test_size_limit():
    data = csv_bytes([row()])

    assert len(parse(data, max_bytes=len(data)).rows) == 1
    assert file_error(data, max_bytes=len(data) - 1) == (
        f"Het bestand is groter dan {len(data) - 1} bytes, het maximum. "
        "Splits het bestand in delen."
    )


def test_default_size_limit_is_ten_megabytes():
    data = b"x" * (10 * 1024 * 1024 + 1)

    assert file_error(data) == (
        "Het bestand is groter dan 10 MB, het maximum. Splits het bestand in delen."
    )


# --- rows with problems --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"BSN": "123456789"}, ["Regel 2: BSN 123456789 voldoet niet aan de elfproef."]),
        ({"BSN": ""}, ["Regel 2: BSN ontbreekt."]),
        ({"BSN": "12-34"}, ["Regel 2: BSN '12-34' bestaat niet uit 8 of 9 cijfers."]),
        ({"BSN": "11122233A"}, ["Regel 2: BSN '11122233A' bestaat niet uit 8 of 9 cijfers."]),
        (
            {"Geboortedatum": "31-02-1990"},
            ["Regel 2: Geboortedatum '31-02-1990' is geen geldige datum (gebruik dd-mm-jjjj)."],
        ),
        (
            {"Verwachte ontslagdatum": "volgend jaar"},
            [
                "Regel 2: Verwachte ontslagdatum 'volgend jaar' is geen geldige datum "
                "(gebruik dd-mm-jjjj)."
            ],
        ),
        (
            {"Soort melding": "opname"},
            [
                "Regel 2: Soort melding 'opname' is onbekend (gebruik begin detentie, "
                "einde detentie, verlof of overplaatsing)."
            ],
        ),
        (
            {"Soort melding": "einde detentie"},
            [
                "Regel 2: Datum ontslag ontbreekt (verplicht bij een melding einde detentie).",
            ],
        ),
        (
            {"Datum insluiting": ""},
            [
                "Regel 2: Datum insluiting ontbreekt (verplicht bij een melding begin detentie).",
            ],
        ),
        (
            {"Verwachte ontslagdatum": "14-10-2026"},
            [
                "Regel 2: Verwachte ontslagdatum 14-10-2026 ligt vóór de Datum insluiting "
                "15-10-2026."
            ],
        ),
        (
            {"Soort melding": "einde", "Datum ontslag": "01-10-2026"},
            ["Regel 2: Datum ontslag 01-10-2026 ligt vóór de Datum insluiting 15-10-2026."],
        ),
        (
            {"Geboortedatum": "03-11-2026", "Datum insluiting": "04-11-2026"},
            ["Regel 2: Geboortedatum 03-11-2026 ligt in de toekomst."],
        ),
        (
            {"Geboortedatum": "01-02-0990"},
            ["Regel 2: Geboortedatum 01-02-0990 ligt meer dan 110 jaar terug."],
        ),
        (
            {"Geboortedatum": "16-10-2026"},
            [
                "Regel 2: Geboortedatum 16-10-2026 ligt na de Datum insluiting 15-10-2026.",
            ],
        ),
        (
            {"Datum insluiting": "03-11-2027", "Verwachte ontslagdatum": ""},
            ["Regel 2: Datum insluiting 03-11-2027 ligt meer dan een jaar in de toekomst."],
        ),
        (
            {"Geslacht": "q"},
            ["Regel 2: Geslacht 'q' is onbekend (gebruik M, V of X)."],
        ),
        (
            {"Tussenvoegsel": "van" * 7},
            ["Regel 2: Tussenvoegsel is te lang (maximaal 20 tekens)."],
        ),
        (
            {"Achternaam": "", "Geboortedatum": "", "Inrichting": "", "Gemeente": ""},
            [
                "Regel 2: Achternaam ontbreekt.",
                "Regel 2: Geboortedatum ontbreekt.",
                "Regel 2: Inrichting ontbreekt.",
                "Regel 2: Gemeente ontbreekt.",
            ],
        ),
    ],
)
def test_row_errors(changes, errors):
    values = {**BASE_ROW, **changes}

    (result,) = parse(csv_bytes([values])).rows

    assert result.errors == errors
    assert result.is_valid is False


def test_a_year_ahead_is_still_accepted_as_detention_start():
    values = {**BASE_ROW, "Datum insluiting": "02-11-2027", "Verwachte ontslagdatum": ""}

    (result,) = parse(csv_bytes([values])).rows

    assert result.errors == []


def test_invalid_bsn_leaves_the_bsn_field_empty():
    (result,) = parse(csv_bytes([row(BSN="123456789")])).rows

    assert result.bsn == ""
    assert result.raw["BSN"] == "123456789"


def test_end_notification_needs_no_institution_nor_detention_start():
    values = row(
        Soort_melding="einde detentie",
        Inrichting="",
        Datum_insluiting="",
        Datum_ontslag="1-11-2026",
    )

    (result,) = parse(csv_bytes([values])).rows

    assert (result.kind, result.release_date, result.errors) == (
        "einde",
        datetime.date(2026, 11, 1),
        [],
    )


@pytest.mark.parametrize("kind", ["verlof", "overplaatsing"])
def test_leave_and_transfer_need_an_institution_but_no_detention_start(kind):
    ok, without_institution = parse(
        csv_bytes(
            [
                row(Soort_melding=kind, Datum_insluiting=""),
                row(Soort_melding=kind, Datum_insluiting="", Inrichting="", BSN="123456782"),
            ]
        )
    ).rows

    assert ok.errors == []
    assert without_institution.errors == ["Regel 3: Inrichting ontbreekt."]


def test_more_cells_than_headings_is_a_row_error():
    line = ";".join(row(BSN="123456782")[h] for h in HEADINGS)
    data = csv_bytes([row()]) + f"{line};extra\r\n".encode()

    first, second = parse(data).rows

    assert first.errors == []
    assert second.errors == [
        "Regel 3: de regel heeft meer kolommen dan de kopregel; "
        "staat er een scheidingsteken in een naam?"
    ]


def test_leading_zero_bsn_is_restored_from_eight_digits():
    (result,) = parse(csv_bytes([row(BSN=BSN_WITH_ZERO[1:])])).rows

    assert is_valid_bsn(BSN_WITH_ZERO)
    assert (result.bsn, result.errors) == (BSN_WITH_ZERO, [])


def test_bsn_with_spaces_and_dots_is_normalised():
    (result,) = parse(csv_bytes([row(BSN=" 1112.22.333 ")])).rows

    assert (result.bsn, result.errors) == ("111222333", [])


def test_line_numbers_skip_nothing_but_empty_rows_are_not_rows():
    header = ";".join(HEADINGS).encode()
    line = ";".join(BASE_ROW[h] for h in HEADINGS).encode()
    bad = line.replace(b"111222333", b"123456789")
    data = b"\r\n".join([header, line, b"", b";;;", bad, b""])

    parsed = parse(data)

    assert [(r.line, r.errors) for r in parsed.rows] == [
        (2, []),
        (5, ["Regel 5: BSN 123456789 voldoet niet aan de elfproef."]),
    ]


def test_line_numbers_in_xlsx_count_empty_rows():
    values = [BASE_ROW[h] for h in HEADINGS]
    other = [*values]
    other[1] = "123456782"
    data = xlsx_bytes([HEADINGS, values, [None] * len(HEADINGS), other])

    parsed = parse(data, "m.xlsx")

    assert [(r.line, r.bsn) for r in parsed.rows] == [(2, "111222333"), (4, "123456782")]


def test_a_cell_with_a_line_break_keeps_counting_rows_as_a_spreadsheet_does():
    data = csv_bytes([row(Casemanager_PI="R. Bakker\nmaandag afwezig"), row(BSN="123456789")])

    first, second = parse(data).rows

    assert first.pi_casemanager == "R. Bakker\nmaandag afwezig"
    assert second.errors == ["Regel 3: BSN 123456789 voldoet niet aan de elfproef."]


def test_duplicate_row_within_the_file():
    data = csv_bytes([row(), row(BSN="123456782"), row(Voornamen="Piet")])

    first, other, duplicate = parse(data).rows

    assert first.errors == []
    assert other.errors == []
    assert duplicate.fingerprint == first.fingerprint
    assert duplicate.errors == ["Regel 4: deze melding staat al eerder in het bestand (regel 2)."]


# --- fingerprints --------------------------------------------------------------------------------


def test_fingerprint_is_the_same_for_the_same_row_from_csv_and_xlsx():
    csv_row = parse(csv_bytes([row(BSN=BSN_WITH_ZERO)])).rows[0]
    xlsx_values = [BASE_ROW[h] for h in HEADINGS]
    xlsx_values[1] = 12345672
    xlsx_values[2] = 1234567
    xlsx_values[6] = datetime.datetime(1990, 2, 1)
    xlsx_values[9] = datetime.date(2026, 10, 15)
    xlsx_values[10] = "2027-01-15"
    xlsx_values[8] = "  pi  ZWAAG "
    xlsx_row = parse(xlsx_bytes([HEADINGS, xlsx_values]), "m.xlsx").rows[0]

    assert xlsx_row.errors == []
    assert xlsx_row.fingerprint == csv_row.fingerprint


def test_fingerprint_is_stable_across_reimports_and_ignores_names():
    first = parse(csv_bytes([row()])).rows[0]
    again = parse(csv_bytes([row(Voornamen="P.H.", Titel="")], delimiter=",")).rows[0]

    assert again.fingerprint == first.fingerprint


@pytest.mark.parametrize(
    "changes",
    [
        {"Soort_melding": "verlof"},
        {"BSN": "123456782"},
        {"DJI_registratienummer": "7654321"},
        {"Geboortedatum": "02-02-1990"},
        {"Datum_insluiting": "16-10-2026"},
        {"Verwachte_ontslagdatum": "16-01-2027"},
        {"Datum_ontslag": "01-11-2026"},
        {"Inrichting": "PI Nieuwegein"},
        {"Gemeente": "Velsen"},
    ],
)
def test_fingerprint_changes_with_each_identifying_value(changes):
    first = parse(csv_bytes([row()])).rows[0]
    changed = parse(csv_bytes([row(**changes)])).rows[0]

    assert changed.fingerprint != first.fingerprint


def test_two_different_unreadable_dates_do_not_count_as_duplicates():
    data = csv_bytes([row(Geboortedatum="31-02-1990"), row(Geboortedatum="30-02-1990")])

    first, second = parse(data).rows

    assert first.fingerprint != second.fingerprint
    assert len(second.errors) == 1


# --- rejected rows export ------------------------------------------------------------------------


def test_rejected_rows_csv_has_the_original_columns_and_the_reasons():
    parsed = parse(csv_bytes([row(BSN="123456789", Achternaam="=SUM(1)"), row(BSN="123456782")]))
    first, second = parsed.rows

    data = rejected_rows_csv([first, second], {3: ["Regel 3: gemeente Haarlem is onbekend."]})

    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0] == [*HEADINGS, "Reden afwijzing"]
    assert lines[1][HEADINGS.index("Achternaam")] == "'=SUM(1)"
    assert lines[1][HEADINGS.index("BSN")] == "123456789"
    assert lines[1][-1] == "Regel 2: BSN 123456789 voldoet niet aan de elfproef."
    assert lines[2][-1] == "Regel 3: gemeente Haarlem is onbekend."
    assert len(lines) == 3
    assert b"\r\n" in data


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+31612345678", "'+31612345678"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_rejected_rows_csv_neutralises_formulas(cell, written):
    (parsed,) = parse(csv_bytes([row(BSN="123456789")])).rows
    # Parsing strips cells, so a leading tab or CR is put in by hand.
    result = dataclasses.replace(parsed, raw={**parsed.raw, "Casemanager PI": cell})

    data = rejected_rows_csv([result])

    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[1][HEADINGS.index("Casemanager PI")] == written


def test_rejected_rows_csv_joins_several_reasons():
    (result,) = parse(csv_bytes([row(BSN="", Gemeente="")])).rows

    data = rejected_rows_csv([result], {2: ["Regel 2: cliënt is afgeschermd."]})

    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[1][-1] == (
        "Regel 2: BSN ontbreekt.; Regel 2: Gemeente ontbreekt.; Regel 2: cliënt is afgeschermd."
    )


def test_rejected_rows_csv_can_be_corrected_and_imported_again():
    (result,) = parse(csv_bytes([row(BSN="123456789")])).rows
    exported = rejected_rows_csv([result])

    corrected = exported.replace(b"123456789", b"111222333")
    (again,) = parse(corrected).rows

    assert again.errors == []
    assert again.raw["Reden afwijzing"].startswith("Regel 2: BSN")


def test_rejected_rows_csv_replaces_old_reasons_of_a_reimported_rejection_file():
    (result,) = parse(csv_bytes([row(BSN="123456789")])).rows
    (again,) = parse(rejected_rows_csv([result])).rows

    data = rejected_rows_csv([again])

    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0] == [*HEADINGS, "Reden afwijzing"]
    assert lines[1][-1] == "Regel 2: BSN 123456789 voldoet niet aan de elfproef."


def test_rejected_rows_csv_without_rows_is_just_the_heading():
    assert rejected_rows_csv([]) == "\ufeffReden afwijzing\r\n".encode()


# --- sample files ---------------------------------------------------------------------------------


def test_sample_files_are_valid_and_agree():
    from_csv = parse((SAMPLE_DIR / "meldingen-voorbeeld.csv").read_bytes(), "voorbeeld.csv")
    from_xlsx = parse((SAMPLE_DIR / "meldingen-voorbeeld.xlsx").read_bytes(), "voorbeeld.xlsx")

    assert len(from_csv.rows) == 12
    assert [r.errors for r in from_csv.rows] == [[]] * 12
    assert [r.errors for r in from_xlsx.rows] == [[]] * 12
    assert [r.fingerprint for r in from_csv.rows] == [r.fingerprint for r in from_xlsx.rows]
    assert {r.kind for r in from_csv.rows} == {"begin", "einde", "verlof", "overplaatsing"}
    assert {r.municipality for r in from_csv.rows} <= {
        "Leidschendam-Voorburg",
        "GM1916",
        "Katwijk",
        "GM0537",
        "Haarlem",
        "GM0392",
        "Velsen",
        "GM0453",
    }


def test_today_defaults_to_the_local_date():
    values = {**BASE_ROW, "Geboortedatum": "01-01-9999"}

    (result,) = parse_notification_file(csv_bytes([values]), "m.csv").rows

    assert "Regel 2: Geboortedatum 01-01-9999 ligt in de toekomst." in result.errors


# --- one melding by field name (the API) ---------------------------------------------------------


def test_parse_fields_checks_a_melding_as_a_file_row():
    from_file = parse(csv_bytes([BASE_ROW])).rows[0]
    by_name = {name: BASE_ROW[label(name)] for name in FIELDS}
    parsed = parse_fields(2, by_name, TODAY)
    assert parsed.is_valid
    assert dataclasses.replace(parsed, raw={}) == dataclasses.replace(from_file, raw={})
    assert parsed.fingerprint == from_file.fingerprint
    # a missing field is an empty cell, unknown fields are ignored; the message names the line
    del by_name["surname"]
    by_name["colour"] = "blauw"
    assert parse_fields(7, by_name, TODAY).errors == ["Regel 7: Achternaam ontbreekt."]
