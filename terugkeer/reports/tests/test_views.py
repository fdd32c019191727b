"""Report pages, files and the dashboard over real HTTP (Django's test client)."""

import csv
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from terugkeer.accounts.models import Municipality
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.downloads import spreadsheet_text as neutralise
from terugkeer.core.roles import Role
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.tests.scenario import D, build_world

pytestmark = pytest.mark.django_db
QUERY = "?start=2025-01-01&end=2025-12-31"


@pytest.fixture
def world():
    return build_world()


def client_for(verified_client, world, role=Role.COORDINATOR):
    from terugkeer.accounts.tests.factories import MembershipFactory

    user = MembershipFactory(organisation=world.organisation, role=role).user
    return verified_client(user, world.organisation)


def page_table(html: str, caption: str) -> list[list[str]]:
    """The cells of the report table with the given caption, as the browser shows them."""
    start = html.index(f"<caption>{caption}</caption>")
    body = html[html.index("<tbody>", start) : html.index("</tbody>", start) + len("</tbody>")]
    root = ET.fromstring(body)  # noqa: S314 (our own page)
    return [[(cell.text or "").strip() for cell in row] for row in root]


def test_report_page_shows_definition_chart_and_table(verified_client, world):
    client = client_for(verified_client, world)

    response = client.get(f"/rapportages/bereik/{QUERY}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "binnen 30 dagen na vrijlating" in html
    assert 'data-label="Aastad"' in html and 'data-series="reached_pct"' in html
    assert 'data-value="66,7%"' in html
    rows = page_table(html, "Bereik, tijdigheid en deelname")
    assert rows[0][:4] == ["Aastad", "3", "2", "66,7%"]
    assert rows[-1][:2] == ["Totaal", "4"]


def test_exports_carry_the_same_numbers_as_the_page(verified_client, world):
    client = client_for(verified_client, world)
    page_rows = page_table(
        client.get(f"/rapportages/bereik/{QUERY}").content.decode(),
        "Bereik, tijdigheid en deelname",
    )

    csv_response = client.get(f"/rapportages/bereik/export.csv{QUERY}")
    text = csv_response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    header_at = next(i for i, line in enumerate(lines) if line[:2] == ["Gemeente", "Aangemeld"]) + 1
    assert lines[header_at : header_at + len(page_rows)] == page_rows
    assert csv_response["Content-Disposition"].endswith('bereik-20250101-20251231.csv"')

    xlsx = client.get(f"/rapportages/bereik/export.xlsx{QUERY}")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][:3] == ["Aastad", 3, 2]
    assert values[0][3] == pytest.approx(0.667)
    assert values[-1][:2] == ["Totaal", 4]
    assert "Definities" in workbook.sheetnames
    definition = [row for row in workbook["Definities"].iter_rows(values_only=True)]
    assert any(row[0] == "Definitie" and "30 dagen" in row[1] for row in definition)

    pdf = client.get(f"/rapportages/bereik/export.pdf{QUERY}")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Aastad 3 2 66,7%" in text
    assert "Totaal 4 2 50,0%" in text


def test_csv_and_xlsx_neutralise_formulas(verified_client, world):
    Municipality.objects.filter(pk=world.aastad.pk).update(name='=HYPERLINK("http://x","y")')
    client = client_for(verified_client, world)

    text = client.get(f"/rapportages/bereik/export.csv{QUERY}").content.decode("utf-8-sig")
    workbook = load_workbook(
        io.BytesIO(client.get(f"/rapportages/bereik/export.xlsx{QUERY}").content)
    )

    assert "'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text and "\n=HYPERLINK" not in text
    cells = [c.value for row in workbook.worksheets[0].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


@pytest.mark.parametrize("value", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_every_formula_trigger(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Aastad") == "Aastad"


def test_policy_advisor_gets_suppressed_cells_on_page_and_in_files(verified_client, world):
    client = client_for(verified_client, world, Role.POLICY_ADVISOR)

    html = client.get(f"/rapportages/bereik/{QUERY}").content.decode()
    text = client.get(f"/rapportages/bereik/export.csv{QUERY}").content.decode("utf-8-sig")
    help_page = client.get(f"/rapportages/hulpvragen/{QUERY}").content.decode()

    assert page_table(html, "Bereik, tijdigheid en deelname")[0][:4] == [
        "Aastad",
        "<5",
        "<5",
        "<5",
    ]
    assert "Aastad;<5;<5;<5" in text
    assert "Per traject" not in help_page


def test_invalid_period_is_refused_with_a_dutch_message(verified_client, world):
    client = client_for(verified_client, world)

    page = client.get("/rapportages/bereik/?start=2025-12-31&end=2025-01-01")
    export = client.get("/rapportages/bereik/export.csv?start=2025-12-31&end=2025-01-01")

    assert "De einddatum ligt voor de begindatum." in page.content.decode()
    assert 'data-testid="report-table"' not in page.content.decode()
    assert export.status_code == 400
    assert "einddatum" in export.content.decode()


def test_unknown_report_and_format_are_not_found(verified_client, world):
    client = client_for(verified_client, world)
    assert client.get("/rapportages/bestaat-niet/").status_code == 404
    assert client.get(f"/rapportages/bereik/export.exe{QUERY}").status_code == 404


def pdf_text(content: bytes) -> str:
    """The text of a PDF (poppler's pdftotext, installed by .ci/run)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext not found (apt-get install poppler-utils)")
    result = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("slug", list(REPORTS))
def test_report_query_count_does_not_grow_with_the_data(verified_client, world, slug):
    client = client_for(verified_client, world)
    url = f"/rapportages/{slug}/{QUERY}"
    before = _queries(client, url)
    for index in range(12):
        TrajectoryFactory(
            client=ClientFactory(organisation=world.organisation, municipality=world.aastad),
            municipality=world.aastad,
            opened_on=D(2025, 1 + index % 12, 10),
            released_on=D(2025, 1 + index % 12, 20),
            first_contact_on=D(2025, 1 + index % 12, 12),
        )
    assert _queries(client, url) == before


def test_evaluation_pdf_holds_every_report(verified_client, world):
    client = client_for(verified_client, world, Role.TEAM_CHAIR)

    page = client.get(f"/rapportages/evaluatie/{QUERY}").content.decode()
    pdf = client.get(f"/rapportages/evaluatie/evaluatie.pdf{QUERY}")

    assert "Wat kunnen we zeggen over het effect van de nazorg?" in page
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "Evaluatievragen" in text
    for report in REPORTS.values():
        assert report.title in text, report.title


def test_dashboard_shows_the_quarter_on_the_home_page(verified_client, world):
    client = client_for(verified_client, world, Role.POLICY_ADVISOR)

    html = client.get("/").content.decode()

    assert 'data-testid="dashboard"' in html
    assert "Meldingen begin detentie" in html
    # A policy advisor never gets the casework signals or links to dossiers.
    assert 'data-testid="signals"' not in html
    assert "/trajecten/" not in html


def test_mentor_and_privacy_officer_get_no_dashboard(verified_client, world):
    for role in (Role.MENTOR, Role.PRIVACY_OFFICER):
        html = client_for(verified_client, world, role).get("/").content.decode()
        assert 'data-testid="dashboard"' not in html
