"""The interventions app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

VIA_REQUEST = "request__trajectory__client"

SPECS = (
    PersonalDataSpec(
        model="interventions.InterventionRequest",
        client_path="trajectory__client",
        title=_("Aanvragen alternatieve maatregel"),
        exclude=("previous",),
        identifying_fields=("client_name", "client_age"),
        free_text_fields=(
            "care_need",
            "particulars",
            "partners_involved",
            "situation",
            "guidance_given",
            "measure",
            "reason",
            "obstacles",
            "cost_without_solution",
            "cost_of_solution",
            "client_wish",
            "decision_note",
            "end_reason",
            "loan_decision_note",
        ),
        order=70,
    ),
    PersonalDataSpec(
        model="interventions.RequestStatusChange",
        client_path=VIA_REQUEST,
        title=_("Statuswijzigingen van aanvragen"),
        free_text_fields=("reason",),
        order=71,
    ),
    PersonalDataSpec(
        model="interventions.Condition",
        client_path=VIA_REQUEST,
        title=_("Voorwaarden bij aanvragen"),
        free_text_fields=("description", "note"),
        order=72,
    ),
    PersonalDataSpec(
        model="interventions.Payment",
        client_path=VIA_REQUEST,
        title=_("Betalingen"),
        free_text_fields=("note",),
        order=73,
    ),
    PersonalDataSpec(
        model="interventions.EmergencyGift",
        client_path="client",
        title=_("Noodfonds"),
        exclude=("trajectory",),
        free_text_fields=("need", "no_legal_provision", "decision_note"),
        order=74,
    ),
)

NOT_PERSONAL = {
    "interventions.BudgetLine": _("Een begrotingspost van de organisatie."),
    "interventions.InterventionType": _("Een soort interventie uit de catalogus."),
}


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    for model, reason in NOT_PERSONAL.items():
        declare_not_personal(model, reason=reason)
