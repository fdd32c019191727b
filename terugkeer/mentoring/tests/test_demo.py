"""The demo data: Kocon's mentors in every pipeline state, matches, reports with feedback."""

import pytest

from terugkeer.accounts.demo import seed_organisations
from terugkeer.cases.choices import Programme
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.mentoring import demo
from terugkeer.mentoring.choices import MentorStatus
from terugkeer.mentoring.models import Mentor, MentorMatch, MentorMeeting, MentorReport

pytestmark = pytest.mark.django_db


def test_demo_seeds_the_kocon_mentor_programme():
    organisations = seed_organisations(seed=2026)
    kocon = organisations["kocon"]
    for _ in range(4):
        TrajectoryFactory(
            client=ClientFactory(organisation=kocon), programme=Programme.REINTEGRATION
        )
    demo.seed({"seed": 2026, "organisations": organisations})

    assert set(Mentor.objects.values_list("status", flat=True)) == set(MentorStatus.values)
    demo_mentor = Mentor.objects.get(user__memberships__role=Role.MENTOR)
    assert demo_mentor.user.email == "mentor@kocon.demo.terugkeer.nl"
    assert MentorMatch.objects.active().filter(mentor=demo_mentor).count() == 2
    assert MentorMatch.objects.active().count() == 3
    reports = MentorReport.objects.filter(match__mentor=demo_mentor)
    assert reports.count() >= 12  # about weekly for eight weeks, two participants
    assert reports.exclude(feedback="").exists()
    assert MentorMeeting.objects.count() == 2
