from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.clients.models import Client
from terugkeer.core.forms import DateInput, VersionedModelForm
from terugkeer.core.validators import normalise_bsn, normalise_postcode


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam, BSN of geboortedatum"),
        help_text=_("Bijvoorbeeld: Jansen, 123456782 of 17-05-1990 (dd-mm-jjjj)."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ClientForm(VersionedModelForm):
    """The client's personal data, edited with optimistic locking."""

    class Meta:
        model = Client
        fields = [
            "bsn",
            "initials",
            "first_names",
            "prefix",
            "surname",
            "birth_date",
            "sex",
            "address",
            "postcode",
            "city",
            "municipality",
            "phone",
            "email",
            "household",
            "minor_children",
            "notes",
        ]
        widgets = {
            "bsn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "birth_date": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "bsn": _("Negen cijfers; een weggevallen voorloopnul wordt aangevuld."),
            "postcode": _("Bijvoorbeeld 2261 AB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipalities the organisation serves can be chosen.
        self.fields["municipality"].queryset = self.instance.organisation.municipalities.order_by(
            "name"
        )

    def clean_bsn(self):
        return normalise_bsn(self.cleaned_data["bsn"])

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        return normalise_postcode(postcode) if postcode else postcode
