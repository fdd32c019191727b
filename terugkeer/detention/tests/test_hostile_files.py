"""Hostile files are refused cheaply, before (or while) parsing, with the real cause in Dutch.

Every file is built here, in the test. The bounds on time and memory are generous: before the
limits, the zip bomb took 120 s and 3.2 GB, the empty-rows sheet 26 s (docs/import.md, "Limits").
"""

import io
import json
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from terugkeer.detention.importing import ImportFileError, ParsedFile, parse_notification_file
from terugkeer.detention.tests.test_importing import (
    BASE_ROW,
    HEADINGS,
    TODAY,
    csv_bytes,
    row,
    xlsx_bytes,
)

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"


def with_sheet(chunks, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A real openpyxl workbook whose first worksheet XML is replaced by ``chunks``."""
    original = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADINGS])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in original.infolist():
            if member.filename != SHEET:
                target.writestr(member, original.read(member))
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = compression
        with target.open(info, "w", force_zip64=True) as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return buffer.getvalue()


def refusal(data: bytes, filename: str) -> tuple[str, float, int]:
    """The refusal message, the seconds it took and the peak Python memory in MB."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportFileError) as caught:
            parse_notification_file(data, filename, today=TODAY)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return caught.value.message, elapsed, peak // (1024 * 1024)


def test_a_zip_bomb_is_refused_from_its_directory_before_parsing():
    # 100 MB of sheet XML in about 100 kB: the uncompressed size alone refuses it.
    megabyte = b" " * (1024 * 1024)
    data = with_sheet([SHEET_START, *([megabyte] * 100), SHEET_END])
    assert len(data) < 200 * 1024

    message, seconds, megabytes = refusal(data, "meldingen.xlsx")

    assert message == (
        "Het Excel-bestand is uitgepakt 100 MB groot; het maximum is 60 MB. Dit is geen gewone "
        "lijst meldingen. Sla het op als CSV of splits het in delen."
    )
    assert seconds < 5
    assert megabytes < 20


def test_a_member_compressed_beyond_the_ratio_is_refused():
    # 5 MB of spaces compress about 1,000 times: no spreadsheet of meldingen does that.
    data = with_sheet([SHEET_START, b" " * (5 * 1024 * 1024), SHEET_END])

    message, seconds, _megabytes = refusal(data, "meldingen.xlsx")

    assert message.startswith("Het Excel-bestand is verdacht sterk gecomprimeerd (een onderdeel")
    assert message.endswith("het maximum is 100). Het wordt niet geopend. Sla het op als CSV.")
    assert seconds < 5


def test_a_worksheet_xml_over_its_limit_is_refused(settings):
    settings.IMPORT_MAX_XLSX_SHEET_BYTES = 1024 * 1024
    # Stored, not compressed: only the size of the sheet can refuse it.
    data = with_sheet([SHEET_START, b" " * (2 * 1024 * 1024), SHEET_END], compression=0)

    message, _seconds, _megabytes = refusal(data, "meldingen.xlsx")

    assert message == (
        "Het werkblad is uitgepakt 2 MB groot; het maximum is 1 MB. Splits het bestand in delen."
    )


def test_a_sheet_declaring_every_row_of_excel_stops_at_the_line_limit():
    # 1,048,576 empty rows (about 20 MB of XML, well compressible but not a bomb) after a header.
    header = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(HEADINGS, start=1)
    )
    rows = "".join(f'<row r="{n}"/>' for n in range(2, 1_048_577))
    header_row = f'<row r="1">{header}</row>'.encode()
    data = with_sheet([SHEET_START, header_row, rows.encode(), SHEET_END])

    message, seconds, megabytes = refusal(data, "meldingen.xlsx")

    assert message == (
        "Het bestand heeft meer dan 20.000 regels (lege regels tellen mee); dat is het maximum. "
        "Verwijder lege regels onderaan of splits het bestand in delen."
    )
    assert seconds < 5
    assert megabytes < 100


def test_a_csv_of_empty_lines_stops_at_the_line_limit():
    data = csv_bytes([row()]) + b";;;\r\n" * 25_000

    message, seconds, _megabytes = refusal(data, "meldingen.csv")

    assert message.startswith("Het bestand heeft meer dan 20.000 regels")
    assert seconds < 5


def test_a_one_megabyte_name_cell_in_a_csv_names_the_line_column_and_length():
    # Python's csv module stops at 131,072 characters with "field larger than field limit".
    data = csv_bytes([row(), row(Achternaam="J" * 1024 * 1024)])

    message, seconds, _megabytes = refusal(data, "meldingen.csv")

    assert message == (
        "Regel 3, kolom D (Achternaam): de cel is langer dan 1.000 tekens, het maximum per cel. "
        "Verkort de cel of controleer of de kolommen goed zijn gescheiden."
    )
    assert seconds < 5


def test_a_quoted_long_cell_after_a_quoted_separator_gets_the_right_column():
    data = csv_bytes([row()]) + b'begin detentie;"111;222";"' + b"x" * 200_000 + b'";Jansen\r\n'

    message, _seconds, _megabytes = refusal(data, "meldingen.csv")

    assert message.startswith("Regel 3, kolom C (DJI-registratienummer): de cel is langer dan")
    assert "aanhalingsteken" not in message


def test_a_csv_cell_just_over_the_limit_is_refused_and_one_at_the_limit_is_a_row_error():
    over = csv_bytes([row(Voornamen="P" * 1001)])
    at_limit = csv_bytes([row(Voornamen="P" * 1000)])

    message, _seconds, _megabytes = refusal(over, "meldingen.csv")
    parsed = parse_notification_file(at_limit, "meldingen.csv", today=TODAY)

    assert message.startswith("Regel 2, kolom F (Voornamen): de cel is langer dan 1.000 tekens")
    assert parsed.rows[0].errors == ["Regel 2: Voornamen is te lang (maximaal 200 tekens)."]


def test_a_one_megabyte_name_cell_in_an_xlsx_names_the_line_column_and_length():
    values = [BASE_ROW[h] for h in HEADINGS]
    values[HEADINGS.index("Achternaam")] = "J" * 1024 * 1024
    data = xlsx_bytes([HEADINGS, [BASE_ROW[h] for h in HEADINGS], values])

    message, seconds, _megabytes = refusal(data, "meldingen.xlsx")

    assert message == (
        "Regel 3, kolom D (Achternaam): de cel is langer dan 1.000 tekens, het maximum per cel. "
        "Verkort de cel of controleer of de kolommen goed zijn gescheiden."
    )
    assert seconds < 5


def test_the_cell_limit_is_a_setting(settings):
    settings.IMPORT_MAX_CELL_CHARS = 5

    message, _seconds, _megabytes = refusal(csv_bytes([row()]), "meldingen.csv")

    # The first cell over 5 characters is the heading "Soort melding" itself: no heading named.
    assert message.startswith("Regel 1, kolom A: de cel is langer dan 5 tekens")


def test_a_parsed_file_survives_its_json_form_unchanged():
    parsed = parse_notification_file(
        csv_bytes([row(), row(BSN="123456789")]), "meldingen.csv", today=TODAY
    )

    again = ParsedFile.from_json(json.loads(json.dumps(parsed.to_json())))

    assert again == parsed
    assert again.rows[0].birth_date.isoformat() == "1990-02-01"
    assert again.rows[1].errors == ["Regel 3: BSN 123456789 voldoet niet aan de elfproef."]
    assert ParsedFile.from_json({"version": 0}) is None


def test_a_single_row_declared_at_the_last_excel_row_stops_at_the_line_limit():
    # Few elements, so the count passes; openpyxl would then fill in 1,048,574 empty rows.
    header = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(HEADINGS, start=1)
    )
    last = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    data = with_sheet([SHEET_START, f'<row r="1">{header}</row>{last}'.encode(), SHEET_END])

    message, seconds, _megabytes = refusal(data, "meldingen.xlsx")

    assert message.startswith("Het bestand heeft meer dan 20.000 regels")
    assert seconds < 5


def test_a_sheet_of_too_many_cells_is_refused_before_parsing(settings):
    settings.IMPORT_MAX_XLSX_CELLS = 1_000
    cells = b'<c r="A2" t="inlineStr"><is><t>x</t></is></c>' * 1_001
    data = with_sheet([SHEET_START, b'<row r="2">', cells, b"</row>", SHEET_END])

    message, _seconds, _megabytes = refusal(data, "meldingen.xlsx")

    assert message == (
        "Het werkblad bevat meer dan 1.000 cellen; dat is het maximum. Splits het bestand in "
        "delen, of sla het op als CSV."
    )


def test_a_count_is_not_fooled_by_a_chunk_boundary():
    from terugkeer.detention.reading import _count

    # 1 MB chunks: the 1,000th element starts 2 bytes before the first boundary.
    body = b" " * (1024 * 1024 - 2) + b"<row/>" + b"<row/>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", body)
    with zipfile.ZipFile(buffer) as archive:
        assert _count(archive, archive.infolist()[0], ("row", "c")) == [2, 0]
