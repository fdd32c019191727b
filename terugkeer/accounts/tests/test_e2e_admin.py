"""End-to-end: the admin ("Beheer") is usable with assistive technology (issue 12: axe found
2 critical and 8 serious violations there)."""

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.test_e2e_intake import log_in
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    ("/beheer/", "index"),
    ("/beheer/accounts/membership/", "memberships"),
    ("/beheer/accounts/membership/{member}/change/", "membership-change"),
    ("/beheer/cases/defaultcoordinator/add/", "default-coordinator-add"),
    ("/beheer/cases/plantemplate/", "plan-templates"),
    ("/beheer/cases/plantemplate/add/", "plan-template-add"),
    ("/beheer/accounts/organisation/{organisation}/change/", "organisation"),
    ("/beheer/accounts/user/", "users"),
    ("/beheer/accounts/user/{user}/change/", "user"),
    ("/beheer/assessments/assessmentsettings/", "assessment-settings"),
]


def test_admin_pages_have_no_serious_accessibility_violations(page):
    membership = MembershipFactory(role=Role.FUNCTIONAL_ADMIN)
    member = MembershipFactory(organisation=membership.organisation, role=Role.COORDINATOR)

    log_in(page, membership.user)
    found = {}
    for path, name in PAGES:
        path = path.format(
            member=member.pk, organisation=membership.organisation_id, user=member.user_id
        )
        response = page.goto(path)
        assert response.status == 200, path
        violations = serious_accessibility_violations(page)
        if violations:
            found[path] = violations
        screenshot(page, f"admin-{name}")
    assert found == {}
