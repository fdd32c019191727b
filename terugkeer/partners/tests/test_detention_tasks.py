"""Work during detention (seed 003): the checklist from the template, the status of each task,
and the open tasks on the team meeting's agenda when the release comes near; achterblijvers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.partners import agenda, services_detention
from terugkeer.partners.choices import PartnerKind, TaskStatus
from terugkeer.partners.models import DetentionTask, LeftBehind
from terugkeer.partners.tests.factories import ChecklistItemFactory, PartnerFactory
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db


def test_the_default_checklist_with_partners_by_kind_and_made_once():
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    corporation = PartnerFactory(
        organisation=trajectory.organisation,
        name="Woonstichting",
        kind=PartnerKind.HOUSING_CORPORATION,
    )
    created = services_detention.checklist_create(trajectory=trajectory)
    assert [t.title for t in created] == [
        "Inschrijven als woningzoekende",
        "Uitkering opschorten",
        "Huur doorbetalen",
        "Schulden inventariseren",
        "Zorgverzekering regelen",
        "ID-bewijs aanvragen",
    ]
    assert [t.partner for t in created][:3] == [corporation, None, corporation]
    assert services_detention.checklist_create(trajectory=trajectory) == []
    assert DetentionTask.objects.count() == 6


def test_an_organisation_template_replaces_the_default():
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    ChecklistItemFactory(organisation=trajectory.organisation, title="Kinderen: school informeren")
    created = services_detention.checklist_create(trajectory=trajectory)
    assert [t.title for t in created] == ["Kinderen: school informeren"]


def test_no_checklist_without_a_running_detention():
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN, detention=None)
    with pytest.raises(ValidationError) as refused:
        services_detention.checklist_create(trajectory=trajectory)
    assert refused.value.messages == ["Dit traject heeft geen lopende detentie."]


def test_the_coordinator_updates_a_task_on_the_tab(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    org = trajectory.organisation
    login_verified(client, MembershipFactory(organisation=org, role=Role.COORDINATOR).user, org)
    client.post(reverse("partners:detention_tasks", args=[trajectory.pk]))
    task = DetentionTask.objects.get(title="Uitkering opschorten")
    response = client.post(
        reverse("partners:task_update", args=[task.pk]),
        {"status": TaskStatus.DONE, "note": "UWV gebeld", "version": task.version},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_on, task.note) == (
        TaskStatus.DONE,
        timezone.localdate(),
        "UWV gebeld",
    )
    tab = client.get(reverse("partners:detention_tasks", args=[trajectory.pk])).content.decode()
    assert "1 van 6 taken geregeld of niet nodig." in tab


def test_open_tasks_go_on_the_agenda_before_the_release():
    today = timezone.localdate()
    near = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    near.detention.expected_end = today + datetime.timedelta(days=20)
    near.detention.save()
    far = TrajectoryFactory(client__organisation=near.organisation, status=TrajectoryStatus.PLAN)
    far.detention.expected_end = today + datetime.timedelta(days=21)
    far.detention.save()
    for trajectory in (near, far):
        services_detention.checklist_create(trajectory=trajectory)
    DetentionTask.objects.filter(trajectory=near).exclude(title="ID-bewijs aanvragen").update(
        status=TaskStatus.DONE
    )
    scope = Scope(
        user=MembershipFactory(organisation=near.organisation, role=Role.TEAM_CHAIR).user,
        organisation=near.organisation,
        role=Role.TEAM_CHAIR,
    )
    items = agenda.open_detention_tasks(scope, today - datetime.timedelta(days=21), today, today)
    assert [(i.trajectory_id, i.title) for i in items] == [
        (
            near.pk,
            f"Vrijlating {today + datetime.timedelta(days=20):%d-%m-%Y}; "
            "nog open: ID-bewijs aanvragen",
        )
    ]


def test_an_achterblijver_with_a_referral_and_an_outcome(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    org = trajectory.organisation
    ggz = PartnerFactory(organisation=org, name="Jeugd-GGZ", kind=PartnerKind.MENTAL_HEALTH)
    login_verified(client, MembershipFactory(organisation=org, role=Role.COORDINATOR).user, org)
    today = timezone.localdate()
    # Referred without saying to whom: refused on the field, nothing created.
    refused = client.post(
        reverse("partners:left_behind_create", args=[trajectory.pk]),
        {
            "relation": "kind",
            "support_question": "Slaapt slecht",
            "form_token": new_form_token(),
            "referred_on": today.isoformat(),
        },
    )
    assert "Naar wie is verwezen? Kies de ketenpartner." in refused.content.decode()
    assert LeftBehind.objects.count() == 0
    client.post(
        reverse("partners:left_behind_create", args=[trajectory.pk]),
        {
            "relation": "kind",
            "description": "dochter, 8 jaar",
            "support_question": "Slaapt slecht",
            "partner": ggz.pk,
            "referred_on": today.isoformat(),
            "form_token": new_form_token(),
        },
    )
    found = LeftBehind.objects.get()
    client.post(
        reverse("partners:left_behind_edit", args=[found.pk]),
        {
            "relation": "kind",
            "description": "dochter, 8 jaar",
            "support_question": "Slaapt slecht",
            "partner": ggz.pk,
            "referred_on": today.isoformat(),
            "outcome": "geholpen",
            "version": found.version,
        },
    )
    found.refresh_from_db()
    assert (found.partner, found.outcome, found.outcome_on) == (ggz, "geholpen", today)
    tab = client.get(reverse("partners:trajectory", args=[trajectory.pk])).content.decode()
    assert "dochter, 8 jaar" in tab and "Jeugd-GGZ" in tab and "geholpen" in tab
