"""The partners app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

VIA_TRAJECTORY = "trajectory__client"

SPECS = (
    PersonalDataSpec(
        model="partners.Involvement",
        client_path=VIA_TRAJECTORY,
        title=_("Betrokken ketenpartners"),
        free_text_fields=("conditions",),
        order=85,
    ),
    PersonalDataSpec(
        model="partners.Referral",
        client_path=VIA_TRAJECTORY,
        title=_("Verwijzingen"),
        free_text_fields=("reason", "handed_over", "result"),
        order=86,
    ),
    PersonalDataSpec(
        model="partners.ReferralStatusChange",
        client_path="referral__trajectory__client",
        title=_("Statuswijzigingen van verwijzingen"),
        free_text_fields=("note",),
        order=87,
    ),
    PersonalDataSpec(
        model="partners.MeetingDecision",
        client_path=VIA_TRAJECTORY,
        title=_("Besluiten in het teamoverleg"),
        free_text_fields=("text",),
        order=88,
    ),
    PersonalDataSpec(
        model="partners.Document",
        client_path=VIA_TRAJECTORY,
        title=_("Documenten"),
        # The file itself is not in the export; its name, type and size are.
        exclude=("file",),
        free_text_fields=("title", "removal_reason"),
        file_fields=("file",),
        retention_fields=("original_name",),
        order=89,
    ),
    PersonalDataSpec(
        model="partners.DetentionTask",
        client_path=VIA_TRAJECTORY,
        title=_("Werk tijdens detentie"),
        exclude=("detention",),
        free_text_fields=("note",),
        order=90,
    ),
    PersonalDataSpec(
        model="partners.LeftBehind",
        client_path=VIA_TRAJECTORY,
        title=_("Achterblijvers"),
        free_text_fields=("description", "support_question"),
        order=91,
    ),
)

NOT_PERSONAL = {
    "partners.Partner": _("Een ketenpartner (organisatie), niet een cliënt."),
    "partners.ContactPerson": _("Een contactpersoon bij een ketenpartner, niet een cliënt."),
    "partners.TeamMeeting": _(
        "Een teamoverleg; wat over één cliënt is besloten, staat in de besluiten per cliënt."
    ),
}


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    for model, reason in NOT_PERSONAL.items():
        declare_not_personal(model, reason=reason)
