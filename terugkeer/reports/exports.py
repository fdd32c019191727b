"""Report files: XLSX with a definitions sheet, CSV safe against formula injection, and PDF."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from terugkeer.core.downloads import render_pdf, spreadsheet_text
from terugkeer.reports.framework import (
    SUPPRESSED,
    SUPPRESSION_NOTE,
    Column,
    Kind,
    Report,
    ReportFilters,
    ReportResult,
    display_rows,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RenderedReport:
    """A report computed for one scope and filter set, ready for a page or a file."""

    report: Report
    filters: ReportFilters
    result: ReportResult
    chart_svg: str | None
    organisation_name: str
    filter_labels: list[tuple[str, str]]


def _cell(value, column: Column):
    """The value for a spreadsheet cell: numbers stay numbers, text is neutralised."""
    if value is None:
        return None
    if value == SUPPRESSED:
        return SUPPRESSED
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal) and column.kind != Kind.LABEL:
        return value
    return spreadsheet_text(str(value))


def _header_lines(rendered: RenderedReport) -> list[list[str]]:
    lines = [
        [rendered.report.title],
        ["Organisatie", spreadsheet_text(rendered.organisation_name)],
        ["Periode", rendered.filters.period_label],
    ]
    lines += [[label, spreadsheet_text(value)] for label, value in rendered.filter_labels]
    if rendered.result.suppressed:
        lines.append(["Let op", SUPPRESSION_NOTE])
    return lines


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", title)[:28] or "Tabel"
    name, counter = base, 2
    while name in used:
        name = f"{base[:25]} {counter}"
        counter += 1
    used.add(name)
    return name


def report_xlsx(rendered: RenderedReport) -> bytes:
    """One sheet per table, then a sheet with the definition and the filters used."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in rendered.result.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([spreadsheet_text(c.label) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(row.get(c.key), c) for c in table.columns])
        for index, column in enumerate(table.columns, start=1):
            width = max(10, min(45, len(column.label) + 2))
            sheet.column_dimensions[get_column_letter(index)].width = width
            if column.kind == Kind.AMOUNT:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    if isinstance(cell.value, int | float | Decimal):
                        cell.number_format = '"€" #,##0.00'
            if column.kind == Kind.PERCENT:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    if isinstance(cell.value, int | float):
                        cell.value = cell.value / 100
                        cell.number_format = "0.0%"
        if table.note:
            sheet.append([])
            sheet.append([spreadsheet_text(table.note)])
    definitions = workbook.create_sheet("Definities")
    for line in _header_lines(rendered):
        definitions.append(line)
    definitions.append([])
    definitions.append(["Definitie", spreadsheet_text(rendered.report.definition)])
    definitions.column_dimensions["A"].width = 18
    definitions.column_dimensions["B"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_csv(rendered: RenderedReport) -> bytes:
    """Semicolon-separated UTF-8 with BOM (what Dutch Excel opens directly); tables one after
    another, each under its title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in _header_lines(rendered):
        writer.writerow(line)
    for table in rendered.result.tables:
        writer.writerow([])
        writer.writerow([spreadsheet_text(table.title)])
        writer.writerow([spreadsheet_text(c.label) for c in table.columns])
        for row in display_rows(table, table.rows):
            writer.writerow([spreadsheet_text(value) for value in row])
    writer.writerow([])
    writer.writerow(["Definitie", spreadsheet_text(rendered.report.definition)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def reports_pdf(rendered: list[RenderedReport], *, title: str, request, intro=None) -> bytes:
    """One PDF with each report's definition, chart and tables (WeasyPrint)."""
    return render_pdf(
        request,
        "reports/print.html",
        {"reports": [_printable(r) for r in rendered], "title": title, "intro": intro},
    )


def display_tables(rendered: RenderedReport, *, all_rows: bool) -> list[dict]:
    """Each table with its rows as display strings (all rows for files, the page's share else)."""
    return [
        {"table": table, "rows": display_rows(table, table.rows if all_rows else None)}
        for table in rendered.result.tables
    ]


def _printable(rendered: RenderedReport) -> dict:
    return {"rendered": rendered, "tables": display_tables(rendered, all_rows=True)}
