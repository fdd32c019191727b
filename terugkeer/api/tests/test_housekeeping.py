"""``manage.py run_daily`` forgets idempotency keys older than 30 days and keeps younger ones."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from terugkeer.api.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def _record(key: str, age: datetime.timedelta, now: datetime.datetime) -> None:
    row = IdempotencyRecord.objects.create(owner="client:1", key=key, request_hash="0" * 64)
    IdempotencyRecord.objects.filter(pk=row.pk).update(created_at=now - age)


def test_run_daily_purges_the_keys_older_than_30_days():
    now = timezone.now()  # the suite's clock
    day = datetime.timedelta(days=1)
    _record("oud", 31 * day, now)
    _record("net-te-oud", 30 * day + datetime.timedelta(minutes=5), now)
    _record("bijna-30", 29 * day + datetime.timedelta(hours=23), now)
    _record("vers", datetime.timedelta(minutes=1), now)

    out = StringIO()
    call_command("run_daily", stdout=out)

    assert sorted(IdempotencyRecord.objects.values_list("key", flat=True)) == ["bijna-30", "vers"]
    assert "Oude idempotentiesleutels (API) opgeruimd: 2" in out.getvalue()
    # Run again the same day: nothing left to remove.
    out = StringIO()
    call_command("run_daily", stdout=out)
    assert "Oude idempotentiesleutels (API) opgeruimd: 0" in out.getvalue()
