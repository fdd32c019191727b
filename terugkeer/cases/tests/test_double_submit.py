"""Issue 11: a double-clicked create form creates its rows once (one-time ``form_token``).

Replays the double click sequentially on every create form of the dossier: the same POST twice
creates one row, the repeat is redirected to the page the first went to with a Dutch message; a
POST without a token is refused; a form refused for its input keeps its token, which still works
once corrected. The concurrent double click is in ``test_races.py`` (PostgreSQL). Also the
sequential repeats of the intake races: a melding typed in twice, a batch confirmed twice.
"""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.models import Measurement, QuestionnaireResponse
from terugkeer.assessments.tests.factories import c_toets
from terugkeer.cases.choices import PlanAnchor, Programme
from terugkeer.cases.models import Action, Contact, Goal, PlanTemplate, PlanTemplateAction
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.tests.test_missing_version import filled
from terugkeer.core.models import UsedFormToken
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db
REPEAT = "Dit formulier is al verstuurd en verwerkt"
MISSING = "'formuliersleutel' (form_token)"


def _contact(http, trajectory):
    url = reverse("dossier:contacts", args=[trajectory.pk])
    form = http.get(url).context["form"]
    return (
        url,
        filled(form, kind="telefoon", notes="Gebeld"),
        Contact.objects.filter(trajectory=trajectory),
    )


def _goal(http, trajectory):
    url = reverse("plan:goal_create", args=[trajectory.pk])
    form = http.get(url).context["form"]
    return url, filled(form, description="Geldig ID"), Goal.objects.filter(trajectory=trajectory)


def _action(http, trajectory):
    url = reverse("plan:action_create", args=[trajectory.pk])
    form = http.get(url).context["form"]
    rows = Action.objects.filter(trajectory=trajectory)
    return url, filled(form, description="Paspoort aanvragen"), rows


def _template(http, trajectory):
    template = PlanTemplate.objects.create(
        organisation=trajectory.organisation, programme=Programme.AFTERCARE, name="Standaard"
    )
    PlanTemplateAction.objects.create(
        template=template, description="ID", anchor=PlanAnchor.PLAN_START, offset_days=3, order=1
    )
    url = reverse("plan:template_apply", args=[trajectory.pk])
    form = http.get(url).context["form"]
    return url, filled(form, template=template.pk), Action.objects.filter(trajectory=trajectory)


def _measurement(http, trajectory):
    url = reverse("assessments:measurement_create", args=[trajectory.pk])
    form = http.get(url).context["form"]
    rows = Measurement.objects.filter(trajectory=trajectory)
    return url, filled(form), rows


def _questionnaire(http, trajectory):
    c_toets()
    url = reverse("assessments:response_create", args=[trajectory.pk, "c-toets"])
    form = http.get(url).context["form"]
    rows = QuestionnaireResponse.objects.filter(trajectory=trajectory)
    return url, filled(form), rows


CREATE_FORMS = {
    "contact": _contact,
    "goal": _goal,
    "action": _action,
    "plan template": _template,
    "ZRM measurement": _measurement,
    "questionnaire": _questionnaire,
}


@pytest.fixture
def dossier(verified_client):
    trajectory = TrajectoryFactory(in_contact=True)
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    return verified_client(user, trajectory.organisation), trajectory


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_the_same_form_submitted_twice_creates_once(name, dossier):
    http, trajectory = dossier
    url, data, rows = CREATE_FORMS[name](http, trajectory)
    before = rows.count()
    first = http.post(url, data)
    assert first.status_code == 302
    created = rows.count() - before
    assert created >= 1
    second = http.post(url, data)
    assert (second.status_code, second.url) == (302, first.url)
    assert rows.count() - before == created  # nothing a second time
    assert REPEAT in html.unescape(http.get(second.url).content.decode())


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_a_create_without_its_token_is_refused(name, dossier):
    http, trajectory = dossier
    url, data, rows = CREATE_FORMS[name](http, trajectory)
    before = rows.count()
    for token in (None, "", "kort"):
        attempt = {k: v for k, v in data.items() if k != "form_token"}
        if token is not None:
            attempt["form_token"] = token
        response = http.post(url, attempt)
        assert response.status_code == 200
        assert MISSING in html.unescape(response.content.decode())
    assert rows.count() == before
    assert not UsedFormToken.objects.exists()


def test_a_refused_contact_keeps_its_token_for_the_corrected_post(dossier):
    http, trajectory = dossier
    url, data, rows = _contact(http, trajectory)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    refused = http.post(url, {**data, "date": tomorrow.isoformat()})
    assert refused.status_code == 200
    assert f'value="{data["form_token"]}"' in refused.content.decode()
    assert http.post(url, data).status_code == 302
    assert rows.count() == 1
