"""The pseudonymised research export (issue 18): rows, coarsening, small cells, page and log.

The world: seven trajectories opened in January–February 2026, six in Westland (client 1 has
two of them), one in Rijswijk; one opened in December 2025 and one of another organisation are
outside the export.
"""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.assessments.choices import MeasurementKind
from terugkeer.assessments.tests.factories import measure
from terugkeer.cases.choices import ClosingReason, TrajectoryStatus, TriageStatus
from terugkeer.cases.models import Domain, DomainAssessment
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory, DetentionNotificationFactory
from terugkeer.privacy import research
from terugkeer.privacy.models import ResearchExport
from terugkeer.privacy.research_services import research_export_create

pytestmark = pytest.mark.django_db

D = datetime.date
START, END = D(2026, 1, 1), D(2026, 3, 10)
KEY = b"k" * 32


@pytest.fixture
def world():
    westland = MunicipalityFactory(name="Westland", cbs_code="GM9701")
    rijswijk = MunicipalityFactory(name="Rijswijk", cbs_code="GM9702")
    organisation = OrganisationFactory(municipalities=[westland, rijswijk])

    def client(n, birth_date, municipality=westland):
        return ClientFactory(
            organisation=organisation,
            first_names=f"Voornaam{n}",
            surname=f"Achternaam{n}",
            birth_date=birth_date,
            municipality=municipality,
            phone=f"06 1234 567{n}",
            postcode=f"26{n}1 XK",
            address=f"Havenweg {n}",
        )

    c1 = client(1, D(1990, 5, 20))
    t1 = TrajectoryFactory(
        client=c1,
        opened_on=D(2026, 1, 15),
        first_contact_on=D(2026, 1, 19),
        status=TrajectoryStatus.CLOSED,
        closing_reason=ClosingReason.GOALS_MET,
        closed_on=D(2026, 3, 2),
    )
    t2 = TrajectoryFactory(client=c1, opened_on=D(2026, 2, 3))
    others = [
        TrajectoryFactory(client=client(n, D(1985, 3, 1)), opened_on=D(2026, 1, 20 + n))
        for n in range(2, 6)
    ]
    c6 = client(6, D(2005, 6, 1), municipality=rijswijk)
    t6 = TrajectoryFactory(
        client=c6,
        opened_on=D(2026, 2, 10),
        released_on=D(2026, 2, 20),
        aftercare_end=D(2026, 3, 25),
    )
    # A new begin notification for client 6 nine days after release: recidivism.
    DetentionNotificationFactory(detention=DetentionFactory(client=c6, start_date=D(2026, 3, 1)))
    # Outside the export: opened before the period, and another organisation's.
    TrajectoryFactory(client=client(7, D(1970, 1, 1)), opened_on=D(2025, 12, 31))
    TrajectoryFactory(opened_on=D(2026, 1, 20))
    huisvesting = Domain.objects.get(programme__code="nazorg", code="huisvesting")
    DomainAssessment.objects.create(trajectory=t1, domain=huisvesting, status=TriageStatus.NEED)
    measure(t1, {"financien": 3, "huisvesting": 2}, measured_on=D(2026, 1, 20))
    measure(
        t1,
        {"financien": 4, "huisvesting": 4},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on=D(2026, 3, 1),
    )
    advisor = MembershipFactory(organisation=organisation, role=Role.POLICY_ADVISOR).user
    return {
        "organisation": organisation,
        "clients": [c1, *(t.client for t in others), c6],
        "t1": t1,
        "t2": t2,
        "t6": t6,
        "others": others,
        "huisvesting": huisvesting,
        "advisor": advisor,
    }


def table(world, key=KEY):
    return research.build_table(
        organisation=world["organisation"],
        start=START,
        end=END,
        programme="",
        today=D(2026, 3, 10),
        key=key,
    )


def row_of(result, trajectory, key=KEY):
    wanted = research.pseudonym(key, "trajectory", trajectory.pk)
    return next(row for row in result.rows if row["trajectory"] == wanted)


def test_one_row_per_trajectory_of_the_period_coarsened_and_grouped(world):
    result = table(world)
    assert len(result.rows) == 7
    t1 = row_of(result, world["t1"])
    huisvesting = f"triage_{world['huisvesting'].pk}"
    assert {key: t1[key] for key in [*(k for k, _ in research.COLUMNS), huisvesting]} == {
        "client": research.pseudonym(KEY, "client", world["t1"].client_id),
        "trajectory": research.pseudonym(KEY, "trajectory", world["t1"].pk),
        "programme": "Nazorg ex-gedetineerden",
        # The only closed trajectory: its status and reason are rare, so "overig".
        "status": "overig",
        "category": "onbekend",
        "opened_month": "2026-01",
        "age_band": "35-44",  # 35 on 15 January 2026
        "sex": "man",
        "municipality": "Westland",
        # Every detention is in its own PI: each one rare.
        "institution": "overig",
        "legal_title": "preventieve hechtenis",
        "days_to_contact": 4,
        "contact_in_time": "ja",  # 19 January, due 22 January
        "release_month": "",
        "aftercare_months": None,
        "closing_reason": "overig",
        "zrm_first": 5,
        "zrm_latest": 8,
        "recidive_2y": "onbekend",
        "generalised": 0,
        huisvesting: "hulpvraag",
    }
    assert row_of(result, world["t2"])[huisvesting] == ""
    assert row_of(result, world["t2"])["status"] == "aangemeld"
    assert "Triage Huisvesting (Nazorg ex-gedetineerden)" in result.headers
    assert "Triage ID-bewijs" in result.headers


def test_the_rare_rijswijk_row_is_grouped_then_generalised(world):
    t6 = row_of(table(world), world["t6"])
    # Rijswijk (1 trajectory) → overig; (18-24, man, overig, 2026-02) is unique → year, still
    # unique → the four quasi-identifiers suppressed.
    assert [t6[key] for key in research.QUASI_IDENTIFIERS] == ["*", "*", "*", "*"]
    assert t6["opened_month"] == "2026"
    assert t6["generalised"] == 2
    assert t6["recidive_2y"] == "ja"  # notified again on 1 March, 9 days after release
    assert t6["aftercare_months"] == 1  # 20 February → 25 March
    assert t6["days_to_contact"] is None and t6["contact_in_time"] == ""


def test_pseudonyms_stable_within_an_export_and_different_between_exports(world):
    scope = Scope(world["advisor"], world["organisation"], Role.POLICY_ADVISOR)
    first = research_export_create(scope=scope, purpose="WODC-monitor", start=START, end=END)
    second = research_export_create(scope=scope, purpose="WODC-monitor", start=START, end=END)
    clients = [row["client"] for row in first.table.rows]
    assert len(clients) == 7 and len(set(clients)) == 6  # client 1 twice
    twice = next(c for c in clients if clients.count(c) == 2)
    assert {row["opened_month"] for row in first.table.rows if row["client"] == twice} == {
        "2026-01",
        "2026-02",
    }
    assert not set(clients) & {row["client"] for row in second.table.rows}
    trajectories = {row["trajectory"] for row in first.table.rows}
    assert len(trajectories) == 7
    assert not trajectories & {row["trajectory"] for row in second.table.rows}


def test_the_service_logs_the_export_and_refuses_without_purpose_or_role(world):
    scope = Scope(world["advisor"], world["organisation"], Role.POLICY_ADVISOR)
    export = research_export_create(
        scope=scope, purpose="  evaluatie Westland  ", start=START, end=END, programme="nazorg"
    )
    saved = ResearchExport.objects.get()
    assert (saved.exported_by, saved.purpose, saved.row_count, saved.programme) == (
        world["advisor"],
        "evaluatie Westland",
        7,
        "nazorg",
    )
    assert export.pk == saved.pk
    with pytest.raises(ValidationError) as refused:
        research_export_create(scope=scope, purpose=" ", start=START, end=END)
    assert refused.value.message_dict == {"purpose": ["Doel: vul in waarvoor de export nodig is."]}
    coordinator = MembershipFactory(organisation=world["organisation"], role=Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        research_export_create(
            scope=Scope(coordinator.user, world["organisation"], Role.COORDINATOR),
            purpose="nieuwsgierig",
            start=START,
            end=END,
        )
    assert ResearchExport.objects.count() == 1


def _post(verified_client, world, **data):
    browser = verified_client(world["advisor"], world["organisation"])
    form = {"start": "2026-01-01", "end": "2026-03-10", "programme": "", "format": "csv"}
    return browser.post(reverse("privacy:research_export"), form | data)


def test_the_csv_holds_no_direct_identifier_and_the_export_is_logged(verified_client, world):
    response = _post(verified_client, world, purpose="WODC-monitor 2026")
    assert response.status_code == 200
    # The file is named after the day it is made.
    disposition = f'attachment; filename="onderzoeksexport-{timezone.localdate():%Y-%m-%d}.csv"'
    assert response["Content-Disposition"] == disposition
    text = response.content.decode("utf-8-sig")
    for client in world["clients"]:
        for value in (
            client.bsn,
            client.first_names,
            client.surname,
            client.phone,
            client.postcode,
            client.address,
            client.birth_date.isoformat(),
            f"{client.birth_date:%d-%m-%Y}",
        ):
            assert value not in text
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[3] == ["Doel", "WODC-monitor 2026"]
    header = lines.index([]) + 1
    assert lines[header][:3] == ["Pseudoniem cliënt", "Pseudoniem traject", "Programma"]
    assert len(lines) - header - 1 == 7
    export = ResearchExport.objects.get()
    assert (export.exported_by, export.purpose, export.row_count) == (
        world["advisor"],
        "WODC-monitor 2026",
        7,
    )
    entry = AccessLogEntry.objects.get(user=world["advisor"])
    assert entry.subject_id == str(export.pk)
    assert entry.purpose == "onderzoeksexport (7 rijen): WODC-monitor 2026"


def test_the_xlsx_explains_the_coarsening(verified_client, world):
    response = _post(verified_client, world, purpose="evaluatie", format="xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Toelichting", "Export"]
    about = [row for row in workbook["Toelichting"].iter_rows(values_only=True)]
    assert ("Aantal rijen", "7") in about
    assert any(row[1] and "maandniveau" in row[1] for row in about)
    rows = list(workbook["Export"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Pseudoniem cliënt", "Pseudoniem traject")
    assert len(rows) == 8


def test_purpose_is_required_on_the_page(verified_client, world):
    response = _post(verified_client, world, purpose="")
    assert response.status_code == 200
    assert "Doel: vul in waarvoor de export nodig is." in response.content.decode()
    assert not ResearchExport.objects.exists()


def test_a_coordinator_is_refused_and_nothing_is_logged(verified_client, world):
    coordinator = MembershipFactory(organisation=world["organisation"], role=Role.COORDINATOR).user
    browser = verified_client(coordinator, world["organisation"])
    url = reverse("privacy:research_export")
    assert browser.get(url).status_code == 403
    form = {"start": "2026-01-01", "end": "2026-03-10", "purpose": "x", "format": "csv"}
    assert browser.post(url, form).status_code == 403
    assert not ResearchExport.objects.exists()


def test_the_privacy_officer_may_export(verified_client, world):
    officer = MembershipFactory(organisation=world["organisation"], role=Role.PRIVACY_OFFICER).user
    browser = verified_client(officer, world["organisation"])
    form = {"start": "2026-01-01", "end": "2026-03-10", "purpose": "controle", "format": "csv"}
    assert browser.post(reverse("privacy:research_export"), form).status_code == 200
    assert ResearchExport.objects.get().exported_by == officer


@pytest.mark.parametrize(
    ("birth_date", "day", "band"),
    [
        (D(2008, 3, 11), D(2026, 3, 10), "jonger dan 18"),  # 17, one day short of 18
        (D(2008, 3, 10), D(2026, 3, 10), "18-24"),
        (D(2001, 3, 11), D(2026, 3, 10), "18-24"),  # 24
        (D(2001, 3, 10), D(2026, 3, 10), "25-34"),
        (D(1961, 3, 10), D(2026, 3, 10), "65 en ouder"),
        (None, D(2026, 3, 10), "onbekend"),
    ],
)
def test_age_bands(birth_date, day, band):
    assert research.age_band(birth_date, day) == band


def test_whole_months_and_recidive():
    assert research.whole_months(D(2026, 1, 15), D(2026, 3, 14)) == 1
    assert research.whole_months(D(2026, 1, 15), D(2026, 3, 15)) == 2
    assert research.whole_months(D(2026, 1, 15), None) is None
    today = D(2026, 3, 10)
    assert research.recidive(None, False, today) == "onbekend"
    assert research.recidive(D(2024, 3, 10), False, today) == "nee"  # 730 days ago
    assert research.recidive(D(2024, 3, 11), False, today) == "onbekend"  # 729 days
    assert research.recidive(D(2025, 12, 1), True, today) == "ja"


def _rows(specs):
    return [
        {
            "age_band": age,
            "sex": "man",
            "municipality": municipality,
            "release_month": release,
            "opened_month": "2025-11",
        }
        for age, municipality, release, n in specs
        for _ in range(n)
    ]


def test_the_small_cell_rule_in_two_steps():
    rows = _rows(
        [
            ("25-34", "Delft", "2026-01", 5),  # 5 alike: kept
            ("25-34", "Delft", "2026-02", 3),  # 3 → overig, 2026; with the 2 below: 5
            ("25-34", "Leiden", "2026-03", 2),  # 2 → overig, 2026
            ("45-54", "Delft", "2026-01", 1),  # 1 → overig, 2026: still alone → *
        ]
    )
    research.apply_small_cells(rows)
    shown = [
        (r["age_band"], r["municipality"], r["release_month"], r["opened_month"], r["generalised"])
        for r in rows
    ]
    assert shown == [
        *[("25-34", "Delft", "2026-01", "2025-11", 0)] * 5,
        *[("25-34", "overig", "2026", "2025", 1)] * 5,
        ("*", "*", "*", "2025", 2),
    ]


def test_rare_values_are_grouped_but_empty_stays_empty():
    rows = [{"municipality": m, "closing_reason": ""} for m in ["Delft"] * 5 + ["Leiden"] * 4]
    research.group_rare(rows, keys=("municipality", "closing_reason"))
    assert [r["municipality"] for r in rows] == ["Delft"] * 5 + ["overig"] * 4
    assert {r["closing_reason"] for r in rows} == {""}


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.POLICY_ADVISOR, True),
        (Role.PRIVACY_OFFICER, True),
        (Role.COORDINATOR, False),
        (Role.FUNCTIONAL_ADMIN, False),
    ],
)
def test_the_menu_item_for_policy_advisor_and_privacy_officer(role, shown):
    from terugkeer.core.navigation import menu_for

    organisation = OrganisationFactory()
    user = MembershipFactory(organisation=organisation, role=role).user
    labels = [link.label for link in menu_for(scope=Scope(user, organisation, role), view_name="")]
    assert ("Onderzoeksexport" in labels) is shown


def test_a_fixed_number_of_queries_whatever_the_size(world, django_assert_num_queries):
    # Trajectories (with client, municipality, PI, recidivism), domains, triage, ZRM
    # measurements, ZRM totals.
    with django_assert_num_queries(5):
        table(world)
    for trajectory in world["others"]:
        measure(trajectory, {"financien": 2}, measured_on=D(2026, 2, 1))
        TrajectoryFactory(
            client=ClientFactory(organisation=world["organisation"]), opened_on=D(2026, 2, 15)
        )
    with django_assert_num_queries(5):
        assert len(table(world).rows) == 11
