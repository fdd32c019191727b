"""Release readiness: is every basisvoorwaarde arranged before the client walks out? And what is
still open when a trajectory is released or closed (the confirmation step shows it)?"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from terugkeer.cases.choices import SETTLED_TRIAGE, ClosingReason, Programme, TriageStatus
from terugkeer.cases.lifecycle_services import check_closing, open_need_names
from terugkeer.cases.models import Action, DomainAssessment, Trajectory
from terugkeer.cases.services import domains_of

WARNING_DAYS = 14


@dataclass(frozen=True)
class DomainReadiness:
    domain: object
    assessment: DomainAssessment | None
    status_label: str
    settled: bool


@dataclass(frozen=True)
class Readiness:
    domains: list[DomainReadiness]
    expected_release: datetime.date | None
    days_to_release: int | None

    @property
    def open_domains(self) -> list[DomainReadiness]:
        return [d for d in self.domains if not d.settled]

    @property
    def warning(self) -> bool:
        """Release within 14 days (calendar days) while a basisvoorwaarde is still open."""
        return (
            self.days_to_release is not None
            and 0 <= self.days_to_release <= WARNING_DAYS
            and bool(self.open_domains)
        )


def release_readiness(*, trajectory: Trajectory, today: datetime.date) -> Readiness | None:
    """Per basisvoorwaarde whether it is arranged (None for re-integratie or after release)."""
    if trajectory.programme != Programme.AFTERCARE or trajectory.released_on:
        return None
    assessments = {a.domain_id: a for a in DomainAssessment.objects.filter(trajectory=trajectory)}
    rows = []
    for domain in domains_of(trajectory):
        assessment = assessments.get(domain.pk)
        status = assessment.status if assessment else TriageStatus.UNKNOWN
        rows.append(
            DomainReadiness(
                domain=domain,
                assessment=assessment,
                status_label=str(TriageStatus(status).label),
                settled=status in SETTLED_TRIAGE,
            )
        )
    expected = trajectory.detention.expected_end if trajectory.detention else None
    days = (expected - today).days if expected else None
    return Readiness(domains=rows, expected_release=expected, days_to_release=days)


@dataclass(frozen=True)
class OpenWork:
    """What is not done yet, by name: for the second look before a release or a closing."""

    domains: list[str]  # basisvoorwaarden / leefgebieden not arranged (incl. not yet triaged)
    needs: list[str]  # of those, the ones with an open help request (hulpvraag, in behandeling)
    actions: list[str]  # plan actions not done
    aftercare_until: datetime.date | None  # aftercare still running after the date asked about

    @property
    def empty(self) -> bool:
        return not (self.domains or self.actions or self.aftercare_until)


def open_work(*, trajectory: Trajectory, on: datetime.date) -> OpenWork:
    """Everything still open on the trajectory on ``on`` (a release or closing date)."""
    statuses = dict(
        DomainAssessment.objects.filter(trajectory=trajectory).values_list("domain_id", "status")
    )
    domains = [
        domain.name
        for domain in domains_of(trajectory)
        if statuses.get(domain.pk, TriageStatus.UNKNOWN) not in SETTLED_TRIAGE
    ]
    actions = list(
        Action.objects.filter(trajectory=trajectory, done_on__isnull=True)
        .order_by("due_date", "pk")
        .values_list("description", flat=True)
    )
    running = trajectory.aftercare_end if trajectory.released_on else None
    return OpenWork(
        domains=domains,
        needs=open_need_names(trajectory),
        actions=actions,
        aftercare_until=running if running and running > on else None,
    )


# A release is plausible (its form is open on the overview) from this many days before the
# expected release date; before that the form is folded away (an early release still can be).
PLAUSIBLE_DAYS = WARNING_DAYS


def release_expected_on(trajectory: Trajectory) -> datetime.date | None:
    detention = trajectory.detention
    return detention.expected_end if detention else None


def release_plausible(trajectory: Trajectory, today: datetime.date) -> bool:
    """No expected date known, or it is at most two weeks ahead (or already past)."""
    expected = release_expected_on(trajectory)
    return expected is None or (expected - today).days <= PLAUSIBLE_DAYS


@dataclass(frozen=True)
class Confirmation:
    """The second look before a release or a closing: what will happen and what is still open."""

    action: str
    title: str
    button: str
    form: object
    open: OpenWork
    fields: list  # the bound form's fields to carry as hidden inputs (all but ``confirmed``)


def confirmation(action: str, trajectory: Trajectory, form) -> Confirmation:
    """The confirmation of a valid release or closing form; the closing's rules are checked
    first (``TransitionRefused`` for the form), so a confirmed submit is not refused for them."""
    data = form.cleaned_data
    if action == "release":
        on = data["release_date"]
        title = _("Vrijlating op %(date)s registreren?") % {"date": on.strftime("%d-%m-%Y")}
        button = _("Ja, vrijlating registreren")
    else:
        check_closing(trajectory=trajectory, reason=data["reason"], note=data["note"])
        on = data["closed_on"]
        title = _("Traject afsluiten op %(date)s met reden ‘%(reason)s’?") % {
            "date": on.strftime("%d-%m-%Y"),
            "reason": ClosingReason(data["reason"]).label,
        }
        button = _("Ja, traject afsluiten")
    return Confirmation(
        action=action,
        title=title,
        button=button,
        form=form,
        open=open_work(trajectory=trajectory, on=on),
        fields=[field for field in form if field.name != "confirmed"],
    )
