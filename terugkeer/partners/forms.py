"""Forms of the partners pages: input only; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.cases.choices import CaseLead
from terugkeer.core.forms import DateInput, OneTimeFormMixin, VersionedForm, VersionedModelForm
from terugkeer.partners.choices import (
    DocumentType,
    MeetingKind,
    ReferralOutcome,
    ReferralStatus,
    TaskStatus,
)
from terugkeer.partners.models import (
    ContactPerson,
    Involvement,
    LeftBehind,
    Partner,
    PartnerSettings,
    TeamMeeting,
)
from terugkeer.partners.services import CONTACT_FIELDS, INVOLVEMENT_FIELDS, PARTNER_FIELDS
from terugkeer.partners.services_detention import LEFT_BEHIND_FIELDS

DATE_INPUT = DateInput()
TEXT_AREA = forms.Textarea(attrs={"rows": 3})


class PartnerForm(VersionedModelForm):
    class Meta:
        model = Partner
        fields = PARTNER_FIELDS


class PartnerCreateForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = PARTNER_FIELDS


class ContactForm(VersionedModelForm):
    class Meta:
        model = ContactPerson
        fields = CONTACT_FIELDS


class ContactCreateForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = CONTACT_FIELDS


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PartnerSettings
        fields = ("referral_answer_days",)


class _PartnerChoiceMixin:
    def limit_partners(self, partners, contacts):
        self.fields["partner"].queryset = partners
        self.fields["contact"].queryset = contacts
        self.fields["contact"].required = False
        self.fields["contact"].label_from_instance = lambda c: f"{c.full_name} ({c.partner.name})"


class InvolvementForm(_PartnerChoiceMixin, VersionedModelForm):
    class Meta:
        model = Involvement
        fields = INVOLVEMENT_FIELDS
        widgets = {"started_on": DATE_INPUT, "ended_on": DATE_INPUT, "conditions": TEXT_AREA}

    def __init__(self, *args, partners, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_partners(partners, contacts)


class InvolvementCreateForm(OneTimeFormMixin, _PartnerChoiceMixin, forms.ModelForm):
    class Meta:
        model = Involvement
        fields = INVOLVEMENT_FIELDS
        widgets = InvolvementForm.Meta.widgets

    def __init__(self, *args, partners, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_partners(partners, contacts)


class ReferralForm(OneTimeFormMixin, _PartnerChoiceMixin, forms.Form):
    partner = forms.ModelChoiceField(label=_("Ketenpartner"), queryset=Partner.objects.none())
    contact = forms.ModelChoiceField(
        label=_("Contactpersoon"), queryset=ContactPerson.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reden van verwijzing"), widget=TEXT_AREA)
    handed_over = forms.CharField(
        label=_("Wat is overgedragen (informatie, documenten, afspraken)"), widget=TEXT_AREA
    )
    lead = forms.ChoiceField(
        label=_("Wie neemt de casusregie als de partner accepteert"), choices=CaseLead.choices
    )
    sent_on = forms.DateField(label=_("Verstuurd op"), widget=DATE_INPUT)

    def __init__(self, *args, partners, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_partners(partners, contacts)


class ReferralStepForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=ReferralStatus.choices)
    on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    rejection_reason = forms.CharField(
        label=_("Reden afwijzing (bij afgewezen)"), max_length=300, required=False
    )
    outcome = forms.ChoiceField(
        label=_("Resultaat (bij afgerond)"),
        choices=[("", "---------"), *ReferralOutcome.choices],
        required=False,
    )
    result = forms.CharField(
        label=_("Teruggekoppeld resultaat (bij afgerond)"), widget=TEXT_AREA, required=False
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class DocumentForm(OneTimeFormMixin, forms.Form):
    doc_type = forms.ChoiceField(label=_("Soort document"), choices=DocumentType.choices)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    received_on = forms.DateField(label=_("Datum document"), widget=DATE_INPUT)
    file = forms.FileField(label=_("Bestand (PDF, PNG, JPEG of Word .docx)"))


class DocumentRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld: verkeerd bestand, verkeerd dossier, vervangen door een nieuwe versie."
        ),
    )


class _MeetingPeopleMixin:
    def limit_people(self, colleagues):
        self.fields["chair"].queryset = colleagues
        self.fields["attendees"].queryset = colleagues
        self.fields["attendees"].widget = forms.CheckboxSelectMultiple()
        for name in ("chair", "attendees"):
            self.fields[name].label_from_instance = lambda user: user.full_name or user.email


MEETING_WIDGETS = {
    "held_on": DATE_INPUT,
    "notes": TEXT_AREA,
    "lessons": TEXT_AREA,
}


class MeetingCreateForm(OneTimeFormMixin, _MeetingPeopleMixin, forms.ModelForm):
    class Meta:
        model = TeamMeeting
        fields = ("kind", "held_on", "chair", "attendees", "topic", "notes", "lessons")
        widgets = MEETING_WIDGETS

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_people(colleagues)


class MeetingForm(_MeetingPeopleMixin, VersionedModelForm):
    class Meta:
        model = TeamMeeting
        fields = ("kind", "held_on", "chair", "attendees", "topic", "notes", "lessons")
        widgets = MEETING_WIDGETS

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_people(colleagues)


class DecisionForm(OneTimeFormMixin, forms.Form):
    item_code = forms.CharField(widget=forms.HiddenInput, max_length=50)
    trajectory = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Besluit of notitie"), widget=TEXT_AREA)


MEETING_KINDS = MeetingKind.choices


class TaskForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    partner = forms.ModelChoiceField(
        label=_("Ketenpartner"), queryset=Partner.objects.none(), required=False
    )
    done_on = forms.DateField(label=_("Geregeld op"), widget=DATE_INPUT, required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


LEFT_BEHIND_WIDGETS = {
    "support_question": TEXT_AREA,
    "referred_on": DATE_INPUT,
    "outcome_on": DATE_INPUT,
}


class LeftBehindCreateForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = LeftBehind
        fields = LEFT_BEHIND_FIELDS
        widgets = LEFT_BEHIND_WIDGETS

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class LeftBehindForm(VersionedModelForm):
    class Meta:
        model = LeftBehind
        fields = LEFT_BEHIND_FIELDS
        widgets = LEFT_BEHIND_WIDGETS

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
