from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.core.forms import OneTimeFormMixin, VersionedModelForm
from terugkeer.core.roles import Role


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


class InvitationForm(OneTimeFormMixin, forms.Form):
    """The functional admin invites an e-mail address to the own organisation."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_(
            "De uitnodiging gaat naar dit adres. Wie al een account heeft, logt in om te "
            "aanvaarden; anders maakt de genodigde een account aan."
        ),
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class InvitationAcceptNewForm(forms.Form):
    """A new address accepts an invitation: name and a first password."""

    full_name = forms.CharField(label=_("Uw naam"), max_length=200)
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord (nogmaals)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            candidate = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, user=candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
