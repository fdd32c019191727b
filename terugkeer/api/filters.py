"""Filters on the worklist fields (django-filter), by value: status, coordinator id, CBS code."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from terugkeer.assessments.models import Measurement
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.detention.choices import NotificationKind, NotificationStatus
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.mentoring.models import MentorMatch


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number (``1.5`` or ``1e9`` is refused, naming the parameter). An id that
    does not exist or is not visible gives an empty list, never an error."""

    field_class = forms.IntegerField


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (also ``1``/``0``); anything else is refused instead of ignored."""

    widget = forms.TextInput  # the raw text: the select widget would turn garbage into None

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        if value in (None, ""):
            return None
        if value in ("true", "True", "1"):
            return True
        if value in ("false", "False", "0"):
            return False
        raise ValidationError(_("Kies true of false."), code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    """An empty value (``?status=``) of a filter that is not free text is refused, naming the
    parameter, instead of silently meaning "no filter"."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if self.data.get(name, None) == "" and not isinstance(
                declared, django_filters.CharFilter
            ):
                self.form.add_error(name, _("Laat deze parameter weg of geef een waarde."))
                valid = False
        return valid


class TrajectoryFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=TrajectoryStatus.choices)
    coordinator = IdFilter(field_name="coordinator_id")
    queue = StrictBooleanFilter(field_name="coordinator", lookup_expr="isnull")
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    client = IdFilter(field_name="client_id")

    class Meta:
        model = Trajectory
        fields = ["status", "coordinator", "queue", "municipality", "client"]


class ClientFilter(StrictFilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    bsn = django_filters.CharFilter()

    class Meta:
        model = Client
        fields = ["municipality", "bsn"]


class NotificationFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=NotificationStatus.choices)
    kind = django_filters.ChoiceFilter(choices=NotificationKind.choices)
    client = IdFilter(field_name="client_id")

    class Meta:
        model = DetentionNotification
        fields = ["status", "kind", "client"]


class DetentionFilter(StrictFilterSet):
    client = IdFilter(field_name="client_id")

    class Meta:
        model = Detention
        fields = ["client"]


class MeasurementFilter(StrictFilterSet):
    trajectory = IdFilter(field_name="trajectory_id")

    class Meta:
        model = Measurement
        fields = ["trajectory", "kind"]


class MentorMatchFilter(StrictFilterSet):
    trajectory = IdFilter(field_name="trajectory_id")
    active = StrictBooleanFilter(field_name="ended_on", lookup_expr="isnull")

    class Meta:
        model = MentorMatch
        fields = ["trajectory", "active"]
