"""The privacy officer's demo: reads in the log, each kind of unusual access, two requests."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from terugkeer.accounts.models import Membership, Organisation
from terugkeer.cases import demo as cases_demo
from terugkeer.core.access import scope_for
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.privacy.alerts import AFTER_HOURS, MANY_UNASSIGNED, SHIELDED, alerts_for_day
from terugkeer.privacy.models import RetentionRule, SubjectRequest

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_privacy_officer_reads_alerts_and_requests(monkeypatch):
    monkeypatch.setattr(cases_demo, "NOTIFICATIONS_PER_ORGANISATION", 40)
    call_command("seed_demo", "--if-empty", stdout=None)

    kocon = Organisation.objects.get(name="Stichting Kocon")
    officer = Membership.objects.get(organisation=kocon, role=Role.PRIVACY_OFFICER)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    alerts = alerts_for_day(scope=scope_for(officer.user, officer), day=yesterday)

    kinds = {alert.kind for alert in alerts}
    assert kinds == {SHIELDED, MANY_UNASSIGNED, AFTER_HOURS}
    many = next(a for a in alerts if a.kind == MANY_UNASSIGNED)
    assert many.count == 25
    assert AccessLogEntry.objects.filter(organisation=kocon, created_at__date__lt=yesterday)
    requests = SubjectRequest.objects.filter(organisation=kocon)
    assert sorted(requests.values_list("kind", "status")) == [
        ("correctie", "toegewezen"),
        ("inzage", "ontvangen"),
    ]
    rules = RetentionRule.objects.filter(organisation=kocon)
    assert sorted((r.kind, r.months, r.confirmed) for r in rules) == [
        ("dossier", 60, False),
        ("justice", 24, True),
    ]
