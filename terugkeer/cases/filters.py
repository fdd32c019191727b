"""Filters and sorting of the 'Alle trajecten' worklist."""

import django_filters
from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.cases import selectors
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.detention.models import PenitentiaryInstitution

# The whitelist of ``sort`` values and what they order by (pk last, so pages are stable).
SORTS = {
    "termijn": (F("first_contact_due").asc(nulls_last=True), "pk"),
    "-termijn": (F("first_contact_due").desc(nulls_last=True), "-pk"),
    "aangemeld": ("opened_on", "pk"),
    "-aangemeld": ("-opened_on", "-pk"),
    "naam": ("client__surname", "client__first_names", "pk"),
    "-naam": ("-client__surname", "-client__first_names", "-pk"),
    "status": ("status", "pk"),
    "-status": ("-status", "-pk"),
}
SORT_CHOICES = [
    ("termijn", _("Eerste contact uiterlijk, vroegste eerst")),
    ("-termijn", _("Eerste contact uiterlijk, laatste eerst")),
    ("aangemeld", _("Datum aanmelding, oudste eerst")),
    ("-aangemeld", _("Datum aanmelding, nieuwste eerst")),
    ("naam", _("Achternaam, A–Z")),
    ("-naam", _("Achternaam, Z–A")),
    ("status", _("Status, A–Z")),
    ("-status", _("Status, Z–A")),
]


def _coordinators(request):
    return selectors.casework_users(scope=getattr(request, "scope", None))


def _municipalities(request):
    return selectors.organisation_municipalities(scope=getattr(request, "scope", None))


class TrajectoryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrajectoryStatus.choices, empty_label=_("Alle statussen")
    )
    coordinator = django_filters.ModelChoiceFilter(
        label=_("Coördinator"),
        queryset=_coordinators,
        empty_label=_("Alle coördinatoren"),
        null_label=_("Wachtrij (geen coördinator)"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=_municipalities, empty_label=_("Alle gemeenten")
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Inrichting (PI)"),
        field_name="detention__institution",
        queryset=PenitentiaryInstitution.objects.order_by("name"),
        empty_label=_("Alle inrichtingen"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Alleen eerste contact te laat"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sorteren op"),
        choices=SORT_CHOICES,
        method="sort_by",
        empty_label=_("Datum aanmelding, nieuwste eerst"),
    )

    class Meta:
        model = Trajectory
        fields = ["status", "coordinator", "municipality", "institution", "overdue", "sort"]

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(selectors.overdue_first_contact_q(timezone.localdate()))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])
