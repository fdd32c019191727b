"""The assessments app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, register

SPECS = (
    PersonalDataSpec(
        model="assessments.Measurement",
        client_path="trajectory__client",
        title=_("ZRM-metingen"),
        free_text_fields=("note",),
        order=50,
    ),
    PersonalDataSpec(
        model="assessments.DomainScore",
        client_path="measurement__trajectory__client",
        title=_("ZRM-scores per domein"),
        free_text_fields=("note",),
        order=51,
    ),
    PersonalDataSpec(
        model="assessments.QuestionnaireResponse",
        client_path="trajectory__client",
        title=_("Vragenlijsten (C-toets)"),
        order=52,
    ),
    PersonalDataSpec(
        model="assessments.Answer",
        client_path="response__trajectory__client",
        title=_("Antwoorden op vragenlijsten"),
        free_text_fields=("text",),
        order=53,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
