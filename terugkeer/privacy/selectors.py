"""Reads of the privacy app: the access log for the privacy officer, clients, requests."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from terugkeer.core.access import Action, Scope, get_visible_or_404
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.privacy.choices import OPEN_STATUSES
from terugkeer.privacy.models import PrivacySettings, SubjectRequest


def privacy_officer_clients(scope: Scope | None) -> QuerySet:
    """The organisation's clients for its privacy officer (through the one policy); nothing for
    anyone else, even a role that reads clients for casework."""
    from terugkeer.clients.models import Client

    if scope is None or scope.role != Role.PRIVACY_OFFICER:
        return Client.objects.none()
    return Client.objects.visible_to(scope, action=Action.VIEW)


def access_log_for(*, scope: Scope | None) -> QuerySet[AccessLogEntry]:
    """The access log of the scope's organisation, newest first; only for its privacy officer."""
    if scope is None or scope.role != Role.PRIVACY_OFFICER:
        return AccessLogEntry.objects.none()
    return (
        AccessLogEntry.objects.filter(organisation=scope.organisation)
        .select_related("user", "subject_type")
        .order_by("-created_at", "-id")
    )


def client_type() -> ContentType:
    return ContentType.objects.get_by_natural_key("clients", "client")


def trajectory_type() -> ContentType:
    return ContentType.objects.get_by_natural_key("cases", "trajectory")


def client_dossier_condition(client_ids) -> Q:
    """Log rows about these clients' dossiers: the client itself and each of its trajectories."""
    from terugkeer.cases.models import Trajectory

    ids = list(client_ids)
    trajectory_ids = Trajectory.objects.filter(client_id__in=ids).values_list("pk", flat=True)
    return Q(subject_type=client_type(), subject_id__in=[str(pk) for pk in ids]) | Q(
        subject_type=trajectory_type(), subject_id__in=[str(pk) for pk in trajectory_ids]
    )


def client_access_log(*, scope: Scope, client) -> QuerySet[AccessLogEntry]:
    """'Wie heeft dit dossier ingezien': every read of the client or one of its trajectories."""
    return access_log_for(scope=scope).filter(client_dossier_condition([client.pk]))


def client_for(*, scope: Scope, pk):
    """One client of the organisation, for its privacy officer (404 otherwise)."""
    return get_visible_or_404(privacy_officer_clients(scope), pk=pk)


def client_by_bsn(*, scope: Scope, bsn: str):
    """The organisation's client with this BSN, or None."""
    return privacy_officer_clients(scope).filter(bsn=bsn).first()


def settings_for(organisation) -> PrivacySettings:
    """The organisation's thresholds; the defaults (unsaved) where none were set."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)


def requests_for(*, scope: Scope) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.visible_to(scope).select_related(
        "client", "handled_by", "registered_by"
    )


def open_requests(*, scope: Scope) -> QuerySet[SubjectRequest]:
    return requests_for(scope=scope).filter(status__in=OPEN_STATUSES)


def request_for(*, scope: Scope, pk) -> SubjectRequest:
    return get_visible_or_404(requests_for(scope=scope), pk=pk)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end (exclusive) of ``day`` in the local time zone, as aware datetimes."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end
