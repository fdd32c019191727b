"""The privacy app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, register

SPECS = (
    PersonalDataSpec(
        model="privacy.SubjectRequest",
        client_path="client",
        title=_("Verzoeken van betrokkene"),
        free_text_fields=("description", "extension_reason", "decision"),
        order=95,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
