"""Every casework page that shows clients' identifying data writes access-log rows (issue 11).

Contract (``core.access_log.record_list_access``): one row per object shown, naming the page
(the URL name), the address and the purpose; a page that shows no client writes no row.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.models import ProgrammeDefinition
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.models import DetentionNotification, ImportBatch
from terugkeer.detention.tests.factories import DetentionNotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(
        name="Stichting Test", municipalities=[MunicipalityFactory(name="Katwijk")]
    )
    ProgrammeDefinition.objects.get(code="reintegratie").organisations.add(organisation)
    return organisation


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


@pytest.fixture
def http(verified_client, coordinator, organisation):
    return verified_client(coordinator, organisation)


def client_named(organisation, first_names, surname, **kwargs):
    return ClientFactory(
        organisation=organisation, first_names=first_names, prefix="", surname=surname, **kwargs
    )


def logged(**filters) -> list[tuple[str, str, str, str]]:
    """(page, model, label, purpose) of the access-log rows, oldest first."""
    return [
        (entry.page, entry.subject_type.model, entry.subject_label, entry.purpose)
        for entry in AccessLogEntry.objects.filter(**filters).order_by("id")
    ]


@pytest.mark.parametrize(
    ("name", "purpose"),
    [
        ("cases:new", "werklijst nieuwe meldingen"),
        ("cases:mine", "werklijst mijn caseload"),
        ("cases:all", "werklijst alle trajecten"),
    ],
)
def test_each_worklist_logs_the_clients_on_the_page(http, organisation, coordinator, name, purpose):
    jansen = client_named(organisation, "Piet", "Jansen")
    TrajectoryFactory(client=jansen, coordinator=coordinator)

    response = http.get(reverse(name))

    assert response.status_code == 200
    assert logged() == [(name, "client", "Piet Jansen", purpose)]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.organisation, entry.subject_id) == (
        coordinator,
        organisation,
        str(jansen.pk),
    )


def test_a_worklist_page_logs_only_the_clients_shown_on_it(http, organisation, coordinator):
    for number in range(51):  # 50 per page
        TrajectoryFactory(client=client_named(organisation, "P", f"Naam{number:02d}"))

    http.get(reverse("cases:new"), {"page": 2})

    assert AccessLogEntry.objects.count() == 1
    assert AccessLogEntry.objects.get().path == "/trajecten/nieuw/?page=2"


def test_an_empty_worklist_writes_no_row(http):
    assert http.get(reverse("cases:mine")).status_code == 200
    assert logged() == []


def test_search_by_bsn_logs_the_client_found_and_the_search(http, organisation):
    found = client_named(organisation, "Piet", "Jansen", bsn="111222333")
    client_named(organisation, "Anna", "Bakker")

    http.get(reverse("clients:search"), {"q": "111222333"})

    assert logged() == [("clients:search", "client", "Piet Jansen", "cliënten zoeken")]
    entry = AccessLogEntry.objects.get()
    assert (entry.subject_id, entry.path) == (str(found.pk), "/clienten/?q=111222333")


def test_a_search_finding_nobody_writes_no_row(http, organisation):
    client_named(organisation, "Piet", "Jansen")

    http.get(reverse("clients:search"), {"q": "Bakker"})
    http.get(reverse("clients:search"))

    assert logged() == []


def test_the_review_list_logs_the_meldingen_it_shows(http, organisation):
    held = DetentionNotificationFactory(
        review=True,
        detention=None,
        client=None,
        organisation=organisation,
        surname="Vries",
        received_on=datetime.date(2026, 3, 2),
    )

    http.get(reverse("intake:review"))

    purpose = "te beoordelen meldingen"
    assert AccessLogEntry.objects.get().subject_id == str(held.pk)
    assert logged() == [
        ("intake:review", "detentionnotification", "begin detentie Vries (02-03-2026)", purpose)
    ]


def test_the_import_preview_logs_the_upload_and_the_known_clients_it_names(http, organisation):
    known = client_named(organisation, "Piet", "Jansen", bsn="111222333")
    header = "BSN;Achternaam;Voornamen;Geboortedatum;Inrichting;Datum insluiting;Gemeente\n"
    rows = (
        f"111222333;Jansen;Piet;{known.birth_date:%d-%m-%Y};PI Zwaag;01-03-2026;Katwijk\n"
        "123456782;Bakker;Anna;02-02-1985;PI Zwaag;01-03-2026;Katwijk\n"
    )
    upload = SimpleUploadedFile("meldingen.csv", (header + rows).encode())
    http.post(reverse("intake:import_upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert logged() == []  # the upload shows nothing yet: it redirects

    http.get(reverse("intake:import_preview", args=[batch.pk]))

    purpose = "importvoorbeeld bekijken"
    assert logged() == [
        ("intake:import_preview", "importbatch", str(batch), purpose),
        ("intake:import_preview", "client", "Piet Jansen", purpose),
    ]


def test_the_rejected_rows_download_logs_the_upload(http, organisation):
    header = "BSN;Achternaam;Geboortedatum;Inrichting;Datum insluiting;Gemeente\n"
    row = "123456789;Smit;01-01-1980;PI Zwaag;01-03-2026;Katwijk\n"
    upload = SimpleUploadedFile("meldingen.csv", (header + row).encode())
    http.post(reverse("intake:import_upload"), {"file": upload})
    batch = ImportBatch.objects.get()

    http.get(reverse("intake:import_rejected", args=[batch.pk]))

    assert logged() == [
        ("intake:import_rejected", "importbatch", str(batch), "afgewezen regels downloaden")
    ]


def test_the_reassign_form_logs_the_clients_it_lists(http, organisation, coordinator):
    TrajectoryFactory(client=client_named(organisation, "Piet", "Jansen"), coordinator=coordinator)
    TrajectoryFactory(client=client_named(organisation, "Anna", "Bakker"))  # someone else's
    MembershipFactory(organisation=organisation, role=Role.COORDINATOR)

    assert http.get(reverse("reassign:form")).status_code == 200

    assert logged() == [("reassign:form", "client", "Piet Jansen", "trajecten overdragen")]


def test_the_reassign_form_without_trajectories_writes_no_row(http):
    assert http.get(reverse("reassign:form")).status_code == 200
    assert logged() == []


def test_the_open_trajectory_form_for_a_client_logs_that_client(http, organisation):
    jansen = client_named(organisation, "Piet", "Jansen")

    response = http.get(reverse("intake:open_trajectory_for_client", args=[jansen.pk]))

    assert response.status_code == 200
    assert logged() == [
        ("intake:open_trajectory_for_client", "client", "Piet Jansen", "traject openen")
    ]


def test_the_open_trajectory_form_for_a_new_client_writes_no_row(http):
    assert http.get(reverse("intake:open_trajectory")).status_code == 200
    assert logged() == []
    assert (Client.objects.count(), DetentionNotification.objects.count()) == (0, 0)


def test_the_home_pages_signals_log_the_clients_they_name(http, organisation, coordinator):
    from django.utils import timezone

    today = timezone.localdate()
    jansen = client_named(organisation, "Piet", "Jansen")
    TrajectoryFactory(
        client=jansen,
        coordinator=coordinator,
        opened_on=today - datetime.timedelta(days=14),
        first_contact_due=today - datetime.timedelta(days=3),
    )

    response = http.get(reverse("core:home"))

    assert [s.subject for s in response.context["signals"].mine] == ["Piet Jansen"]
    assert logged() == [("core:home", "client", "Piet Jansen", "signalen op de startpagina")]
    assert AccessLogEntry.objects.get().subject_id == str(jansen.pk)


def test_a_home_page_without_signals_writes_no_row(http):
    assert http.get(reverse("core:home")).status_code == 200
    assert logged() == []
