"""The optional weekly reminder mail: who gets it (dates worked out by hand) and what is in it.

Today is Tuesday 10 March 2026 (passed in): "this week" is Wednesday 4 March up to today.
"""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from terugkeer.mentoring.models import MentoringSettings
from terugkeer.mentoring.reminders import mentor_reminders_send, mentors_to_remind
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorReportFactory,
)

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2026, 3, 10)


def _match(organisation, started_on, last_report_on=None):
    match = MentorMatchFactory(
        mentor=MentorFactory(organisation=organisation), started_on=started_on
    )
    if last_report_on:
        MentorReportFactory(match=match, met_on=last_report_on)
    return match


def test_mentors_without_a_report_this_week_are_reminded():
    organisation = MentorFactory().organisation
    tuesday_before = _match(organisation, datetime.date(2026, 2, 1), datetime.date(2026, 3, 3))
    _match(organisation, datetime.date(2026, 2, 1), datetime.date(2026, 3, 4))  # Wednesday: ok
    _match(organisation, datetime.date(2026, 3, 5))  # started this week: nothing due yet
    silent = _match(organisation, datetime.date(2026, 3, 1))  # Sunday before last, no report

    reminded = mentors_to_remind(organisation=organisation, today=TUESDAY)
    assert reminded == [tuesday_before.mentor, silent.mentor]


def test_the_reminder_is_opt_in_and_holds_no_personal_data():
    match = _match(MentorFactory().organisation, datetime.date(2026, 2, 1))
    organisation = match.organisation
    assert mentor_reminders_send(organisation=organisation, today=TUESDAY) == 0
    MentoringSettings.objects.create(organisation=organisation, weekly_reminder=True)

    call_command("mentor_reminders", date="2026-03-10", organisation=organisation.pk)

    (message,) = mail.outbox
    assert message.to == [match.mentor.user.email]
    assert message.subject == "Terugkeer: herinnering gespreksverslag"
    assert "/mentoring/mijn-deelnemers/" in message.body
    for personal in (
        match.trajectory.client.surname,
        match.trajectory.client.display_name,
        match.mentor.full_name,
        match.shared_phone,
    ):
        assert personal not in message.body
