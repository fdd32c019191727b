"""The mentoring app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

SPECS = (
    PersonalDataSpec(
        model="mentoring.MentorMatch",
        client_path="trajectory__client",
        title=_("Koppelingen met een mentor"),
        identifying_fields=("shared_phone", "shared_email"),
        free_text_fields=("shared_contact_note", "end_reason"),
        order=60,
    ),
    PersonalDataSpec(
        model="mentoring.MentorReport",
        client_path="match__trajectory__client",
        title=_("Verslagen van de mentor"),
        free_text_fields=("summary", "goal_progress", "worries", "feedback"),
        order=61,
    ),
)

NOT_PERSONAL = {
    "mentoring.Mentor": _("Gegevens van de vrijwilliger zelf, niet van een cliënt."),
    "mentoring.MentorStatusChange": _("De status van een vrijwilliger, niet van een cliënt."),
    "mentoring.MentorMeeting": _("Een vergadering van mentoren, niet over één cliënt."),
}


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    for model, reason in NOT_PERSONAL.items():
        declare_not_personal(model, reason=reason)
