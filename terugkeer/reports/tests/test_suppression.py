"""Complementary small-cell suppression: hand-made tables, and every registered report's tables.

The checker below reads the table metadata on its own (it does not call ``reports.suppression``):
for every additive line with a known total, either no cell or at least two cells are hidden.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from terugkeer.core.roles import Role
from terugkeer.interventions.choices import GiftStatus
from terugkeer.interventions.tests.factories import (
    EmergencyGiftFactory,
    InterventionRequestFactory,
    InterventionTypeFactory,
)
from terugkeer.reports.charts import report_chart_svg
from terugkeer.reports.framework import (
    SUPPRESSED,
    ChartSpec,
    Column,
    Kind,
    ReportResult,
    Table,
    run_report,
    suppress_small_cells,
)
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.tests.scenario import PERIOD, D, build_world

H = SUPPRESSED


def suppressed(table: Table) -> list[dict]:
    return suppress_small_cells(ReportResult(tables=[table])).tables[0].rows


def values(rows, *keys):
    return [tuple(row[k] for k in keys) for row in rows]


SEX = [
    Column("label", "", Kind.LABEL),
    Column("total", "Totaal", additive=True),
    Column("male", "Man", additive=True),
    Column("female", "Vrouw", additive=True),
]


def test_a_total_of_7_with_men_5_hides_men_too_so_women_cannot_be_worked_out():
    table = Table(
        "t",
        SEX[:3] + SEX[3:],
        [{"label": "x", "total": 7, "male": 5, "female": 2}],
        row_total="total",
        row_parts=("male", "female"),
    )
    assert values(suppressed(table), "total", "male", "female") == [(7, H, H)]


def test_a_2x2_table_with_row_and_column_totals_worked_out_by_hand():
    # A: 12 = 3 + 9; B: 10 = 6 + 4; Totaal: 22 = 9 + 13. Primary: A.man 3 and B.vrouw 4.
    # Row A then holds one hidden cell: hide A.vrouw (9); row B likewise: hide B.man (6).
    # Columns man and vrouw now hold two hidden cells each; the totals stay shown.
    rows = [
        {"label": "A", "total": 12, "male": 3, "female": 9},
        {"label": "B", "total": 10, "male": 6, "female": 4},
        {"label": "Totaal", "total": 22, "male": 9, "female": 13},
    ]
    table = Table(
        "t", SEX, rows, total_row="Totaal", row_total="total", row_parts=("male", "female")
    )
    assert values(suppressed(table), "label", "total", "male", "female") == [
        ("A", 12, H, H),
        ("B", 10, H, H),
        ("Totaal", 22, 9, 13),
    ]


def test_suppression_cascades_from_a_row_into_the_columns_until_stable():
    # A: 12 = 3 + 9; B: 20 = 10 + 10; Totaal 32 = 13 + 19. Primary A.man (3) → row A: A.vrouw.
    # Column man then has one hidden cell (A): hide B.man (10); column vrouw: hide B.vrouw (10).
    rows = [
        {"label": "A", "total": 12, "male": 3, "female": 9},
        {"label": "B", "total": 20, "male": 10, "female": 10},
        {"label": "Totaal", "total": 32, "male": 13, "female": 19},
    ]
    table = Table(
        "t", SEX, rows, total_row="Totaal", row_total="total", row_parts=("male", "female")
    )
    assert values(suppressed(table), "total", "male", "female") == [
        (12, H, H),
        (20, H, H),
        (32, 13, 19),
    ]


def test_shares_of_a_distribution_are_hidden_with_their_counts():
    # 3 + 6 + 8 = 17, the total is derivable from the shares. 3 is hidden, so the next-smallest
    # (6) too, and both their shares; 8 of 17 = 47,1% stays.
    rows = [
        {"v": "a", "count": 3, "share": 17.6, "total": 17},
        {"v": "b", "count": 6, "share": 35.3, "total": 17},
        {"v": "c", "count": 8, "share": 47.1, "total": 17},
    ]
    table = Table(
        "t",
        [
            Column("v", "", Kind.LABEL),
            Column("count", "Trajecten", additive=True),
            Column("share", "Aandeel", Kind.PERCENT, "total", of="count"),
        ],
        rows,
        derivable_total=True,
    )
    assert values(suppressed(table), "count", "share") == [(H, H), (H, H), (8, 47.1)]


def test_amounts_over_hidden_persons_are_hidden_and_the_total_amount_stays():
    # Counts 3 + 7 = 10: 3 hidden, so 7 too; the amounts over them follow; the total is shown.
    rows = [
        {"label": "A", "count": 3, "amount": Decimal("300.00")},
        {"label": "B", "count": 7, "amount": Decimal("700.00")},
        {"label": "Totaal", "count": 10, "amount": Decimal("1000.00")},
    ]
    table = Table(
        "t",
        [
            Column("label", "", Kind.LABEL),
            Column("count", "Aanvragen", additive=True),
            Column("amount", "Bedrag", Kind.AMOUNT, base="count", additive=True),
        ],
        rows,
        total_row="Totaal",
    )
    assert values(suppressed(table), "count", "amount") == [
        (H, H),
        (H, H),
        (10, Decimal("1000.00")),
    ]


def test_a_chart_marks_a_suppressed_bar_as_suppressed_not_as_zero():
    rows = [{"label": "A", "count": 3}, {"label": "B", "count": 9}]
    table = Table("t", [Column("label", "", Kind.LABEL), Column("count", "Aantal")], rows)
    result = suppress_small_cells(
        ReportResult(tables=[table], chart=ChartSpec(0, "label", ("count",), "Grafiek"))
    )
    svg = report_chart_svg(result)
    assert 'data-label="A"' in svg and 'data-value="&lt;5"' in svg
    assert "niet 0" in svg  # the note under the chart
    assert 'data-value="0"' not in svg


# --- every registered report --------------------------------------------------------------


def lines_of(table: Table):
    """(part cells, total cell or None) for every line with a known total, from the metadata."""
    found = []
    if table.row_total:
        for i in range(len(table.rows)):
            found.append(([(i, k) for k in table.row_parts], (i, table.row_total)))
    labels = [c.key for c in table.columns if c.kind == Kind.LABEL]
    totals = [
        i
        for i, row in enumerate(table.rows)
        if table.total_row and any(row.get(k) == table.total_row for k in labels)
    ]
    for column in (c for c in table.columns if c.additive):
        if totals:
            parts = [(i, column.key) for i in range(len(table.rows)) if i not in totals]
            found.append((parts, (totals[0], column.key)))
        elif table.derivable_total and len(table.rows) > 1:
            # A one-row line equals its total elsewhere, which is then the same small number
            # and hidden there by the same rule.
            found.append(([(i, column.key) for i in range(len(table.rows))], None))
    return found


def check_table(raw: Table, shown: Table) -> None:
    cell = lambda rows, c: rows[c[0]].get(c[1])  # noqa: E731
    for row_raw, row_shown in zip(raw.rows, shown.rows, strict=True):
        for column in raw.columns:
            value = row_raw.get(column.key)
            if column.kind == Kind.COUNT and isinstance(value, int) and 0 < value < 5:
                assert row_shown[column.key] == H, (raw.title, column.key)
            if column.of and row_shown.get(column.of) == H and value is not None:
                assert row_shown[column.key] == H, (raw.title, column.key)
    for parts, total in lines_of(raw):
        if total is not None:
            # The metadata is honest: the parts really add up to the total.
            assert sum(cell(raw.rows, c) or 0 for c in parts) == cell(raw.rows, total), (
                raw.title,
                total,
            )
        cells = [*parts, *([total] if total else [])]
        hidden = sum(cell(shown.rows, c) == H for c in cells)
        assert hidden != 1, (raw.title, cells)


@pytest.mark.django_db
def test_no_suppressed_cell_of_any_registered_report_can_be_worked_out_from_a_total():
    world = build_world()
    # A little programme data in 2025: 3 requests of one kind and 6 of another (3 + 6 = 9), and
    # gifts, so the programme reports' total rows are exercised too.
    trajectory = next(iter(world.trajectories.values()))
    kinds = [InterventionTypeFactory(organisation=world.organisation) for _ in range(2)]
    at = timezone.make_aware(datetime.datetime(2025, 6, 2, 10, 0))
    for kind, n in zip(kinds, (3, 6), strict=True):
        for _ in range(n):
            InterventionRequestFactory(
                trajectory=trajectory, intervention_type=kind, approved=True, requested_at=at
            )
    statuses = (GiftStatus.APPROVED, GiftStatus.REJECTED, GiftStatus.APPROVED)
    for other, status in zip(world.trajectories.values(), statuses, strict=False):
        EmergencyGiftFactory(trajectory=other, requested_on=D(2025, 6, 2), status=status)
    today = D(2026, 1, 15)
    checked = 0
    for report in REPORTS.values():
        raw = run_report(report, scope=world.scope(Role.TEAM_CHAIR), filters=PERIOD, today=today)
        shown = run_report(
            report, scope=world.scope(Role.POLICY_ADVISOR), filters=PERIOD, today=today
        )
        raw_tables = [t for t in raw.tables if not t.per_trajectory]
        assert [t.title for t in raw_tables] == [t.title for t in shown.tables]
        for raw_table, shown_table in zip(raw_tables, shown.tables, strict=True):
            if any(row.get(c.key) == "Totaal" for row in raw_table.rows for c in raw_table.columns):
                assert raw_table.total_row == "Totaal", (report.slug, raw_table.title)
            check_table(raw_table, shown_table)
            checked += 1
    assert checked >= 20
