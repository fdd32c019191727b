"""Writes for organisations, users, memberships and two-factor devices."""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.choices import OrganisationKind
from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.accounts.municipality_reference import MunicipalityRow
from terugkeer.core.locking import save_versioned
from terugkeer.core.roles import Role

ACTIVE_ORGANISATION_SESSION_KEY = "terugkeer_active_organisation"


def active_organisation_set(
    *, session: SessionBase, user: User, organisation_id: int
) -> Membership:
    """Make ``organisation_id`` the session's active organisation (only one the user belongs to)."""
    membership = (
        Membership.objects.active()
        .select_related("organisation")
        .filter(user=user, organisation_id=organisation_id)
        .first()
    )
    if membership is None:
        raise PermissionDenied
    session[ACTIVE_ORGANISATION_SESSION_KEY] = membership.organisation_id
    return membership


def organisation_update_settings(
    *,
    organisation: Organisation,
    expected_version: int,
    name: str,
    aftercare_months: int,
) -> Organisation:
    """Change an organisation's settings, refusing an edit made against an older version."""
    return save_versioned(
        organisation,
        expected_version=expected_version,
        changes={"name": name, "aftercare_months": aftercare_months},
    )


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, municipalities: list[Municipality], aftercare_months: int = 3
) -> Organisation:
    organisation = Organisation(name=name, kind=kind, aftercare_months=aftercare_months)
    organisation.full_clean()
    organisation.save()
    organisation.municipalities.set(municipalities)
    return organisation


@transaction.atomic
def organisation_create_by_codes(
    *, name: str, kind: str, municipality_codes: list[str], aftercare_months: int = 3
) -> Organisation:
    """Create an organisation from CBS codes (operator command); Dutch errors, nothing half made."""
    name = name.strip()
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(f"Er bestaat al een organisatie met de naam “{name}”.")
    if kind not in OrganisationKind.values:
        raise ValidationError(
            f"Onbekende soort “{kind}”; kies uit: {', '.join(OrganisationKind.values)}."
        )
    codes = [code.strip().upper() for code in municipality_codes]
    found = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(f"Onbekende CBS-gemeentecode: {', '.join(unknown)}.")
    ended = [f"{code} {found[code].name}" for code in codes if not found[code].is_active]
    if ended:
        raise ValidationError(
            f"Opgeheven gemeente (niet meer te kiezen): {', '.join(ended)}; "
            "zie manage.py municipalities_update."
        )
    return organisation_create(
        name=name,
        kind=kind,
        municipalities=list(found.values()),
        aftercare_months=aftercare_months,
    )


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None) -> User:
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    return user


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, role: Role) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (replacing an earlier role there)."""
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role, "is_active": True}
    )
    return membership


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a user is enrolling with (created on first call, then reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolment when the user proves the app shows the right code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


@transaction.atomic
def totp_device_verify(*, device: TOTPDevice, token: str) -> bool:
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    return device.verify_token(token)


def totp_demo_code(device: TOTPDevice) -> str | None:
    """The code the user's app would show now, for the demo shortcut only (None elsewhere).

    Refused unless the settings allow the demo mode, which they do only with DEBUG on and the
    embedded database. A code can be used once, so it is the one for the next unused time step.
    """
    if not settings.TWO_FACTOR_DEMO_MODE:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


@dataclass(frozen=True)
class MunicipalityChanges:
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.renamed or self.ended or self.reactivated)


@transaction.atomic
def municipalities_update(
    *, rows: list[MunicipalityRow], dry_run: bool = False
) -> MunicipalityChanges:
    """Bring the municipalities in line with a full CBS list (after mergers).

    New codes are added, changed names or provinces updated, codes missing from the list marked
    inactive (never deleted: clients and trajectories refer to them). With ``dry_run`` nothing
    is written; the changes are only reported.
    """
    changes = MunicipalityChanges()
    existing = {m.cbs_code: m for m in Municipality.objects.select_for_update()}
    listed = {row.code for row in rows}
    for row in rows:
        municipality = existing.get(row.code)
        if municipality is None:
            changes.added.append(f"{row.code} {row.name}")
            if not dry_run:
                Municipality.objects.create(cbs_code=row.code, name=row.name, province=row.province)
            continue
        if municipality.name != row.name:
            changes.renamed.append(f"{row.code} {municipality.name} → {row.name}")
        if not municipality.is_active:
            changes.reactivated.append(f"{row.code} {row.name}")
        if (municipality.name, municipality.province, municipality.is_active) != (
            row.name,
            row.province or municipality.province,
            True,
        ) and not dry_run:
            municipality.name = row.name
            municipality.province = row.province or municipality.province
            municipality.is_active = True
            municipality.save()
    for code in sorted(set(existing) - listed):
        municipality = existing[code]
        if municipality.is_active:
            changes.ended.append(f"{code} {municipality.name}")
            if not dry_run:
                municipality.is_active = False
                municipality.save()
    return changes
