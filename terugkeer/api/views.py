"""The read resources of /api/v1/: thin viewsets over ``visible_to`` with the access log."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied

from terugkeer.api import filters, serializers
from terugkeer.api.permissions import api_client_of
from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.clients.models import Client
from terugkeer.core.access import Action, ReasonRequired, require_stated_reason
from terugkeer.core.access_log import record_access, record_list_access
from terugkeer.detention.models import Detention
from terugkeer.mentoring.models import MentorMatch

# Any path segment: an id that is not a number answers the API's own 404 (problem details), not
# the site's HTML page.
ID_PATTERN = r"[^/]+"


def access_purpose(request) -> str:
    api_client = api_client_of(request)
    return f"API: {api_client.name}" if api_client else "API"


class ScopedReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and detail of ``model`` as the caller's scope sees it; every read is logged."""

    model = None
    scope_group = "casework"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "head", "options"]

    @property
    def scope(self):
        return self.request.scope

    def visible(self, action: str = Action.VIEW):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no scope
            return self.model.objects.none()
        return self.model.objects.visible_to(self.scope, action=action)

    def get_queryset(self):
        return self.visible()

    def logged_subjects(self, objects):
        return objects

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        record_list_access(
            request._request, self.logged_subjects(page), purpose=access_purpose(request)
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        record_access(request._request, instance, purpose=access_purpose(request))
        response = super().retrieve(request, *args, **kwargs)
        if hasattr(instance, "version"):
            response["ETag"] = f'"{instance.version}"'
        return response

    def get_object(self):
        if getattr(self, "_object", None) is None:
            found = super().get_object()
            try:
                # Break the glass: a shielded dossier read beyond the reader's assignment needs
                # a reason stated on its page in Terugkeer first; the API has no such page.
                require_stated_reason(self.scope, found)
            except ReasonRequired as exc:
                raise PermissionDenied(
                    _(
                        "Dit dossier is afgeschermd. Geef eerst in Terugkeer een reden op om het "
                        "in te zien."
                    )
                ) from exc
            self._object = found
        return self._object


@extend_schema(tags=["clienten"])
class ClientViewSet(ScopedReadViewSet):
    model = Client
    serializer_class = serializers.ClientSerializer
    filterset_class = filters.ClientFilter
    lookup_url_kwarg = "client_pk"

    def get_queryset(self):
        return self.visible().select_related("municipality")


@extend_schema(tags=["detenties"])
class DetentionViewSet(ScopedReadViewSet):
    model = Detention
    serializer_class = serializers.DetentionSerializer
    filterset_class = filters.DetentionFilter
    lookup_url_kwarg = "detention_pk"

    def get_queryset(self):
        return self.visible().select_related("institution", "client")

    def logged_subjects(self, objects):
        return [detention.client for detention in objects]


@extend_schema(tags=["metingen"])
class MeasurementViewSet(ScopedReadViewSet):
    model = Measurement
    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter
    lookup_url_kwarg = "measurement_pk"

    def get_queryset(self):
        scores = DomainScore.objects.select_related("item").order_by("item__position", "pk")
        return (
            self.visible()
            .select_related("instrument", "trajectory__client")
            .prefetch_related(Prefetch("scores", queryset=scores))
        )

    def logged_subjects(self, objects):
        return [measurement.trajectory.client for measurement in objects]


@extend_schema(tags=["mentoring"])
class MentorMatchViewSet(ScopedReadViewSet):
    """Matches of a mentor with a participant's trajectory, as casework sees them on the dossier
    (``mentoring.access``: through the trajectory, so a shielded one answers 404)."""

    model = MentorMatch
    serializer_class = serializers.MentorMatchSerializer
    filterset_class = filters.MentorMatchFilter
    lookup_url_kwarg = "mentor_match_pk"

    def get_queryset(self):
        return self.visible().select_related("trajectory__client")

    def logged_subjects(self, objects):
        return [match.trajectory.client for match in objects]
