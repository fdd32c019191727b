"""Alerts on unusual access, on a hand-made log with hand-worked expected alerts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.mentoring.tests.factories import MentorMatchFactory
from terugkeer.privacy.alerts import AFTER_HOURS, MANY_UNASSIGNED, SHIELDED, alerts_for_day
from terugkeer.privacy.tests.factories import PrivacySettingsFactory, local, log_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(organisation, officer):
    """Yesterday (D) in an organisation with at most 2 unassigned dossiers and hours 8–18.

    carla coordinates T1 (client C1) and the shielded T2 (C2); the mentor walks beside T3 (C3);
    T4 (C4) has no coordinator; C5 has no trajectory. dirk (team chair) works on none of them.
    """
    PrivacySettingsFactory(
        organisation=organisation,
        max_unassigned_per_day=2,
        working_hours_start=datetime.time(8, 0),
        working_hours_end=datetime.time(18, 0),
    )
    carla = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    dirk = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    c = {n: ClientFactory(organisation=organisation, surname=f"Client{n}") for n in range(1, 6)}
    t1 = TrajectoryFactory(client=c[1], coordinator=carla)
    t2 = TrajectoryFactory(client=c[2], coordinator=carla, shielded=True)
    t3 = TrajectoryFactory(client=c[3])
    TrajectoryFactory(client=c[4])
    match = MentorMatchFactory(trajectory=t3, mentor__organisation=organisation)
    mentor = match.mentor.user
    d = timezone.localdate() - datetime.timedelta(days=1)
    org = organisation
    # carla: her own cases (no alert), 2 unassigned (not more than 2), one read at 18:00.
    log_read(carla, org, c[1], at=local(d, 9, 0))
    log_read(carla, org, t1, at=local(d, 9, 5))
    log_read(carla, org, t2, at=local(d, 9, 10))
    log_read(carla, org, c[3], at=local(d, 11, 0))
    log_read(carla, org, c[4], at=local(d, 11, 5))
    log_read(carla, org, c[1], at=local(d, 18, 0))
    # dirk: C1 twice (page and trajectory), C4, the shielded C2 twice, C5 after hours.
    log_read(dirk, org, c[1], at=local(d, 10, 0))
    log_read(dirk, org, t1, at=local(d, 10, 5))
    log_read(dirk, org, c[4], at=local(d, 10, 10))
    log_read(dirk, org, t2, at=local(d, 10, 20))
    log_read(dirk, org, c[2], at=local(d, 10, 25))
    log_read(dirk, org, c[5], at=local(d, 18, 30))
    # the mentor reads the own match's trajectory, early.
    log_read(mentor, org, t3, at=local(d, 7, 30))
    # Not on D: the evening before; the privacy officer's own read; another organisation.
    log_read(dirk, org, c[3], at=local(d - datetime.timedelta(days=1), 23, 0))
    log_read(officer, org, c[2], at=local(d, 22, 0))
    other = OrganisationFactory()
    stranger = MembershipFactory(organisation=other, role=Role.TEAM_CHAIR).user
    foreign = TrajectoryFactory(client=ClientFactory(organisation=other), shielded=True)
    log_read(stranger, other, foreign, at=local(d, 23, 0))
    return {"d": d, "carla": carla, "dirk": dirk, "mentor": mentor, "c": c}


def test_the_days_alerts_are_the_hand_worked_ones(scenario, officer, organisation):
    from terugkeer.core.access import Scope

    scope = Scope(user=officer, organisation=organisation, role=Role.PRIVACY_OFFICER)
    d, dirk, carla, mentor = scenario["d"], scenario["dirk"], scenario["carla"], scenario["mentor"]
    found = [
        (
            a.kind,
            a.user_id,
            a.count,
            f"{timezone.localtime(a.first_at):%H:%M}",
            f"{timezone.localtime(a.last_at):%H:%M}",
            a.client_id,
        )
        for a in alerts_for_day(scope=scope, day=d)
    ]
    assert found == [
        (SHIELDED, dirk.pk, 2, "10:20", "10:25", scenario["c"][2].pk),
        # C1, C4, C2, C5: four distinct clients, more than 2.
        (MANY_UNASSIGNED, dirk.pk, 4, "10:00", "18:30", None),
        (AFTER_HOURS, mentor.pk, 1, "07:30", "07:30", None),
        (AFTER_HOURS, carla.pk, 1, "18:00", "18:00", None),
        (AFTER_HOURS, dirk.pk, 1, "18:30", "18:30", None),
    ]
    # The evening before: dirk at 23:00, once.
    before = alerts_for_day(scope=scope, day=d - datetime.timedelta(days=1))
    assert [(a.kind, a.user_id, a.count) for a in before] == [(AFTER_HOURS, dirk.pk, 1)]


def test_alerts_are_for_the_privacy_officer_only(scenario, organisation):
    from terugkeer.core.access import Scope

    chair = Scope(user=scenario["dirk"], organisation=organisation, role=Role.TEAM_CHAIR)
    assert alerts_for_day(scope=chair, day=scenario["d"]) == []


def test_the_alerts_page_and_the_home_signals(scenario, as_officer):
    d = scenario["d"]
    page = as_officer.get(reverse("privacy:alerts"), {"dag": d.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Afgeschermd dossier gelezen zonder toewijzing: {scenario['c'][2]}" in html
    assert "4 dossiers geopend zonder toewijzing" in html
    home = as_officer.get(reverse("core:home"))
    titles = [s.title for s in home.context["signals"].mine]
    assert titles == [
        f"Afgeschermd dossier gelezen zonder toewijzing: {scenario['c'][2]}",
        "4 dossiers geopend zonder toewijzing",
        "1 keer gelezen buiten werktijd",
        "1 keer gelezen buiten werktijd",
        "1 keer gelezen buiten werktijd",
    ]


def test_a_wrong_day_falls_back_to_today(as_officer):
    page = as_officer.get(reverse("privacy:alerts"), {"dag": "31-02-2026"})
    assert page.context["day"] == timezone.localdate()
