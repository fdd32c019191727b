"""Security: ZRM scores of a shielded (afgeschermd) trajectory are only for its workers.

Regression test of a confirmed leak: a coordinator not assigned to a shielded trajectory could open
``/metingen/zrm/<pk>/bewerken/`` (200, with the client's name) and change the scores by POST.
"""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.models import Measurement, QuestionnaireResponse
from terugkeer.assessments.tests.factories import measure, respond
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Action, Scope
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def shielded():
    trajectory = TrajectoryFactory(shielded=True, client__surname="Verborgen")
    assigned = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    trajectory.coordinator = assigned.user
    trajectory.save()
    return trajectory


def _scores(measurement):
    return sorted(measurement.scores.values_list("item__code", "score"))


def test_an_unassigned_coordinator_can_neither_read_nor_change_the_scores(
    verified_client, shielded
):
    measurement = measure(shielded, {"financien": 2})
    before = (_scores(measurement), Measurement.objects.get(pk=measurement.pk).version)
    outsider = MembershipFactory(organisation=shielded.organisation, role=Role.COORDINATOR).user
    client = verified_client(outsider, shielded.organisation)
    url = reverse("assessments:measurement_edit", kwargs={"measurement_pk": measurement.pk})

    page = client.get(url)
    posted = client.post(url, {"measured_on": "2026-02-01", "kind": "nulmeting", "version": "1"})

    assert page.status_code == 404
    assert "Verborgen" not in page.content.decode()
    assert posted.status_code == 404
    assert (_scores(measurement), Measurement.objects.get(pk=measurement.pk).version) == before


def test_the_policy_hides_scores_and_answers_of_a_shielded_trajectory(shielded):
    measurement = measure(shielded, {"financien": 2})
    response = respond(shielded, {})
    organisation = shielded.organisation
    outsider = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    mentor = MembershipFactory(organisation=organisation, role=Role.MENTOR).user
    scopes = {
        "assigned": Scope(user=shielded.coordinator, organisation=organisation, role="coordinator"),
        "outsider": Scope(user=outsider, organisation=organisation, role=Role.COORDINATOR),
        "chair": Scope(user=outsider, organisation=organisation, role=Role.TEAM_CHAIR),
        "mentor": Scope(user=mentor, organisation=organisation, role=Role.MENTOR),
    }

    seen = {
        name: (
            scope.can(Action.VIEW, measurement),
            scope.can(Action.CHANGE, measurement),
            QuestionnaireResponse.objects.visible_to(scope).filter(pk=response.pk).exists(),
        )
        for name, scope in scopes.items()
    }

    assert seen == {
        "assigned": (True, True, True),
        "outsider": (False, False, False),
        "chair": (True, False, True),  # the chair reads every case; changing is casework
        "mentor": (False, False, False),
    }
