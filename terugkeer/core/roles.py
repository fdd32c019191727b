"""The roles of DESIGN.md section 5. They live in core because the access scope is built on them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Nazorgcoördinator / casemanager")
    TEAM_CHAIR = "team_chair", _("Teamvoorzitter")
    MENTOR = "mentor", _("Mentor (vrijwilliger)")
    POLICY_ADVISOR = "policy_advisor", _("Beleidsadviseur")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer (FG)")


# Roles that may read personal data of clients at all (further narrowed per model).
CASEWORK_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR})
# Roles that may see aggregated reports.
REPORT_ROLES = frozenset(
    {Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN}
)
