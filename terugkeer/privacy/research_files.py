"""The research export as CSV and XLSX: an explanation of the coarsening, then the rows."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from terugkeer.core.downloads import spreadsheet_text
from terugkeer.privacy.research import SMALL_CELL

EXPLANATION = (
    "Gepseudonimiseerde onderzoeksexport: één rij per traject, zonder naam, BSN, adres, "
    "telefoon, geboortedatum of vrije tekst.",
    "Pseudoniemen zijn per export nieuw (HMAC-SHA256 met een sleutel die niet wordt bewaard): "
    "binnen deze export hebben twee trajecten van dezelfde cliënt hetzelfde cliëntpseudoniem; "
    "tussen exports zijn ze niet te koppelen.",
    "Datums staan op maandniveau (JJJJ-MM); leeftijd in klassen op de datum van aanmelding.",
    f"Waarden die in minder dan {SMALL_CELL} rijen voorkomen (gemeente, inrichting, titel, "
    "categorie, status, reden afsluiting) staan als 'overig'.",
    f"Kleine cellen: een rij waarvan de combinatie leeftijdsklasse, geslacht, gemeente en maand "
    f"vrijlating in minder dan {SMALL_CELL} rijen voorkomt, krijgt gemeente 'overig' en alleen "
    "het jaar van aanmelding en vrijlating (Gegeneraliseerd = 1). Is de combinatie daarna nog "
    f"steeds zeldzamer dan {SMALL_CELL}, dan staan die vier kenmerken als '*' "
    "(Gegeneraliseerd = 2).",
    "Recidive binnen 2 jaar: een nieuwe melding begin detentie in deze organisatie binnen 730 "
    "dagen na vrijlating; 'nee' alleen als die twee jaar voorbij zijn, anders 'onbekend'.",
)


def _meta(export) -> list[tuple[str, str]]:
    return [
        ("Organisatie", str(export.organisation)),
        ("Periode (datum aanmelding)", f"{export.start:%d-%m-%Y} t/m {export.end:%d-%m-%Y}"),
        ("Programma", export.programme or "alle"),
        ("Doel", export.purpose),
        ("Geëxporteerd door", str(export.exported_by)),
        (
            "Geëxporteerd op",
            timezone.localtime(export.exported_at).strftime("%d-%m-%Y %H:%M"),
        ),
        ("Aantal rijen", str(export.row_count)),
    ]


def _cell(value) -> object:
    if value is None:
        return ""
    return spreadsheet_text(value) if isinstance(value, str) else value


def research_csv(export) -> bytes:
    """``;``-separated UTF-8 with a BOM: the explanation first, an empty line, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in _meta(export):
        writer.writerow([label, _cell(value)])
    for line in EXPLANATION:
        writer.writerow(["Toelichting", line])
    writer.writerow([])
    table = export.table
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_cell(row[key]) for key in table.keys])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def research_xlsx(export) -> bytes:
    """A *Toelichting* sheet (the export's metadata and coarsening) and an *Export* sheet."""
    workbook = Workbook()
    about = workbook.active
    about.title = "Toelichting"
    for label, value in _meta(export):
        about.append([label, _cell(value)])
    about.append([])
    for line in EXPLANATION:
        about.append(["Toelichting", line])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 120
    sheet = workbook.create_sheet("Export")
    table = export.table
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_cell(row[key]) for key in table.keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
