"""The demo data: LV's measures of seed 001 and Kocon's Noodfonds and begroting of seed 000."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from terugkeer.accounts.demo import seed_organisations
from terugkeer.cases.models import ProgrammeDefinition
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import demo
from terugkeer.interventions.choices import GiftStatus, MoneyForm, RequestStatus
from terugkeer.interventions.models import BudgetLine, EmergencyGift, InterventionRequest
from terugkeer.interventions.tests.factories import member_scope
from terugkeer.reports.framework import ReportFilters, run_report
from terugkeer.reports.registry import REPORTS

pytestmark = pytest.mark.django_db


def test_demo_seeds_lv_measures_and_kocon_noodfonds():
    organisations = seed_organisations(seed=2026)
    for slug in ("lv", "kocon"):
        for _ in range(6):
            TrajectoryFactory(client=ClientFactory(organisation=organisations[slug]))
    demo.seed({"seed": 2026, "organisations": organisations})

    lv = InterventionRequest.objects.filter(trajectory__organisation=organisations["lv"])
    rents = lv.filter(intervention_type__name="Huur doorbetalen tijdens detentie")
    assert rents.filter(status=RequestStatus.COMPLETED).count() == 3
    assert lv.filter(status=RequestStatus.WITHDRAWN).count() == 2
    car = lv.get(money_form=MoneyForm.LOAN)
    assert (car.amount, car.status, car.loan_decision) == (
        Decimal("2500.00"),
        RequestStatus.RUNNING,
        "",
    )
    assert car.conditions.count() == 2
    assert all(r.decided_by_id != r.requested_by_id for r in lv.exclude(decided_by=None))

    gifts = EmergencyGift.objects.filter(trajectory__organisation=organisations["kocon"])
    assert sorted(gifts.values_list("status", flat=True)) == sorted(
        [GiftStatus.PAID, GiftStatus.PAID, GiftStatus.REQUESTED]
    )
    assert max(gifts.values_list("amount", flat=True)) == Decimal("750.00")
    kocon_2026 = BudgetLine.objects.filter(organisation=organisations["kocon"], year=2026)
    assert kocon_2026.get(name="Subsidie gemeente Katwijk ASV").budget_amount == Decimal("91728.26")
    assert (
        BudgetLine.objects.filter(
            organisation=organisations["lv"], year=timezone.localdate().year
        ).count()
        == 4
    )


def test_kocons_demo_budget_reads_per_project_beside_last_years():
    organisations = seed_organisations(seed=2026)
    kocon = organisations["kocon"]
    for code in ("nazorg", "reintegratie"):
        ProgrammeDefinition.objects.get(code=code).organisations.add(kocon)
    for programme in ("nazorg", "reintegratie", "nazorg", "reintegratie"):
        TrajectoryFactory(client=ClientFactory(organisation=kocon), programme=programme)
    demo.seed({"seed": 2026, "organisations": {"kocon": kocon}})

    today = timezone.localdate()
    result = run_report(
        REPORTS["begroting"],
        scope=member_scope(kocon, Role.TEAM_CHAIR),
        filters=ReportFilters(start=datetime.date(2026, 1, 1), end=today),
        today=today,
    )
    rows = {row["name"]: row for row in result.tables[0].rows}
    subsidy = rows["Subsidie gemeente Katwijk ASV"]
    # 6.550,00 + 85.178,26 = 91.728,26, the subsidy received; 2025: 87.759,00.
    assert (subsidy["realised_nazorg"], subsidy["realised_reintegratie"]) == (
        Decimal("6550.00"),
        Decimal("85178.26"),
    )
    assert subsidy["previous_budget"] == Decimal("87759.00")
    assert rows["Reiskosten"]["realised_nazorg"] == Decimal("312.45")
    casework = rows["Casemanagement en ondersteuning (788 uur à € 86,40)"]
    assert (casework["realised_reintegratie"], casework["previous_budget"]) == (
        Decimal("11232.00"),
        Decimal("64537.00"),
    )
    # The two paid gifts (750,00 + 325,50) on Onvoorzien of the year they were paid (this year),
    # split by their trajectories.
    this_year = next(t for t in result.tables if t.title.endswith(str(today.year)))
    gifts = {row["name"]: row for row in this_year.rows}["Onvoorzien"]
    assert gifts["realised_nazorg"] + gifts["realised_reintegratie"] == Decimal("1075.50")
    assert "unattributed" not in gifts
