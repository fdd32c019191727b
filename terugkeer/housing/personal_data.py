"""The housing app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

SPECS = (
    PersonalDataSpec(
        model="housing.Stay",
        client_path="trajectory__client",
        title=_("Verblijf in een Instapwoning"),
        free_text_fields=("leaving_note",),
        order=75,
    ),
    PersonalDataSpec(
        model="housing.HouseCheck",
        client_path="stay__trajectory__client",
        title=_("Controles in de woning"),
        free_text_fields=("support_note", "incidents"),
        order=76,
    ),
    PersonalDataSpec(
        model="housing.HousingAllocation",
        client_path="trajectory__client",
        title=_("Toewijzing van een woning"),
        free_text_fields=("conditions", "treatment_plan", "outcome_note"),
        order=77,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    declare_not_personal(
        "housing.HousingUnit", reason=_("Een woning van de organisatie, niet over een persoon.")
    )
