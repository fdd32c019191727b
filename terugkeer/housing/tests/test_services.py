"""The housing rules: capacity, leaving frees a place, checks within the stay, the two-year
evaluation (also from a leap day), one open allocation per home."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from terugkeer.accounts.tests.factories import UserFactory
from terugkeer.housing import services
from terugkeer.housing.models import HouseCheck, Stay
from terugkeer.housing.services import add_years, evaluation_date
from terugkeer.housing.tests.factories import (
    HousingAllocationFactory,
    HousingUnitFactory,
    StayFactory,
    days_ago,
    trajectory_of,
)

pytestmark = pytest.mark.django_db


def _move_in(unit, trajectory=None, **kwargs):
    kwargs.setdefault("moved_in_on", days_ago(1))
    kwargs.setdefault("house_rules_signed", True)
    return services.stay_move_in(
        unit=unit,
        trajectory=trajectory or trajectory_of(unit.organisation),
        user=UserFactory(),
        **kwargs,
    )


def test_three_move_in_and_a_fourth_is_refused_with_the_dutch_message():
    unit = HousingUnitFactory(capacity=3)
    for _ in range(3):
        _move_in(unit)

    with pytest.raises(ValidationError) as refused:
        _move_in(unit)

    assert refused.value.messages == [
        "De woning is vol: alle 3 plaatsen zijn bezet. Er is niemand ingeschreven."
    ]
    assert Stay.objects.filter(unit=unit).count() == 3


def test_leaving_frees_the_place_from_the_day_of_leaving():
    unit = HousingUnitFactory(capacity=1)
    first = _move_in(unit, moved_in_on=days_ago(10))
    services.stay_end(
        stay=first, expected_version=first.version, ended_on=days_ago(3), reason="huisregels"
    )

    second = _move_in(unit, moved_in_on=days_ago(3))

    assert second.moved_in_on == days_ago(3)
    first.refresh_from_db()
    assert (first.ended_on, first.leaving_reason) == (days_ago(3), "huisregels")


def test_a_move_in_before_the_last_resident_left_is_refused():
    unit = HousingUnitFactory(capacity=1)
    StayFactory(unit=unit, moved_in_on=days_ago(10), ended_on=days_ago(3), leaving_reason="anders")

    with pytest.raises(ValidationError):
        _move_in(unit, moved_in_on=days_ago(4))  # he still lived there on day -4


def test_house_rules_must_be_signed_and_nothing_is_created():
    unit = HousingUnitFactory()
    with pytest.raises(ValidationError) as refused:
        _move_in(unit, house_rules_signed=False)
    assert "house_rules_signed" in refused.value.error_dict
    assert not Stay.objects.exists()


def test_a_koconwoning_takes_no_stays():
    unit = HousingUnitFactory(kocon=True)
    with pytest.raises(ValidationError) as refused:
        _move_in(unit)
    assert "unit" in refused.value.error_dict


def test_the_capacity_cannot_drop_below_the_residents():
    unit = HousingUnitFactory(capacity=3)
    _move_in(unit)
    _move_in(unit)
    with pytest.raises(ValidationError) as refused:
        services.unit_update(unit=unit, expected_version=unit.version, changes={"capacity": 1})
    assert refused.value.message_dict["capacity"] == [
        "Er wonen nu 2 bewoners; het aantal plaatsen kan niet lager."
    ]


def test_a_check_outside_the_stay_is_refused():
    stay = StayFactory(moved_in_on=days_ago(5))
    with pytest.raises(ValidationError) as refused:
        services.check_record(stay=stay, user=UserFactory(), checked_on=days_ago(6))
    assert "checked_on" in refused.value.error_dict
    check = services.check_record(
        stay=stay, user=UserFactory(), checked_on=days_ago(5), urine_test="positief"
    )
    assert (check.urine_test, check.alcohol_test) == ("positief", "niet_afgenomen")
    assert HouseCheck.objects.count() == 1


def test_the_evaluation_is_two_years_after_the_start():
    assert evaluation_date(datetime.date(2026, 3, 10)) == datetime.date(2028, 3, 10)
    # A lease starting on a leap day is evaluated on 28 February two years later.
    assert evaluation_date(datetime.date(2028, 2, 29)) == datetime.date(2030, 2, 28)
    assert add_years(datetime.date(2028, 2, 29), 4) == datetime.date(2032, 2, 29)


def test_an_allocation_gets_its_evaluation_date_and_a_second_one_on_the_home_is_refused():
    unit = HousingUnitFactory(kocon=True)
    started = timezone.localdate()
    allocation = services.allocation_start(
        unit=unit,
        trajectory=trajectory_of(unit.organisation),
        user=UserFactory(),
        corporation="Dunavie",
        started_on=started,
    )
    assert allocation.evaluation_on == add_years(started, 2)
    with pytest.raises(ValidationError) as refused:
        services.allocation_start(
            unit=unit,
            trajectory=trajectory_of(unit.organisation),
            user=UserFactory(),
            corporation="Dunavie",
            started_on=started,
        )
    assert "unit" in refused.value.error_dict


def test_extending_moves_the_evaluation_and_a_definitive_lease_closes_it():
    allocation = HousingAllocationFactory()
    later = timezone.localdate() + datetime.timedelta(days=180)
    with pytest.raises(ValidationError) as refused:
        services.allocation_decide(
            allocation=allocation,
            expected_version=allocation.version,
            outcome="verlengd",
            decided_on=timezone.localdate(),
        )
    assert "next_evaluation_on" in refused.value.error_dict

    extended = services.allocation_decide(
        allocation=allocation,
        expected_version=allocation.version,
        outcome="verlengd",
        decided_on=timezone.localdate(),
        next_evaluation_on=later,
    )
    assert (extended.outcome, extended.evaluation_on) == ("verlengd", later)
    final = services.allocation_decide(
        allocation=extended,
        expected_version=extended.version,
        outcome="definitieve_huur",
        decided_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        services.allocation_decide(
            allocation=final,
            expected_version=final.version,
            outcome="beeindigd",
            decided_on=timezone.localdate(),
        )


def test_a_past_stay_fits_between_residents_who_never_lived_there_at_the_same_time():
    unit = HousingUnitFactory(capacity=1)
    StayFactory(
        unit=unit, moved_in_on=days_ago(100), ended_on=days_ago(60), leaving_reason="anders"
    )
    StayFactory(unit=unit, moved_in_on=days_ago(40))  # lives there now

    # From day -60 to day -40 the place was free: a stay in that gap is allowed ...
    gap = _move_in(unit, moved_in_on=days_ago(60), ended_on=days_ago(40), leaving_reason="anders")
    assert (gap.moved_in_on, gap.ended_on) == (days_ago(60), days_ago(40))
    # ... but a day earlier it would share the one place with the stay just recorded.
    with pytest.raises(ValidationError):
        _move_in(unit, moved_in_on=days_ago(59), ended_on=days_ago(39), leaving_reason="anders")


def test_peak_residents_counts_only_those_there_at_the_same_time():
    first, second, third = (days_ago(n) for n in (30, 20, 10))
    stays = [(1, first, second), (2, second, None), (3, third, None)]
    assert services.peak_residents(stays, first) == 2  # from day -10: residents 2 and 3
    assert services.peak_residents(stays[:2], first) == 1


def test_a_second_house_with_the_same_name_is_refused_by_name():
    unit = HousingUnitFactory(name="Instapwoning Katwijk")
    with pytest.raises(ValidationError) as refused:
        services.unit_create(
            organisation=unit.organisation, name="Instapwoning Katwijk", kind="instapwoning"
        )
    assert refused.value.message_dict["name"] == ["Er is al een woning met deze naam."]
