"""The detention app's personal data, registered with ``core.personal_data``."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.personal_data import PersonalDataSpec, declare_not_personal, register

SPECS = (
    PersonalDataSpec(
        model="detention.Detention",
        client_path="client",
        title=_("Detenties"),
        identifying_fields=("dji_number",),
        free_text_fields=(),
        retention_kind="justice",
        # The legal title is criminal-record data; the PI casemanager's name ties it to a case.
        retention_fields=("legal_title", "pi_casemanager_name", "pi_casemanager_phone"),
        order=20,
    ),
    PersonalDataSpec(
        model="detention.DetentionNotification",
        client_path="client",
        title=_("Meldingen van detentie"),
        # The import file and the fingerprint are technical; ``raw`` repeats the fields below.
        exclude=("import_batch", "import_line", "fingerprint", "raw", "detention"),
        identifying_fields=(
            "bsn",
            "dji_number",
            "surname",
            "prefix",
            "first_names",
            "birth_date",
            "raw",
        ),
        free_text_fields=("review_reason",),
        retention_kind="justice",
        bsn_fields=("bsn",),
        # The fingerprint is a hash of the values above (a BSN can be found back from it).
        retention_fields=("fingerprint", "legal_title", "pi_casemanager"),
        order=21,
    ),
)


def register_all() -> None:
    for spec in SPECS:
        register(spec)
    declare_not_personal(
        "detention.ImportBatch",
        reason=_(
            "Een importbestand bevat meldingen van veel personen; wat over één cliënt gaat, "
            "staat in diens meldingen van detentie."
        ),
    )
