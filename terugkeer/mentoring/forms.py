"""Forms of the mentoring pages: input only; the rules are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import (
    DateInput,
    HiddenErrorsOnTopMixin,
    OneTimeFormMixin,
    VersionField,
    issue_form_token,
)
from terugkeer.mentoring.choices import ContactKind, ContactMood, MatchEndReason, MentorStatus
from terugkeer.mentoring.models import Mentor
from terugkeer.mentoring.services import MENTOR_EDITABLE_FIELDS

DATE_INPUT = DateInput()
TEXT_AREA = forms.Textarea(attrs={"rows": 3})


class MentorForm(HiddenErrorsOnTopMixin, forms.ModelForm):
    """Create or edit a mentor; the ``version`` (0 for a new one) guards an edit, a one-time
    ``form_token`` a create (``core.form_tokens``)."""

    version = VersionField()  # 0 for a new mentor

    class Meta:
        model = Mentor
        fields = MENTOR_EDITABLE_FIELDS
        widgets = {
            "registered_on": DATE_INPUT,
            "start_date": DATE_INPUT,
            "vog_date": DATE_INPUT,
            "agreement_signed_on": DATE_INPUT,
            "trainings": TEXT_AREA,
        }

    def __init__(self, *args, mentor_users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = mentor_users
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
        if not self.instance.pk:
            issue_form_token(self)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"))
    on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Reden (verplicht bij stoppen)"), max_length=300, required=False
    )
    version = VersionField()

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, MentorStatus(s).label) for s in allowed]


class MatchStartForm(OneTimeFormMixin, forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Mentor.objects.none())
    started_on = forms.DateField(label=_("Start"), widget=DATE_INPUT)
    shared_phone = forms.CharField(
        label=_("Telefoon die de deelnemer deelt met de mentor"), max_length=30, required=False
    )
    shared_email = forms.EmailField(
        label=_("E-mailadres dat de deelnemer deelt met de mentor"), required=False
    )
    shared_contact_note = forms.CharField(
        label=_("Hoe bereikbaar (zoals afgesproken met de deelnemer)"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Mentor.objects.filter(pk__in=[m.pk for m in mentors])
        self.fields["mentor"].label_from_instance = lambda m: (
            f"{m.full_name} ({m.availability or '-'})"
        )


class MatchEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Einddatum"), widget=DATE_INPUT)
    end_reason = forms.ChoiceField(label=_("Reden"), choices=MatchEndReason.choices)
    version = VersionField()


class ReportForm(OneTimeFormMixin, forms.Form):
    met_on = forms.DateField(label=_("Datum van het contact"), widget=DATE_INPUT)
    contact_kind = forms.ChoiceField(
        label=_("Soort contact"), choices=ContactKind.choices, widget=forms.RadioSelect
    )
    mood = forms.ChoiceField(
        label=_("Hoe ging het?"), choices=ContactMood.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label=_("Verslag"), widget=TEXT_AREA, required=False)
    goal_progress = forms.CharField(
        label=_("Voortgang op de doelen"), widget=TEXT_AREA, required=False
    )
    worries = forms.CharField(label=_("Zorgen"), widget=TEXT_AREA, required=False)
    wants_casemanager_contact = forms.BooleanField(
        label=_("Ik wil graag contact met de casemanager"), required=False
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(label=_("Reactie aan de mentor"), widget=TEXT_AREA, required=False)
    for_team_meeting = forms.BooleanField(label=_("Bespreken in het teamoverleg"), required=False)
    version = VersionField()


class MeetingForm(OneTimeFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Aanwezig (na afloop)"),
        queryset=Mentor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.CharField(label=_("Onderwerpen"), widget=TEXT_AREA, required=False)
    notes = forms.CharField(label=_("Aantekeningen"), widget=TEXT_AREA, required=False)
    follow_ups = forms.CharField(label=_("Afspraken en vervolg"), widget=TEXT_AREA, required=False)

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = mentors
