"""Access rules of measurements and answers, registered with ``core.access.policy``.

Scores and questionnaire answers are casework only (mentors and other roles see none) and are
visible exactly when their trajectory is, so shielding covers them as it covers the dossier.
"""

from terugkeer.core.access import all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES


def register() -> None:
    rule = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))
    policy.grant("assessments.Measurement", rule)
    policy.grant("assessments.QuestionnaireResponse", rule)
