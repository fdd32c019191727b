"""Retention keeps the statistics: every registered report gives the same figures afterwards."""

import pytest

from terugkeer.cases.choices import Source
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.core.roles import Role
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.privacy.retention import ANONYMISED
from terugkeer.privacy.retention_services import retention_run
from terugkeer.privacy.tests.test_retention import confirmed_rule
from terugkeer.reports.framework import ReportFilters, run_report
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.tests.scenario import PERIOD, D, build_world

pytestmark = pytest.mark.django_db

# Late enough that the recidive of the 2025 releases has been followed for 1.5 years.
REPORT_DAY = D(2027, 12, 1)
WIDE = ReportFilters(start=D(2020, 1, 1), end=D(2027, 12, 31))


def figures(world, role):
    scope = world.scope(role)
    return {
        (slug, filters.start): [
            (table.title, table.rows)
            for table in run_report(report, scope=scope, filters=filters, today=REPORT_DAY).tables
        ]
        for slug, report in REPORTS.items()
        for filters in (PERIOD, WIDE)
    }


def rows_of(result, slug, title, filters=PERIOD):
    return dict(result[(slug, filters.start)])[title]


def test_every_report_gives_the_same_figures_before_and_after_anonymisation():
    world = build_world()
    t2, t3 = world.trajectories["T2"], world.trajectories["T3"]
    # T2 was referred by a partner (the casusregie report counts the partner's name); T3's
    # client got a new melding within 1.5 years of release (recidive matches on the BSN).
    Trajectory.objects.filter(pk=t2.pk).update(
        source=Source.PARTNER_REFERRAL, source_note="Exodus Den Haag"
    )
    DetentionNotificationFactory(
        client=t3.client, detention=None, kind=NotificationKind.BEGIN, received_on=D(2025, 9, 1)
    )
    before = {role: figures(world, role) for role in (Role.COORDINATOR, Role.POLICY_ADVISOR)}

    # T2 closed 10 May and T3 9 August 2025: both due under a six-month rule on 10 March 2026.
    run = retention_run(rule=confirmed_rule(world.organisation, months=6), today=D(2026, 3, 10))

    assert run.client_count == 2
    assert Client.objects.get(pk=t3.client_id).surname == ANONYMISED
    after = {role: figures(world, role) for role in (Role.COORDINATOR, Role.POLICY_ADVISOR)}
    assert after == before
    # Hand-checked figures, the same after: four trajectories registered in 2025, two reached
    # (T1 in detention, T2 five days after release), 50.0%;
    reach = {
        r["municipality"]: r
        for r in rows_of(after[Role.COORDINATOR], "bereik", "Bereik, tijdigheid en deelname")
    }
    assert (reach["Totaal"]["registered"], reach["Totaal"]["reached_pct"]) == (4, 50.0)
    # release → closure: T2 30 days (10 April → 10 May), T3 91 days (10 May → 9 August): 60.5;
    lead = {
        r["step"]: r
        for r in rows_of(
            after[Role.COORDINATOR], "doorlooptijden", "Doorlooptijden (mediaan in dagen)"
        )
    }
    assert lead["Vrijlating → afsluiting"]["median"] == 60.5
    # the referral by Exodus Den Haag and T4's by Reclassering Nederland;
    referrals = rows_of(after[Role.COORDINATOR], "casusregie", "Verwijzingen per ketenpartner")
    assert sorted((r["partner"], r["count"]) for r in referrals) == [
        ("Exodus Den Haag", 1),
        ("Reclassering Nederland", 1),
    ]
    # T3's new melding on 1 September 2025, 114 days after its release: one recidive in 1.5 years.
    recidive = rows_of(after[Role.COORDINATOR], "recidive", "Recidive per onderzoeksgroep")
    assert [(r["released"], r["recidive_18m"]) for r in recidive] == [(2, 1)]
