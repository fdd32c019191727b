"""The klantreis: events in date order, chart with a title per mark, table, queries, PDF, access."""

import datetime
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.models import Contact, Domain, DomainAssessment, StatusChange
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.timeline import client_journey
from terugkeer.core.access import Scope
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory, DetentionNotificationFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date


@pytest.fixture
def scenario():
    detention = DetentionFactory(
        start_date=D(2026, 1, 10),
        expected_end=D(2026, 4, 10),
        actual_end=D(2026, 4, 1),
        client__surname="Timmerman",
        institution__name="PI Zwaag",
    )
    trajectory = TrajectoryFactory(
        client=detention.client, detention=detention, opened_on=D(2026, 1, 12)
    )
    DetentionNotificationFactory(detention=detention, received_on=D(2026, 1, 11))
    coordinator = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    StatusChange.objects.create(
        trajectory=trajectory, to_status="aangemeld", effective_on=D(2026, 1, 12)
    )
    StatusChange.objects.create(
        trajectory=trajectory,
        from_status="aangemeld",
        to_status="in_contact",
        effective_on=D(2026, 1, 15),
    )
    for day, kind in ((D(2026, 1, 15), "pi_bezoek"), (D(2026, 2, 20), "ketenpartner")):
        Contact.objects.create(
            trajectory=trajectory, kind=kind, date=day, registered_by=coordinator.user
        )
    return trajectory, coordinator


def scope_of(membership):
    return Scope(user=membership.user, organisation=membership.organisation, role=membership.role)


EXPECTED = [
    (D(2026, 1, 10), "DJI / PI", "Detentie PI Zwaag"),
    (D(2026, 1, 11), "DJI / PI", "Melding: begin detentie"),
    (D(2026, 1, 12), "own", "Status: – → aangemeld"),
    (D(2026, 1, 15), "own", "Status: aangemeld → in contact"),
    (D(2026, 1, 15), "own", "Contact: PI-bezoek"),
    (D(2026, 2, 20), "Ketenpartners en anderen", "Contact: overleg met ketenpartner"),
]


def expected_for(trajectory):
    name = trajectory.organisation.name
    return [(d, name if lane == "own" else lane, label) for d, lane, label in EXPECTED]


def test_journey_has_the_events_in_date_order(scenario):
    trajectory, coordinator = scenario
    events = client_journey(scope=scope_of(coordinator), trajectory=trajectory)
    assert [(e.date, e.lane.label, e.label) for e in events] == expected_for(trajectory)
    detention = events[0]
    assert (detention.end, detention.end_is_expected) == (D(2026, 4, 1), False)
    assert all(e.cost is None for e in events)


def test_journey_is_empty_for_another_organisation(scenario):
    trajectory, _ = scenario
    stranger = MembershipFactory(role=Role.COORDINATOR)
    assert client_journey(scope=scope_of(stranger), trajectory=trajectory) == []


@pytest.fixture
def browser_client(scenario, verified_client):
    trajectory, coordinator = scenario
    client = verified_client(coordinator.user, trajectory.organisation)
    client.user = coordinator.user
    return client


def test_tab_shows_svg_with_a_title_per_event_and_the_same_table(scenario, browser_client):
    trajectory, coordinator = scenario
    response = browser_client.get(reverse("dossier:timeline", args=[trajectory.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    svg_text = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg_text)  # noqa: S314
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").get("id") == root.get("aria-labelledby")
    assert root.find(f"{SVG}title").text.startswith("Klantreis van")
    assert root.find(f"{SVG}style") is None
    marks = [el for el in root.iter() if el.get("data-kind")]
    events = client_journey(scope=scope_of(coordinator), trajectory=trajectory)
    assert [m.find(f"{SVG}title").text for m in marks] == [e.title for e in events]
    assert marks[0].find(f"{SVG}title").text == (
        "10-01-2026 t/m 01-04-2026 – DJI / PI: Detentie PI Zwaag"
    )
    assert [m.get("data-kind") for m in marks] == [
        "detention",
        "notification",
        "status",
        "status",
        "contact",
        "contact",
    ]
    table = html[html.index('data-testid="klantreis-table"') :]
    for _date, _lane, label in expected_for(trajectory):
        assert label in table
    assert table.count('<tr data-kind="') == len(EXPECTED)
    assert "Dossier als PDF" in html
    assert 'style="' not in svg_text


def _add_contacts(trajectory, user, n):
    Contact.objects.bulk_create(
        Contact(
            trajectory=trajectory, kind="telefoon", date=D(2026, 3, 1 + i % 28), registered_by=user
        )
        for i in range(n)
    )


def test_queries_do_not_grow_with_the_number_of_contacts(
    scenario, browser_client, django_assert_max_num_queries
):
    trajectory, coordinator = scenario
    url = reverse("dossier:timeline", args=[trajectory.pk])
    _add_contacts(trajectory, coordinator.user, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert browser_client.get(url).status_code == 200
    _add_contacts(trajectory, coordinator.user, 18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser_client.get(url).status_code == 200


def test_pdf_has_client_name_and_a_domain(scenario, browser_client, tmp_path):
    trajectory, _ = scenario
    domain = Domain.objects.filter(programme__code=trajectory.programme).first()
    DomainAssessment.objects.create(trajectory=trajectory, domain=domain, status="hulpvraag")
    response = browser_client.get(reverse("dossier:pdf", args=[trajectory.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils (pdftotext) is needed"
    path = tmp_path / "dossier.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert trajectory.client.surname in text
    assert domain.name in text
    assert "Klantreis" in text


def test_each_view_writes_an_access_log_row(scenario, browser_client):
    trajectory, _ = scenario
    for name in ("dossier:timeline", "dossier:pdf"):
        assert browser_client.get(reverse(name, args=[trajectory.pk])).status_code == 200
    rows = AccessLogEntry.objects.filter(subject_id=str(trajectory.pk), user=browser_client.user)
    assert sorted(rows.values_list("page", "purpose")) == [
        ("dossier:pdf", "dossier afdrukken"),
        ("dossier:timeline", "klantreis bekijken"),
    ]


@pytest.mark.parametrize("name", ["dossier:timeline", "dossier:pdf"])
def test_mentor_is_forbidden_and_other_organisation_not_found(scenario, verified_client, name):
    trajectory, _ = scenario
    mentor = MembershipFactory(organisation=trajectory.organisation, role=Role.MENTOR)
    client = verified_client(mentor.user, trajectory.organisation)
    assert client.get(reverse(name, args=[trajectory.pk])).status_code == 403
    other = TrajectoryFactory()
    outsider = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    client = verified_client(outsider.user, trajectory.organisation)
    assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(subject_id=str(other.pk)).exists()


def test_zrm_measurement_is_an_event_and_in_the_pdf(scenario, browser_client, tmp_path):
    from terugkeer.assessments.tests.factories import measure

    trajectory, coordinator = scenario
    measure(trajectory, {"huisvesting": 2}, measured_on=D(2026, 3, 1))
    events = client_journey(scope=scope_of(coordinator), trajectory=trajectory)
    zrm = [e for e in events if e.kind == "measurement"]
    assert [(e.date, e.lane.label) for e in zrm] == [(D(2026, 3, 1), trajectory.organisation.name)]
    assert "totaal 2 (1 domeinen gescoord)" in zrm[0].details
    response = browser_client.get(reverse("dossier:pdf", args=[trajectory.pk]))
    path = tmp_path / "dossier.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        [shutil.which("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Zelfredzaamheid-Matrix" in text
