"""Issue 11: a double-clicked create form of mentoring creates its row once (``form_token``).

The same POST twice, sequentially, as a browser sends it for the form as shown: one row, and the
repeat gets the Dutch "al verstuurd" message. Without a token a create is refused.
"""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.tests.test_missing_version import filled
from terugkeer.core.roles import Role
from terugkeer.mentoring.models import Mentor, MentorMatch, MentorMeeting, MentorReport
from terugkeer.mentoring.tests.factories import MentorFactory, MentorMatchFactory
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db
REPEAT = "Dit formulier is al verstuurd en verwerkt"
MISSING = "'formuliersleutel' (form_token)"


def _casemanager(client, organisation):
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    return login_verified(client, user, organisation)


def _mentor(client):
    mentor = MentorFactory()
    http = _casemanager(client, mentor.organisation)
    url = reverse("mentoring:mentor_create")
    form = http.get(url).context["form"]
    rows = Mentor.objects.filter(full_name="Dubbel Geklikt")
    return http, url, filled(form, full_name="Dubbel Geklikt", user=""), rows


def _match(client):
    trajectory = TrajectoryFactory()
    MentorFactory(organisation=trajectory.organisation)
    http = _casemanager(client, trajectory.organisation)
    url = reverse("mentoring:match_create", args=[trajectory.pk])
    form = http.get(url).context["form"]
    mentor = form.fields["mentor"].queryset.get()
    rows = MentorMatch.objects.filter(trajectory=trajectory)
    return http, url, filled(form, mentor=mentor.pk), rows


def _meeting(client):
    mentor = MentorFactory()
    http = _casemanager(client, mentor.organisation)
    url = reverse("mentoring:meeting_create")
    form = http.get(url).context["form"]
    data = filled(form, held_on=timezone.localdate(), topics="Terugval herkennen")
    return http, url, data, MentorMeeting.objects.all()


def _report(client):
    match = MentorMatchFactory()
    http = login_verified(client, match.mentor.user, match.organisation)
    url = reverse("mentoring:report_create", args=[match.pk])
    form = http.get(url).context["form"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = filled(form, met_on=yesterday, contact_kind="telefoon", mood="goed", summary="Gebeld")
    return http, url, data, MentorReport.objects.filter(match=match)


CREATE_FORMS = {"mentor": _mentor, "match": _match, "meeting": _meeting, "report": _report}


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_the_same_form_submitted_twice_creates_once(name, client):
    http, url, data, rows = CREATE_FORMS[name](client)
    before = rows.count()

    first = http.post(url, data)
    second = http.post(url, data, follow=True)

    assert first.status_code == 302, first.content.decode()[:2000]
    assert rows.count() == before + 1
    assert second.status_code == 200
    assert REPEAT in html.unescape(second.content.decode())


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_a_create_without_its_token_is_refused(name, client):
    http, url, data, rows = CREATE_FORMS[name](client)
    before = rows.count()

    response = http.post(url, {k: v for k, v in data.items() if k != "form_token"})

    assert response.status_code == 200
    assert MISSING in html.unescape(response.content.decode())
    assert rows.count() == before
