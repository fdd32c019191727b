"""Retention: a due client's rows hold no identifier anywhere in the database afterwards."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Contact, Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory, make_bsn
from terugkeer.core.access import Scope
from terugkeer.core.locking import save_versioned
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.core.validators import validate_bsn
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.partners.models import Document
from terugkeer.privacy.choices import RetentionKind
from terugkeer.privacy.models_retention import AnonymisedClient, RetentionRun
from terugkeer.privacy.retention import ANONYMISED, due_clients, preview
from terugkeer.privacy.retention_services import (
    retention_rule_confirm,
    retention_rule_propose,
    retention_run,
)
from terugkeer.privacy.tests.inzage_rows import fill

pytestmark = pytest.mark.django_db

SURNAME = "Vlasblom-Zwanenburg"
FIRST_NAMES = "Quirijntje"
BSN = make_bsn("58392017")


def scope_of(organisation, role):
    user = MembershipFactory(organisation=organisation, role=role).user
    return Scope(user=user, organisation=organisation, role=role)


def confirmed_rule(organisation, kind=RetentionKind.DOSSIER, months=60):
    rule = retention_rule_propose(
        scope=scope_of(organisation, Role.PRIVACY_OFFICER), kind=kind, months=months
    )
    return retention_rule_confirm(
        scope=scope_of(organisation, Role.FUNCTIONAL_ADMIN), rule=rule, version=rule.version
    )


def close_long_ago(client, years=6):
    """Close every trajectory of the client ``years`` years before today."""
    closed_on = timezone.localdate() - relativedelta(years=years)
    Trajectory.objects.filter(client=client).update(
        status=TrajectoryStatus.CLOSED, closed_on=closed_on
    )
    return closed_on


@pytest.fixture
def person(organisation):
    client = ClientFactory(
        organisation=organisation,
        bsn=BSN,
        surname=SURNAME,
        first_names=FIRST_NAMES,
        phone="06-98765432",
        email="q.vlasblom@example.org",
        notes=f"Broer van {FIRST_NAMES}, belt vaak.",
    )
    # A change, so the history holds two copies of the old values.
    save_versioned(client, expected_version=client.version, changes={"city": "Voorburg"})
    rows = fill(Client.objects.get(pk=client.pk), notes=f"{FIRST_NAMES} {SURNAME} zegt: ...")
    # Rows since deleted keep their copy in the history only.
    deleted = Contact.objects.create(
        trajectory=rows["cases.Trajectory"],
        kind="telefoon",
        date=timezone.localdate(),
        notes=f"Gebeld met {SURNAME}",
        registered_by=rows["cases.Contact"].registered_by,
    )
    deleted.delete()
    reader = scope_of(organisation, Role.COORDINATOR).user
    content_type = ContentType.objects.get_for_model(Client)
    AccessLogEntry.objects.create(
        user=reader,
        organisation=organisation,
        subject_type=content_type,
        subject_id=str(client.pk),
        subject_label=client.display_name,
        page="clients:search",
        path=f"/clienten/?q={SURNAME}",
        purpose=f"zoeken op {BSN}",
    )
    return Client.objects.get(pk=client.pk), rows


def texts_in_database():
    """Every value of every column of every table, as text (bytes decoded)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # The table names come from the database's own catalogue, not from input.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value).decode("latin-1")
                    if value is not None:
                        yield table, column, str(value).lower()


def occurrences(*needles):
    lowered = [n.lower() for n in needles]
    return sorted(
        {
            (table, column, n)
            for table, column, text in texts_in_database()
            for n in lowered
            if n in text
        }
    )


def test_anonymised_rows_hold_no_identifier_anywhere_in_the_database(
    organisation, person, django_capture_on_commit_callbacks
):
    client, rows = person
    display_name = client.display_name
    document = rows["partners.Document"]
    storage, file_name = document.file.storage, document.file.name
    birth_date = client.birth_date
    close_long_ago(client)
    needles = (BSN, SURNAME, display_name, FIRST_NAMES, "06-98765432", "q.vlasblom")
    # Given: before, the name and BSN are in many places (tables and their history).
    before = occurrences(*needles)
    assert ("clients_historicalclient", "bsn", BSN) in before
    assert ("core_accesslogentry", "purpose", BSN) in before
    assert storage.exists(file_name)

    with django_capture_on_commit_callbacks(execute=True):
        run = retention_run(rule=confirmed_rule(organisation), today=timezone.localdate())

    assert occurrences(*needles) == []
    assert not storage.exists(file_name)
    client.refresh_from_db()
    assert client.surname == ANONYMISED
    assert client.bsn == f"A{client.pk:08d}"
    with pytest.raises(ValidationError):
        validate_bsn(client.bsn)
    # Month precision for the birth date; what reports count stays.
    assert client.birth_date == birth_date.replace(day=1)
    assert client.sex == "M"
    notification = DetentionNotification.objects.get(pk=rows["detention.DetentionNotification"].pk)
    assert notification.bsn == client.bsn  # recidive still matches the client's notifications
    assert notification.received_on == rows["detention.DetentionNotification"].received_on
    trajectory = Trajectory.objects.get(pk=rows["cases.Trajectory"].pk)
    assert trajectory.status == TrajectoryStatus.CLOSED
    assert trajectory.opened_on == rows["cases.Trajectory"].opened_on
    # The record holds counts and trajectory numbers, nothing of the person.
    assert run.client_count == 1
    assert run.trajectory_ids == [trajectory.pk]
    assert run.counts["clients.Client"] == 1
    assert run.counts["core.AccessLogEntry"] >= 1
    assert Document.objects.get(pk=document.pk).file.name == ""


def test_a_second_run_changes_nothing_and_a_client_with_a_recent_trajectory_waits(
    organisation, person
):
    client, _rows = person
    close_long_ago(client)
    waiting = ClientFactory(organisation=organisation)
    TrajectoryFactory(client=waiting, status=TrajectoryStatus.CLOSED, closed_on=D_LONG_AGO())
    TrajectoryFactory(client=waiting)  # still open
    rule = confirmed_rule(organisation)
    today = timezone.localdate()

    first = retention_run(rule=rule, today=today)
    second = retention_run(rule=rule, today=today)

    assert (first.client_count, second.client_count) == (1, 0)
    assert second.counts == {}
    waiting.refresh_from_db()
    assert waiting.surname.startswith("Testpersoon")
    assert AnonymisedClient.objects.filter(client=client, kind=RetentionKind.DOSSIER).count() == 1


def D_LONG_AGO():
    return timezone.localdate() - relativedelta(years=8)


def test_a_client_closed_less_than_the_term_ago_is_not_due(organisation, person):
    client, _rows = person
    rule = confirmed_rule(organisation, months=60)
    today = timezone.localdate()
    Trajectory.objects.filter(client=client).update(
        status=TrajectoryStatus.CLOSED,
        closed_on=today - relativedelta(months=60) + datetime.timedelta(days=1),
    )
    assert list(due_clients(rule, today=today)) == []
    Trajectory.objects.filter(client=client).update(closed_on=today - relativedelta(months=60))
    assert list(due_clients(rule, today=today)) == [client]


def test_the_justice_rule_anonymises_detentions_and_notifications_only(organisation, person):
    client, rows = person
    close_long_ago(client, years=2)
    rule = confirmed_rule(organisation, kind=RetentionKind.JUSTICE, months=12)

    run = retention_run(rule=rule, today=timezone.localdate())

    assert set(run.counts) == {
        "detention.Detention",
        "detention.DetentionNotification",
        "core.AccessLogEntry",
    }
    notification = DetentionNotification.objects.get(pk=rows["detention.DetentionNotification"].pk)
    assert notification.surname == ANONYMISED
    assert notification.bsn == BSN  # the dossier still holds it; recidive matches on it
    assert Detention.objects.get(pk=rows["detention.Detention"].pk).pi_casemanager_name == ""
    client.refresh_from_db()
    assert client.surname == SURNAME
    # The dossier rule, later, still does the rest.
    dossier = confirmed_rule(organisation, months=12)
    assert retention_run(rule=dossier, today=timezone.localdate()).client_count == 1


def test_the_dry_run_lists_counts_and_trajectory_months_and_changes_nothing(organisation, person):
    client, rows = person
    closed_on = close_long_ago(client)
    rule = confirmed_rule(organisation)

    shown = preview(rule, today=timezone.localdate())
    run = retention_run(rule=rule, today=timezone.localdate(), dry_run=True)

    assert shown["client_count"] == 1
    assert shown["trajectories"] == [
        {"pk": rows["cases.Trajectory"].pk, "closed": closed_on.replace(day=1)}
    ]
    assert shown["counts"]["Persoonsgegevens"] == 1
    assert (run.dry_run, run.client_count) == (True, 1)
    client.refresh_from_db()
    assert client.surname == SURNAME
    assert not AnonymisedClient.objects.exists()


def test_four_eyes_the_proposer_cannot_confirm_and_an_unconfirmed_rule_does_not_run(
    organisation, person
):
    officer = scope_of(organisation, Role.PRIVACY_OFFICER)
    rule = retention_rule_propose(scope=officer, kind=RetentionKind.DOSSIER, months=60)

    with pytest.raises(ValidationError, match="zelf voorgesteld"):
        retention_rule_confirm(scope=officer, rule=rule, version=rule.version)
    with pytest.raises(ValidationError, match="niet bevestigd"):
        retention_run(rule=rule, today=timezone.localdate())
    with pytest.raises(ValidationError, match="Alleen een privacy officer"):
        retention_rule_confirm(
            scope=scope_of(organisation, Role.COORDINATOR), rule=rule, version=rule.version
        )
    assert not RetentionRun.objects.exists()
    second = scope_of(organisation, Role.PRIVACY_OFFICER)
    confirmed = retention_rule_confirm(scope=second, rule=rule, version=rule.version)
    assert confirmed.confirmed_by == second.user


def test_a_stale_version_and_a_second_active_rule_of_a_kind_are_refused(organisation):
    officer = scope_of(organisation, Role.PRIVACY_OFFICER)
    rule = retention_rule_propose(scope=officer, kind=RetentionKind.DOSSIER, months=60)
    with pytest.raises(ValidationError, match="al een actieve bewaarregel"):
        retention_rule_propose(scope=officer, kind=RetentionKind.DOSSIER, months=24)
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        retention_rule_confirm(
            scope=scope_of(organisation, Role.FUNCTIONAL_ADMIN), rule=rule, version=rule.version - 1
        )
