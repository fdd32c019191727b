"""Filters of the access-log viewer: user, client, period, page and purpose."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import DateInput
from terugkeer.core.models import AccessLogEntry
from terugkeer.privacy.selectors import client_dossier_condition, day_bounds


def _members(request):
    from terugkeer.accounts.models import User

    scope = getattr(request, "scope", None)
    if scope is None:
        return User.objects.none()
    return (
        User.objects.filter(memberships__organisation=scope.organisation)
        .distinct()
        .order_by("full_name", "pk")
    )


class AccessLogFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("'Tot en met' ligt vóór 'Vanaf'."))
        return data


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.ModelChoiceFilter(
        label=_("Gebruiker"), queryset=_members, empty_label=_("Alle gebruikers")
    )
    client = django_filters.NumberFilter(
        label=_("Cliëntnummer"), method="filter_client", min_value=1
    )
    subject = django_filters.CharFilter(
        label=_("Gegeven bevat"), field_name="subject_label", lookup_expr="icontains"
    )
    date_from = django_filters.DateFilter(
        label=_("Vanaf"), method="filter_from", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("Tot en met"), method="filter_to", widget=DateInput()
    )
    pagina = django_filters.CharFilter(label=_("Pagina bevat"), method="filter_page")
    purpose = django_filters.CharFilter(
        label=_("Doel bevat"), field_name="purpose", lookup_expr="icontains"
    )

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []
        form = AccessLogFilterForm

    def filter_client(self, queryset, name, value):
        return queryset.filter(client_dossier_condition([int(value)]))

    def filter_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=day_bounds(value)[0])

    def filter_to(self, queryset, name, value):
        return queryset.filter(created_at__lt=day_bounds(value)[1])

    def filter_page(self, queryset, name, value):
        return queryset.filter(Q(page__icontains=value) | Q(path__icontains=value))
