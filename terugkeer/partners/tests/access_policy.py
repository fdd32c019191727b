"""Access policy of the partners pages (merged into the access matrix).

Partners and contact persons: the functioneel beheerder manages, casework reads. What belongs
to a trajectory (the tab, involvement, referrals, documents) follows the trajectory: shielded,
404 for the coordinator who is not assigned; changing it is the coordinator's (the team chair
reads: 403). Team meetings are casework's; the decision URL takes only POSTs.
"""

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

READERS = only(Role.COORDINATOR, Role.TEAM_CHAIR, Role.FUNCTIONAL_ADMIN)
READERS_OTHER = everyone(FORBIDDEN) | {
    Role.COORDINATOR: NOT_FOUND,
    Role.TEAM_CHAIR: NOT_FOUND,
    Role.FUNCTIONAL_ADMIN: NOT_FOUND,
}
ADMIN = only(Role.FUNCTIONAL_ADMIN)
ADMIN_OTHER = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: NOT_FOUND}
CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
CASEWORK_OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
POST_ONLY = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_ALLOWED, Role.TEAM_CHAIR: NOT_ALLOWED}

POLICY = {
    "partners:partner_list": Rule(LOGIN, READERS),
    "partners:partner_create": Rule(LOGIN, ADMIN),
    "partners:settings": Rule(LOGIN, ADMIN),
    "partners:partner_detail": Rule(LOGIN, READERS, other_organisation=READERS_OTHER),
    "partners:partner_edit": Rule(LOGIN, ADMIN, other_organisation=ADMIN_OTHER),
    "partners:contact_create": Rule(LOGIN, ADMIN, other_organisation=ADMIN_OTHER),
    "partners:contact_edit": Rule(LOGIN, ADMIN, other_organisation=ADMIN_OTHER),
    "partners:trajectory": Rule(
        LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER, post=CHANGES_CASEWORK
    ),
    "partners:involvement_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:involvement_edit": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:referral_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:referral_detail": Rule(
        LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER, post=CHANGES_CASEWORK
    ),
    "partners:documents": Rule(
        LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER, post=CHANGES_CASEWORK
    ),
    "partners:detention_tasks": Rule(
        LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER, post=CHANGES_CASEWORK
    ),
    "partners:task_update": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:left_behind_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:left_behind_edit": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:document_download": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:document_remove": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:meeting_list": Rule(LOGIN, CASEWORK),
    "partners:meeting_create": Rule(LOGIN, CASEWORK),
    "partners:meeting_detail": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:meeting_edit": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "partners:decision_create": Rule(LOGIN, POST_ONLY, other_organisation=POST_ONLY),
    "partners:minutes_pdf": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
}


def extend_world(world) -> None:
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory
    from terugkeer.partners.tests.factories import (
        ContactPersonFactory,
        DetentionTaskFactory,
        DocumentFactory,
        InvolvementFactory,
        LeftBehindFactory,
        MeetingDecisionFactory,
        PartnerFactory,
        ReferralFactory,
        TeamMeetingFactory,
    )

    own, other = world["own"], world["other"]
    partners = tuple(PartnerFactory(organisation=o) for o in (own, other))
    contacts = tuple(ContactPersonFactory(partner=p) for p in partners)
    referrals = tuple(ReferralFactory(partner=p) for p in partners)
    involvements = tuple(
        InvolvementFactory(partner=p, trajectory=r.trajectory)
        for p, r in zip(partners, referrals, strict=True)
    )
    documents = tuple(DocumentFactory(trajectory=r.trajectory) for r in referrals)
    meetings = tuple(TeamMeetingFactory(organisation=o) for o in (own, other))
    for meeting, referral in zip(meetings, referrals, strict=True):
        MeetingDecisionFactory(meeting=meeting, trajectory=referral.trajectory)
    params = world["params"]
    params["partners:partner_pk"] = tuple(p.pk for p in partners)
    params["partners:contact_pk"] = tuple(c.pk for c in contacts)
    params["partners:trajectory_pk"] = tuple(r.trajectory_id for r in referrals)
    params["partners:involvement_pk"] = tuple(i.pk for i in involvements)
    params["partners:referral_pk"] = tuple(r.pk for r in referrals)
    params["partners:document_pk"] = tuple(d.pk for d in documents)
    params["partners:meeting_pk"] = tuple(m.pk for m in meetings)
    params["partners:task_pk"] = tuple(
        DetentionTaskFactory(trajectory=r.trajectory).pk for r in referrals
    )

    shielded = shielded_trajectory(world)
    world["shielded"]["referral_pk"] = ReferralFactory(partner=partners[0], trajectory=shielded).pk
    world["shielded"]["involvement_pk"] = InvolvementFactory(
        partner=partners[0], trajectory=shielded
    ).pk
    world["shielded"]["document_pk"] = DocumentFactory(trajectory=shielded).pk
    world["shielded"]["task_pk"] = DetentionTaskFactory(trajectory=shielded).pk
    world["shielded"]["left_behind_pk"] = LeftBehindFactory(trajectory=shielded).pk
    params["partners:left_behind_pk"] = tuple(
        LeftBehindFactory(trajectory=r.trajectory).pk for r in referrals
    )
