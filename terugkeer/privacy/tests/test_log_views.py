"""The privacy officer's access-log viewer: filters, pages, exports, per-client view."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.privacy.tests.factories import local, log_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(organisation):
    """Hand-made log: Anna reads client A (page and trajectory), Bram reads client B.

    Another organisation's coordinator reads its own client the same day.
    """
    today = timezone.localdate()
    anna = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    bram = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    client_a = ClientFactory(organisation=organisation, surname="Aalbers")
    client_b = ClientFactory(organisation=organisation, surname="Bakker")
    trajectory_a = TrajectoryFactory(client=client_a)
    other = OrganisationFactory()
    stranger = MembershipFactory(organisation=other, role=Role.COORDINATOR).user
    client_x = ClientFactory(organisation=other, surname="Xanten")
    yesterday = today - datetime.timedelta(days=1)
    rows = {
        "a_page": log_read(anna, organisation, client_a, at=local(yesterday, 9)),
        "a_trajectory": log_read(
            anna, organisation, trajectory_a, at=local(today, 8), purpose="plan van aanpak"
        ),
        "b_page": log_read(bram, organisation, client_b, at=local(today, 9)),
        "x_page": log_read(stranger, other, client_x, at=local(today, 9)),
    }
    return {
        "anna": anna,
        "bram": bram,
        "client_a": client_a,
        "client_b": client_b,
        "client_x": client_x,
        "today": today,
        "yesterday": yesterday,
        **rows,
    }


def shown(response) -> list[int]:
    return [entry.pk for entry in response.context["entries"]]


def test_the_viewer_shows_the_own_organisations_log_newest_first(as_officer, log):
    response = as_officer.get(reverse("privacy:access_log"))
    assert response.status_code == 200
    assert shown(response) == [log["b_page"].pk, log["a_trajectory"].pk, log["a_page"].pk]
    assert "Xanten" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"user": "anna"}, ["a_trajectory", "a_page"]),
        ({"client": "client_a"}, ["a_trajectory", "a_page"]),
        ({"client": "client_b"}, ["b_page"]),
        ({"client": "client_x"}, []),
        ({"date_from": "today"}, ["b_page", "a_trajectory"]),
        ({"date_to": "yesterday"}, ["a_page"]),
        ({"date_from": "yesterday", "date_to": "yesterday"}, ["a_page"]),
        ({"purpose": "PLAN"}, ["a_trajectory"]),
        ({"pagina": "clients:detail", "user": "bram"}, ["b_page"]),
        ({"subject": "bakker"}, ["b_page"]),
    ],
)
def test_the_viewer_filters(as_officer, log, params, expected):
    def value(v):
        found = log.get(v)
        if isinstance(found, datetime.date):
            return found.isoformat()
        return found.pk if found is not None else v

    response = as_officer.get(
        reverse("privacy:access_log"), {k: value(v) for k, v in params.items()}
    )
    assert shown(response) == [log[name].pk for name in expected]


def test_a_reversed_period_is_refused_with_a_dutch_message(as_officer, log):
    response = as_officer.get(
        reverse("privacy:access_log"),
        {"date_from": log["today"].isoformat(), "date_to": log["yesterday"].isoformat()},
    )
    assert shown(response) == []
    assert "&#x27;Tot en met&#x27; ligt vóór &#x27;Vanaf&#x27;." in response.content.decode()


def test_the_viewer_pages_by_fifty(as_officer, organisation, officer):
    client = ClientFactory(organisation=organisation)
    moment = local(timezone.localdate(), 10)
    for minute in range(51):
        log_read(officer, organisation, client, at=moment - datetime.timedelta(minutes=minute))
    first = as_officer.get(reverse("privacy:access_log"), {"user": officer.pk})
    second = as_officer.get(reverse("privacy:access_log"), {"user": officer.pk, "page": "2"})
    assert len(shown(first)) == 50
    assert len(shown(second)) == 1
    assert f"user={officer.pk}&amp;page=2" in first.content.decode()


def test_the_csv_export_holds_the_filtered_rows(as_officer, log):
    response = as_officer.get(reverse("privacy:access_log_csv"), {"user": log["anna"].pk})
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Tijdstip", "Gebruiker"]
    assert [row[3] for row in rows[1:]] == [
        str(log["a_trajectory"].subject_id),
        str(log["client_a"].pk),
    ]
    assert rows[1][7] == "plan van aanpak"
    assert rows[2][0] == f"{log['yesterday']:%d-%m-%Y} 09:00:00"


def test_the_xlsx_export_holds_the_filtered_rows(as_officer, log):
    response = as_officer.get(reverse("privacy:access_log_xlsx"), {"client": log["client_b"].pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2
    assert values[1][4] == str(log["client_b"])


def test_who_read_this_dossier_includes_its_trajectories_and_is_itself_logged(as_officer, log):
    url = reverse("privacy:client_log", args=[log["client_a"].pk])
    before = AccessLogEntry.objects.count()
    response = as_officer.get(url)
    assert response.status_code == 200
    # The officer's own read of this page is logged first and shown on top.
    assert AccessLogEntry.objects.count() == before + 1
    assert shown(response)[1:] == [log["a_trajectory"].pk, log["a_page"].pk]
    assert shown(response)[0] == AccessLogEntry.objects.latest("id").pk


def test_another_organisations_client_is_404(as_officer, log):
    url = reverse("privacy:client_log", args=[log["client_x"].pk])
    assert as_officer.get(url).status_code == 404


def test_lookup_by_bsn_leads_to_the_clients_page_or_says_why_not(as_officer, log):
    lookup = reverse("privacy:client_lookup")
    found = as_officer.get(lookup, {"bsn": log["client_a"].bsn})
    assert found.url == reverse("privacy:client_log", args=[log["client_a"].pk])
    foreign = as_officer.get(lookup, {"bsn": log["client_x"].bsn}, follow=True)
    assert "Er is geen cliënt met dit BSN in uw organisatie." in foreign.content.decode()
    wrong = as_officer.get(lookup, {"bsn": "123456780"}, follow=True)
    assert "BSN:" in wrong.content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.COORDINATOR, Role.TEAM_CHAIR, Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN],
)
def test_every_other_role_is_refused(verified_client, organisation, log, role):
    member = MembershipFactory(organisation=organisation, role=role).user
    web = verified_client(member, organisation)
    for url in (
        reverse("privacy:access_log"),
        reverse("privacy:access_log_csv"),
        reverse("privacy:client_log", args=[log["client_a"].pk]),
    ):
        assert web.get(url).status_code == 403
