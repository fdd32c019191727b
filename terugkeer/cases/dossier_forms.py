"""Forms of the dossier tabs: overview edits, workflow steps, release, closing, contacts, triage."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import User
from terugkeer.cases.choices import (
    AFTERCARE_ONLY_FIELDS,
    ClosingReason,
    ContactKind,
    Programme,
    TriageStatus,
)
from terugkeer.cases.models import Contact, Trajectory
from terugkeer.core.forms import DateInput, OneTimeFormMixin, VersionedForm, VersionedModelForm
from terugkeer.core.roles import Role

DATE_INPUT = DateInput()


def caseworkers(organisation):
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__is_active=True,
        memberships__role__in=[Role.COORDINATOR, Role.TEAM_CHAIR],
        is_active=True,
    ).order_by("full_name")


class TrajectoryOverviewForm(VersionedModelForm):
    class Meta:
        model = Trajectory
        fields = [
            "coordinator",
            "substitute",
            "category",
            "lead",
            "probation_supervision",
            "shielded",
            "offer_status",
            "offer_date",
            "cohort_tag",
        ]
        widgets = {"offer_date": DATE_INPUT}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("coordinator", "substitute"):
            self.fields[name].queryset = caseworkers(organisation)
        if self.instance.programme != Programme.AFTERCARE:
            for name in AFTERCARE_ONLY_FIELDS:
                self.fields.pop(name)


class TransitionForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Volgende stap"))
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = targets


class ConfirmedMixin(forms.Form):
    """A final step: the first submit shows what is still open, the second (confirmed) does it."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReleaseForm(ConfirmedMixin, VersionedForm):
    release_date = forms.DateField(
        label=_("Datum vrijlating"), initial=timezone.localdate, widget=DATE_INPUT
    )


class CloseForm(ConfirmedMixin, VersionedForm):
    reason = forms.ChoiceField(
        label=_("Reden van afsluiting"), choices=[("", "—"), *ClosingReason.choices]
    )
    closed_on = forms.DateField(
        label=_("Datum afsluiting"), initial=timezone.localdate, widget=DATE_INPUT
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea)


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reden van heropenen"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de statusgeschiedenis."),
    )


class ContactForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["kind", "date", "place", "participants", "notes"]
        widgets = {"date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, programme: str = Programme.AFTERCARE, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = ContactKind.choices
        if programme != Programme.AFTERCARE:  # no PI visit outside nazorg
            kinds = [(value, label) for value, label in kinds if value != ContactKind.PI_VISIT]
        self.fields["kind"].choices = kinds
        self.fields["date"].initial = timezone.localdate

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Een contactmoment kan niet in de toekomst liggen."))
        return date


class YesNoUnknownSelect(forms.NullBooleanSelect):
    """ja / nee / onbekend, shown as stored: Django's own widget maps True to "true" and back.

    (A plain ``Select`` renders True as "True", matches no option and shows "onbekend", so the
    next save wrote the answer back to empty: issue 12.)
    """

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("onbekend")), ("true", _("ja")), ("false", _("nee"))]


class TriageForm(VersionedForm):
    """One domain's triage (a form per domain on the basisvoorwaarden tab).

    The version is 0 while the domain has no triage yet, so two first triages cannot both win.
    """

    status = forms.ChoiceField(label=_("Status"), choices=TriageStatus.choices)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    health_insurance = forms.NullBooleanField(
        label=_("Zorgverzekering loopt"),
        required=False,
        widget=YesNoUnknownSelect,
    )
