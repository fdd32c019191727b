"""The synthetic dataset gets Instapwoning stays within the capacity, and the spine's pinned
digest does not change (the contributor draws from its own generator)."""

import datetime

import pytest

from terugkeer.housing.models import HouseCheck, HousingUnit, Stay
from terugkeer.housing.services import peak_residents
from terugkeer.synthetic.generator import generate_dataset

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.django_db
def test_the_tiny_dataset_has_stays_within_the_capacity_and_weekly_checks():
    report = generate_dataset(scale="tiny", seed=7, today=TODAY)

    stays = list(Stay.objects.values_list("unit_id", "trajectory_id", "moved_in_on", "ended_on"))
    assert report.tables["housing.Stay"].rows == len(stays) > 0
    for unit in HousingUnit.objects.all():
        own = [(t, start, end) for u, t, start, end in stays if u == unit.pk]
        for _, start, _ in own:
            assert peak_residents(own, start) <= unit.capacity
    assert HouseCheck.objects.count() >= len(stays)
