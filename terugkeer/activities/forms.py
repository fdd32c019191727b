"""Forms of the activities pages: input only; the rules are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.cases.models import Trajectory
from terugkeer.core.forms import DateInput, OneTimeFormMixin
from terugkeer.mentoring.models import Mentor

DATE_INPUT = DateInput()
TEXT_AREA = forms.Textarea(attrs={"rows": 3})


class MonthForm(forms.Form):
    maand = forms.DateField(
        label=_("Maand"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Kies een maand (jjjj-mm).")},
    )


class ConsentForm(OneTimeFormMixin, forms.Form):
    change = forms.ChoiceField(
        label=_("Wijziging"), choices=ConsentChange.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class CardsSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Verzonden op"), widget=DATE_INPUT)
    trajectories = forms.MultipleChoiceField(
        label=_("Kaarten verzonden aan"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trajectories"].choices = [
            (row.trajectory.pk, row.trajectory.client.display_name)
            for row in rows
            if row.mailing is None
        ]


class ParticipantField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, trajectory):
        return trajectory.client.display_name


class SessionForm(OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort activiteit"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Omschrijving"), max_length=150, required=False)
    held_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Plaats"), max_length=150, required=False)
    partner = forms.CharField(label=_("Partnervereniging"), max_length=150, required=False)
    participants = ParticipantField(
        label=_("Aanwezige deelnemers"),
        queryset=Trajectory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mentors = forms.ModelMultipleChoiceField(
        label=_("Aanwezige mentoren"),
        queryset=Mentor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(label=_("Aantekeningen"), widget=TEXT_AREA, required=False)

    def __init__(self, *args, participants, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants
        self.fields["mentors"].queryset = mentors
