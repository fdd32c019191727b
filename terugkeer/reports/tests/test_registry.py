"""A programme app's report joins the catalogue through ``register_report`` (no edit of reports)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from terugkeer.core.roles import Role
from terugkeer.reports.framework import (
    Column,
    Kind,
    Report,
    ReportResult,
    Table,
    euro,
    format_cell,
    suppress_small_cells,
)
from terugkeer.reports.registry import REPORTS, register_report
from terugkeer.reports.tests.test_views import QUERY, client_for, world  # noqa: F401


def _paid(scope, filters, today) -> ReportResult:
    columns = [
        Column("line", "Kostenpost", Kind.LABEL),
        Column("people", "Personen"),
        Column("paid", "Betaald", Kind.AMOUNT, base="people"),
        Column("budget", "Begroot", Kind.AMOUNT),
    ]
    rows = [
        {"line": "Huur", "people": 3, "paid": Decimal("1234.5"), "budget": Decimal("5000")},
        {"line": "Fiets", "people": 12, "paid": Decimal("47.99"), "budget": Decimal("-2.005")},
    ]
    return ReportResult(tables=[Table("Uitgaven", columns, rows)])


TOY = Report(slug="toy-uitgaven", title="Uitgaven (test)", definition="Test.", compute=_paid)


@pytest.fixture
def toy_report():
    register_report(TOY)
    yield TOY
    del REPORTS[TOY.slug]


def test_euro_uses_dutch_separators_and_two_decimals():
    assert euro(Decimal("1234.5")) == "€ 1.234,50"
    assert euro(Decimal("1234567.891")) == "€ 1.234.567,89"
    assert euro(Decimal("0")) == "€ 0,00"
    assert euro(Decimal("-2.005")) == "-€ 2,01"  # half up, away from zero
    assert format_cell(Decimal("47.99"), Column("x", "x", Kind.AMOUNT)) == "€ 47,99"


def test_an_amount_over_fewer_than_five_persons_is_suppressed_but_a_budget_is_not():
    result = suppress_small_cells(_paid(None, None, None))

    first, second = result.tables[0].rows
    assert first["people"] == "<5" and first["paid"] == "<5"
    assert first["budget"] == Decimal("5000")  # no persons behind a budget
    assert second["paid"] == Decimal("47.99")


def test_registering_a_slug_twice_is_refused(toy_report):
    other = Report(slug=TOY.slug, title="Ander", definition="", compute=_paid)

    with pytest.raises(ValueError, match="toy-uitgaven"):
        register_report(other)
    assert register_report(TOY) is TOY  # the same report again is harmless


@pytest.mark.django_db
def test_a_registered_report_is_listed_shown_and_exported(verified_client, world, toy_report):  # noqa: F811
    client = client_for(verified_client, world, Role.TEAM_CHAIR)

    index = client.get("/rapportages/").content.decode()
    page = client.get(f"/rapportages/toy-uitgaven/{QUERY}").content.decode()
    xlsx = client.get(f"/rapportages/toy-uitgaven/export.xlsx{QUERY}")

    assert "Uitgaven (test)" in index
    assert "€ 1.234,50" in page and "€ 47,99" in page
    sheet = load_workbook(io.BytesIO(xlsx.content))["Uitgaven"]
    assert sheet["C2"].value == 1234.5
    assert sheet["C2"].number_format == '"€" #,##0.00'
