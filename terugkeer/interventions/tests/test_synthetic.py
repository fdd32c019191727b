"""The synthetic dataset gains intervention rows that keep the rules, and nothing else changes."""

import datetime

import pytest
from django.db.models import Count, F, Sum

from terugkeer.interventions.choices import EMERGENCY_GIFT_MAX
from terugkeer.interventions.models import (
    BudgetLine,
    EmergencyGift,
    InterventionRequest,
    InterventionType,
)
from terugkeer.synthetic.generator import dataset_digest, generate_dataset
from terugkeer.synthetic.tests.test_contributors import TINY_SEED_7_DIGEST

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def test_tiny_dataset_has_interventions_within_the_rules():
    report = generate_dataset(scale="tiny", seed=7, today=TODAY)
    assert dataset_digest() == TINY_SEED_7_DIGEST  # the rest of the dataset is unchanged
    requests = InterventionRequest.objects.all()
    assert requests.count() == report.tables["interventions.InterventionRequest"].rows > 0
    assert InterventionType.objects.values("organisation").distinct().count() >= 1
    assert BudgetLine.objects.exists()
    assert not requests.filter(decided_by=F("requested_by")).exists()
    over = requests.annotate(paid=Sum("payments__amount")).filter(paid__gt=F("amount"))
    assert not over.exists()
    gifts = EmergencyGift.objects.all()
    assert gifts.exists()
    assert not gifts.filter(amount__gt=EMERGENCY_GIFT_MAX).exists()
    assert not gifts.values("client").annotate(n=Count("pk")).filter(n__gt=1).exists()
