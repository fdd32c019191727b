"""The plan van aanpak: services (templates, due dates, locking) and the tab, forms and PDF."""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases import plan_services
from terugkeer.cases.choices import PlanAnchor, Programme
from terugkeer.cases.models import (
    Action,
    Domain,
    DomainAssessment,
    Goal,
    PlanTemplate,
    PlanTemplateAction,
)
from terugkeer.cases.plan_demo import seed_plan_templates
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db

APPLIED_ON = datetime.date(2026, 11, 23)


def domain(code: str, programme: str = Programme.AFTERCARE) -> Domain:
    return Domain.objects.get(programme__code=programme, code=code)


def template_for(organisation, *rows) -> PlanTemplate:
    template = PlanTemplate.objects.create(
        organisation=organisation, programme=Programme.AFTERCARE, name="Test"
    )
    for position, (description, anchor, offset) in enumerate(rows, 1):
        PlanTemplateAction.objects.create(
            template=template,
            description=description,
            anchor=anchor,
            offset_days=offset,
            order=position,
            owner="cliënt",
        )
    return template


ROWS = [
    ("ID-bewijs aanvragen", PlanAnchor.RELEASE, -21),
    ("Zorgverzekering controleren", PlanAnchor.DETENTION_START, 3),
    ("Evaluatie", PlanAnchor.PLAN_START, 7),
]


def trajectory_with_detention(start, expected_end, **kwargs):
    client = ClientFactory()
    detention = DetentionFactory(client=client, start_date=start, expected_end=expected_end)
    return TrajectoryFactory(client=client, detention=detention, **kwargs)


# --- services -------------------------------------------------------------------------------


def test_template_due_dates_count_from_their_anchor():
    trajectory = trajectory_with_detention(datetime.date(2026, 10, 1), datetime.date(2027, 1, 15))
    template = template_for(trajectory.organisation, *ROWS)

    applied = plan_services.plan_template_apply(
        trajectory=trajectory, template=template, applied_on=APPLIED_ON
    )

    # 15-01-2027 - 21 days = 25-12-2026; 01-10-2026 + 3 = 04-10-2026 has passed on 23-11-2026,
    # so it is due on the day the template is applied (issue 12: not late on creation).
    assert [(a.action.description, a.action.due_date, a.note) for a in applied] == [
        ("ID-bewijs aanvragen", datetime.date(2026, 12, 25), ""),
        (
            "Zorgverzekering controleren",
            APPLIED_ON,
            "'Zorgverzekering controleren' had volgens het sjabloon al op 04-10-2026 klaar "
            "moeten zijn: de uiterlijke datum is vandaag.",
        ),
        ("Evaluatie", datetime.date(2026, 11, 30), ""),
    ]
    assert Action.objects.filter(trajectory=trajectory, owner="cliënt").count() == 3


def test_actual_release_date_wins_over_the_expected_one():
    trajectory = trajectory_with_detention(
        datetime.date(2026, 10, 1),
        datetime.date(2027, 1, 15),
        released_on=datetime.date(2026, 11, 20),
    )
    template = template_for(trajectory.organisation, ("Afspraak schuldhulp", "vrijlating", 7))

    [applied] = plan_services.plan_template_apply(
        trajectory=trajectory, template=template, applied_on=APPLIED_ON
    )

    assert applied.action.due_date == datetime.date(2026, 11, 27)


def test_unknown_anchor_gives_no_due_date_and_a_note():
    trajectory = TrajectoryFactory(detention=None)
    template = template_for(trajectory.organisation, *ROWS)

    applied = plan_services.plan_template_apply(
        trajectory=trajectory, template=template, applied_on=APPLIED_ON
    )

    assert [a.action.due_date for a in applied] == [None, None, datetime.date(2026, 11, 30)]
    assert applied[0].note == (
        "Geen termijn voor 'ID-bewijs aanvragen': de (verwachte) vrijlating is nog niet bekend. "
        "Vul de datum later zelf in."
    )
    assert "datum insluiting is nog niet bekend" in applied[1].note
    assert applied[2].note == ""


def test_missing_expected_release_leaves_release_actions_without_due_date():
    trajectory = trajectory_with_detention(datetime.date(2026, 10, 1), None)
    template = template_for(trajectory.organisation, *ROWS[:2])

    applied = plan_services.plan_template_apply(
        trajectory=trajectory, template=template, applied_on=APPLIED_ON
    )

    assert [a.action.due_date for a in applied] == [None, APPLIED_ON]  # 04-10 has passed


def test_actions_for_domains_that_need_nothing_are_not_added():
    trajectory = trajectory_with_detention(datetime.date(2026, 10, 1), datetime.date(2027, 1, 15))
    template = template_for(trajectory.organisation, *ROWS)
    items = list(template.actions.order_by("order"))
    for item, code in zip(items, ["id_bewijs", "zorg", "huisvesting"], strict=True):
        item.domain = domain(code)
        item.save()
    DomainAssessment.objects.create(
        trajectory=trajectory, domain=domain("id_bewijs"), status="geregeld"
    )
    DomainAssessment.objects.create(
        trajectory=trajectory, domain=domain("zorg"), status="geen_hulpvraag"
    )
    DomainAssessment.objects.create(
        trajectory=trajectory, domain=domain("huisvesting"), status="hulpvraag"
    )

    applied = plan_services.plan_template_apply(
        trajectory=trajectory, template=template, applied_on=APPLIED_ON
    )

    assert [a.action is None for a in applied] == [True, True, False]
    assert applied[0].note == "Niet toegevoegd: 'ID-bewijs aanvragen' (ID-bewijs is geregeld)."
    assert applied[1].note == (
        "Niet toegevoegd: 'Zorgverzekering controleren' (Zorg is geen hulpvraag)."
    )
    assert list(
        Action.objects.filter(trajectory=trajectory).values_list("description", flat=True)
    ) == ["Evaluatie"]


def test_template_of_another_organisation_is_refused():
    trajectory = TrajectoryFactory()
    template = template_for(OrganisationFactory(), *ROWS)

    with pytest.raises(ValidationError):
        plan_services.plan_template_apply(trajectory=trajectory, template=template)
    assert not Action.objects.filter(trajectory=trajectory).exists()


def test_seeded_template_has_the_standard_actions_once():
    organisation = OrganisationFactory()

    seed_plan_templates(organisation)
    seed_plan_templates(organisation)

    assert PlanTemplate.objects.filter(organisation=organisation).count() == 2
    template = PlanTemplate.objects.get(organisation=organisation, programme="nazorg")
    assert template.name == "Nazorg standaard"
    reintegration = PlanTemplate.objects.get(organisation=organisation, programme="reintegratie")
    # One action per leefgebied, each on a domain of re-integratie.
    assert sorted(reintegration.actions.values_list("domain__code", flat=True)) == sorted(
        [
            "huisvesting",
            "financien",
            "dagbesteding",
            "zingeving",
            "praktisch",
            "psychisch",
            "lichamelijk",
            "sociaal_functioneren",
        ]
    )
    assert set(reintegration.actions.values_list("domain__programme__code", flat=True)) == {
        "reintegratie"
    }
    assert [
        (a.description, a.anchor, a.offset_days, a.domain.code) for a in template.actions.all()
    ] == [
        ("ID-bewijs aanvragen", "vrijlating", -21, "id_bewijs"),
        ("Uitkering aanvragen", "vrijlating", -14, "werk_inkomen"),
        ("Woonruimte zoeken", "vrijlating", -30, "huisvesting"),
        ("Zorgverzekering controleren", "insluiting", 3, "zorg"),
        ("Afspraak schuldhulp", "vrijlating", 7, "schulden"),
    ]


def test_action_takes_the_domain_of_its_goal():
    trajectory = TrajectoryFactory()
    goal = plan_services.goal_create(
        trajectory=trajectory, description="Een eigen woning", domain=domain("huisvesting")
    )

    action = plan_services.action_create(
        trajectory=trajectory, description="Inschrijven woningnet", goal=goal
    )

    assert action.domain.code == "huisvesting"


def test_domain_of_another_programme_is_refused():
    trajectory = TrajectoryFactory()

    with pytest.raises(ValidationError):
        plan_services.goal_create(
            trajectory=trajectory,
            description="Zin in het leven",
            domain=domain("zingeving", Programme.REINTEGRATION),
        )
    assert not Goal.objects.exists()


def test_stale_goal_update_is_refused_by_the_service():
    goal = plan_services.goal_create(trajectory=TrajectoryFactory(), description="Oud")
    plan_services.goal_update(goal=goal, expected_version=1, description="Collega")

    with pytest.raises(StaleObjectError):
        plan_services.goal_update(goal=goal, expected_version=1, description="Ik")
    goal.refresh_from_db()
    assert (goal.description, goal.version) == ("Collega", 2)


# --- views ----------------------------------------------------------------------------------


@pytest.fixture
def coordinator():
    return MembershipFactory(role=Role.COORDINATOR)


@pytest.fixture
def trajectory(coordinator):
    return TrajectoryFactory(
        client=ClientFactory(
            organisation=coordinator.organisation, first_names="Johannes", surname="Plantinga"
        ),
        coordinator=coordinator.user,
    )


@pytest.fixture
def logged_in(verified_client, coordinator):
    return verified_client(coordinator.user, coordinator.organisation)


def plan_url(trajectory, name="detail", **kwargs):
    return reverse(f"plan:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def test_coordinator_adds_a_goal_and_an_action(logged_in, trajectory):
    response = logged_in.post(
        plan_url(trajectory, "goal_create"),
        {
            "domain": domain("id_bewijs").pk,
            "description": "Geldig ID bij vrijlating",
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(trajectory=trajectory)

    response = logged_in.post(
        plan_url(trajectory, "action_create"),
        {
            "goal": goal.pk,
            "description": "Paspoort aanvragen",
            "owner": "cliënt",
            "due_date": "2026-12-01",
            "form_token": new_form_token(),
        },
    )

    assert response.status_code == 302
    action = Action.objects.get(trajectory=trajectory)
    assert (action.description, action.owner, action.due_date, action.domain.code) == (
        "Paspoort aanvragen",
        "cliënt",
        datetime.date(2026, 12, 1),
        "id_bewijs",
    )
    page = logged_in.get(plan_url(trajectory)).content.decode()
    assert "Geldig ID bij vrijlating" in page
    assert "Paspoort aanvragen" in page
    assert "01-12-2026" in page


def test_stale_action_edit_is_refused_and_keeps_the_input(logged_in, trajectory):
    action = plan_services.action_create(trajectory=trajectory, description="Oud")
    form_version = action.version
    plan_services.action_update(action=action, expected_version=1, description="Door collega")

    response = logged_in.post(
        plan_url(trajectory, "action_update", action_pk=action.pk),
        {"description": "Mijn nieuwe tekst", "owner": "coördinator", "version": form_version},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in page
    assert 'value="Mijn nieuwe tekst"' in page
    action.refresh_from_db()
    assert (action.description, action.owner, action.version) == ("Door collega", "", 2)


def test_overdue_open_actions_are_marked_in_text(logged_in, trajectory):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    plan_services.action_create(trajectory=trajectory, description="Te laat", due_date=yesterday)
    plan_services.action_create(
        trajectory=trajectory, description="Al gedaan", due_date=yesterday, done_on=yesterday
    )
    plan_services.action_create(trajectory=trajectory, description="Vandaag", due_date=today)

    response = logged_in.get(plan_url(trajectory))

    rows = {
        action.description: action.is_overdue
        for s in response.context["sections"]
        for action in s.actions
    }
    assert rows == {"Te laat": True, "Al gedaan": False, "Vandaag": False}
    page = response.content.decode()
    assert page.count('data-testid="overdue"') == 1
    assert "1 open actie is over de termijn." in page


def test_action_complete_marks_it_done_today(logged_in, trajectory):
    action = plan_services.action_create(trajectory=trajectory, description="Bellen")

    response = logged_in.post(
        plan_url(trajectory, "action_complete", action_pk=action.pk), {"version": 1}
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.done_on, action.version) == (timezone.localdate(), 2)


def test_goal_delete_keeps_its_actions(logged_in, trajectory):
    goal = plan_services.goal_create(trajectory=trajectory, description="Weg")
    action = plan_services.action_create(trajectory=trajectory, description="Blijft", goal=goal)

    response = logged_in.post(plan_url(trajectory, "goal_delete", goal_pk=goal.pk), {"version": 1})

    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    action.refresh_from_db()
    assert action.goal is None


def test_applying_a_template_on_the_tab_reports_unknown_anchors(logged_in, coordinator):
    trajectory = TrajectoryFactory(
        client=ClientFactory(organisation=coordinator.organisation), detention=None
    )
    template = template_for(coordinator.organisation, *ROWS)

    response = logged_in.post(
        plan_url(trajectory, "template_apply"),
        {"template": template.pk, "form_token": new_form_token()},
        follow=True,
    )

    page = response.content.decode()
    assert "3 acties toegevoegd" in page
    assert "de datum insluiting is nog niet bekend" in page
    assert Action.objects.filter(trajectory=trajectory).count() == 3


def test_plan_pdf_is_a_download_with_the_client_and_logs_access(logged_in, trajectory):
    plan_services.goal_create(
        trajectory=trajectory, description="Woning vinden", domain=domain("huisvesting")
    )
    late = timezone.localdate() - datetime.timedelta(days=3)
    plan_services.action_create(
        trajectory=trajectory, description="Huurtoeslag aanvragen", due_date=late
    )

    response = logged_in.get(plan_url(trajectory, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-van-aanpak-{trajectory.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    entry = AccessLogEntry.objects.get(page="plan:pdf")
    assert (entry.subject_id, entry.purpose) == (str(trajectory.pk), "plan afdrukken")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF"
    text = subprocess.run(
        [pdftotext, "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Johannes Plantinga" in text
    assert "Woning vinden" in text
    assert "Huurtoeslag aanvragen" in text and late.strftime("%d-%m-%Y") in text
    # Issue 12: the client's copy never says "late" (a table cell may wrap, so words are joined).
    assert "te laat" not in " ".join(text.split())
    assert "Handtekening cliënt" in text


def test_another_organisations_trajectory_is_not_found(logged_in):
    other = TrajectoryFactory()
    goal = plan_services.goal_create(trajectory=other, description="Niet van ons")

    assert logged_in.get(plan_url(other)).status_code == 404
    assert logged_in.get(plan_url(other, "pdf")).status_code == 404
    assert logged_in.get(plan_url(other, "goal_update", goal_pk=goal.pk)).status_code == 404
    response = logged_in.post(plan_url(other, "goal_create"), {"description": "Inbraak"})
    assert response.status_code == 404
    assert Goal.objects.filter(trajectory=other).count() == 1


def test_goal_of_another_trajectory_is_not_found_under_mine(logged_in, trajectory, coordinator):
    sibling = TrajectoryFactory(client=ClientFactory(organisation=coordinator.organisation))
    goal = plan_services.goal_create(trajectory=sibling, description="Elders")

    response = logged_in.post(
        plan_url(trajectory, "goal_update", goal_pk=goal.pk),
        {"description": "Gekaapt", "version": 1},
    )

    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.description == "Elders"


def test_mentor_is_refused(verified_client, trajectory):
    mentor = MembershipFactory(role=Role.MENTOR, organisation=trajectory.organisation)
    client = verified_client(mentor.user, mentor.organisation)

    assert client.get(plan_url(trajectory)).status_code == 403
    assert client.get(plan_url(trajectory, "pdf")).status_code == 403
    response = client.post(plan_url(trajectory, "goal_create"), {"description": "Mag niet"})
    assert response.status_code == 403
    assert not Goal.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_plan_tab_queries_do_not_grow_with_the_plan(logged_in, trajectory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert logged_in.get(plan_url(trajectory)).status_code == 200
        return len(queries)

    goal = plan_services.goal_create(trajectory=trajectory, description="Doel 0")
    plan_services.action_create(trajectory=trajectory, description="Actie 0", goal=goal)
    few = count()
    for n in range(1, 8):
        goal = plan_services.goal_create(
            trajectory=trajectory, description=f"Doel {n}", domain=domain("zorg")
        )
        plan_services.action_create(trajectory=trajectory, description=f"Actie {n}", goal=goal)

    assert count() == few


def test_functional_admin_adds_a_template_with_actions(verified_client):
    membership = MembershipFactory(role=Role.FUNCTIONAL_ADMIN)
    client = verified_client(membership.user, membership.organisation)
    prefix = "actions"

    response = client.post(
        reverse("admin:cases_plantemplate_add"),
        {
            "programme": Programme.AFTERCARE,
            "name": "Kort traject",
            "is_active": "on",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-domain": domain("id_bewijs").pk,
            f"{prefix}-0-description": "ID-bewijs aanvragen",
            f"{prefix}-0-owner": "coördinator",
            f"{prefix}-0-anchor": PlanAnchor.RELEASE,
            f"{prefix}-0-offset_days": "-21",
        },
    )

    assert response.status_code == 302
    template = PlanTemplate.objects.get(name="Kort traject")
    assert template.organisation == membership.organisation
    assert [(a.description, a.offset_days) for a in template.actions.all()] == [
        ("ID-bewijs aanvragen", -21)
    ]


def test_admin_refuses_a_template_action_in_a_domain_of_another_programme(verified_client):
    membership = MembershipFactory(role=Role.FUNCTIONAL_ADMIN)
    client = verified_client(membership.user, membership.organisation)

    response = client.post(
        reverse("admin:cases_plantemplate_add"),
        {
            "programme": Programme.AFTERCARE,
            "name": "Verkeerd",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-order": "1",
            "actions-0-domain": domain("zingeving", Programme.REINTEGRATION).pk,
            "actions-0-description": "Zingeving",
            "actions-0-anchor": PlanAnchor.PLAN_START,
            "actions-0-offset_days": "0",
        },
    )

    assert response.status_code == 200
    assert "Dit domein hoort niet bij het programma van het sjabloon." in response.content.decode()
    assert not PlanTemplate.objects.filter(name="Verkeerd").exists()


def test_an_agreed_plan_moves_intake_to_plan(logged_in, trajectory):
    """Issue 12: the status follows the work: the plan agreed is the step to 'plan van aanpak'."""
    trajectory.status = "intake"
    trajectory.save()
    url = plan_url(trajectory, "agree")
    today = timezone.localdate()

    without_goals = logged_in.post(
        url, {"agreed_on": today.isoformat(), "version": trajectory.version}
    )
    plan_services.goal_create(trajectory=trajectory, description="Woning vinden")
    agreed = logged_in.post(url, {"agreed_on": today.isoformat(), "version": trajectory.version})

    assert without_goals.status_code == 200
    assert "Een plan zonder doelen kan niet akkoord zijn" in without_goals.content.decode()
    assert agreed.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.plan_agreed_on) == ("plan", today)
    step = trajectory.status_changes.last()
    assert (step.from_status, step.to_status, step.note) == ("intake", "plan", "Plan akkoord.")
    page = logged_in.get(plan_url(trajectory, "detail")).content.decode()
    assert f"Plan akkoord op {today:%d-%m-%Y}" in page


def test_an_agreed_guidance_plan_starts_the_guidance(logged_in, coordinator):
    trajectory = TrajectoryFactory(
        client=ClientFactory(organisation=coordinator.organisation),
        programme="reintegratie",
        status="begeleidingsplan",
        detention=None,
        coordinator=coordinator.user,
    )
    plan_services.goal_create(trajectory=trajectory, description="Dagbesteding vinden")
    later = timezone.localdate() + datetime.timedelta(days=1)

    future = logged_in.post(
        plan_url(trajectory, "agree"),
        {"agreed_on": later.isoformat(), "version": trajectory.version},
    )
    agreed = logged_in.post(
        plan_url(trajectory, "agree"),
        {"agreed_on": timezone.localdate().isoformat(), "version": trajectory.version},
    )

    assert "kan niet in de toekomst liggen" in future.content.decode()
    assert agreed.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == "begeleiding"
