"""Reads about organisations, users and memberships."""

from django.utils import timezone

from terugkeer.accounts.models import Invitation, Membership, Organisation, User


def memberships_of(*, user: User) -> list[Membership]:
    """The active memberships of ``user``, with their organisation, in a stable order."""
    return list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_for_settings(*, organisation: Organisation) -> Organisation:
    return Organisation.objects.prefetch_related("municipalities").get(pk=organisation.pk)


def invitations_open(*, organisation: Organisation) -> list[Invitation]:
    """The organisation's invitations not yet accepted and not yet expired, newest first."""
    return list(
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).select_related("invited_by")
    )
