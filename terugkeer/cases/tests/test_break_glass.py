"""Break the glass: a team chair states a reason before a shielded dossier opens (issue 18)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.break_glass import break_glass_open, reason_in_force
from terugkeer.cases.models import BreakGlassAccess
from terugkeer.cases.tests.factories import BreakGlassAccessFactory, TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.privacy.alerts import BREAK_GLASS, alerts_for_day
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db

REASON = "Casus staat morgen op de agenda van het teamoverleg."
SURNAME = "Verborgenhuis"


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    chair = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    officer = MembershipFactory(organisation=organisation, role=Role.PRIVACY_OFFICER).user
    trajectory = TrajectoryFactory(
        client=ClientFactory(organisation=organisation, surname=SURNAME),
        coordinator=coordinator,
        shielded=True,
    )
    return {
        "organisation": organisation,
        "coordinator": coordinator,
        "chair": chair,
        "officer": officer,
        "trajectory": trajectory,
        "client": trajectory.client,
    }


def _dossier_urls(trajectory) -> list[str]:
    """Every kind of route that shows the dossier: tabs, klantreis, PDF, the client page."""
    return [
        reverse("dossier:overview", args=[trajectory.pk]),
        reverse("dossier:contacts", args=[trajectory.pk]),
        reverse("dossier:timeline", args=[trajectory.pk]),
        reverse("dossier:pdf", args=[trajectory.pk]),
        reverse("plan:detail", args=[trajectory.pk]),
        reverse("clients:detail", args=[trajectory.client_id]),
    ]


def _reason_url(client, next_url: str) -> str:
    return f"{reverse('cases:break_glass', args=[client.pk])}?{urlencode({'next': next_url})}"


def _state_reason(http, client, next_url, reason=REASON):
    return http.post(
        reverse("cases:break_glass", args=[client.pk]),
        {"reason": reason, "form_token": new_form_token(), "next": next_url},
    )


def test_without_a_reason_no_route_shows_the_shielded_dossier(world, verified_client):
    # Given a team chair, not assigned to the shielded trajectory
    http = verified_client(world["chair"], world["organisation"])

    for url in _dossier_urls(world["trajectory"]):
        # When they open the dossier by any route
        response = http.get(url)
        # Then they are sent to the reason page, with nothing of the person in the answer
        assert response.status_code == 302, url
        assert response["Location"] == _reason_url(world["client"], url)
        assert SURNAME not in response.content.decode()

    # And the reason page itself names nobody
    page = http.get(_reason_url(world["client"], _dossier_urls(world["trajectory"])[0]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Afgeschermd dossier" in content
    assert SURNAME not in content
    assert world["client"].bsn not in content
    # Nothing was read, so nothing is logged, and no reason is on record
    assert not AccessLogEntry.objects.filter(user=world["chair"]).exists()
    assert not BreakGlassAccess.objects.exists()


def test_a_reason_opens_every_route_and_every_read_logs_it(world, verified_client):
    http = verified_client(world["chair"], world["organisation"])
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])

    # When the chair states a reason
    response = _state_reason(http, world["client"], overview)

    # Then they are sent on to the page they asked for, and the reason is recorded
    assert response.status_code == 302
    assert response["Location"] == overview
    stated = BreakGlassAccess.objects.get()
    assert (stated.user, stated.client, stated.reason) == (world["chair"], world["client"], REASON)
    assert stated.expires_at - stated.opened_at == datetime.timedelta(hours=8)
    # The statement itself is logged, with the reason
    first = AccessLogEntry.objects.get(user=world["chair"])
    assert first.subject_id == str(world["client"].pk)
    assert first.purpose == f"afgeschermd dossier geopend; reden: {REASON}"

    # And every route now shows the dossier, each read logged with the reason
    for url in _dossier_urls(world["trajectory"]):
        page = http.get(url)
        assert page.status_code == 200, url
    assert SURNAME in http.get(overview).content.decode()
    purposes = list(
        AccessLogEntry.objects.filter(user=world["chair"])
        .order_by("id")
        .values_list("purpose", flat=True)
    )
    # The statement, the six routes and the overview again: at least one row each
    assert len(purposes) >= 1 + 6 + 1
    assert all(purpose.endswith(f"; reden: {REASON}") for purpose in purposes)
    assert purposes[1] == f"dossier bekijken; reden: {REASON}"


def test_the_reason_is_required_and_long_enough(world, verified_client):
    http = verified_client(world["chair"], world["organisation"])
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])

    for reason, message in (
        ("", "Vul bij Reden in waarom u het dossier wilt inzien."),
        ("even kijken", "De reden is te kort: schrijf minstens 15 tekens (nu 11)."),
        ("   a   b   c   d   e   ", "De reden is te kort: schrijf minstens 15 tekens."),
    ):
        response = _state_reason(http, world["client"], overview, reason=reason)
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content
        assert SURNAME not in content
    assert not BreakGlassAccess.objects.exists()
    assert http.get(overview).status_code == 302


def test_a_double_submit_records_the_reason_once(world, verified_client):
    http = verified_client(world["chair"], world["organisation"])
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])
    token = new_form_token()
    data = {"reason": REASON, "form_token": token, "next": overview}
    url = reverse("cases:break_glass", args=[world["client"].pk])

    assert http.post(url, data).status_code == 302
    # The second submit arrives while the first is in force: sent on, nothing recorded again
    assert http.post(url, data)["Location"] == overview
    assert BreakGlassAccess.objects.count() == 1


def test_the_reason_page_refuses_an_outside_next(world, verified_client):
    http = verified_client(world["chair"], world["organisation"])
    response = _state_reason(http, world["client"], "https://elders.example/")
    assert response["Location"] == reverse("clients:detail", args=[world["client"].pk])


def test_an_expired_reason_asks_again(world, verified_client):
    # Given a reason stated eight hours and a minute ago
    BreakGlassAccessFactory(client=world["client"], user=world["chair"], expired=True)
    http = verified_client(world["chair"], world["organisation"])
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])

    # Then the dossier asks for a reason again
    response = http.get(overview)
    assert response.status_code == 302
    assert response["Location"] == _reason_url(world["client"], overview)


def test_a_reason_holds_eight_hours_on_the_clock(world):
    scope = Scope(user=world["chair"], organisation=world["organisation"], role=Role.TEAM_CHAIR)
    stated = break_glass_open(scope=scope, client=world["client"], reason=REASON)
    opened = stated.opened_at
    with time_machine.travel(opened + datetime.timedelta(hours=7, minutes=59), tick=False):
        assert reason_in_force(scope, world["client"].pk) == stated
    with time_machine.travel(opened + datetime.timedelta(hours=8), tick=False):
        assert reason_in_force(scope, world["client"].pk) is None


def test_another_users_reason_opens_nothing_for_me(world, verified_client):
    other_chair = MembershipFactory(organisation=world["organisation"], role=Role.TEAM_CHAIR).user
    BreakGlassAccessFactory(client=world["client"], user=other_chair)
    http = verified_client(world["chair"], world["organisation"])
    assert http.get(reverse("dossier:overview", args=[world["trajectory"].pk])).status_code == 302


def test_the_assigned_coordinator_needs_no_reason(world, verified_client):
    http = verified_client(world["coordinator"], world["organisation"])
    for url in _dossier_urls(world["trajectory"]):
        assert http.get(url).status_code == 200, url
    # The reason page sends them straight on
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])
    assert http.get(_reason_url(world["client"], overview))["Location"] == overview
    assert not BreakGlassAccess.objects.exists()
    assert not AccessLogEntry.objects.filter(purpose__contains="reden:").exists()


def test_a_chair_who_is_the_substitute_needs_no_reason(world, verified_client):
    world["trajectory"].substitute = world["chair"]
    world["trajectory"].save()
    http = verified_client(world["chair"], world["organisation"])
    for url in _dossier_urls(world["trajectory"]):
        assert http.get(url).status_code == 200, url


def test_an_unshielded_dossier_needs_no_reason(world, verified_client):
    open_case = TrajectoryFactory(client__organisation=world["organisation"])
    http = verified_client(world["chair"], world["organisation"])
    for url in _dossier_urls(open_case):
        assert http.get(url).status_code == 200, url


def test_an_unassigned_coordinator_gets_404_and_no_reason_helps(world, verified_client):
    colleague = MembershipFactory(organisation=world["organisation"], role=Role.COORDINATOR).user
    http = verified_client(colleague, world["organisation"])
    overview = reverse("dossier:overview", args=[world["trajectory"].pk])
    assert http.get(overview).status_code == 404
    assert _state_reason(http, world["client"], overview).status_code == 404
    assert not BreakGlassAccess.objects.exists()


def test_the_privacy_officer_sees_each_reason_as_an_alert(world, verified_client):
    # Given the chair stated a reason today
    http = verified_client(world["chair"], world["organisation"])
    _state_reason(http, world["client"], reverse("dossier:overview", args=[world["trajectory"].pk]))
    scope = Scope(
        user=world["officer"], organisation=world["organisation"], role=Role.PRIVACY_OFFICER
    )

    # Then today's alerts hold it, with the person and the reason
    found = [
        a for a in alerts_for_day(scope=scope, day=timezone.localdate()) if a.kind == BREAK_GLASS
    ]
    assert len(found) == 1
    assert (found[0].user_id, found[0].client_id, found[0].reason) == (
        world["chair"].pk,
        world["client"].pk,
        REASON,
    )
    assert found[0].title == (
        f"Afgeschermd dossier geopend met reden: {world['client']} (reden: {REASON})"
    )
    # And the alerts page shows it
    page = verified_client(world["officer"], world["organisation"]).get(reverse("privacy:alerts"))
    assert REASON in page.content.decode()


def test_a_row_of_the_shielded_person_asks_as_the_dossier_does(world, verified_client):
    # Given the shielded person's melding and a document on their trajectory
    from terugkeer.detention.tests.factories import DetentionNotificationFactory
    from terugkeer.partners.tests.factories import DocumentFactory

    notification = DetentionNotificationFactory(detention=world["trajectory"].detention)
    document = DocumentFactory(trajectory=world["trajectory"])
    urls = [
        reverse("intake:notification", args=[notification.pk]),
        reverse("partners:document_download", args=[document.pk]),
    ]
    http = verified_client(world["chair"], world["organisation"])

    # Then each asks for the reason first, and opens after it
    for url in urls:
        response = http.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == _reason_url(world["client"], url)
    _state_reason(http, world["client"], urls[0])
    for url in urls:
        assert http.get(url).status_code == 200, url
