"""Issue 11: the races, each replayed with two requests at the same moment on PostgreSQL.

Every test logs one coordinator in twice (two browser sessions), sends the same POST from two
threads, each with its own database connection, and holds both at the statement where they
collide (``terugkeer.testing_races``). Outcome each time: one request does the work, the other
gets the same message as a sequential repeat, nothing is created twice, and nothing answers 500.
"""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.models import Contact, Domain, DomainAssessment, Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.core.roles import Role
from terugkeer.detention.choices import ImportStatus
from terugkeer.detention.models import Detention, DetentionNotification, ImportBatch
from terugkeer.testing import login_verified
from terugkeer.testing_races import run_at_once, statement

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STALE = "Iemand anders heeft dit gegeven intussen gewijzigd"


def two_sessions(user, organisation) -> list[HttpClient]:
    return [login_verified(HttpClient(), user, organisation) for _ in range(2)]


def post_from_both(clients, url, data, *, collide_at):
    """POST ``data`` from both sessions at once; returns (status, page text) per request."""

    def send(client):
        response = client.post(url, data, follow=True)
        return response.status_code, response.content.decode()

    results, collided = run_at_once(
        [lambda c=client: send(c) for client in clients], collide_at=collide_at
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results, collided


@pytest.fixture
def trajectory():
    return TrajectoryFactory()


@pytest.fixture
def coordinator(trajectory):
    return MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user


def test_first_triage_of_a_domain_submitted_twice_at_once(trajectory, coordinator):
    zorg = Domain.objects.get(programme__code="nazorg", code="zorg")
    prefix = f"d{zorg.pk}"
    data = {
        "domain": zorg.pk,
        f"{prefix}-status": "hulpvraag",
        f"{prefix}-note": "",
        f"{prefix}-health_insurance": "false",
        f"{prefix}-version": 0,  # the form of a domain without a triage yet
    }
    results, collided = post_from_both(
        two_sessions(coordinator, trajectory.organisation),
        reverse("dossier:triage", args=[trajectory.pk]),
        data,
        collide_at=statement('INSERT INTO "cases_domainassessment"'),
    )
    assert collided  # both really inserted at the same moment
    assert [status for status, _page in results] == [200, 200]
    pages = sorted(results, key=lambda result: STALE in result[1])
    assert "Zorg is bijgewerkt." in pages[0][1] or "is bijgewerkt." in pages[0][1]
    assert STALE in pages[1][1]
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=zorg)
    assert (assessment.status, assessment.version) == ("hulpvraag", 1)


def intake_organisation():
    katwijk = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    organisation = OrganisationFactory(name="Stichting Test", municipalities=[katwijk])
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    return organisation, user


HEADER = "Soort melding;BSN;Achternaam;Geboortedatum;Inrichting;Datum insluiting;Gemeente\n"
ROWS = (
    "begin detentie;111222333;Jansen;17-05-1990;PI Nieuwegein;24-02-2026;Katwijk\n"
    "begin detentie;123456782;Bakker;02-02-1985;PI Zwaag;10-02-2026;Katwijk\n"
)


def uploaded_batch(organisation, user) -> ImportBatch:
    return ImportBatch.objects.create(
        organisation=organisation,
        uploaded_by=user,
        filename="meldingen.csv",
        file_sha256="0" * 64,
        content=(HEADER + ROWS).encode(),
        row_count=2,
    )


def test_one_import_batch_confirmed_twice_at_once():
    organisation, user = intake_organisation()
    batch = uploaded_batch(organisation, user)
    results, _collided = post_from_both(
        two_sessions(user, organisation),
        reverse("intake:import_confirm", args=[batch.pk]),
        {},
        collide_at=statement('FROM "detention_importbatch"', "FOR UPDATE"),
    )
    assert [status for status, _page in results] == [200, 200]
    pages = sorted(page for _status, page in results)
    assert sum("Import verwerkt: 2 nieuwe meldingen" in page for page in pages) == 1
    assert sum("Dit bestand is al verwerkt of geannuleerd." in page for page in pages) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.created_count) == (ImportStatus.CONFIRMED, 2)
    assert (DetentionNotification.objects.count(), Client.objects.count()) == (2, 2)
    assert (Detention.objects.count(), Trajectory.objects.count()) == (2, 2)


def test_the_same_file_uploaded_twice_and_both_confirmed_at_once():
    organisation, user = intake_organisation()
    batches = [uploaded_batch(organisation, user) for _ in range(2)]

    def confirm(client, batch):
        url = reverse("intake:import_confirm", args=[batch.pk])
        response = client.post(url, follow=True)
        return response.status_code, response.content.decode()

    clients = two_sessions(user, organisation)
    results, collided = run_at_once(
        [lambda c=c, b=b: confirm(c, b) for c, b in zip(clients, batches, strict=True)],
        collide_at=statement('INSERT INTO "clients_client"'),
    )
    assert collided  # both imports created the same new clients at the same moment
    assert [status for status, _page in results] == [200, 200]
    for batch in batches:
        batch.refresh_from_db()
    counts = sorted((b.created_count, b.skipped_count) for b in batches)
    assert counts == [(0, 2), (2, 0)]  # the loser skips the rows as already received
    assert (DetentionNotification.objects.count(), Client.objects.count()) == (2, 2)
    assert (Detention.objects.count(), Trajectory.objects.count()) == (2, 2)


def test_one_manual_notification_registered_twice_at_once():
    from terugkeer.detention.models import PenitentiaryInstitution

    organisation, user = intake_organisation()
    data = {
        "kind": "begin",
        "received_on": "2026-03-09",
        "bsn": "111222333",
        "surname": "Jansen",
        "birth_date": "1990-05-17",
        "municipality": organisation.municipalities.get().pk,
        "institution": PenitentiaryInstitution.objects.get(name="PI Nieuwegein").pk,
        "detention_start": "2026-03-02",
    }
    results, collided = post_from_both(
        two_sessions(user, organisation),
        reverse("intake:register"),
        data,
        collide_at=statement('INSERT INTO "clients_client"'),
    )
    assert collided
    assert [status for status, _page in results] == [200, 200]
    pages = [page for _status, page in results]
    assert sum("De melding is geregistreerd." in page for page in pages) == 1
    assert sum("Deze melding is al eerder ontvangen" in page for page in pages) == 1
    assert (DetentionNotification.objects.count(), Client.objects.count()) == (1, 1)
    assert (Detention.objects.count(), Trajectory.objects.count()) == (1, 1)


def test_a_double_clicked_contact_is_registered_once(trajectory, coordinator):
    clients = two_sessions(coordinator, trajectory.organisation)
    url = reverse("dossier:contacts", args=[trajectory.pk])
    form = clients[0].get(url).context["form"]
    data = {
        "kind": "telefoon",
        "date": "2026-03-09",
        "notes": "Gebeld",
        "form_token": form.initial["form_token"],
    }
    results, collided = post_from_both(
        clients, url, data, collide_at=statement('INSERT INTO "core_usedformtoken"')
    )
    assert collided
    assert [status for status, _page in results] == [200, 200]
    pages = [page for _status, page in results]
    assert sum("Het contactmoment is vastgelegd." in page for page in pages) == 1
    assert sum("Dit formulier is al verstuurd" in page for page in pages) == 1
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
