"""The daily digest e-mail, the compute_signals command, the task and the home page section."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.cases.signal_services import signal_digest_send
from terugkeer.cases.tasks import signal_digest_task
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 12, 21)
DUE = D(2026, 12, 18)


def _coordinator(organisation, **user):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user=UserFactory(**user)
    ).user


def _overdue(organisation, *, due=DUE, **kwargs):
    client = ClientFactory(organisation=organisation, first_names="Jan", surname=kwargs.pop("name"))
    return TrajectoryFactory(
        client=client,
        opened_on=due - datetime.timedelta(days=7),
        first_contact_due=due,
        detention__expected_end=None,
        **kwargs,
    )


@pytest.fixture
def on_today(monkeypatch):
    """The home page computes signals for 'today': pin it to TODAY."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def team():
    organisation = OrganisationFactory(name="Lokale Kamer")
    anna = _coordinator(organisation, full_name="Anna de Vries", email="anna@example.org")
    bram = _coordinator(organisation, full_name="Bram Jansen", email="bram@example.org")
    quiet = _coordinator(organisation, full_name="Carla Stil", email="carla@example.org")
    one = _overdue(organisation, name="Akkerman", coordinator=anna)
    two = _overdue(organisation, name="Bakker", coordinator=bram, substitute=anna, shielded=True)
    three = _overdue(organisation, name="Claassen", coordinator=bram, due=D(2026, 12, 17))
    _overdue(organisation, name="Zonder", coordinator=None)
    return {
        "organisation": organisation,
        "anna": anna,
        "bram": bram,
        "quiet": quiet,
        "trajectories": (one, two, three),
    }


def test_digest_goes_to_each_coordinator_with_their_own_lines(team):
    one = team["trajectories"][0]
    sent = signal_digest_send(organisation=team["organisation"], today=TODAY)
    assert sent == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"anna@example.org", "bram@example.org"}
    anna = by_recipient["anna@example.org"]
    assert anna.subject == "Terugkeer: 2 signalen op 21-12-2026"
    lines = [line for line in anna.body.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Jan Akkerman: Eerste contact te laat (uiterlijk 18-12-2026)",
        "- Jan Bakker: Eerste contact te laat (uiterlijk 18-12-2026)",
    ]
    assert f"/trajecten/{one.pk}/" in anna.body
    bram = by_recipient["bram@example.org"]
    assert [line for line in bram.body.splitlines() if line.startswith("- ")] == [
        "- Jan Claassen: Eerste contact te laat (uiterlijk 17-12-2026)",
        "- Jan Bakker: Eerste contact te laat (uiterlijk 18-12-2026)",
    ]
    assert bram.subject == "Terugkeer: 2 signalen op 21-12-2026"
    assert "Zonder" not in anna.body + bram.body


def test_no_digest_on_a_day_without_signals(team):
    assert signal_digest_send(organisation=team["organisation"], today=D(2026, 12, 17)) == 0
    assert mail.outbox == []


def test_command_prints_counts_per_organisation_and_sends_on_request(team):
    OrganisationFactory(name="Andere organisatie")
    out = StringIO()
    call_command("compute_signals", "--date", "2026-12-21", stdout=out)
    assert out.getvalue().splitlines() == [
        "Andere organisatie: 0 signalen op 21-12-2026",
        "Lokale Kamer: 4 signalen op 21-12-2026",
        "  eerste_contact_te_laat: 4",
    ]
    assert mail.outbox == []
    out = StringIO()
    call_command(
        "compute_signals",
        "--date=2026-12-21",
        f"--organisation={team['organisation'].pk}",
        "--send-digest",
        stdout=out,
    )
    assert out.getvalue().splitlines()[-1] == "  e-mails verstuurd: 2"
    assert len(mail.outbox) == 2


def test_task_sends_the_same_digest(team):
    assert signal_digest_task.call(team["organisation"].pk, "2026-12-21") == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bram@example.org"]


def test_home_page_shows_own_signals_and_the_team_count(team, verified_client, on_today):
    one = team["trajectories"][0]
    client = verified_client(team["anna"], team["organisation"])
    page = client.get(reverse("core:home")).content.decode()
    assert "Wat vraagt aandacht" in page
    # Anna's own list (coordinator of one, substitute of two), the team folded away with a count
    mine = page.split('id="signalen-mijn"')[1].split("<details")[0]
    assert "Jan Akkerman" in mine and "Jan Bakker" in mine and "Claassen" not in mine
    assert reverse("dossier:overview", args=[one.pk]) in mine
    assert "Team: 4 signalen" in page
    assert reverse("reassign:form") in page


def test_home_page_of_a_team_chair_lists_the_team(team, verified_client, on_today):
    chair = MembershipFactory(organisation=team["organisation"], role=Role.TEAM_CHAIR).user
    page = verified_client(chair, team["organisation"]).get(reverse("core:home")).content.decode()
    team_part = page.split('id="signalen-team"')[1]
    assert team_part.count('data-testid="signal-eerste_contact_te_laat"') == 4
    assert 'data-testid="no-signals-mine"' in page


def test_home_page_of_other_roles_has_no_signals(team, verified_client):
    advisor = MembershipFactory(organisation=team["organisation"], role=Role.POLICY_ADVISOR).user
    page = verified_client(advisor, team["organisation"]).get(reverse("core:home"))
    assert page.status_code == 200
    assert "Wat vraagt aandacht" not in page.content.decode()
