"""The retention pages (four eyes through the browser) and the daily task of run_daily."""

import datetime
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.privacy.models_retention import RetentionRule, RetentionRun
from terugkeer.privacy.retention import ANONYMISED
from terugkeer.testing import new_form_token


def propose(browser, **data):
    return browser.post(
        reverse("privacy:retention_rule_create"),
        {"kind": "dossier", "months": "60", "form_token": new_form_token()} | data,
    )


@pytest.mark.django_db
def test_the_proposer_cannot_confirm_a_colleague_can_and_the_page_shows_no_person(
    verified_client, organisation, as_officer
):
    client = ClientFactory(organisation=organisation, surname="Zeldenrijk")
    TrajectoryFactory(
        client=client,
        status=TrajectoryStatus.CLOSED,
        closed_on=timezone.localdate() - relativedelta(years=6),
    )
    token = new_form_token()
    first = propose(as_officer, form_token=token)
    propose(as_officer, form_token=token)  # a double submit creates nothing twice
    rule = RetentionRule.objects.get()
    assert first.status_code == 302
    page = as_officer.get(reverse("privacy:retention_rule", args=[rule.pk]))
    assert "zelf voorgesteld" in page.content.decode()
    assert "Zeldenrijk" not in page.content.decode()
    assert page.context["preview"]["client_count"] == 1

    refused = as_officer.post(
        reverse("privacy:retention_rule_confirm", args=[rule.pk]), {"version": rule.version}
    )
    assert refused.status_code == 200
    assert "vier ogen" in refused.content.decode()
    rule.refresh_from_db()
    assert rule.confirmed_by is None

    admin = MembershipFactory(organisation=organisation, role=Role.FUNCTIONAL_ADMIN).user
    as_admin = verified_client(admin, organisation)
    no_version = as_admin.post(reverse("privacy:retention_rule_confirm", args=[rule.pk]), {})
    assert no_version.status_code == 200
    done = as_admin.post(
        reverse("privacy:retention_rule_confirm", args=[rule.pk]), {"version": rule.version}
    )
    assert done.status_code == 302
    rule.refresh_from_db()
    assert rule.confirmed_by == admin
    assert not RetentionRun.objects.exists()  # the daily task runs it, not the confirmation


@pytest.mark.django_db
def test_a_bad_term_is_refused_with_a_message_naming_the_field(as_officer):
    response = propose(as_officer, months="0")
    assert response.status_code == 200
    assert "months" in response.context["form"].errors
    assert not RetentionRule.objects.exists()


# The worker closes database connections between tasks: no wrapping test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_daily_enqueues_retention_once_a_day_and_the_worker_anonymises():
    today = datetime.date(2026, 12, 21)
    organisation = OrganisationFactory(name="Bewaar-team")
    proposer, confirmer = (
        MembershipFactory(organisation=organisation, role=role).user
        for role in (Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN)
    )
    RetentionRule.objects.create(
        organisation=organisation,
        kind="dossier",
        months=60,
        created_by=proposer,
        confirmed_by=confirmer,
        confirmed_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
    )
    RetentionRule.objects.create(
        organisation=organisation, kind="justice", months=12, created_by=proposer
    )
    client = ClientFactory(organisation=organisation, surname="Uitgediend")
    TrajectoryFactory(
        client=client, status=TrajectoryStatus.CLOSED, closed_on=today - relativedelta(years=5)
    )
    out = StringIO()
    call_command("run_daily", "--date=2026-12-21", stdout=out)
    call_command("run_daily", "--date=2026-12-21", stdout=out)
    assert "Bewaar-team: bewaartermijnen stond vandaag al in de wachtrij" in out.getvalue()
    retention = DBTaskResult.objects.filter(task_path__endswith="retention_task")
    assert retention.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    assert Client.objects.get(pk=client.pk).surname == ANONYMISED
    run = RetentionRun.objects.get()  # only the confirmed rule ran
    assert (run.rule.kind, run.started_by, run.client_count) == ("dossier", None, 1)
