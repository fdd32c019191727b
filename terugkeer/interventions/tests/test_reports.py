"""The interventions reports, with every expected figure worked out by hand."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions.choices import DomainCode, GiftStatus, LineKind, RequestStatus
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    EmergencyGiftFactory,
    InterventionRequestFactory,
    InterventionTypeFactory,
    PaymentFactory,
    member_scope,
)
from terugkeer.reports.framework import SUPPRESSED, ReportFilters, run_report
from terugkeer.reports.registry import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def period(today):
    return ReportFilters(start=datetime.date(today.year - 1, 1, 1), end=today)


@pytest.fixture
def organisation():
    return OrganisationFactory()


def _run(slug, organisation, period, today, role=Role.COORDINATOR):
    return run_report(
        REPORTS[slug], scope=member_scope(organisation, role), filters=period, today=today
    )


def by_name(rows, key="name"):
    return {row[key]: row for row in rows}


def test_budget_against_realisation_per_line_with_totals(organisation, period, today):
    year = today.year
    BudgetLineFactory(
        organisation=organisation,
        year=year,
        name="Subsidie gemeente",
        kind=LineKind.INCOME,
        budget_amount=D("91728.26"),
        manual_realisation=D("91728.26"),
    )
    BudgetLineFactory(
        organisation=organisation,
        year=year,
        name="Casemanagement",
        group="Arbeidskosten",
        budget_amount=D("68086.75"),
        budget_fte=D("0.500"),
        manual_realisation=D("43803.73"),
        realised_fte=D("0.450"),
    )
    measures = BudgetLineFactory(
        organisation=organisation,
        year=year,
        name="Alternatieve maatregelen",
        budget_amount=D("6667.00"),
    )
    trajectory = TrajectoryFactory(client__organisation=organisation)
    request = InterventionRequestFactory(trajectory=trajectory, approved=True)
    PaymentFactory(
        request=request, amount=D("25.00"), cost_line=measures, paid_on=datetime.date(year, 1, 1)
    )
    PaymentFactory(request=request, amount=D("47.99"), cost_line=measures, paid_on=today)
    # Paid last year: not this year's realisation, even on this year's line.
    PaymentFactory(
        request=request,
        amount=D("100.00"),
        cost_line=measures,
        paid_on=datetime.date(year - 1, 12, 31),
    )
    EmergencyGiftFactory(
        trajectory=trajectory,
        amount=D("750.00"),
        status=GiftStatus.PAID,
        paid_on=today,
        cost_line=measures,
    )
    # Another organisation's line and payment count nowhere here.
    other_line = BudgetLineFactory(year=year, name="Alternatieve maatregelen")
    PaymentFactory(amount=D("999.00"), cost_line=other_line, paid_on=today)

    result = _run("begroting", organisation, period, today)

    assert [t.title for t in result.tables] == [f"Begroting en realisatie {year}"]
    rows = by_name(result.tables[0].rows)
    assert list(rows) == [
        "Subsidie gemeente",
        "Totaal inkomsten",
        "Alternatieve maatregelen",  # same order, then alphabetical
        "Casemanagement",
        "Totaal uitgaven",
    ]
    # 25,00 + 47,99 + 750,00 (gift) = 822,99; 6.667,00 − 822,99 = 5.844,01 under budget.
    assert rows["Alternatieve maatregelen"]["realised"] == D("822.99")
    assert rows["Alternatieve maatregelen"]["difference"] == D("5844.01")
    assert rows["Casemanagement"]["budget_fte"] == "0,5"
    assert rows["Casemanagement"]["realised_fte"] == "0,45"
    assert rows["Casemanagement"]["difference"] == D("24283.02")
    # 68.086,75 + 6.667,00 = 74.753,75 budgeted; 43.803,73 + 822,99 = 44.626,72 realised.
    assert rows["Totaal uitgaven"]["budget"] == D("74753.75")
    assert rows["Totaal uitgaven"]["realised"] == D("44626.72")
    assert rows["Totaal uitgaven"]["difference"] == D("30127.03")
    assert rows["Totaal inkomsten"]["difference"] == D("0.00")


def test_overspending_is_a_negative_difference(organisation, period, today):
    line = BudgetLineFactory(organisation=organisation, budget_amount=D("100.00"))
    PaymentFactory(
        request=InterventionRequestFactory(
            trajectory=TrajectoryFactory(client__organisation=organisation), approved=True
        ),
        amount=D("100.01"),
        cost_line=line,
        paid_on=today,
    )
    rows = by_name(_run("begroting", organisation, period, today).tables[0].rows)
    assert rows[line.name]["difference"] == D("-0.01")


@pytest.fixture
def requests_world(organisation):
    now = timezone.now() - datetime.timedelta(days=10)
    rent = InterventionTypeFactory(organisation=organisation, name="Huur doorbetalen")
    coach = InterventionTypeFactory(
        organisation=organisation, name="Jobcoach", domain_code=DomainCode.WORK_INCOME
    )

    def make(kind, amount, status, lead_days=None):
        return InterventionRequestFactory(
            trajectory=TrajectoryFactory(client__organisation=organisation),
            intervention_type=kind,
            amount=D(amount),
            status=status,
            requested_at=now,
            decided_at=now + datetime.timedelta(days=lead_days) if lead_days is not None else None,
        )

    approved = make(rent, "1500.00", RequestStatus.APPROVED, 3)
    PaymentFactory(request=approved, amount=D("500.00"))
    PaymentFactory(request=approved, amount=D("500.00"))
    make(rent, "1200.00", RequestStatus.REJECTED, 1)
    make(rent, "900.00", RequestStatus.RUNNING, 6)
    make(coach, "2000.00", RequestStatus.WITHDRAWN)
    # Neither a concept (not signed) nor a replaced version counts.
    InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation), intervention_type=rent
    )
    make(rent, "5000.00", RequestStatus.SUPERSEDED, 2)


def test_interventions_by_type_and_basisvoorwaarde(organisation, period, today, requests_world):
    result = _run("interventies", organisation, period, today)
    by_type = by_name(result.tables[0].rows, "label")
    assert by_type["Huur doorbetalen"] == {
        "label": "Huur doorbetalen",
        "count": 3,
        "amount": D("3600.00"),
        "paid": D("1000.00"),
        "approved": 2,  # goedgekeurd and lopend
        "rejected": 1,
        "withdrawn": 0,
        "lead_days": 3.0,  # median of 3, 1 and 6 days
    }
    assert by_type["Jobcoach"]["withdrawn"] == 1
    assert by_type["Jobcoach"]["lead_days"] is None
    assert by_type["Totaal"]["count"] == 4
    assert by_type["Totaal"]["amount"] == D("5600.00")
    by_domain = by_name(result.tables[1].rows, "label")
    assert by_domain["Huisvesting"]["count"] == 3
    assert by_domain["Werk & inkomen"]["amount"] == D("2000.00")


def test_the_policy_advisor_sees_small_groups_suppressed(
    organisation, period, today, requests_world
):
    result = _run("interventies", organisation, period, today, role=Role.POLICY_ADVISOR)
    rent = by_name(result.tables[0].rows, "label")["Huur doorbetalen"]
    assert rent["count"] == SUPPRESSED
    assert rent["amount"] == SUPPRESSED


def test_noodfonds_gifts_per_year(organisation, period, today):
    def gift(amount, status, on):
        EmergencyGiftFactory(
            trajectory=TrajectoryFactory(client__organisation=organisation),
            amount=D(amount),
            status=status,
            requested_on=on,
            paid_on=on if status == GiftStatus.PAID else None,
        )

    gift("750.00", GiftStatus.PAID, today)
    gift("250.00", GiftStatus.PAID, today)
    gift("300.00", GiftStatus.REJECTED, today)
    gift("125.50", GiftStatus.APPROVED, datetime.date(today.year - 1, 6, 1))
    gift("99.00", GiftStatus.PAID, datetime.date(today.year - 2, 6, 1))  # before the period

    rows = by_name(_run("noodfonds", organisation, period, today).tables[0].rows, "year")
    assert rows[str(today.year)] == {
        "year": str(today.year),
        "requested": 3,
        "granted": 2,
        "rejected": 1,
        "paid": D("1000.00"),
        "mean": D("500.00"),
    }
    assert rows[str(today.year - 1)]["paid"] == D("0.00")
    # (750,00 + 250,00 + 125,50) / 3 = 375,1666… → 375,17
    assert rows["Totaal"]["mean"] == D("375.17")
    assert rows["Totaal"]["requested"] == 4


def test_the_reports_have_a_page_and_an_xlsx_export(organisation, today):
    import io

    from django.test import Client
    from django.urls import reverse
    from openpyxl import load_workbook

    from terugkeer.accounts.tests.factories import MembershipFactory
    from terugkeer.testing import login_verified

    line = BudgetLineFactory(
        organisation=organisation, name="Onkosten na vrijlating", budget_amount=D("500.00")
    )
    chair = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    client = login_verified(Client(), chair, organisation)
    period = {"start": f"{today:%Y}-01-01", "end": f"{today:%Y-%m-%d}"}
    for slug in ("begroting", "interventies", "noodfonds"):
        page = client.get(reverse("reports:detail", kwargs={"slug": slug}), period)
        assert page.status_code == 200
    export = client.get(
        reverse("reports:export", kwargs={"slug": "begroting", "fmt": "xlsx"}), period
    )
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert line.name in cells
    assert 500 in cells or D("500.00") in cells or 500.0 in cells
