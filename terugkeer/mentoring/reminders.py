"""The optional weekly e-mail reminder to mentors (no personal data, only a link).

Sent by ``manage.py mentor_reminders`` (a weekly cron, e.g. on Monday morning) or the
``mentor_reminders_task`` background task, for organisations that switched it on
(``MentoringSettings.weekly_reminder``). A mentor gets one mail when at least one of their
active matches has no report with a contact date in the last seven days (counting today).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from terugkeer.core.roles import Role
from terugkeer.mentoring.choices import MentorStatus
from terugkeer.mentoring.models import Mentor, MentorMatch
from terugkeer.mentoring.selectors import settings_for

REMINDER_AFTER_DAYS = 7


def mentors_to_remind(*, organisation, today: datetime.date) -> list[Mentor]:
    """Active mentors who can log in and have an active match without a report this week."""
    since = today - datetime.timedelta(days=REMINDER_AFTER_DAYS - 1)
    quiet = (
        MentorMatch.objects.filter(organisation=organisation, ended_on__isnull=True)
        .annotate(last_report_on=Max("reports__met_on"))
        .filter(Q(last_report_on__lt=since) | Q(last_report_on__isnull=True, started_on__lt=since))
        .values("mentor_id")
    )
    return list(
        Mentor.objects.filter(
            organisation=organisation,
            status=MentorStatus.ACTIVE,
            pk__in=quiet,
            user__is_active=True,
            user__memberships__organisation=organisation,
            user__memberships__role=Role.MENTOR,
            user__memberships__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .distinct()
        .order_by("pk")
    )


def reminder_body() -> str:
    base_url = getattr(settings, "TERUGKEER_BASE_URL", "").rstrip("/")
    return "\n".join(
        [
            _("Beste mentor,"),
            "",
            _(
                "Deze week staat er nog een gespreksverslag open. Wilt u het invullen? "
                "Log in en kies 'Mijn deelnemers':"
            ),
            f"{base_url}{reverse('mentoring:my_participants')}",
            "",
            _("Dit bericht is automatisch verstuurd door Terugkeer."),
        ]
    )


def mentor_reminders_send(*, organisation, today: datetime.date) -> int:
    """Mail the reminder to each mentor who needs it; returns the number of mails sent."""
    if not settings_for(organisation).weekly_reminder:
        return 0
    mentors = mentors_to_remind(organisation=organisation, today=today)
    for mentor in mentors:
        EmailMessage(
            subject=_("Terugkeer: herinnering gespreksverslag"),
            body=reminder_body(),
            to=[mentor.user.email],
        ).send()
    return len(mentors)
