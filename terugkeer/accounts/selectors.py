"""Reads about organisations, users and memberships."""

from terugkeer.accounts.models import Membership, Organisation, User


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
