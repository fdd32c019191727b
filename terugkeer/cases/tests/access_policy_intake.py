"""Access policy of the intake URLs (registration, import, review)."""

import datetime

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    CHANGES_CASEWORK,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    Rule,
    everyone,
    only,
)

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
# POST-only actions: a GET is refused with 405 for casework roles, 403 for everybody else.
POST_ONLY = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_ALLOWED, Role.TEAM_CHAIR: NOT_ALLOWED}
OTHER_ORG = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}

POLICY = {
    "intake:register": Rule(LOGIN, CASEWORK, post=CHANGES_CASEWORK),
    "intake:import_upload": Rule(LOGIN, CASEWORK, post=CHANGES_CASEWORK),
    "intake:import_preview": Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG),
    # GET is refused before the object is looked up; POSTs on another organisation's batch are
    # 404 (test_intake_views.test_another_organisations_batch_is_not_found).
    "intake:import_confirm": Rule(
        LOGIN, POST_ONLY, other_organisation=POST_ONLY, post=CHANGES_CASEWORK
    ),
    "intake:import_cancel": Rule(
        LOGIN, POST_ONLY, other_organisation=POST_ONLY, post=CHANGES_CASEWORK
    ),
    "intake:import_rejected": Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG),
    "intake:import_progress": Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG),
    "intake:review": Rule(LOGIN, CASEWORK),
    "intake:notification": Rule(
        LOGIN, CASEWORK, other_organisation=OTHER_ORG, post=CHANGES_CASEWORK
    ),
    "intake:open_trajectory": Rule(LOGIN, CASEWORK, post=CHANGES_CASEWORK),
    "intake:open_trajectory_for_client": Rule(
        LOGIN, CASEWORK, other_organisation=OTHER_ORG, post=CHANGES_CASEWORK
    ),
}

_CSV = (
    "BSN;Achternaam;Geboortedatum;Inrichting;Datum insluiting;Gemeente\n"
    "111222333;Jansen;17-05-1990;PI Zwaag;10-11-2026;{municipality}\n"
)


def extend_world(world) -> None:
    from terugkeer.detention.models import DetentionNotification, ImportBatch

    batches, notifications = [], []
    for organisation in (world["own"], world["other"]):
        municipality = organisation.municipalities.first()
        content = _CSV.format(municipality=municipality.cbs_code).encode()
        batches.append(
            ImportBatch.objects.create(
                organisation=organisation, filename="m.csv", file_sha256="x", content=content
            )
        )
        notifications.append(
            DetentionNotification.objects.create(
                organisation=organisation,
                kind="begin",
                received_on=datetime.date(2026, 11, 10),
                source="handmatig",
                bsn="111222333",
                surname="Jansen",
                municipality=municipality,
            )
        )
    world["params"]["batch_pk"] = (batches[0].pk, batches[1].pk)
    world["params"]["notification_pk"] = (notifications[0].pk, notifications[1].pk)
