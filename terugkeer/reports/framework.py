"""The report framework: a report is a selector returning tables, a definition text and a chart.

A report never returns a person: its selectors aggregate in the database and hand back rows of
counts, shares and medians. Rendering (page, XLSX, CSV, PDF) works on these tables only, after
small-cell suppression has been applied for the roles that must see aggregates only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.reports.suppression import suppressed_cells

SMALL_CELL = 5  # counts of 1..4 persons are shown as "<5" to aggregate-only roles
SUPPRESSED = "<5"  # the one marker for primary and complementary suppressed cells alike
SUPPRESSION_NOTE = (
    "aantallen onder de 5 personen zijn weergegeven als <5; om te voorkomen dat zo'n aantal "
    "uit een totaal is terug te rekenen, staat ook een tweede cel in dezelfde rij of kolom "
    "op <5"
)

# Roles that see every figure; any other report role gets small cells suppressed.
UNSUPPRESSED_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR})


class Kind:
    """What a column holds, which decides formatting and suppression."""

    LABEL = "label"  # text: a year, a municipality, a domain
    COUNT = "count"  # a number of persons (or trajectories, one person each)
    PERCENT = "percent"  # a share 0–100 of the ``base`` count column
    NUMBER = "number"  # a mean, median or difference computed over the ``base`` count column
    AMOUNT = "amount"  # euros (a Decimal); over persons when ``base`` names their count column


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = Kind.COUNT
    base: str | None = None  # for PERCENT and NUMBER: the count column they are computed over
    # Suppression metadata (see ``reports.suppression``): the rows of an additive column add up
    # to the table's total row (or a derivable total); a percent's ``of`` is its numerator.
    additive: bool = False
    of: str | None = None


@dataclass
class Table:
    """One table of a report: a title, columns and rows (dicts keyed by column key)."""

    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    note: str = ""
    # Rows shown on the page; the exports always carry every row.
    page_limit: int | None = None
    # Only for roles that may see rows per trajectory (never for aggregate-only roles).
    per_trajectory: bool = False
    # Suppression metadata: the label of the row holding the column totals ("Totaal"); whether
    # the additive columns add up to a total shown elsewhere or derivable from shares; and the
    # columns of one row that add up to another column of that row.
    total_row: str | None = None
    derivable_total: bool = False
    row_total: str | None = None
    row_parts: tuple[str, ...] = ()

    @property
    def page_rows(self) -> list[dict[str, Any]]:
        return self.rows if self.page_limit is None else self.rows[: self.page_limit]

    @property
    def hidden_row_count(self) -> int:
        return max(0, len(self.rows) - len(self.page_rows))


@dataclass(frozen=True)
class ChartSpec:
    """Which table and columns the chart plots: bars per row label, one series per column."""

    table: int
    label: str
    values: tuple[str, ...]
    title: str
    stacked: bool = False


@dataclass
class ReportResult:
    tables: list[Table]
    chart: ChartSpec | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class ReportFilters:
    """The filters every report accepts; a report ignores the ones that do not apply to it."""

    start: datetime.date
    end: datetime.date
    municipality_id: int | None = None
    programme: str = ""
    coordinator_id: int | None = None

    @property
    def period_label(self) -> str:
        return f"{self.start:%d-%m-%Y} t/m {self.end:%d-%m-%Y}"


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    definition: str  # what is counted, from which dates, edge cases (Dutch, shown to users)
    compute: Callable[[Scope, ReportFilters, datetime.date], ReportResult]
    filters: tuple[str, ...] = ("municipality", "programme", "coordinator")


def euro(value: Any) -> str:
    """€ 1.234,56: Dutch thousands and decimal separators, always two decimals."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{sign}€ {text}"


def percent(part: int | None, whole: int | None) -> float | None:
    if not whole:
        return None
    return round(100.0 * (part or 0) / whole, 1)


def rounded(value: Any, digits: int = 1) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)


def needs_suppression(scope: Scope) -> bool:
    return scope.role not in UNSUPPRESSED_ROLES


def _suppress_table(table: Table) -> Table:
    hidden = suppressed_cells(table, SMALL_CELL)
    rows = [
        {key: SUPPRESSED if (index, key) in hidden else value for key, value in row.items()}
        for index, row in enumerate(table.rows)
    ]
    return replace(table, rows=rows)


def suppress_small_cells(result: ReportResult) -> ReportResult:
    """Aggregate-only view: counts under 5 persons, figures computed over them, and the cells
    that would let a reader work them out from a total (complementary suppression) become "<5".

    Tables with a row per trajectory are dropped altogether.
    """
    tables = [_suppress_table(table) for table in result.tables if not table.per_trajectory]
    chart = result.chart
    if chart is not None and chart.table >= len(tables):
        chart = None
    return ReportResult(tables=tables, chart=chart, suppressed=True)


def run_report(report: Report, *, scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """Compute a report for the scope, suppressing small cells where the role demands it."""
    result = report.compute(scope, filters, today)
    if needs_suppression(scope):
        return suppress_small_cells(result)
    return result


def format_cell(value: Any, column: Column) -> str:
    """Dutch display of one cell: 12,5% for shares, 3,4 for means, – for nothing."""
    if value is None or value == "":
        return "–"
    if value == SUPPRESSED:
        return SUPPRESSED
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if column.kind == Kind.PERCENT:
        return f"{value:.1f}%".replace(".", ",")
    if column.kind == Kind.AMOUNT:
        return euro(value)
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",")
    return str(value)


def display_rows(table: Table, rows: list[dict[str, Any]] | None = None) -> list[list[str]]:
    """The rows of a table as display strings, in column order."""
    source = table.page_rows if rows is None else rows
    return [[format_cell(row.get(c.key), c) for c in table.columns] for row in source]
