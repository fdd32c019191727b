"""Small-cell suppression that holds: primary and complementary (secondary) suppression.

Primary: a count of 1..4 persons is hidden. Complementary: a hidden cell must not be derivable
from the other cells of a *line* that adds up to a known total, so whenever a line holds exactly
one hidden cell, the next-smallest cell of that line is hidden too, until nothing changes.

The lines of a table come from its metadata (see ``Table`` and ``Column`` in ``framework``):

- a row line: per row, ``Table.row_parts`` add up to ``Table.row_total``;
- a column line: per ``Column(additive=True)``, the rows add up to the row labelled
  ``Table.total_row`` (or, with ``Table.derivable_total``, to a total that is shown elsewhere or
  can be worked out from the shares, so the line counts as having a known total).

Figures computed over a hidden cell are hidden with it: a percent, mean or amount whose ``base``
(denominator, the persons it is over) is hidden, and a percent whose ``of`` (numerator) is hidden.
Primary and complementary cells carry the same marker, so a reader cannot tell which of two hidden
cells is the small one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from terugkeer.reports.framework import Table

Cell = tuple[int, str]  # (row index, column key)


def _is_total_row(row: dict[str, Any], table: Table) -> bool:
    from terugkeer.reports.framework import Kind

    if table.total_row is None:
        return False
    return any(row.get(c.key) == table.total_row for c in table.columns if c.kind == Kind.LABEL)


def table_lines(table: Table) -> list[tuple[list[Cell], Cell | None]]:
    """Every additive line of a table: (part cells, the shown total cell or None if implicit)."""
    keys = {c.key for c in table.columns}
    lines: list[tuple[list[Cell], Cell | None]] = []
    if table.row_total and table.row_parts:
        for index, _row in enumerate(table.rows):
            parts = [(index, key) for key in table.row_parts if key in keys]
            lines.append((parts, (index, table.row_total)))
    if table.total_row is not None or table.derivable_total:
        total_index = next(
            (i for i, row in enumerate(table.rows) if _is_total_row(row, table)), None
        )
        for column in table.columns:
            if not column.additive:
                continue
            parts = [(i, column.key) for i in range(len(table.rows)) if i != total_index]
            total = (total_index, column.key) if total_index is not None else None
            if total is None and not table.derivable_total:
                continue
            lines.append((parts, total))
    return lines


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def suppressed_cells(table: Table, small_cell: int) -> set[Cell]:
    """The cells to hide for aggregate-only roles: primary, derived and complementary."""
    from terugkeer.reports.framework import Kind

    hidden: set[Cell] = set()
    for index, row in enumerate(table.rows):
        for column in table.columns:
            value = row.get(column.key)
            if column.kind == Kind.COUNT and _numeric(value) and 0 < value < small_cell:
                hidden.add((index, column.key))
    lines = table_lines(table)
    while True:
        before = len(hidden)
        for index, row in enumerate(table.rows):
            for column in table.columns:
                if (index, column.key) in hidden or row.get(column.key) is None:
                    continue
                if column.kind in (Kind.PERCENT, Kind.NUMBER, Kind.AMOUNT) and column.base:
                    # The base may be a key that is not a column (a distribution's "total").
                    base = row.get(column.base)
                    if (index, column.base) in hidden or (_numeric(base) and 0 < base < small_cell):
                        hidden.add((index, column.key))
                        continue
                if column.of and (index, column.of) in hidden:
                    hidden.add((index, column.key))
        for parts, total in lines:
            cells = [*parts, *([total] if total else [])]
            if sum(cell in hidden for cell in cells) != 1:
                continue
            candidate = _next_smallest(table, parts, hidden)
            if candidate is None and total is not None and total not in hidden:
                candidate = total
            if candidate is not None:
                hidden.add(candidate)
        if len(hidden) == before:
            return hidden


def _next_smallest(table: Table, parts: list[Cell], hidden: set[Cell]) -> Cell | None:
    """The smallest shown part of the line: a non-zero one first (hiding a 0 protects little)."""
    shown = [
        (table.rows[i].get(key), (i, key))
        for i, key in parts
        if (i, key) not in hidden and _numeric(table.rows[i].get(key))
    ]
    nonzero = [item for item in shown if item[0] != 0]
    pool = nonzero or shown
    if not pool:
        return None
    return min(pool, key=lambda item: (item[0], item[1][0]))[1]
