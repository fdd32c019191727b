from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import Organisation
from terugkeer.core.forms import VersionedModelForm


class EmailAuthenticationForm(AuthenticationForm):
    """Login with e-mail and password (the second factor follows on its own page)."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _(
            "Deze combinatie van e-mailadres en wachtwoord is onbekend. Let op: na herhaalde "
            "mislukte pogingen wordt het account tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
        help_text=_("Zes cijfers; de code verandert elke 30 seconden."),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat uit zes cijfers."))
        return token


class OrganisationSettingsForm(VersionedModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "aftercare_months"]
