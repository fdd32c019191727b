"""Forms for registering notifications by hand and uploading notification files."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.clients.choices import Sex
from terugkeer.core.forms import DateInput, VersionedModelForm
from terugkeer.core.validators import normalise_bsn, validate_bsn
from terugkeer.detention.choices import LegalTitle, NotificationKind
from terugkeer.detention.models import DetentionNotification, PenitentiaryInstitution

DATE_INPUT = DateInput()


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand met meldingen"),
        help_text=_("CSV of XLSX, zoals geëxporteerd uit Justid; hoogstens 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 10 MB, het maximum. Splits het bestand in delen.")
            )
        return upload


class ManualNotificationForm(forms.Form):
    """A melding typed in by hand, e.g. when it arrived by mail or phone."""

    kind = forms.ChoiceField(label=_("Soort melding"), choices=NotificationKind.choices)
    received_on = forms.DateField(
        label=_("Datum melding"), initial=timezone.localdate, widget=DATE_INPUT
    )
    bsn = forms.CharField(label=_("BSN"), max_length=11)
    surname = forms.CharField(label=_("Achternaam"), max_length=200)
    prefix = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    first_names = forms.CharField(label=_("Voornamen"), max_length=200, required=False)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=DATE_INPUT)
    sex = forms.ChoiceField(label=_("Geslacht"), choices=[("", "—"), *Sex.choices], required=False)
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=None)
    institution = forms.ModelChoiceField(
        label=_("Inrichting"),
        queryset=PenitentiaryInstitution.objects.filter(is_active=True),
        required=False,
    )
    dji_number = forms.CharField(label=_("DJI-registratienummer"), max_length=30, required=False)
    detention_start = forms.DateField(
        label=_("Datum insluiting"), required=False, widget=DATE_INPUT
    )
    expected_release = forms.DateField(
        label=_("Verwachte ontslagdatum"), required=False, widget=DATE_INPUT
    )
    release_date = forms.DateField(label=_("Datum ontslag"), required=False, widget=DATE_INPUT)
    legal_title = forms.ChoiceField(
        label=_("Titel"), choices=[("", "—"), *LegalTitle.choices], required=False
    )
    pi_casemanager = forms.CharField(label=_("Casemanager PI"), max_length=150, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = organisation.municipalities.order_by("name")

    def clean_bsn(self):
        bsn = normalise_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == NotificationKind.BEGIN:
            if not data.get("detention_start"):
                self.add_error("detention_start", _("Vul de datum van insluiting in."))
            if not data.get("institution"):
                self.add_error("institution", _("Kies de inrichting."))
        if kind == NotificationKind.END and not data.get("release_date"):
            self.add_error("release_date", _("Vul de datum van ontslag in."))
        if kind == NotificationKind.TRANSFER and not data.get("institution"):
            self.add_error("institution", _("Kies de nieuwe inrichting."))
        start, expected = data.get("detention_start"), data.get("expected_release")
        if start and expected and expected < start:
            self.add_error(
                "expected_release",
                _("De verwachte ontslagdatum ligt vóór de datum van insluiting."),
            )
        return data


class NotificationCorrectionForm(VersionedModelForm):
    """Correct the values of a melding by hand (versioned; the raw values stay as they arrived)."""

    class Meta:
        model = DetentionNotification
        fields = [
            "kind",
            "received_on",
            "bsn",
            "surname",
            "prefix",
            "first_names",
            "birth_date",
            "sex",
            "municipality",
            "institution_name",
            "dji_number",
            "detention_start",
            "expected_release",
            "release_date",
            "legal_title",
            "pi_casemanager",
        ]
        widgets = {
            name: DATE_INPUT
            for name in [
                "received_on",
                "birth_date",
                "detention_start",
                "expected_release",
                "release_date",
            ]
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = organisation.municipalities.order_by("name")

    def clean_bsn(self):
        bsn = normalise_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn
