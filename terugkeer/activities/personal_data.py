"""The activities app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

SPECS = (
    PersonalDataSpec(
        model="activities.CardSubscription",
        client_path="trajectory__client",
        title=_("Kaartenproject: aan- en afmeldingen"),
        free_text_fields=("note",),
        order=80,
    ),
    PersonalDataSpec(
        model="activities.CardMailing",
        client_path="trajectory__client",
        title=_("Kaartenproject: verstuurde kaarten"),
        identifying_fields=("address",),
        order=81,
    ),
    PersonalDataSpec(
        model="activities.Attendance",
        client_path="trajectory__client",
        title=_("Deelname aan activiteiten"),
        order=82,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    declare_not_personal(
        "activities.ActivitySession",
        reason=_("Een groepsactiviteit; wie deelnam staat bij de deelname per cliënt."),
    )
