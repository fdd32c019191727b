"""Issue 11: two different import files naming the same people in opposite order, confirmed at
the same moment on PostgreSQL (``terugkeer.testing_races``).

Each confirm creates the clients row by row. The first file creates Jansen then Bakker, the
second Bakker then Jansen: held together after their first new client, each then waits for the
other's uncommitted client (the unique BSN), a deadlock unless the import takes its locks in
one order. Outcome wanted, as for the same file twice: no 500, each person once, and the rows
the loser could not create are skipped as already received.
"""

import hashlib

import pytest

from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.test_races import HEADER, intake_organisation, two_sessions
from terugkeer.clients.models import Client
from terugkeer.detention.models import Detention, DetentionNotification, ImportBatch
from terugkeer.testing_races import run_at_once, statement

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JANSEN = "begin detentie;111222333;Jansen;17-05-1990;PI Nieuwegein;24-02-2026;Katwijk\n"
BAKKER = "begin detentie;123456782;Bakker;02-02-1985;PI Zwaag;10-02-2026;Katwijk\n"


def batch_of(organisation, user, rows: str, name: str) -> ImportBatch:
    content = (HEADER + rows).encode()
    return ImportBatch.objects.create(
        organisation=organisation,
        uploaded_by=user,
        filename=name,
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        row_count=2,
    )


def test_two_files_with_the_same_people_in_opposite_order_confirmed_at_once():
    from django.urls import reverse

    organisation, user = intake_organisation()
    batches = [
        batch_of(organisation, user, JANSEN + BAKKER, "maandag.csv"),
        batch_of(organisation, user, BAKKER + JANSEN, "dinsdag.csv"),
    ]

    def confirm(client, batch):
        response = client.post(reverse("intake:import_confirm", args=[batch.pk]), follow=True)
        return response.status_code, response.content.decode()

    clients = two_sessions(user, organisation)
    results, collided = run_at_once(
        [lambda c=c, b=b: confirm(c, b) for c, b in zip(clients, batches, strict=True)],
        collide_at=statement('INSERT INTO "clients_client"'),
    )

    for result in results:
        if isinstance(result, BaseException):
            raise result
    assert collided  # both held at their first new client, then went on at the same moment
    assert [status for status, _page in results] == [200, 200]
    for batch in batches:
        batch.refresh_from_db()
    # Two files, two people, each person once: four rows, two created and two skipped in all.
    created = sum(b.created_count for b in batches)
    skipped = sum(b.skipped_count for b in batches)
    assert (created, skipped) == (2, 2)
    assert (DetentionNotification.objects.count(), Client.objects.count()) == (2, 2)
    assert (Detention.objects.count(), Trajectory.objects.count()) == (2, 2)
    assert sorted(Client.objects.values_list("surname", flat=True)) == ["Bakker", "Jansen"]
