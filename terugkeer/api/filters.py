"""Filters on the worklist fields (django-filter), by value: status, coordinator id, CBS code."""

import django_filters

from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.detention.choices import NotificationKind, NotificationStatus
from terugkeer.detention.models import DetentionNotification


class TrajectoryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=TrajectoryStatus.choices)
    coordinator = django_filters.NumberFilter(field_name="coordinator_id")
    queue = django_filters.BooleanFilter(field_name="coordinator", lookup_expr="isnull")
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    client = django_filters.NumberFilter(field_name="client_id")

    class Meta:
        model = Trajectory
        fields = ["status", "coordinator", "queue", "municipality", "client"]


class ClientFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    bsn = django_filters.CharFilter()

    class Meta:
        model = Client
        fields = ["municipality", "bsn"]


class NotificationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=NotificationStatus.choices)
    kind = django_filters.ChoiceFilter(choices=NotificationKind.choices)
    client = django_filters.NumberFilter(field_name="client_id")

    class Meta:
        model = DetentionNotification
        fields = ["status", "kind", "client"]
