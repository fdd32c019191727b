"""Reads of the detention app used by the intake (no access policy: background classification)."""

from __future__ import annotations

from terugkeer.detention.models import Detention, PenitentiaryInstitution


def institution_named(name: str) -> PenitentiaryInstitution | None:
    """The PI whose name matches (case-insensitive), or None for an empty or unknown name."""
    name = name.strip()
    return PenitentiaryInstitution.objects.filter(name__iexact=name).first() if name else None


def running_detention(client, dji_number: str) -> Detention | None:
    """The client's detention without an end: the one with this DJI number, else the latest."""
    detentions = Detention.objects.filter(client=client, actual_end__isnull=True)
    if dji_number:
        matched = detentions.filter(dji_number=dji_number).order_by("-start_date").first()
        if matched:
            return matched
    return detentions.order_by("-start_date").first()
