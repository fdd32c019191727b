"""Housing's and activities' reports, worked out by hand over January 2025 (a past month under
any suite clock), and one of them over HTTP from the reports catalogue."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.activities import reports as activity_reports
from terugkeer.activities.tests.factories import (
    ActivitySessionFactory,
    AttendanceFactory,
    CardMailingFactory,
)
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role
from terugkeer.housing import reports
from terugkeer.housing.tests.factories import (
    HouseCheckFactory,
    HousingAllocationFactory,
    HousingUnitFactory,
    StayFactory,
)
from terugkeer.reports.framework import ReportFilters
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db

D = datetime.date
JANUARY = ReportFilters(start=D(2025, 1, 1), end=D(2025, 1, 31))


def _scope(organisation):
    membership = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    return scope_for(membership.user, membership)


@pytest.fixture
def house():
    unit = HousingUnitFactory(capacity=3, name="Instapwoning Katwijk")
    whole = StayFactory(unit=unit, moved_in_on=D(2024, 12, 1))
    short = StayFactory(
        unit=unit, moved_in_on=D(2025, 1, 11), ended_on=D(2025, 1, 21), leaving_reason="anders"
    )
    for day in (3, 10, 17):
        HouseCheckFactory(stay=whole, checked_on=D(2025, 1, day))
    HouseCheckFactory(stay=short, checked_on=D(2025, 1, 13))
    HouseCheckFactory(stay=whole, checked_on=D(2025, 2, 3))  # outside the period
    return unit


def test_occupancy_and_length_of_stay(house):
    result = reports.occupancy_report(_scope(house.organisation), JANUARY, D(2026, 1, 1))

    occupancy, length = result.tables
    # 31 days × 3 places = 93; 31 nights of the first resident, 10 (11th–20th) of the second.
    assert occupancy.rows == [
        {"unit": "Instapwoning Katwijk", "stays": 2, "place_days": 93, "taken": 41, "rate": 44.1}
    ]
    assert length.rows == [
        {"unit": "Instapwoning Katwijk", "ended": 1, "mean": 10.0, "median": 10.0}
    ]


def test_checks_done_against_due(house):
    result = reports.checks_report(_scope(house.organisation), JANUARY, D(2026, 1, 1))

    # Due: 31 // 7 = 4 full weeks for the first, 10 // 7 = 1 for the second; done 3 + 1.
    assert result.tables[0].rows == [
        {"unit": "Instapwoning Katwijk", "residents": 2, "due": 5, "done": 4, "share": 80.0}
    ]


def test_allocations_and_outcomes():
    started = HousingAllocationFactory(started_on=D(2025, 1, 5))
    organisation = started.organisation
    HousingAllocationFactory(
        unit__organisation=organisation,
        started_on=D(2023, 1, 10),
        outcome="definitieve_huur",
        outcome_on=D(2025, 1, 10),
    )

    rows = reports.allocations_report(_scope(organisation), JANUARY, D(2026, 1, 1)).tables[0].rows

    assert rows[0] == {
        "kind": "Koconwoning",
        "started": 1,
        "open": 1,
        "definitieve_huur": 1,
        "verlengd": 0,
        "beeindigd": 0,
    }
    assert rows[1]["kind"] == "Convenantwoning" and rows[1]["started"] == 0


def test_cards_per_month_and_sessions_per_quarter():
    walk = ActivitySessionFactory(held_on=D(2025, 1, 8))
    organisation = walk.organisation
    second = ActivitySessionFactory(organisation=organisation, held_on=D(2025, 2, 5))
    first_walker = AttendanceFactory(session=walk).trajectory
    AttendanceFactory(session=second, trajectory=first_walker)
    AttendanceFactory(session=second)
    for month, trajectory in ((D(2025, 1, 1), first_walker), (D(2025, 2, 1), first_walker)):
        CardMailingFactory(
            trajectory=trajectory, month=month, sent_on=month + datetime.timedelta(days=3)
        )
    scope = _scope(organisation)
    winter = ReportFilters(start=D(2025, 1, 1), end=D(2025, 3, 31))

    cards = activity_reports.cards_report(scope, winter, D(2026, 1, 1)).tables[0].rows
    sessions = activity_reports.sessions_report(scope, winter, D(2026, 1, 1)).tables[0].rows

    assert cards == [{"month": "2025-01", "cards": 1}, {"month": "2025-02", "cards": 1}]
    assert sessions == [
        {
            "quarter": "2025-K1",
            "kind": "Wandelproject",
            "sessions": 2,
            "attendances": 3,
            "people": 2,
        }
    ]


def test_the_occupancy_report_is_in_the_catalogue_with_small_cells_suppressed(house, client):
    advisor = MembershipFactory(organisation=house.organisation, role=Role.POLICY_ADVISOR).user
    login_verified(client, advisor, house.organisation)

    page = client.get("/rapportages/woningen-bezetting/?start=2025-01-01&end=2025-01-31")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Instapwoning Katwijk" in text and "&lt;5" in text  # two stays: under five persons
