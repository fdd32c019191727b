"""The filter form every report page shares."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import Municipality, Organisation, User
from terugkeer.cases.choices import Programme
from terugkeer.core.forms import DateInput
from terugkeer.core.roles import Role
from terugkeer.reports.framework import ReportFilters

DATE_INPUT = DateInput()
MAX_PERIOD_DAYS = 366 * 25


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar year so far."""
    return today.replace(month=1, day=1), today


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DATE_INPUT)
    end = forms.DateField(label=_("Tot en met"), widget=DATE_INPUT)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("alle gemeenten"),
    )
    programme = forms.ChoiceField(
        label=_("Programma"),
        choices=[("", _("alle programma's")), *Programme.choices],
        required=False,
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("alle coördinatoren"),
    )

    def __init__(self, data, *, organisation: Organisation, today: datetime.date, fields=None):
        start, end = default_period(today)
        merged = {"start": start.isoformat(), "end": end.isoformat()}
        merged.update({k: v for k, v in data.items() if v not in ("", None)})
        super().__init__(merged)
        self.fields["municipality"].queryset = organisation.municipalities.order_by("name")
        self.fields["coordinator"].queryset = User.objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=[Role.COORDINATOR, Role.TEAM_CHAIR],
        ).order_by("full_name")
        if fields is not None:
            for name in ("municipality", "programme", "coordinator"):
                if name not in fields:
                    del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("De einddatum ligt voor de begindatum."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("start", _("Kies een periode van hoogstens 25 jaar."))
        return cleaned

    def to_filters(self) -> ReportFilters:
        data = self.cleaned_data
        municipality, coordinator = data.get("municipality"), data.get("coordinator")
        return ReportFilters(
            start=data["start"],
            end=data["end"],
            municipality_id=municipality.pk if municipality else None,
            programme=data.get("programme") or "",
            coordinator_id=coordinator.pk if coordinator else None,
        )

    def labels(self) -> list[tuple[str, str]]:
        """The chosen filters other than the period, for headings and files."""
        labels = []
        for name in ("municipality", "programme", "coordinator"):
            if name in self.fields and self.cleaned_data.get(name):
                value = self.cleaned_data[name]
                if name == "programme":
                    value = Programme(value).label
                labels.append((str(self.fields[name].label), str(value)))
        return labels
