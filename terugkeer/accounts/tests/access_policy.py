"""Access policy of the accounts pages declared here (merged into the access matrix).

The invitation link is public by design (the token is the credential): with a bogus token it
shows the Dutch "link niet geldig" page to everyone; half-logged-in users go to the second factor.
"""

from terugkeer.core.tests.access_policy import OK, TWO_FACTOR, Rule, everyone

POLICY = {
    "accounts:set_password": Rule(
        OK, everyone(OK), other_organisation=everyone(OK), unverified=TWO_FACTOR
    ),
}


def extend_world(world) -> None:
    world["params"]["accounts:uidb64"] = ("MA", "MA")
    world["params"]["accounts:token"] = ("ongeldig-token", "ongeldig-token")
