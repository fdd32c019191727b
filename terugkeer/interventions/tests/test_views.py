"""The interventions pages over HTTP: Bijlage 1, two signatures, PDF, payment on the klantreis."""

import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.interventions.choices import GiftStatus, RequestStatus
from terugkeer.interventions.models import EmergencyGift, InterventionRequest, Payment
from terugkeer.interventions.tests.factories import BudgetLineFactory, InterventionTypeFactory
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    colleague = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    trajectory = TrajectoryFactory(client__organisation=organisation, coordinator=coordinator)
    kind = InterventionTypeFactory(organisation=organisation, name="Huur doorbetalen")
    return {
        "organisation": organisation,
        "trajectory": trajectory,
        "type": kind,
        "coordinator": login_verified(Client(), coordinator, organisation),
        "colleague": login_verified(Client(), colleague, organisation),
        "names": (coordinator.full_name, colleague.full_name),
    }


def _bijlage(world, **overrides):
    data = {
        "form_token": new_form_token(),
        "intervention_type": world["type"].pk,
        "money_form": "derde",
        "amount": "1.500,00".replace(".", ""),
        "client_name": world["trajectory"].client.display_name,
        "client_age": "34",
        "situation": "Korte detentie van vier maanden; de huur loopt door.",
        "measure": "Huur doorbetalen aan de verhuurder.",
        "reason": "Zonder woning geen nazorg.",
        "housing": "Huurwoning Vidomes",
    }
    return data | overrides


def test_the_form_comes_prefilled_from_the_dossier(world):
    trajectory = world["trajectory"]
    page = world["coordinator"].get(
        reverse("interventions:request_create", kwargs={"trajectory_pk": trajectory.pk})
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{trajectory.client.display_name}"' in html
    assert f'value="{trajectory.detention.start_date:%Y-%m-%d}"' in html
    assert AccessLogEntry.objects.filter(subject_id=str(trajectory.pk)).exists()


def test_request_sign_approve_pdf_and_payment_on_the_klantreis(world):
    trajectory = world["trajectory"]
    create_url = reverse("interventions:request_create", kwargs={"trajectory_pk": trajectory.pk})
    data = _bijlage(world)
    response = world["coordinator"].post(create_url, data)
    assert response.status_code == 302
    # A double submit of the same form creates nothing twice.
    world["coordinator"].post(create_url, data)
    item = InterventionRequest.objects.get()
    assert (item.amount, item.status) == (Decimal("1500.00"), RequestStatus.CONCEPT)

    submit = reverse("interventions:request_submit", kwargs={"request_pk": item.pk})
    assert world["coordinator"].post(submit, {"version": item.version}).status_code == 302
    item.refresh_from_db()
    decide = reverse("interventions:request_decide", kwargs={"request_pk": item.pk})
    # The requester is refused with the rule, on the page, and nothing changes.
    refused = world["coordinator"].post(decide, {"version": item.version, "decision": "goedkeuren"})
    assert refused.status_code == 200
    assert "vier-ogenprincipe" in refused.content.decode()
    assert "Korte detentie van vier maanden" in refused.content.decode()  # what is signed
    item.refresh_from_db()
    assert item.status == RequestStatus.REQUESTED
    ok = world["colleague"].post(decide, {"version": item.version, "decision": "goedkeuren"})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED

    pdf = world["coordinator"].get(
        reverse("interventions:request_pdf", kwargs={"request_pk": item.pk})
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    for name in world["names"]:
        assert name in text
    assert f"{timezone.localdate():%d-%m-%Y}" in text  # both signature dates (today)
    assert "Korte detentie van vier maanden" in text

    line = BudgetLineFactory(organisation=world["organisation"], name="Alternatieve maatregelen")
    pay = reverse("interventions:payment_create", kwargs={"request_pk": item.pk})
    paid = world["coordinator"].post(
        pay,
        {
            "form_token": new_form_token(),
            "amount": "47,99",
            "paid_on": f"{timezone.localdate():%Y-%m-%d}",
            "cost_line": line.pk,
            "payee": "Vidomes",
        },
    )
    assert paid.status_code == 302
    assert Payment.objects.get().amount == Decimal("47.99")
    journey = (
        world["coordinator"]
        .get(reverse("dossier:timeline", kwargs={"trajectory_pk": trajectory.pk}))
        .content.decode()
    )
    assert "Betaling: Huur doorbetalen" in journey
    assert "47,99" in journey
    client_page = (
        world["coordinator"]
        .get(reverse("clients:detail", kwargs={"client_pk": trajectory.client_id}))
        .content.decode()
    )
    assert "Alternatieve maatregelen en Noodfonds" in client_page
    assert "47,99" in client_page or "47.99" in client_page


def test_a_bad_amount_is_refused_naming_the_field(world):
    url = reverse("interventions:request_create", kwargs={"trajectory_pk": world["trajectory"].pk})
    response = world["coordinator"].post(url, _bijlage(world, amount="veel"))
    assert response.status_code == 200
    assert "Bedrag" in response.content.decode()
    assert not InterventionRequest.objects.exists()


def test_the_team_chair_reads_but_does_not_request(world):
    chair = MembershipFactory(organisation=world["organisation"], role=Role.TEAM_CHAIR).user
    client = login_verified(Client(), chair, world["organisation"])
    url = reverse("interventions:request_create", kwargs={"trajectory_pk": world["trajectory"].pk})
    assert client.post(url, _bijlage(world)).status_code == 403
    assert not InterventionRequest.objects.exists()


def test_a_noodfonds_gift_over_750_is_refused_on_the_page(world):
    url = reverse("interventions:gift_create", kwargs={"trajectory_pk": world["trajectory"].pk})
    data = {"form_token": new_form_token(), "need": "Energie", "no_legal_provision": "Te laat"}
    refused = world["coordinator"].post(url, data | {"amount": "750,01"})
    assert "ten hoogste € 750,00" in refused.content.decode()
    assert not EmergencyGift.objects.exists()
    ok = world["coordinator"].post(url, data | {"amount": "750,00", "form_token": new_form_token()})
    assert ok.status_code == 302
    assert EmergencyGift.objects.get().status == GiftStatus.REQUESTED


def test_the_dossier_pdf_has_an_interventions_section(world):
    from terugkeer.interventions.tests.factories import InterventionRequestFactory

    InterventionRequestFactory(
        trajectory=world["trajectory"], intervention_type=world["type"], approved=True
    )
    pdf = world["coordinator"].get(
        reverse("dossier:pdf", kwargs={"trajectory_pk": world["trajectory"].pk})
    )
    assert pdf.status_code == 200
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Alternatieve maatregelen en Noodfonds" in text
    assert "Huur doorbetalen" in text
