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
from terugkeer.detention.choices import NotificationStatus
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


def mixed_files(first: int, chunks: int) -> tuple[bytes, bytes]:
    """Per chunk of 50 rows: 30 new persons, 10 known clients with an open trajectory (a
    re-detention), 5 meldingen received before and 5 known BSNs with another surname (held for
    review). Returns the file that makes the known clients, and the file measured."""
    before, after = datetime.date(2025, 12, 1), datetime.date(2026, 1, 5)

    def line(number: int, surname: str, start: datetime.date) -> str:
        fields = [bsn(number), surname, "Piet", "17-05-1990", "PI Zwaag", f"{start:%d-%m-%Y}"]
        return ";".join(["begin detentie", *fields, "Katwijk"])

    earlier, measured = [HEADER], [HEADER]
    for chunk in range(chunks):
        base = first + 50 * chunk
        for n in range(base, base + 50):
            kind = (n - base) % 10  # 0-5 new, 6-7 known, 8 received before, 9 another surname
            if kind <= 5:
                measured.append(line(n, "Jansen", after))
            elif kind <= 7:
                earlier.append(line(n, "Jansen", before))
                measured.append(line(n, "Jansen", after))
            elif kind == 8:
                earlier.append(line(n, "Jansen", before))
                measured.append(line(n, "Jansen", before))
            else:
                earlier.append(line(n, "Jansen", before))
                measured.append(line(n, "Pietersen", after))
    return ("\n".join(earlier) + "\n").encode(), ("\n".join(measured) + "\n").encode()


def mixed_confirm_queries(membership, first: int, chunks: int) -> int:
    earlier, measured = mixed_files(first, chunks)
    for name, content in (("eerder.csv", earlier), ("meldingen.csv", measured)):
        batch = file_import.import_batch_create(
            organisation=membership.organisation,
            uploaded_by=membership.user,
            filename=name,
            content=content,
        )
        with CaptureQueriesContext(connection) as captured:
            file_import.notification_import(batch=batch, registered_by=membership.user)
    return len(captured)


def test_50_and_500_mixed_rows_take_the_same_queries_per_chunk(membership, settings):
    settings.TERUGKEER_IMPORT_CHUNK_ROWS = 50
    one = mixed_confirm_queries(membership, first=1_000, chunks=1)
    two = mixed_confirm_queries(membership, first=2_000, chunks=2)
    ten = mixed_confirm_queries(membership, first=3_000, chunks=10)
    per_chunk = two - one
    # 500 rows cost the 50 rows' queries plus nine times one chunk's, whatever is in them
    assert ten == one + 9 * per_chunk
    # By hand, a chunk: its three lookups, the savepoint pair, four bulk inserts each with its
    # history rows (8), the re-detentions' bulk update and their history rows (2), the status
    # steps and the links (2): 17. SQLite splits a bulk insert of many columns by its limit of
    # 999 parameters, so a few more statements there.
    if connection.vendor == "postgresql":
        assert per_chunk == 17
    else:
        assert 17 <= per_chunk <= 17 + 13
    # and nothing of the 50 rows was written per row
    assert one < 50
    assert Trajectory.objects.filter(client__bsn=bsn(1_006)).get().detention.start_date == (
        datetime.date(2026, 1, 5)
    )
    assert Trajectory.history.filter(client__bsn=bsn(1_006)).count() == 2
    assert (
        DetentionNotification.objects.filter(
            bsn=bsn(1_009), status=NotificationStatus.REVIEW
        ).count()
        == 1
    )
    assert DetentionNotification.objects.filter(bsn=bsn(1_008)).count() == 1
