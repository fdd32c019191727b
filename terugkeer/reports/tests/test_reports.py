"""Each report against the hand-built scenario (tests/scenario.py); expected numbers by hand."""

import datetime

import pytest

from terugkeer.assessments.tests.factories import measure
from terugkeer.cases.choices import SnapshotMoment, TriageStatus
from terugkeer.cases.models import DomainAssessment, DomainSnapshot
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.choices import Sex
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.tests.factories import DetentionFactory, DetentionNotificationFactory
from terugkeer.reports.framework import SUPPRESSED, ReportFilters, run_report
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.tests.scenario import PERIOD, D, build_world, domain

pytestmark = pytest.mark.django_db
TODAY = D(2026, 1, 15)


@pytest.fixture
def world():
    return build_world()


def compute(slug, world, filters=PERIOD, role=Role.COORDINATOR, today=TODAY):
    return run_report(REPORTS[slug], scope=world.scope(role), filters=filters, today=today)


def by(rows, key):
    return {row[key]: row for row in rows}


def notification(
    world,
    on,
    *,
    municipality,
    sex="M",
    kind=NotificationKind.BEGIN,
    pi="PI Alpha",
    organisation=None,
    bsn="111222333",
):
    return DetentionNotificationFactory(
        detention=None,
        client=None,
        organisation=organisation or world.organisation,
        kind=kind,
        received_on=on,
        municipality=municipality,
        sex=sex,
        institution_name=pi,
        bsn=bsn,
    )


def test_notifications_per_month_municipality_institution_and_sex(world):
    a, b = world.aastad, world.beedorp
    notification(world, D(2025, 1, 6), municipality=a)
    notification(world, D(2025, 1, 20), municipality=a)
    notification(world, D(2025, 2, 3), municipality=a, pi="PI Beta")
    notification(world, D(2025, 2, 17), municipality=a, sex="V", pi="PI Beta")
    notification(world, D(2025, 3, 3), municipality=b)
    notification(world, D(2025, 3, 4), municipality=a, kind=NotificationKind.END)  # not a begin
    notification(world, D(2024, 12, 31), municipality=a)  # outside the period
    notification(world, D(2025, 1, 15), municipality=None, organisation=world.other)

    periods, municipalities, institutions = compute("meldingen", world).tables

    assert [
        (r["period"], r["total"], r["male"], r["female"], r["other"]) for r in periods.rows
    ] == [
        ("01-2025", 2, 2, 0, 0),
        ("02-2025", 2, 1, 1, 0),
        ("03-2025", 1, 1, 0, 0),
        ("Totaal", 5, 4, 1, 0),
    ]
    assert [(r["municipality"], r["total"], r["female"]) for r in municipalities.rows] == [
        ("Aastad", 4, 1),
        ("Beedorp", 1, 0),
    ]
    assert [(r["institution"], r["total"]) for r in institutions.rows] == [
        ("PI Alpha", 3),
        ("PI Beta", 2),
    ]


def test_outflow_counts_releases_and_distinct_persons(world):
    man = ClientFactory(organisation=world.organisation, sex=Sex.MALE)
    woman = ClientFactory(organisation=world.organisation, sex=Sex.FEMALE)
    for client, end in [
        (man, D(2025, 2, 1)),
        (man, D(2025, 8, 1)),
        (woman, D(2025, 3, 1)),
        (man, D(2024, 12, 31)),  # previous year, outside the period
    ]:
        DetentionFactory(
            client=client, start_date=end - datetime.timedelta(days=40), actual_end=end
        )

    (table,) = compute("uitstroom", world).tables

    assert table.rows == [
        {
            "year": "2025",
            "releases": 3,
            "persons": 2,
            "repeat": 1,
            "male_releases": 2,
            "male_persons": 1,
            "female_releases": 1,
            "female_persons": 1,
        }
    ]


def test_reach_timeliness_and_participation_per_municipality(world):
    (table,) = compute("bereik", world).tables
    rows = by(table.rows, "municipality")

    # Aastad: T1 (reached, in time, accepted), T2 (reached 5 days after release, late,
    # declined), T3 (contact 52 days after release: not reached; late; offer made).
    assert rows["Aastad"] | {} == rows["Aastad"]
    assert {k: rows["Aastad"][k] for k in ("registered", "reached", "contacted", "in_time")} == {
        "registered": 3,
        "reached": 2,
        "contacted": 3,
        "in_time": 1,
    }
    assert rows["Aastad"]["reached_pct"] == 66.7
    assert rows["Aastad"]["in_time_pct"] == 33.3
    assert (rows["Aastad"]["offered"], rows["Aastad"]["accepted"]) == (3, 1)
    # Beedorp: T4 only had a meeting with a partner: not reached, no first contact, no offer.
    assert (rows["Beedorp"]["registered"], rows["Beedorp"]["reached"]) == (1, 0)
    assert rows["Beedorp"]["reached_pct"] == 0.0
    assert rows["Beedorp"]["in_time_pct"] is None
    assert rows["Totaal"]["registered"] == 4
    assert rows["Totaal"]["reached_pct"] == 50.0
    assert rows["Totaal"]["accepted_pct"] == 33.3


def test_help_requests_per_domain_and_per_trajectory(world):
    t = world.trajectories
    for trajectory, code, status in [
        (t["T1"], "huisvesting", TriageStatus.NEED),
        (t["T1"], "id_bewijs", TriageStatus.ARRANGED),
        (t["T1"], "schulden", TriageStatus.NO_NEED),
        (t["T2"], "zorg", TriageStatus.IN_PROGRESS),
        (t["T3"], "werk_inkomen", TriageStatus.REFUSED),
        (t["T3"], "sociaal_netwerk", TriageStatus.UNKNOWN),
        (t["T5"], "huisvesting", TriageStatus.NEED),  # outside the period
    ]:
        DomainAssessment.objects.create(trajectory=trajectory, domain=domain(code), status=status)

    per_domain, summary, per_trajectory = compute("hulpvragen", world).tables

    counts = {row["domain"]: row["count"] for row in per_domain.rows}
    assert counts == {
        "ID-bewijs": 1,
        "Huisvesting": 1,
        "Werk & inkomen": 0,
        "Schulden": 0,
        "Zorg": 1,
        "Sociaal netwerk": 0,
    }
    assert by(per_domain.rows, "domain")["Zorg"]["share"] == 25.0
    assert [row["count"] for row in summary.rows] == [4, 2, 1]
    first = by(per_trajectory.rows, "trajectory")[t["T1"].pk]
    assert (first["d_huisvesting"], first["d_id_bewijs"], first["d_schulden"]) == (
        True,
        True,
        False,
    )
    assert first["domain_count"] == 2
    assert len(per_trajectory.rows) == 4


def snapshot(trajectory, moment, code, status, insurance=None):
    DomainSnapshot.objects.create(
        trajectory=trajectory,
        moment=moment,
        domain=domain(code),
        status=status,
        health_insurance=insurance,
        taken_on=trajectory.opened_on,
    )


def test_basic_conditions_at_intake_and_release_and_how_they_moved(world):
    t1, t2 = world.trajectories["T1"], world.trajectories["T2"]
    intake, release = SnapshotMoment.INTAKE, SnapshotMoment.RELEASE
    snapshot(t1, intake, "id_bewijs", TriageStatus.NEED)
    snapshot(t1, intake, "huisvesting", TriageStatus.NEED)
    snapshot(t1, intake, "zorg", TriageStatus.NEED, insurance=False)
    snapshot(t1, release, "id_bewijs", TriageStatus.ARRANGED)
    snapshot(t1, release, "huisvesting", TriageStatus.NEED)
    snapshot(t1, release, "zorg", TriageStatus.ARRANGED, insurance=True)
    snapshot(t2, intake, "id_bewijs", TriageStatus.NO_NEED)
    snapshot(t2, intake, "huisvesting", TriageStatus.REFUSED)
    snapshot(t2, intake, "zorg", TriageStatus.NO_NEED, insurance=True)
    snapshot(t2, release, "id_bewijs", TriageStatus.NEED)
    snapshot(t2, release, "huisvesting", TriageStatus.REFUSED)
    snapshot(t2, release, "zorg", TriageStatus.NO_NEED, insurance=True)

    situation, moves = compute("basisvoorwaarden", world).tables
    rows = by(situation.rows, "indicator")

    assert rows["Trajecten met een momentopname"]["count_intake"] == 2
    assert rows["Trajecten met een momentopname"]["count_einde"] == 0
    assert (
        rows["Zonder geldig ID-bewijs"]["count_intake"],
        rows["Zonder geldig ID-bewijs"]["pct_intake"],
    ) == (1, 50.0)
    assert rows["Zonder huisvesting"]["pct_vrijlating"] == 100.0
    assert rows["Zonder zorgverzekering"]["count_intake"] == 1
    assert rows["Zonder zorgverzekering"]["count_vrijlating"] == 0
    assert rows["Zorgvraag niet geregeld"]["count_intake"] == 1
    assert rows["Zonder geldig ID-bewijs"]["pct_einde"] is None

    first_move = {r["indicator"]: r for r in moves.rows if r["move"].startswith("bij intake")}
    assert {
        k: first_move["Zonder geldig ID-bewijs"][k] for k in ("both", "solved", "stayed", "new")
    } == {
        "both": 2,
        "solved": 1,
        "stayed": 0,
        "new": 1,
    }
    assert first_move["Zonder huisvesting"]["stayed"] == 2
    assert (
        first_move["Zonder zorgverzekering"]["solved"],
        first_move["Zonder zorgverzekering"]["new"],
    ) == (1, 0)


def test_zrm_progress_first_versus_latest(world):
    t1, t2, t3 = (world.trajectories[n] for n in ("T1", "T2", "T3"))
    measure(t1, {"financien": 2, "huisvesting": 1}, measured_on=D(2025, 3, 10))
    measure(t1, {"financien": 3, "huisvesting": 3}, measured_on=D(2025, 9, 10), kind="1-meting")
    measure(t2, {"financien": 4, "huisvesting": 4}, measured_on=D(2025, 4, 10))
    measure(t2, {"financien": 4, "huisvesting": None}, measured_on=D(2025, 10, 1), kind="1-meting")
    measure(t3, {"financien": 1}, measured_on=D(2025, 5, 5))  # only one measurement

    summary, per_domain = compute("zrm", world).tables

    # T1: total 3 → 6 (mean 1.5 → 3: better); T2: total 8 → 4, mean 4 → 4 (equal: the
    # unscored domain does not count as a decline).
    assert summary.rows == [
        {
            "clients": 2,
            "first_total": 5.5,
            "latest_total": 5.0,
            "improved": 1,
            "equal": 1,
            "worse": 0,
        }
    ]
    rows = by(per_domain.rows, "domain")
    assert (rows["Financiën"]["first"], rows["Financiën"]["latest"]) == (3.0, 3.5)
    assert rows["Financiën"]["change"] == 0.5
    assert (rows["Huisvesting"]["n_first"], rows["Huisvesting"]["n_latest"]) == (2, 1)
    assert (rows["Huisvesting"]["first"], rows["Huisvesting"]["latest"]) == (2.5, 3.0)


def test_lead_times_are_medians_and_closing_reasons_are_counted(world):
    lead_times, reasons = compute("doorlooptijden", world).tables
    rows = by(lead_times.rows, "step")

    # First contact after 2, 14 and 61 days; release after 9 and 9; closure after release 30 and
    # 91; notification to closure 39 and 100.
    assert (rows["Melding → eerste contact"]["n"], rows["Melding → eerste contact"]["median"]) == (
        3,
        14,
    )
    assert rows["Melding → vrijlating"]["median"] == 9
    assert rows["Vrijlating → afsluiting"]["median"] == 60.5
    assert rows["Melding → afsluiting"]["median"] == 69.5
    counted = {row["value"]: row["count"] for row in reasons.rows}
    assert counted["doelen bereikt"] == 1
    assert counted["niet bereikbaar"] == 1
    assert counted["Totaal"] == 2
    assert by(reasons.rows, "value")["doelen bereikt"]["share"] == 50.0


def test_case_lead_sources_referrals_and_supervision(world):
    lead, source, referrals, category, supervision = compute("casusregie", world).tables

    leads = {row["value"]: row["count"] for row in lead.rows}
    assert leads["nazorgcoördinator"] == 2
    assert leads["Sociaal Kernteam"] == 1
    assert leads["Exodus"] == 1
    assert by(lead.rows, "value")["nazorgcoördinator"]["share"] == 50.0
    assert {row["value"]: row["count"] for row in source.rows}["verwijzing door ketenpartner"] == 1
    assert referrals.rows == [{"partner": "Reclassering Nederland", "count": 1}]
    assert {row["value"]: row["count"] for row in category.rows} == {
        "categorie 1": 1,
        "categorie 2": 1,
        "categorie 3": 0,
        "Geen categorie": 2,
    }
    assert supervision.rows == [{"total": 4, "supervised": 1, "share": 25.0}]


def test_recidivism_by_cohort_year_and_research_group(world):
    def released(on, tag):
        client = ClientFactory(organisation=world.organisation)
        return TrajectoryFactory(
            client=client,
            opened_on=on - datetime.timedelta(days=60),
            released_on=on,
            cohort_tag=tag,
        )

    def again(trajectory, on, kind=NotificationKind.BEGIN):
        notification(world, on, municipality=world.aastad, kind=kind, bsn=trajectory.client.bsn)

    r1 = released(D(2024, 3, 1), "projectgroep")
    again(r1, D(2025, 6, 1))  # 457 days: within 18 months and 2 years
    r2 = released(D(2024, 5, 1), "projectgroep")
    again(r2, D(2026, 3, 1))  # 669 days: within 2 years only
    r3 = released(D(2024, 7, 1), "vergelijkingsgroep")
    again(r3, D(2024, 8, 1), kind=NotificationKind.END)  # not a new detention
    r4 = released(D(2025, 9, 1), "projectgroep")
    again(r4, D(2026, 1, 1))  # within 18 months; two years not yet over on 30 June 2027
    period = ReportFilters(start=D(2024, 1, 1), end=D(2025, 12, 31))

    per_year, per_group = compute("recidive", world, filters=period, today=D(2027, 6, 30)).tables

    assert [
        (
            r["year"],
            r["group"],
            r["released"],
            r["followed_2y"],
            r["recidive_2y"],
            r["share_2y"],
            r["followed_18m"],
            r["recidive_18m"],
            r["share_18m"],
        )
        for r in per_year.rows
    ] == [
        ("2024", "projectgroep", 2, 2, 2, 100.0, 2, 1, 50.0),
        ("2024", "vergelijkingsgroep", 1, 1, 0, 0.0, 1, 0, 0.0),
        # T2 and T3 of the scenario: released in 2025 without a group, no new notification.
        ("2025", "Alle overige", 2, 2, 0, 0.0, 2, 0, 0.0),
        ("2025", "projectgroep", 1, 0, 0, None, 1, 1, 100.0),
    ]
    groups = by(per_group.rows, "group")
    assert (groups["projectgroep"]["recidive_2y"], groups["projectgroep"]["share_18m"]) == (2, 66.7)


def test_policy_advisor_sees_small_cells_suppressed_and_no_rows_per_trajectory(world):
    result = compute("bereik", world, role=Role.POLICY_ADVISOR)
    rows = by(result.tables[0].rows, "municipality")

    assert result.suppressed
    assert rows["Aastad"]["registered"] == SUPPRESSED  # 3 persons
    assert rows["Aastad"]["reached_pct"] == SUPPRESSED  # a share of fewer than 5 persons
    assert rows["Beedorp"]["reached"] == 0  # nobody is not a small cell
    assert rows["Beedorp"]["in_time_pct"] is None
    help_tables = compute("hulpvragen", world, role=Role.POLICY_ADVISOR).tables
    assert [t.title for t in help_tables] == ["Hulpvragen per domein", "Samenvatting"]


def test_team_chair_sees_exact_figures(world):
    result = compute("bereik", world, role=Role.TEAM_CHAIR)
    assert by(result.tables[0].rows, "municipality")["Aastad"]["registered"] == 3
    assert not result.suppressed


def test_municipality_filter_narrows_every_trajectory_report(world):
    filters = ReportFilters(start=PERIOD.start, end=PERIOD.end, municipality_id=world.beedorp.pk)
    (table,) = compute("bereik", world, filters=filters).tables
    assert [row["municipality"] for row in table.rows] == ["Beedorp", "Totaal"]
    assert by(table.rows, "municipality")["Totaal"]["registered"] == 1
