"""The demo data: measurements on a share of trajectories, some improving, and C-toetsen."""

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments import demo
from terugkeer.assessments.models import Measurement, QuestionnaireResponse
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_seeds_measurements_and_responses():
    organisation = MembershipFactory(role=Role.COORDINATOR).organisation
    for _ in range(40):
        TrajectoryFactory(
            client=ClientFactory(organisation=organisation),
            opened_on="2024-01-15",
            first_contact_due="2024-01-22",
        )
    demo.seed({"seed": 2026, "organisations": {"demo": organisation}})
    measured = Measurement.objects.values("trajectory").distinct().count()
    assert 4 <= measured <= 25
    assert Measurement.objects.filter(kind="1-meting").exists()
    assert QuestionnaireResponse.objects.filter(organisation=organisation).count() >= 1
