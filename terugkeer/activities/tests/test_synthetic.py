"""The synthetic dataset's cards go only to who had consent on the day they were sent."""

import datetime

import pytest

from terugkeer.activities.models import Attendance, CardMailing, CardSubscription
from terugkeer.activities.selectors import latest_changes
from terugkeer.synthetic.generator import generate_dataset

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.django_db
def test_the_tiny_dataset_sends_cards_only_with_consent():
    report = generate_dataset(scale="tiny", seed=7, today=TODAY)

    mailings = list(CardMailing.objects.all())
    assert report.tables["activities.CardSubscription"].rows == CardSubscription.objects.count() > 0
    assert mailings and Attendance.objects.exists()
    for mailing in mailings:
        change = latest_changes([mailing.trajectory_id], mailing.sent_on)[mailing.trajectory_id]
        assert change.change == "gegeven"
