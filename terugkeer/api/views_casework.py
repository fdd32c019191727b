"""Trajectories (read, edit with If-Match, transition) and meldingen (read, push)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from terugkeer.api import filters, idempotency, serializers
from terugkeer.api.intake import (
    NotificationsRefused,
    notifications_receive,
    outcome_json,
    parse_notifications,
)
from terugkeer.api.problems import PreconditionFailed, PreconditionRequired, Problem
from terugkeer.api.views import ScopedReadViewSet, access_purpose
from terugkeer.cases import services
from terugkeer.cases.models import (
    Action as PlanAction,
)
from terugkeer.cases.models import (
    Contact,
    DomainAssessment,
    Goal,
    StatusChange,
    Trajectory,
)
from terugkeer.cases.selectors import trajectory_for
from terugkeer.core.access import Action
from terugkeer.core.access_log import record_access
from terugkeer.core.locking import StaleObjectError
from terugkeer.detention.models import DetentionNotification

IF_MATCH_PATTERN = r'^(?:W/)?"?([0-9]+)"?$'
IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": IF_MATCH_PATTERN},
    OpenApiParameter.HEADER,
    required=True,
    description='De versie uit de ETag van het traject, bijv. "3".',
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Een unieke sleutel per aanlevering: dezelfde sleutel nogmaals geeft het eerste "
    "antwoord terug en maakt niets aan.",
)


def expected_version(request, current: int) -> int:
    """The version in ``If-Match``: required (428), and the current one (412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired(
            _("Stuur de versie van het traject mee in de header If-Match (de ETag).")
        )
    match = re.fullmatch(IF_MATCH_PATTERN, header)
    if match is None:
        raise Problem(
            400,
            _('If-Match moet een versie zijn, bijv. "3".'),
            [{"field": "If-Match", "detail": _("Geen geldige versie.")}],
        )
    version = int(match[1])
    if version != current:
        raise PreconditionFailed(
            _(
                "Het traject is intussen gewijzigd (versie %(current)s, u stuurde %(sent)s). "
                "Er is niets gewijzigd; haal het opnieuw op."
            )
            % {"current": current, "sent": version}
        )
    return version


def _with_etag(response: Response, trajectory: Trajectory) -> Response:
    response["ETag"] = f'"{trajectory.version}"'
    return response


@extend_schema(tags=["trajecten"])
class TrajectoryViewSet(mixins.UpdateModelMixin, ScopedReadViewSet):
    model = Trajectory
    serializer_class = serializers.TrajectorySerializer
    filterset_class = filters.TrajectoryFilter
    lookup_url_kwarg = "trajectory_pk"
    http_method_names = ["get", "head", "options", "patch", "post"]
    object_checks_change = True  # trajectory_for answers 403 for a role that only reads

    def get_queryset(self):
        queryset = self.visible().select_related("municipality")
        if self.action != "retrieve":
            return queryset
        scope = self.scope
        return queryset.prefetch_related(
            Prefetch(
                "status_changes",
                # History rows are the trajectory's own (no rule of their own): the
                # trajectory was read through visible_to above.
                queryset=StatusChange.objects.order_by("changed_at", "pk"),
            ),
            Prefetch(
                "domain_assessments",
                queryset=DomainAssessment.objects.visible_to(scope)
                .select_related("domain")
                .order_by("domain__order", "pk"),
            ),
            Prefetch("goals", queryset=Goal.objects.visible_to(scope).select_related("domain")),
            Prefetch(
                "actions",
                queryset=PlanAction.objects.visible_to(scope).select_related("domain"),
            ),
            Prefetch("contacts", queryset=Contact.objects.visible_to(scope).order_by("date", "pk")),
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.TrajectoryDetailSerializer
        return super().get_serializer_class()

    def logged_subjects(self, objects):
        return objects

    @extend_schema(
        parameters=[IF_MATCH],
        request=serializers.TrajectoryUpdateSerializer,
        responses={200: serializers.TrajectorySerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        trajectory = trajectory_for(self.scope, kwargs["trajectory_pk"], action=Action.CHANGE)
        version = expected_version(request, trajectory.version)
        incoming = serializers.TrajectoryUpdateSerializer(
            trajectory, data=request.data, partial=True, scope=self.scope
        )
        incoming.is_valid(raise_exception=True)
        try:
            updated = services.trajectory_update(
                trajectory=trajectory,
                expected_version=version,
                changes=dict(incoming.validated_data),
            )
        except StaleObjectError as stale:
            raise PreconditionFailed(stale.message) from stale
        except ValidationError as refused:
            raise Problem(400, " ".join(refused.messages), _validation_errors(refused)) from None
        record_access(request._request, updated, purpose=access_purpose(request))
        return _with_etag(Response(serializers.TrajectorySerializer(updated).data), updated)

    def update(self, request, *args, **kwargs):  # PUT is not offered: edits are partial
        return self.http_method_not_allowed(request, *args, **kwargs)

    @extend_schema(
        parameters=[IF_MATCH],
        request=serializers.TransitionSerializer,
        responses={200: serializers.TrajectorySerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, *args, **kwargs):
        """One step in the workflow (not release or closing), as on the overview."""
        trajectory = trajectory_for(self.scope, kwargs["trajectory_pk"], action=Action.CHANGE)
        version = expected_version(request, trajectory.version)
        incoming = serializers.TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            updated = services.trajectory_transition(
                trajectory=trajectory,
                to_status=incoming.validated_data["to_status"],
                user=request.user,
                expected_version=version,
                note=incoming.validated_data["note"],
            )
        except StaleObjectError as stale:
            raise PreconditionFailed(stale.message) from stale
        except ValidationError as refused:
            raise Problem(
                422,
                " ".join(refused.messages),
                [{"field": "to_status", "detail": " ".join(refused.messages)}],
            ) from None
        record_access(request._request, updated, purpose=access_purpose(request))
        return _with_etag(Response(serializers.TrajectorySerializer(updated).data), updated)


def _validation_errors(refused: ValidationError) -> list[dict]:
    if hasattr(refused, "error_dict"):
        return [
            {"field": None if name == "__all__" else name, "detail": message}
            for name, messages in refused.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "detail": message} for message in refused.messages]


@extend_schema(tags=["meldingen"])
class NotificationViewSet(mixins.CreateModelMixin, ScopedReadViewSet):
    model = DetentionNotification
    serializer_class = serializers.NotificationSerializer
    filterset_class = filters.NotificationFilter
    scope_group = "intake"
    lookup_url_kwarg = "notification_pk"
    http_method_names = ["get", "head", "options", "post"]

    def get_queryset(self):
        return self.visible().select_related("municipality", "client")

    def logged_subjects(self, objects):
        return [n.client if n.client_id else n for n in objects]

    @extend_schema(
        parameters=[IDEMPOTENCY_KEY],
        # One melding or a non-empty list: see api.schema.notifications_body_hook.
        request=serializers.NotificationInSerializer(many=True),
        responses={
            201: serializers.NotificationReceiptSerializer,
            200: serializers.NotificationReceiptSerializer,
        },
        description="Eén melding (een object) of een lijst meldingen, met de velden van de "
        "bestandsimport. Alles of niets: één afgewezen melding en er wordt niets vastgelegd.",
    )
    def create(self, request, *args, **kwargs):
        key = idempotency.idempotency_key(request)
        if key is not None:
            record = idempotency.replayed(request, key)
            if record is not None:
                response = Response(record.response_body, status=record.status_code)
                response["Idempotent-Replayed"] = "true"
                return response
        items = request.data
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list) or not items:
            raise Problem(
                400,
                _("Stuur één melding (een object) of een lijst meldingen."),
                [{"field": None, "detail": _("Geen melding ontvangen.")}],
            )
        try:
            entries = parse_notifications(items)
            with transaction.atomic(), idempotency.claimed(request, key) as store:
                results = notifications_receive(
                    organisation=self.scope.organisation,
                    entries=entries,
                    registered_by=request.user,
                )
                body = _receipt(results)
                code = status.HTTP_201_CREATED if body["created"] else status.HTTP_200_OK
                store(code, body)
        except NotificationsRefused as refused:
            raise Problem(
                400,
                _("%(n)s melding(en) afgewezen; er is niets vastgelegd.")
                % {"n": len({e.index for e in refused.errors})},
                [error.as_dict() for error in refused.errors],
            ) from None
        return Response(body, status=code)


def _receipt(results) -> dict:
    rows = [outcome_json(number, result) for number, result in results]
    created = sum(1 for row in rows if row["created"])
    return {"created": created, "duplicates": len(rows) - created, "results": rows}
