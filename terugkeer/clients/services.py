"""Writes of client data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terugkeer.clients.models import Client
from terugkeer.core.locking import save_versioned
from terugkeer.core.validators import normalise_bsn, normalise_postcode

# Fields a caseworker may change on the client page; organisation and version are never edited.
EDITABLE_FIELDS = frozenset(
    {
        "bsn",
        "initials",
        "first_names",
        "prefix",
        "surname",
        "birth_date",
        "sex",
        "address",
        "postcode",
        "city",
        "municipality",
        "phone",
        "email",
        "household",
        "minor_children",
        "notes",
    }
)


def bsn_taken_message() -> str:
    return _("Er is in uw organisatie al een andere cliënt met dit BSN.")


@transaction.atomic
def client_update(*, client: Client, expected_version: int, changes: dict[str, Any]) -> Client:
    """Change a client's personal data if nobody saved it since ``expected_version``.

    The BSN is normalised (nine digits) and must be unique within the organisation; the postcode
    is normalised to '1234 AB'. Raises ``StaleObjectError`` or ``ValidationError``.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes = dict(changes)
    if "bsn" in changes:
        changes["bsn"] = normalise_bsn(changes["bsn"])
        if (
            Client.objects.filter(organisation_id=client.organisation_id, bsn=changes["bsn"])
            .exclude(pk=client.pk)
            .exists()
        ):
            raise ValidationError({"bsn": bsn_taken_message()}, code="bsn_taken")
    if changes.get("postcode"):
        changes["postcode"] = normalise_postcode(changes["postcode"])
    if "municipality" in changes and changes["municipality"] is not None:
        served = client.organisation.municipalities.filter(pk=changes["municipality"].pk)
        if not served.exists():
            raise ValidationError(
                {"municipality": _("Deze gemeente wordt niet door uw organisatie bediend.")}
            )
    try:
        with transaction.atomic():
            return save_versioned(client, expected_version=expected_version, changes=changes)
    except IntegrityError as exc:  # a concurrent edit took the BSN between check and write
        raise ValidationError({"bsn": bsn_taken_message()}, code="bsn_taken") from exc


@transaction.atomic
def client_create(*, organisation, **fields: Any) -> Client:
    """Register a person without a notification (e.g. a re-integratie participant)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not settable: {sorted(unknown)}")
    fields["bsn"] = normalise_bsn(fields["bsn"])
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    if Client.objects.filter(organisation=organisation, bsn=fields["bsn"]).exists():
        raise ValidationError({"bsn": bsn_taken_message()})
    Client(organisation=organisation, **fields).full_clean()
    try:
        with transaction.atomic():
            return client_insert(organisation=organisation, **fields)
    except IntegrityError as exc:  # a colleague registered the same BSN just now
        raise ValidationError({"bsn": bsn_taken_message()}) from exc


def client_insert(*, organisation, **fields: Any) -> Client:
    """The one write that creates a client, for every path (by hand, a melding, an import).

    Callers validate first (``client_create`` the form's values, the intake its classification);
    this normalises the BSN and postcode, derives the initials from the first names when none
    are given, and saves. Two registrations of one BSN at the same moment: the database's unique
    constraint refuses the second with an IntegrityError, which the caller answers.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not settable: {sorted(unknown)}")
    fields["bsn"] = normalise_bsn(fields["bsn"])
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    if not fields.get("initials") and fields.get("first_names"):
        initials = "".join(f"{part[0]}." for part in fields["first_names"].split())
        fields["initials"] = initials[: Client._meta.get_field("initials").max_length]
    client = Client(organisation=organisation, **fields)
    client.save()
    return client
