"""Reports as JSON: the catalogue, a report's figures with the policy advisor's suppression,
the read:reports scope, and Dutch problems naming the parameter."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.reports.framework import ReportFilters, run_report
from terugkeer.reports.registry import REPORTS

pytestmark = pytest.mark.django_db

ALL_SCOPES = ("read:casework", "read:intake", "read:reports")
PERIOD = "start=2025-01-01&end=2025-12-31"


@pytest.fixture
def reporting():
    """Eight begin-meldingen in 2025: six men in March, two women in June."""
    api_client = ApiClientFactory(scopes=ALL_SCOPES)
    own = api_client.organisation
    for day, sex in [(3, "M")] * 6 + [(20, "V")] * 2:
        month = 3 if sex == "M" else 6
        DetentionNotificationFactory(
            detention=None,
            client=None,
            organisation=own,
            received_on=datetime.date(2025, month, day),
            sex=sex,
        )
    return api_client


def _scope(organisation, role) -> Scope:
    user = MembershipFactory(organisation=organisation, role=role).user
    return Scope(user=user, organisation=organisation, role=role)


def test_the_catalogue_lists_every_registered_report(reporting):
    response = bearer(reporting).get("/api/v1/reports/")
    assert response.status_code == 200
    body = response.json()
    assert [row["slug"] for row in body] == list(REPORTS)
    assert body[0]["title"] == "Meldingen"
    assert body[0]["filters"] == ["municipality"]


def test_a_report_is_suppressed_as_for_a_policy_advisor_though_the_client_is_a_coordinator(
    reporting,
):
    response = bearer(reporting).get(f"/api/v1/reports/meldingen/?{PERIOD}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["start"], body["end"]) == ("2025-01-01", "2025-12-31")
    monthly = body["tables"][0]
    assert monthly["title"] == "Meldingen per maand"
    assert [c["key"] for c in monthly["columns"]] == ["period", "total", "male", "female", "other"]
    rows = {row["period"]: row for row in monthly["rows"]}
    assert list(rows) == ["03-2025", "06-2025", "Totaal"]
    # Two women in June: under 5, so "<5", also in the total row; the six men of March then
    # become "<5" too, or 8 - 6 would give the two back (complementary suppression).
    assert rows["06-2025"]["female"] == "<5"
    assert rows["03-2025"]["total"] == rows["03-2025"]["male"] == "<5"
    assert rows["Totaal"]["total"] == 8
    assert rows["06-2025"]["total"] == "<5"
    assert rows["Totaal"]["female"] == "<5"
    assert rows["03-2025"]["female"] == 0

    organisation = reporting.organisation
    filters = ReportFilters(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    today = datetime.date(2025, 12, 31)
    advisor = run_report(
        REPORTS["meldingen"],
        scope=_scope(organisation, Role.POLICY_ADVISOR),
        filters=filters,
        today=today,
    )
    assert [table["rows"] for table in body["tables"]] == [
        [{c.key: row.get(c.key) for c in t.columns} for row in t.rows] for t in advisor.tables
    ]
    # A coordinator in the UI sees the real figure; the API does not pass it on.
    coordinator = run_report(
        REPORTS["meldingen"],
        scope=_scope(organisation, Role.COORDINATOR),
        filters=filters,
        today=today,
    )
    assert coordinator.tables[0].rows[1]["female"] == 2


def test_a_client_without_read_reports_gets_403_naming_the_scope():
    response = bearer(ApiClientFactory(scopes=("read:casework",))).get("/api/v1/reports/")
    assert response.status_code == 403
    assert "read:reports" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("start=2025-12-31&end=2025-01-01", "end", "De einddatum ligt voor de begindatum."),
        ("start=31-02-2025&end=2025-03-01", "start", "Voer een geldige datum in."),
        ("start=2025-01-01&end=morgen", "end", "Voer een geldige datum in."),
        (f"{PERIOD}&municipality=GM9999", "municipality", "Geen gemeente van deze organisatie"),
    ],
)
def test_bad_parameters_answer_400_in_dutch_naming_the_parameter(reporting, query, field, message):
    response = bearer(reporting).get(f"/api/v1/reports/meldingen/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["detail"].startswith(message)


def test_an_unknown_report_is_404(reporting):
    response = bearer(reporting).get("/api/v1/reports/bestaat-niet/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit rapport bestaat niet."
