"""Writes on trajectories: opening, the workflow, release, closing, edits and reassignment.

Every function is keyword-only and atomic; status changes are append-only ``StatusChange`` rows,
the current status is denormalised on the trajectory.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.cases import workflow
from terugkeer.cases.choices import (
    CLIENT_CONTACT_KINDS,
    Programme,
    SnapshotMoment,
    Source,
    TrajectoryStatus,
    TriageStatus,
)
from terugkeer.cases.models import (
    Contact,
    DefaultCoordinator,
    Domain,
    DomainAssessment,
    DomainSnapshot,
    ProgrammeDefinition,
    StatusChange,
    Trajectory,
)
from terugkeer.clients.models import Client
from terugkeer.core.calendar import add_working_days
from terugkeer.core.locking import StaleObjectError, save_versioned

FIRST_CONTACT_WORKING_DAYS = 5


class TransitionRefused(ValidationError):
    """A status change the workflow does not allow, with a Dutch message."""


def _locked(trajectory: Trajectory, expected_version: int | None = None) -> Trajectory:
    current = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleObjectError(current)
    return current


def _change_status(
    trajectory: Trajectory,
    *,
    to_status: str,
    effective_on: datetime.date,
    user: User | None,
    reason: str = "",
    note: str = "",
) -> None:
    """Record one step (the caller holds the row lock and saves the trajectory)."""
    if not workflow.is_allowed(trajectory.programme, trajectory.status, to_status):
        raise TransitionRefused(
            _("Van '%(from)s' naar '%(to)s' is geen toegestane stap in dit traject.")
            % {
                "from": TrajectoryStatus(trajectory.status).label,
                "to": TrajectoryStatus(to_status).label,
            },
            code="transition",
        )
    if trajectory.status == TrajectoryStatus.INTAKE:
        _snapshot(trajectory, SnapshotMoment.INTAKE, effective_on)
    StatusChange.objects.create(
        trajectory=trajectory,
        from_status=trajectory.status,
        to_status=to_status,
        effective_on=effective_on,
        changed_by=user,
        reason=reason,
        note=note,
    )
    trajectory.status = to_status
    trajectory.version += 1


@transaction.atomic
def trajectory_transition(
    *,
    trajectory: Trajectory,
    to_status: str,
    user: User | None,
    expected_version: int | None = None,
    effective_on: datetime.date | None = None,
    note: str = "",
) -> Trajectory:
    """One step forward in the workflow (not release or closing: they have their own services)."""
    current = _locked(trajectory, expected_version)
    if to_status in workflow.RELEASE_ONLY_TARGETS:
        raise TransitionRefused(
            _("De nazorg begint met het registreren van de vrijlating."), code="release_only"
        )
    if to_status == TrajectoryStatus.CLOSED:
        raise TransitionRefused(_("Sluit het traject af met een reden."), code="close_only")
    _change_status(
        current,
        to_status=to_status,
        effective_on=effective_on or timezone.localdate(),
        user=user,
        note=note,
    )
    current.save()
    return current


@transaction.atomic
def trajectory_open(
    *,
    organisation: Organisation,
    client: Client,
    programme: str,
    source: str,
    user: User | None,
    opened_on: datetime.date | None = None,
    coordinator: User | None = None,
    source_note: str = "",
) -> Trajectory:
    """Open a trajectory by hand (a re-integratie participant, a self-referral, a referral)."""
    if not ProgrammeDefinition.objects.filter(code=programme, organisations=organisation).exists():
        raise ValidationError(
            _("Uw organisatie voert het programma '%(programme)s' niet uit.")
            % {"programme": Programme(programme).label},
            code="programme",
        )
    if client.organisation_id != organisation.pk:
        raise ValidationError(_("Deze cliënt hoort niet bij uw organisatie."), code="client")
    if Trajectory.objects.open().filter(client=client, programme=programme).exists():
        raise ValidationError(
            _("Deze cliënt heeft al een lopend traject in dit programma."), code="duplicate"
        )
    try:
        with transaction.atomic():  # a savepoint: a concurrent open loses on the constraint
            return trajectory_create(
                organisation=organisation,
                client=client,
                programme=programme,
                source=source,
                source_note=source_note,
                municipality_id=client.municipality_id,
                coordinator=coordinator,
                opened_on=opened_on or timezone.localdate(),
                user=user,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Deze cliënt heeft al een lopend traject in dit programma."), code="duplicate"
        ) from exc


def trajectory_create(
    *,
    organisation: Organisation,
    client: Client,
    programme: str,
    source: str,
    opened_on: datetime.date,
    municipality_id: int | None,
    user: User | None,
    coordinator: User | None = None,
    detention=None,
    source_note: str = "",
) -> Trajectory:
    """The one write that opens a trajectory, for every path (by hand, a melding, an import).

    Callers check first (``trajectory_open`` the programme and a running trajectory, the intake
    its classification); this writes the trajectory the same way for all: the default
    coordinator of the municipality when none is given, the first-contact deadline (five
    working days) and the first step of its history. The database allows one open trajectory
    per client and programme; a caller racing another gets the IntegrityError.
    """
    if coordinator is None and municipality_id:
        default = DefaultCoordinator.objects.filter(
            organisation=organisation, municipality_id=municipality_id
        ).first()
        coordinator = default.coordinator if default else None
    trajectory = Trajectory.objects.create(
        organisation=organisation,
        client=client,
        programme=programme,
        source=source,
        source_note=source_note,
        municipality_id=municipality_id,
        coordinator=coordinator,
        detention=detention,
        opened_on=opened_on,
        first_contact_due=add_working_days(opened_on, FIRST_CONTACT_WORKING_DAYS),
    )
    StatusChange.objects.create(
        trajectory=trajectory,
        to_status=trajectory.status,
        effective_on=opened_on,
        changed_by=user,
        note=str(Source(source).label),
    )
    return trajectory


# Fields a coordinator edits on the overview (versioned, optimistic locking).
EDITABLE_FIELDS = (
    "category",
    "lead",
    "probation_supervision",
    "coordinator",
    "substitute",
    "shielded",
    "offer_status",
    "offer_date",
    "cohort_tag",
)


def trajectory_update(
    *, trajectory: Trajectory, expected_version: int, changes: dict[str, Any]
) -> Trajectory:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return save_versioned(trajectory, expected_version=expected_version, changes=changes)


# --- Dossier: contacts and triage --------------------------------------------------------------


@transaction.atomic
def contact_register(
    *,
    trajectory: Trajectory,
    kind: str,
    date: datetime.date,
    user: User,
    place: str = "",
    participants: str = "",
    notes: str = "",
) -> Contact:
    """Register a contactmoment. The first contact with the client moves 'aangemeld' on."""
    current = _locked(trajectory)
    if date > timezone.localdate():
        raise ValidationError(_("Een contactmoment kan niet in de toekomst liggen."), code="date")
    contact = Contact.objects.create(
        trajectory=current,
        kind=kind,
        date=date,
        place=place,
        participants=participants,
        notes=notes,
        registered_by=user,
    )
    if kind in CLIENT_CONTACT_KINDS and current.first_contact_on is None:
        current.first_contact_on = date
        if (
            current.programme == Programme.AFTERCARE
            and current.status == TrajectoryStatus.REGISTERED
        ):
            _change_status(
                current, to_status=TrajectoryStatus.IN_CONTACT, effective_on=date, user=user
            )
        else:
            current.version += 1
        current.save()
    return contact


def trajectory_record_first_contact(
    *, trajectory: Trajectory, contact_date: datetime.date, user: User | None = None
) -> Trajectory:
    """Shortcut used by demo data: a telephone contact on ``contact_date``."""
    contact_register(
        trajectory=trajectory,
        kind="telefoon",
        date=contact_date,
        user=user or trajectory.coordinator or _any_user(trajectory),
    )
    return Trajectory.objects.get(pk=trajectory.pk)


def _any_user(trajectory: Trajectory) -> User:
    return trajectory.organisation.memberships.select_related("user").first().user


def domains_of(trajectory: Trajectory) -> list[Domain]:
    return list(Domain.objects.filter(programme__code=trajectory.programme).order_by("order"))


@transaction.atomic
def domain_assessment_set(
    *,
    trajectory: Trajectory,
    domain: Domain,
    status: str,
    note: str = "",
    health_insurance: bool | None = None,
    expected_version: int | None = None,
) -> DomainAssessment:
    """Set the triage of one domain (history kept; optimistic locking).

    ``expected_version`` is the version the user saw, 0 while the domain had no triage (None:
    whatever is there, for demo data and services). Two first triages at the same moment both
    find no row; the unique constraint lets one insert win and the other is refused as stale.
    """
    if domain.programme.code != trajectory.programme:
        raise ValidationError(_("Dit domein hoort niet bij het programma van dit traject."))
    assessment = (
        DomainAssessment.objects.select_for_update()
        .filter(trajectory=trajectory, domain=domain)
        .first()
    )
    changes = {"status": status, "note": note, "health_insurance": health_insurance}
    if assessment is None:
        if expected_version:
            raise ValidationError(_("Deze triage bestaat niet meer. Open de pagina opnieuw."))
        assessment = DomainAssessment(trajectory=trajectory, domain=domain, **changes)
        assessment.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                assessment.save()
        except IntegrityError:  # a colleague's first triage of this domain just won
            raise StaleObjectError(
                DomainAssessment.objects.get(trajectory=trajectory, domain=domain)
            ) from None
        return assessment
    if expected_version == 0:
        raise StaleObjectError(assessment)
    return save_versioned(
        assessment,
        expected_version=assessment.version if expected_version is None else expected_version,
        changes=changes,
    )


# The step before the intake, per programme: when every domain is triaged there, the status
# follows the work to "intake" (manual steps stay possible).
BEFORE_INTAKE = {
    Programme.AFTERCARE: TrajectoryStatus.IN_CONTACT,
    Programme.REINTEGRATION: TrajectoryStatus.REGISTERED,
}


@transaction.atomic
def trajectory_follow_triage(*, trajectory: Trajectory, user: User | None) -> bool:
    """Move the trajectory to 'intake' once every domain has a triage (not 'onbekend')."""
    if trajectory.status != BEFORE_INTAKE.get(trajectory.programme):
        return False
    domain_ids = {d.pk for d in domains_of(trajectory)}
    triaged = set(
        DomainAssessment.objects.filter(trajectory=trajectory)
        .exclude(status=TriageStatus.UNKNOWN)
        .values_list("domain_id", flat=True)
    )
    if not domain_ids <= triaged:
        return False
    current = _locked(trajectory)
    if current.status != BEFORE_INTAKE[current.programme]:
        return False  # a colleague moved it meanwhile
    _change_status(
        current,
        to_status=TrajectoryStatus.INTAKE,
        effective_on=timezone.localdate(),
        user=user,
        note=_("Alle domeinen zijn getrieerd."),
    )
    current.save()
    return True


def _snapshot(trajectory: Trajectory, moment: str, taken_on: datetime.date) -> None:
    """Capture every domain's triage status at ``moment`` (once per moment)."""
    if DomainSnapshot.objects.filter(trajectory=trajectory, moment=moment).exists():
        return
    current = {a.domain_id: a for a in DomainAssessment.objects.filter(trajectory=trajectory)}
    DomainSnapshot.objects.bulk_create(
        [
            DomainSnapshot(
                trajectory=trajectory,
                moment=moment,
                domain=domain,
                status=current[domain.pk].status if domain.pk in current else "onbekend",
                health_insurance=(
                    current[domain.pk].health_insurance if domain.pk in current else None
                ),
                taken_on=taken_on,
            )
            for domain in domains_of(trajectory)
        ]
    )
