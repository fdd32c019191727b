"""Mentoring's signals, registered with ``core.signals_registry`` from ``MentoringConfig``.

- ``mentor_contact_wanted``: a mentor asked for the casemanager (report without reaction yet);
- ``mentor_report_missing``: an active match without a report for more than the organisation's
  number of calendar days (default 10);
- ``mentor_meeting_unplanned``: no next mentorenvergadering scheduled (team chair, coordinators);
- ``mentor_vog_ageing``: a VOG passes the organisation's limit within 60 days, or has.

They are registered as one provider, ``mentoring_signals``, which first asks whether the
organisation has any mentor at all: an organisation without a mentor programme pays one query
(the home page's signal block has a query budget for all apps together).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal
from terugkeer.mentoring import signal_selectors as selectors

CONTACT_WANTED = "mentor_contact_gevraagd"
REPORT_MISSING = "mentor_verslag_ontbreekt"
MEETING_UNPLANNED = "mentorenvergadering_niet_gepland"
VOG_AGEING = "mentor_vog_verloopt"


def _for_match(match, *, code: str, title: str, severity: str, due) -> Signal:
    trajectory = match.trajectory
    return trajectory_signal(
        code=code,
        title=title,
        severity=severity,
        due=due,
        trajectory_id=trajectory.pk,
        client_id=trajectory.client_id,
        client_name=trajectory.client.display_name,
        coordinator_id=trajectory.coordinator_id,
        substitute_id=trajectory.substitute_id,
    )


def mentor_contact_wanted(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    for report in selectors.contact_wanted(scope=scope):
        yield _for_match(
            report.match,
            code=CONTACT_WANTED,
            title=_("Mentor %(mentor)s wil graag contact (verslag van %(date)s)")
            % {
                "mentor": report.match.mentor.full_name,
                "date": date_format(report.met_on, "d-m-Y"),
            },
            severity=Severity.HIGH,
            due=report.met_on,
        )


def mentor_report_missing(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    for missing in selectors.missing_reports(scope=scope, today=today):
        since = missing.last_report_on or missing.match.started_on
        yield _for_match(
            missing.match,
            code=REPORT_MISSING,
            title=_("Geen mentorverslag sinds %(date)s (mentor %(mentor)s)")
            % {"date": date_format(since, "d-m-Y"), "mentor": missing.match.mentor.full_name},
            severity=Severity.MEDIUM,
            due=missing.due,
        )


def mentor_meeting_unplanned(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    due = selectors.meeting_overdue(scope=scope, today=today)
    if due is None:
        return []
    return [
        Signal(
            code=MEETING_UNPLANNED,
            title=_("De volgende mentorenvergadering is nog niet gepland"),
            severity=Severity.MEDIUM if due <= today else Severity.LOW,
            due=due,
            subject=str(_("Mentorenvergadering")),
            url=reverse("mentoring:meeting_list"),
        )
    ]


def mentor_vog_ageing(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    for ageing in selectors.vog_ageing(scope=scope, today=today):
        expired = ageing.expires_on <= today
        yield Signal(
            code=VOG_AGEING,
            title=(
                _("VOG is verlopen sinds %(date)s") if expired else _("VOG verloopt op %(date)s")
            )
            % {"date": date_format(ageing.expires_on, "d-m-Y")},
            severity=Severity.HIGH if expired else Severity.LOW,
            due=ageing.expires_on,
            subject=ageing.mentor.full_name,
            url=reverse("mentoring:mentor_detail", args=[ageing.mentor.pk]),
        )


PROVIDERS = (
    mentor_contact_wanted,
    mentor_report_missing,
    mentor_meeting_unplanned,
    mentor_vog_ageing,
)


def mentoring_signals(scope: Scope, today: datetime.date) -> list[Signal]:
    """All mentoring signals; one query when the organisation has no mentors."""
    if not selectors.has_mentors(scope=scope):
        return []
    return [signal for provider in PROVIDERS for signal in provider(scope, today)]


register(mentoring_signals, roles=CASEWORK_ROLES)
