"""Forms of the privacy app: registering a request, extending its term, deciding on it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import DateInput, OneTimeFormMixin, VersionedForm
from terugkeer.core.validators import validate_bsn
from terugkeer.privacy.choices import (
    DECIDED_STATUSES,
    MAX_EXTENSION_MONTHS,
    RequestKind,
    RequestStatus,
)

DATE = DateInput()


class RequestRegisterForm(OneTimeFormMixin, forms.Form):
    bsn = forms.CharField(label=_("BSN van de cliënt"), max_length=9, min_length=9)
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=RequestKind.choices)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE)
    description = forms.CharField(
        label=_("Omschrijving van het verzoek"), widget=forms.Textarea, required=False
    )

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        validate_bsn(bsn)
        return bsn


class RequestExtendForm(VersionedForm):
    months = forms.TypedChoiceField(
        label=_("Verlengen met"),
        coerce=int,
        choices=[(n, _("%(n)s maand(en)") % {"n": n}) for n in range(1, MAX_EXTENSION_MONTHS + 1)],
    )
    reason = forms.CharField(label=_("Reden van de verlenging"), widget=forms.Textarea)


class RequestDecideForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(s.value, s.label) for s in RequestStatus if s in DECIDED_STATUSES],
    )
    decision = forms.CharField(label=_("Toelichting op het besluit"), widget=forms.Textarea)
    decided_on = forms.DateField(label=_("Besloten op"), widget=DATE)
