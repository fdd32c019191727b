"""The access log as CSV and XLSX (the filtered rows of the viewer), in Dutch."""

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from terugkeer.core.downloads import spreadsheet_text

# Large enough for a year of one organisation's reads; the viewer's filters narrow it further.
EXPORT_LIMIT = 100_000

COLUMNS = [
    "Tijdstip",
    "Gebruiker",
    "Soort gegeven",
    "Id",
    "Omschrijving",
    "Pagina",
    "Adres",
    "Doel",
]


def _row(entry) -> list[str]:
    return [
        timezone.localtime(entry.created_at).strftime("%d-%m-%Y %H:%M:%S"),
        str(entry.user),
        str(entry.subject_type.name),
        entry.subject_id,
        entry.subject_label,
        entry.page,
        entry.path,
        entry.purpose,
    ]


def log_csv(entries) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as the reports export (Dutch Excel opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries[:EXPORT_LIMIT]:
        writer.writerow([spreadsheet_text(value) for value in _row(entry)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def log_xlsx(entries) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Toegangslogboek"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in entries[:EXPORT_LIMIT]:
        sheet.append([spreadsheet_text(value) for value in _row(entry)])
    for letter, width in zip("ABCDEFGH", (20, 28, 18, 8, 40, 30, 50, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
