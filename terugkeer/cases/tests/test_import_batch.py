"""The file import in chunks: a fixed number of queries per chunk, not per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases import file_import
from terugkeer.cases.models import StatusChange, Trajectory
from terugkeer.clients.models import Client
from terugkeer.core.roles import Role
from terugkeer.detention.models import Detention, DetentionNotification

pytestmark = pytest.mark.django_db
HEADER = "Soort melding;BSN;Achternaam;Voornamen;Geboortedatum;Inrichting;Datum insluiting;Gemeente"


def bsn(number: int) -> str:
    """A valid BSN (elfproef) from ``number``."""
    digits = f"{100_000_00 + number:08d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    last = total % 11
    if last == 10:
        return bsn(number + 50_000)
    return digits + str(last)


def csv(rows: int, first: int = 0) -> bytes:
    start = datetime.date(2026, 1, 5)
    lines = [HEADER] + [
        f"begin detentie;{bsn(first + n)};Jansen;Piet;17-05-1990;PI Zwaag;{start:%d-%m-%Y};Katwijk"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def membership():
    katwijk = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    organisation = OrganisationFactory(municipalities=[katwijk])
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR)


def confirm_queries(membership, rows: int, first: int) -> int:
    batch = file_import.import_batch_create(
        organisation=membership.organisation,
        uploaded_by=membership.user,
        filename="meldingen.csv",
        content=csv(rows, first),
    )
    with CaptureQueriesContext(connection) as captured:
        file_import.notification_import(batch=batch, registered_by=membership.user)
    return len(captured)


def test_confirm_takes_the_same_queries_for_10_rows_as_for_50(membership):
    ten = confirm_queries(membership, 10, first=0)
    fifty = confirm_queries(membership, 50, first=100)
    # By hand, one chunk of new persons: savepoint and release of the import (2), lock the
    # batch (1), its organisation (1), municipalities, default coordinators, PIs (3),
    # fingerprints, clients, open trajectories of the chunk (3), savepoint and release of the
    # bulk write (2), clients, detentions, meldingen and trajectories each with their history
    # (8), status steps (1), links melding-trajectory (1), the batch's counts (1): 23.
    assert ten == 23
    # 50 rows: the same statements; SQLite splits a bulk insert of many columns by its limit of
    # 999 parameters, so a few of the inserts run as two statements there.
    assert ten <= fifty <= ten + 8
    assert Client.objects.count() == Detention.objects.count() == 60
    assert DetentionNotification.objects.count() == Trajectory.objects.count() == 60
    assert StatusChange.objects.count() == 60
    assert Trajectory.notifications.through.objects.count() == 60
    assert Client.history.count() == DetentionNotification.history.count() == 60


def test_every_chunk_adds_the_same_queries(membership, settings):
    settings.TERUGKEER_IMPORT_CHUNK_ROWS = 5
    one_chunk = confirm_queries(membership, 5, first=0)
    three_chunks = confirm_queries(membership, 15, first=100)
    # a chunk: its three lookups, the savepoint pair and the ten bulk statements (15)
    assert three_chunks == one_chunk + 2 * 15
