"""The cases app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.cases.choices import Source
from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

VIA_TRAJECTORY = "trajectory__client"

SPECS = (
    PersonalDataSpec(
        model="cases.Trajectory",
        client_path="client",
        title=_("Trajecten"),
        exclude=("detention",),
        free_text_fields=("source_note",),
        # The casusregie report counts referrals by the partner named in the note.
        retention_kept_when=(("source_note", "source", Source.PARTNER_REFERRAL.value),),
        order=30,
    ),
    PersonalDataSpec(
        model="cases.StatusChange",
        client_path=VIA_TRAJECTORY,
        title=_("Statuswijzigingen"),
        free_text_fields=("reason", "note"),
        order=31,
    ),
    PersonalDataSpec(
        model="cases.DomainAssessment",
        client_path=VIA_TRAJECTORY,
        title=_("Triage per leefgebied"),
        free_text_fields=("note",),
        order=32,
    ),
    PersonalDataSpec(
        model="cases.DomainSnapshot",
        client_path=VIA_TRAJECTORY,
        title=_("Basisvoorwaarden op vaste momenten"),
        order=33,
    ),
    PersonalDataSpec(
        model="cases.Goal",
        client_path=VIA_TRAJECTORY,
        title=_("Doelen (plan van aanpak)"),
        free_text_fields=("description",),
        order=34,
    ),
    PersonalDataSpec(
        model="cases.Action",
        client_path=VIA_TRAJECTORY,
        title=_("Acties (plan van aanpak)"),
        free_text_fields=("description",),
        order=35,
    ),
    PersonalDataSpec(
        model="cases.Contact",
        client_path=VIA_TRAJECTORY,
        title=_("Contactmomenten"),
        free_text_fields=("participants", "notes"),
        order=36,
    ),
    # Who read this person's shielded dossier without being assigned, and why (break the glass).
    PersonalDataSpec(
        model="cases.BreakGlassAccess",
        client_path="client",
        title=_("Inzage van het afgeschermde dossier met reden"),
        free_text_fields=("reason",),
        order=37,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    declare_not_personal(
        "cases.PlanTemplate",
        reason=_("Een sjabloon van een plan van aanpak, niet over een persoon."),
    )
