"""Security: smaller hardening findings of issue 11, replayed over HTTP with the test client."""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(verified_client):
    trajectory = TrajectoryFactory(client__organisation__name="Stichting $\\frac{Kocon$")
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    return trajectory, verified_client(user, trajectory.organisation)


@pytest.mark.parametrize(
    ("name", "arg"),
    [
        ("dossier:overview", "trajectory"),
        ("dossier:pdf", "trajectory"),
        ("clients:detail", "client"),
    ],
)
def test_pages_with_personal_data_are_never_stored(coordinator_client, name, arg):
    trajectory, client = coordinator_client
    pk = trajectory.pk if arg == "trajectory" else trajectory.client_id

    response = client.get(reverse(name, args=[pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_dollar_in_the_organisation_name_is_text_not_mathtext(coordinator_client):
    # 'Stichting $\frac{Kocon$' made every klantreis and dossier PDF answer 500.
    trajectory, client = coordinator_client

    timeline = client.get(reverse("dossier:timeline", args=[trajectory.pk]))
    pdf = client.get(reverse("dossier:pdf", args=[trajectory.pk]))

    assert timeline.status_code == 200
    assert "Stichting $\\frac{Kocon$" in timeline.content.decode()
    assert (pdf.status_code, pdf.content[:4]) == (200, b"%PDF")
