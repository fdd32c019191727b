"""The privacy app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

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
    declare_not_personal(
        "privacy.ResearchExport",
        reason=_(
            "Het logboek van een onderzoeksexport: wie, wanneer, waarom en hoeveel rijen; "
            "geen gegevens van een cliënt (de rijen en de sleutel worden niet bewaard)."
        ),
    )
    declare_not_personal(
        "privacy.RetentionRule",
        reason=_("Een bewaarregel van de organisatie, niet over een persoon."),
    )
    declare_not_personal(
        "privacy.AnonymisedClient",
        reason=_(
            "Alleen dat (en wanneer) de gegevens van een cliënt zijn geanonimiseerd; "
            "geen gegevens van de cliënt zelf."
        ),
    )
