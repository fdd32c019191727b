import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, MunicipalityFactory
from terugkeer.cases.eligibility import flags_for
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role

D = datetime.date


def codes(**facts):
    base = {
        "birth_date": D(1990, 1, 1),
        "reference_date": D(2026, 11, 1),
        "detention_start": D(2026, 11, 1),
        "detention_end": D(2027, 1, 1),
        "client_municipality_id": 1,
        "trajectory_municipality_id": 1,
    }
    base.update(facts)
    return [flag.code for flag in flags_for(**base)]


def test_no_flags_for_an_adult_with_a_long_detention_in_the_municipality():
    assert codes() == []


def test_under_18_on_the_notification_date():
    assert codes(birth_date=D(2008, 11, 2)) == ["minor"]
    assert codes(birth_date=D(2008, 11, 1)) == []  # turns 18 that day


def test_detention_under_ten_days_carries_no_duty_of_care():
    assert codes(detention_end=D(2026, 11, 10)) == ["short"]
    assert codes(detention_end=D(2026, 11, 11)) == []
    assert codes(detention_end=None) == []


def test_not_registered_in_the_municipality():
    assert codes(client_municipality_id=None) == ["not_registered"]
    assert codes(client_municipality_id=2) == ["not_registered"]


@pytest.mark.django_db
def test_flags_are_shown_on_the_worklist_without_blocking(verified_client):
    # Sixteen on the suite's date, whichever date that is.
    trajectory = TrajectoryFactory(
        client__birth_date=timezone.localdate() - relativedelta(years=16)
    )
    # Notified for a municipality where the client is not registered.
    trajectory.client.municipality = MunicipalityFactory()
    trajectory.client.save()
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    page = verified_client(user, trajectory.organisation).get(reverse("cases:new"))
    content = page.content.decode()
    assert 'data-testid="flag-minor"' in content
    assert 'data-testid="flag-not_registered"' in content
    assert trajectory.client.display_name in content
