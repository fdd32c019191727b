"""The clients app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, register

SPECS = (
    PersonalDataSpec(
        model="clients.Client",
        client_path="",
        title=_("Persoonsgegevens"),
        identifying_fields=(
            "bsn",
            "initials",
            "first_names",
            "prefix",
            "surname",
            "birth_date",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
        ),
        free_text_fields=("household", "notes"),
        bsn_fields=("bsn",),
        order=10,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
