"""Form building blocks shared by every app: the optimistic-locking version and one-time tokens.

``VersionField`` is the one rule for the version a form was opened at: it is required and a whole
number (0 for a row that does not exist yet). A POST without it, or with anything else, is refused
with a Dutch message naming the field, shown at the top of the form; nothing is saved. Forms get it
from :class:`VersionedForm` or :class:`VersionedModelForm`, never by declaring their own field.
"""

import datetime
import secrets

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "version"
FORM_TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)

VERSION_MISSING = _(
    "Het formulier mist het verborgen veld 'versie' (version). Er is niets opgeslagen. Open de "
    "pagina opnieuw en voer uw wijziging daarna opnieuw in."
)
VERSION_INVALID = _(
    "Het verborgen veld 'versie' (version) heeft geen geldige waarde. Er is niets opgeslagen. "
    "Open de pagina opnieuw en voer uw wijziging daarna opnieuw in."
)
# A one-time token is signed with the moment it was issued and accepted for this long; the used
# ones are purged after it (``core.form_tokens.used_form_tokens_purge``), which is safe because an
# older token can no longer be submitted.
FORM_TOKEN_MAX_AGE = datetime.timedelta(days=30)
_TOKEN_SIGNER = signing.TimestampSigner(salt="terugkeer.core.form-token")
TOKEN_EXPIRED = _(
    "Dit formulier is langer dan 30 dagen geleden geopend of de formuliersleutel (form_token) is "
    "ongeldig. Er is niets vastgelegd. Controleer de gegevens en verstuur het formulier opnieuw."
)
TOKEN_MISSING = _(
    "Het formulier mist het verborgen veld 'formuliersleutel' (form_token). Er is niets "
    "vastgelegd. Open de pagina opnieuw en verstuur het formulier daarna opnieuw."
)


class DateInput(forms.DateInput):
    """A browser date picker. Its value is always ISO (``2026-03-10``): an ``<input type="date">``
    shows nothing for a value in the Dutch display format, so an initial date would look empty."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class VersionField(forms.IntegerField):
    """The version of the row the user saw; required, whole, at least 0 (0: not created yet)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.update(required=True, min_value=0)
        kwargs["error_messages"] = {
            "required": VERSION_MISSING,
            "invalid": VERSION_INVALID,
            "min_value": VERSION_INVALID,
            "max_value": VERSION_INVALID,
        }
        super().__init__(**kwargs)


class FormTokenField(forms.CharField):
    """A random one-time key the form was issued with (see ``terugkeer.core.form_tokens``)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.update(required=True, min_length=16, max_length=100)
        kwargs["error_messages"] = {
            "required": TOKEN_MISSING,
            "min_length": TOKEN_MISSING,
            "max_length": TOKEN_MISSING,
        }
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)  # missing or malformed first: TOKEN_MISSING
        if not form_token_is_current(value):
            raise ValidationError(TOKEN_EXPIRED, code="expired")
        return value

    def bound_data(self, data, initial):
        # A refused form is shown again: an expired or forged key is replaced by a fresh one,
        # so the corrected form can be sent.
        return data if data and form_token_is_current(data) else new_form_token()


class HiddenErrorsOnTopMixin:
    """Errors of the hidden version and token fields go to the top of the form.

    The shared form template shows hidden fields without their errors; a refusal must be seen.
    """

    def full_clean(self):
        super().full_clean()
        for name in (VERSION_FIELD, FORM_TOKEN_FIELD):
            if self._errors and name in self._errors:
                self.add_error(None, list(self._errors.pop(name)))


class VersionedForm(HiddenErrorsOnTopMixin, forms.Form):
    """A form changing an existing row: carries the version it was opened at."""

    version = VersionField()


class VersionedModelForm(HiddenErrorsOnTopMixin, forms.ModelForm):
    """A model form carrying the version it was opened at, for optimistic locking."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk and VERSION_FIELD in self.fields:
            self.initial[VERSION_FIELD] = self.instance.version


class OneTimeFormMixin(HiddenErrorsOnTopMixin):
    """A form that creates rows: issued with a fresh ``form_token`` each time it is shown.

    Re-rendered after an error it keeps the submitted token (nothing was consumed). The view
    consumes the token with ``terugkeer.core.form_tokens.submitted_once``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issue_form_token(self)


def issue_form_token(form: forms.BaseForm) -> None:
    """Give ``form`` the hidden ``form_token`` field; a fresh random token when it is unbound."""
    form.fields[FORM_TOKEN_FIELD] = FormTokenField()
    if not form.is_bound:
        form.initial[FORM_TOKEN_FIELD] = new_form_token()


def new_form_token() -> str:
    """A fresh one-time key: random, signed with the moment it was issued."""
    return _TOKEN_SIGNER.sign(secrets.token_urlsafe(18))


def form_token_is_current(value: str) -> bool:
    """Whether ``value`` is a key this site issued less than ``FORM_TOKEN_MAX_AGE`` ago."""
    try:
        _TOKEN_SIGNER.unsign(value, max_age=FORM_TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return False
    return True
