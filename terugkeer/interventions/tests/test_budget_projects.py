"""Kocon's rekening per project: realisation per programme on shared budget lines, by hand."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.choices import Programme
from terugkeer.cases.models import ProgrammeDefinition
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import services_reference
from terugkeer.interventions.choices import GiftStatus
from terugkeer.interventions.reports import BUDGET_COLUMNS
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    EmergencyGiftFactory,
    InterventionRequestFactory,
    PaymentFactory,
    member_scope,
)
from terugkeer.reports.framework import ReportFilters, display_rows, run_report
from terugkeer.reports.registry import REPORTS
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db

NAZORG = "Realisatie handmatig – Nazorg ex-gedetineerden (EUR)"


def _runs(organisation, *codes):
    for code in codes:
        ProgrammeDefinition.objects.get(code=code).organisations.add(organisation)
    return organisation


@pytest.fixture
def kocon():
    return _runs(OrganisationFactory(), "nazorg", "reintegratie")


@pytest.fixture
def today():
    return timezone.localdate()


def _report(organisation, today):
    return run_report(
        REPORTS["begroting"],
        scope=member_scope(organisation, Role.TEAM_CHAIR),
        filters=ReportFilters(start=datetime.date(today.year - 1, 1, 1), end=today),
        today=today,
    )


def test_realisation_per_project_beside_last_years_budget(kocon, today):
    year = today.year
    BudgetLineFactory(organisation=kocon, year=year - 1, name="Onvoorzien", budget_amount=D("900"))
    line = BudgetLineFactory(
        organisation=kocon,
        year=year,
        name="Onvoorzien",
        budget_amount=D("1000.00"),
        manual_realisation=D("5.00"),
        manual_realisation_by_project={"nazorg": "10.00", "reintegratie": "20.00"},
    )
    BudgetLineFactory(organisation=kocon, year=year, name="Telefoonkosten", budget_amount=D("250"))
    nazorg = TrajectoryFactory(client__organisation=kocon, programme=Programme.AFTERCARE)
    reintegratie = TrajectoryFactory(client__organisation=kocon, programme=Programme.REINTEGRATION)
    PaymentFactory(
        request=InterventionRequestFactory(trajectory=nazorg, approved=True),
        amount=D("100.00"),
        cost_line=line,
        paid_on=today,
    )
    EmergencyGiftFactory(
        trajectory=reintegratie,
        amount=D("250.00"),
        status=GiftStatus.PAID,
        paid_on=today,
        cost_line=line,
    )

    result = _report(kocon, today)

    assert [t.title for t in result.tables] == [
        f"Begroting en realisatie {year - 1}",
        f"Begroting en realisatie {year}",
    ]
    table = result.tables[1]
    assert [c.label for c in table.columns] == [
        "Groep",
        "Kostenpost",
        "Begroting FTE",
        f"Begroting {year} EUR",
        f"Begroting {year - 1} EUR",
        "Realisatie FTE",
        "Realisatie Nazorg ex-gedetineerden",
        "Realisatie Re-integratie ex-verslaafden",
        "Niet toegerekend",
        "Realisatie totaal EUR",
        "Minder (−meer) besteed dan begroot",
    ]
    rows = {row["name"]: row for row in table.rows}
    amounts = ("previous_budget", "realised_nazorg", "realised_reintegratie", "unattributed")
    # Nazorg 100,00 paid + 10,00 by hand = 110,00; Re-integratie 250,00 gift + 20,00 = 270,00;
    # not attributed 5,00; total 385,00; 1.000,00 − 385,00 = 615,00 under budget.
    assert [rows["Onvoorzien"][k] for k in (*amounts, "realised", "difference")] == [
        D("900.00"),
        D("110.00"),
        D("270.00"),
        D("5.00"),
        D("385.00"),
        D("615.00"),
    ]
    assert [rows["Telefoonkosten"][k] for k in (*amounts, "realised", "difference")] == [
        None,
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("250.00"),
    ]
    # 1.000,00 + 250,00 = 1.250,00 budgeted; 900,00 last year; 1.250,00 − 385,00 = 865,00.
    assert [rows["Totaal uitgaven"][k] for k in ("budget", *amounts, "realised", "difference")] == [
        D("1250.00"),
        D("900.00"),
        D("110.00"),
        D("270.00"),
        D("5.00"),
        D("385.00"),
        D("865.00"),
    ]
    shown = dict(zip([c.key for c in table.columns], display_rows(table)[1], strict=True))
    assert shown["previous_budget"] == "–"
    # Last year's table: nothing unattributed, so no such column; no budget two years back.
    earlier = result.tables[0]
    assert "unattributed" not in [c.key for c in earlier.columns]
    assert earlier.rows[0]["previous_budget"] is None


def test_a_single_programme_organisation_keeps_the_table_of_today(today):
    organisation = _runs(OrganisationFactory(), "nazorg")
    BudgetLineFactory(organisation=organisation, name="Onvoorzien", manual_realisation=D("5.00"))
    table = _report(organisation, today).tables[0]
    assert table.columns == BUDGET_COLUMNS
    assert set(table.rows[0]) == {c.key for c in BUDGET_COLUMNS}
    assert table.rows[0]["realised"] == D("5.00")


def test_the_service_stores_the_amounts_per_project_as_text(kocon):
    scope = member_scope(kocon, Role.TEAM_CHAIR)
    line = services_reference.budget_line_create(
        scope=scope,
        year=2026,
        name="Reiskosten",
        kind="uitgaven",
        budget_amount=D("2000.00"),
        manual_realisation_by_project={"nazorg": D("312.5"), "reintegratie": D("0")},
    )
    assert line.manual_realisation_by_project == {"nazorg": "312.50", "reintegratie": "0.00"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"nazorg": D("-0.01")}, f"{NAZORG}: het bedrag mag niet negatief zijn."),
        ({"nazorg": D("1.005")}, f"{NAZORG}: ten hoogste twee cijfers achter de komma."),
        (
            {"huisvesting": D("10.00")},
            "Realisatie handmatig per project: 'huisvesting' is geen programma van deze "
            "organisatie.",
        ),
    ],
)
def test_the_service_refuses_a_negative_amount_and_an_unknown_code(kocon, value, message):
    line = BudgetLineFactory(organisation=kocon, manual_realisation_by_project={"nazorg": "1.00"})
    with pytest.raises(ValidationError) as refused:
        services_reference.budget_line_update(
            scope=member_scope(kocon, Role.TEAM_CHAIR),
            line=line,
            expected_version=line.version,
            changes={"manual_realisation_by_project": value},
        )
    assert refused.value.messages == [message]
    line.refresh_from_db()
    assert (line.version, line.manual_realisation_by_project) == (1, {"nazorg": "1.00"})


def test_a_programme_the_organisation_does_not_run_is_refused(today):
    organisation = _runs(OrganisationFactory(), "nazorg")
    with pytest.raises(ValidationError):
        services_reference.budget_line_create(
            scope=member_scope(organisation, Role.TEAM_CHAIR),
            year=today.year,
            name="Reiskosten",
            kind="uitgaven",
            budget_amount=D("10.00"),
            manual_realisation_by_project={"reintegratie": D("1.00")},
        )


def _chair(organisation):
    membership = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR)
    return login_verified(Client(), membership.user, organisation)


def _line_data(line, **extra):
    return {
        "version": line.version,
        "year": line.year,
        "name": line.name,
        "kind": "uitgaven",
        "budget_amount": "1000,00",
        "manual_realisation": "5,00",
        "order": 0,
        **extra,
    }


def test_the_form_shows_a_field_per_programme_only_when_there_are_several(kocon, today):
    single = _runs(OrganisationFactory(), "nazorg")
    url = reverse("interventions:budget")
    assert NAZORG in _chair(kocon).get(url).content.decode()
    assert "Realisatie handmatig – Re-integratie ex-verslaafden (EUR)" in (
        _chair(kocon).get(url).content.decode()
    )
    assert "Realisatie handmatig –" not in _chair(single).get(url).content.decode()

    client = _chair(kocon)
    created = client.post(
        url,
        {
            "form_token": new_form_token(),
            "year": today.year,
            "name": "Reiskosten",
            "kind": "uitgaven",
            "budget_amount": "2000,00",
            "manual_realisation": "0",
            "realisation_nazorg": "312,45",
            "realisation_reintegratie": "",
            "order": 0,
        },
    )
    assert created.status_code == 302
    line = kocon.budgetline_set.get(name="Reiskosten")
    assert line.manual_realisation_by_project == {"nazorg": "312.45"}

    edit = reverse("interventions:line_edit", kwargs={"line_pk": line.pk})
    page = client.get(edit).content.decode()
    assert 'value="312,45"' in page
    refused = client.post(edit, _line_data(line, realisation_reintegratie="-20,00"))
    assert (
        "Realisatie handmatig – Re-integratie ex-verslaafden (EUR): het bedrag mag niet "
        "negatief zijn." in refused.content.decode()
    )
    saved = client.post(
        edit, _line_data(line, realisation_nazorg="10,00", realisation_reintegratie="20,00")
    )
    assert saved.status_code == 302
    line.refresh_from_db()
    assert line.manual_realisation_by_project == {"nazorg": "10.00", "reintegratie": "20.00"}
    stale = client.post(edit, _line_data(line, version=1, realisation_nazorg="99,00"))
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in stale.content.decode()
    line.refresh_from_db()
    assert line.manual_realisation_by_project["nazorg"] == "10.00"
