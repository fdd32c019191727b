"""The demo data of the whole chain (``seed_demo``): partners of every kind per demo
organisation, referrals in every state, a year of three-weekly meetings for Kocon."""

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from terugkeer.cases.choices import CaseLead
from terugkeer.partners.choices import MeetingKind, PartnerKind, ReferralStatus, TaskStatus
from terugkeer.partners.models import (
    DetentionTask,
    Involvement,
    LeftBehind,
    MeetingDecision,
    Partner,
    Referral,
    TeamMeeting,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_partners_app(monkeypatch):
    from terugkeer.cases import demo as cases_demo

    monkeypatch.setattr(cases_demo, "NOTIFICATIONS_PER_ORGANISATION", 40)  # a fifth: faster
    call_command("seed_demo", stdout=StringIO())

    for organisation_name in Partner.objects.values_list("organisation__name", flat=True):
        kinds = set(
            Partner.objects.filter(organisation__name=organisation_name).values_list(
                "kind", flat=True
            )
        )
        assert kinds == set(PartnerKind.values)
    assert Partner.objects.values("organisation").distinct().count() == 4  # Westland too
    for organisation_id in Partner.objects.values_list("organisation", flat=True).distinct():
        states = set(
            Referral.objects.filter(organisation_id=organisation_id).values_list(
                "status", flat=True
            )
        )
        assert states == set(ReferralStatus.values)
    accepted = Referral.objects.filter(status=ReferralStatus.ACCEPTED).select_related("trajectory")
    assert all(r.trajectory.lead == r.lead for r in accepted)
    assert all(
        r.trajectory.lead == CaseLead.COORDINATOR
        for r in Referral.objects.filter(status=ReferralStatus.FINISHED)
    )
    kocon = TeamMeeting.objects.filter(organisation__name="Stichting Kocon", kind=MeetingKind.TEAM)
    dates = sorted(kocon.values_list("held_on", flat=True))
    assert len(dates) == 19
    assert {b - a for a, b in itertools.pairwise(dates)} == {datetime.timedelta(weeks=3)}
    assert dates[-1] > timezone.localdate()  # the next one is planned
    assert MeetingDecision.objects.count() == 1
    assert TeamMeeting.objects.filter(kind=MeetingKind.CASE_REVIEW).exclude(lessons="").count() == 1
    assert Involvement.objects.count() == 4  # one per demo organisation
    assert LeftBehind.objects.filter(outcome="geholpen").count() == 4
    rcn_tasks = DetentionTask.objects.filter(organisation__name__startswith="Regionaal")
    assert rcn_tasks.filter(status=TaskStatus.DONE).exists()
    assert rcn_tasks.filter(status=TaskStatus.OPEN).exists()
