"""Access policy of the accounts pages declared here (merged into the access matrix).

The set-password and invitation links are public by design (the token is the credential): with
a bogus token they show the Dutch "link ongeldig" page to everyone; half-logged-in users go to the
second factor. Inviting is the functional admin's.
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import LOGIN, OK, TWO_FACTOR, Rule, everyone, only

POLICY = {
    "accounts:set_password": Rule(
        OK, everyone(OK), other_organisation=everyone(OK), unverified=TWO_FACTOR
    ),
    "accounts:invite": Rule(LOGIN, only(Role.FUNCTIONAL_ADMIN)),
    "accounts:invitation_accept": Rule(
        OK, everyone(OK), other_organisation=everyone(OK), unverified=TWO_FACTOR
    ),
}


def extend_world(world) -> None:
    world["params"]["accounts:uidb64"] = ("MA", "MA")
    world["params"]["accounts:token"] = ("ongeldig-token", "ongeldig-token")
