"""manage.py run_daily enqueues the digest once per organisation a day; the worker sends it."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role

# The worker closes database connections between tasks: no wrapping test transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twice_a_day_enqueues_once_and_the_worker_sends_the_digest():
    today = datetime.date(2026, 12, 21)
    first = OrganisationFactory(name="Aa-team")
    OrganisationFactory(name="Bee-team")
    anna = MembershipFactory(
        organisation=first, role=Role.COORDINATOR, user=UserFactory(email="anna@example.org")
    ).user
    client = ClientFactory(organisation=first, first_names="Jan", surname="Akkerman")
    TrajectoryFactory(
        client=client,
        coordinator=anna,
        opened_on=today - datetime.timedelta(days=10),
        first_contact_due=today - datetime.timedelta(days=3),
        detention__expected_end=None,
    )
    out = StringIO()
    call_command("run_daily", "--date=2026-12-21", stdout=out)
    call_command("run_daily", "--date=2026-12-21", stdout=out)
    assert DBTaskResult.objects.count() == 2
    assert "Aa-team: signalensamenvatting stond vandaag al in de wachtrij" in out.getvalue()
    call_command("run_daily", "--date=2026-12-22", stdout=StringIO())
    assert DBTaskResult.objects.count() == 4

    mail.outbox.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    assert [m.to for m in mail.outbox].count(["anna@example.org"]) == 2
    assert DBTaskResult.objects.successful().count() == 4
