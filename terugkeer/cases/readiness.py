"""Release readiness: is every basisvoorwaarde arranged before the client walks out?"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from terugkeer.cases.choices import SETTLED_TRIAGE, Programme, TriageStatus
from terugkeer.cases.models import DomainAssessment, Trajectory
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
