"""A large import file is confirmed by the background worker, with its progress on the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases import file_import
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tasks import notification_import_task
from terugkeer.cases.tests.test_import_batch import csv
from terugkeer.clients.models import Client
from terugkeer.core.roles import Role
from terugkeer.detention.choices import ImportStatus
from terugkeer.detention.models import DetentionNotification, ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(verified_client, settings):
    settings.TERUGKEER_IMPORT_WORKER_ROWS = 3  # above three rows: the worker
    katwijk = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    organisation = OrganisationFactory(municipalities=[katwijk])
    membership = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    client = verified_client(membership.user, organisation)
    client.membership = membership
    return client


def upload(client, rows: int, first: int = 0) -> ImportBatch:
    file = SimpleUploadedFile("meldingen.csv", csv(rows, first))
    response = client.post(reverse("intake:import_upload"), {"file": file})
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk")


def summary(organisation):
    """What an import left behind, comparable between two organisations."""
    notifications = DetentionNotification.objects.filter(organisation=organisation)
    return (
        Client.objects.filter(organisation=organisation).count(),
        sorted(notifications.values_list("bsn", "status", "import_line")),
        Trajectory.objects.filter(organisation=organisation).count(),
    )


def test_a_large_file_is_confirmed_by_the_worker_with_progress(
    coordinator, django_capture_on_commit_callbacks
):
    batch = upload(coordinator, 5)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))
    assert response.url == reverse("intake:import_preview", args=[batch.pk])
    assert DBTaskResult.objects.count() == 1
    assert DetentionNotification.objects.count() == 0  # not yet: the worker does it

    page = coordinator.get(response.url).content.decode()
    assert "0 van 5 regels verwerkt." in page
    assert 'hx-get="{}"'.format(reverse("intake:import_progress", args=[batch.pk])) in page
    again = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))
    assert again.status_code == 302
    assert DBTaskResult.objects.count() == 1  # a second confirm queues nothing

    # What the worker runs: the queued task with its queued arguments (the db_worker command
    # itself closes the database connection, which a test's transaction cannot survive).
    queued = DBTaskResult.objects.get()
    assert queued.task == notification_import_task
    assert queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"]) == (
        "verwerkt"
    )

    batch.refresh_from_db()
    assert (batch.status, batch.rows_done, batch.created_count) == (ImportStatus.CONFIRMED, 5, 5)
    progress = coordinator.get(reverse("intake:import_progress", args=[batch.pk]))
    content = progress.content.decode()
    assert "Import verwerkt: 5 nieuwe meldingen, 0 al eerder ontvangen, 0 afgewezen." in content
    assert "hx-get" not in content  # done: the page stops asking

    # Running the task again imports nothing twice.
    assert notification_import_task.call(batch.pk, coordinator.membership.user.pk, False) == (
        "al verwerkt"
    )
    assert DetentionNotification.objects.count() == 5

    # The same rows confirmed synchronously (the threshold raised) in another organisation.
    other = MembershipFactory(
        organisation=OrganisationFactory(
            municipalities=list(coordinator.membership.organisation.municipalities.all())
        ),
        role=Role.COORDINATOR,
    )
    small = file_import.import_batch_create(
        organisation=other.organisation,
        uploaded_by=other.user,
        filename="meldingen.csv",
        content=csv(5),
    )
    file_import.notification_import(batch=small, registered_by=other.user)
    assert summary(other.organisation) == summary(coordinator.membership.organisation)
    assert summary(other.organisation)[0] == 5


def test_a_small_file_is_still_confirmed_at_once(coordinator):
    batch = upload(coordinator, 3)
    response = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))
    assert response.url == reverse("cases:new")
    assert DBTaskResult.objects.count() == 0
    assert DetentionNotification.objects.count() == 3
