"""The dossier tabs through HTTP: workflow steps, release, closing, triage, contacts, access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Contact, DomainAssessment, StatusChange, Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db
S = TrajectoryStatus


@pytest.fixture
def trajectory():
    return TrajectoryFactory()


@pytest.fixture
def coordinator(trajectory, verified_client):
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    client = verified_client(user, trajectory.organisation)
    client.user = user
    return client


def url(name, trajectory):
    return reverse(name, args=[trajectory.pk])


def test_each_tab_view_writes_one_access_log_row(coordinator, trajectory):
    for name in ["dossier:overview", "dossier:triage", "dossier:contacts"]:
        assert coordinator.get(url(name, trajectory)).status_code == 200
    rows = AccessLogEntry.objects.filter(subject_id=str(trajectory.pk), user=coordinator.user)
    assert sorted(rows.values_list("page", flat=True)) == [
        "dossier:contacts",
        "dossier:overview",
        "dossier:triage",
    ]


def test_contact_moves_aangemeld_to_in_contact(coordinator, trajectory):
    today = timezone.localdate()
    response = coordinator.post(
        url("dossier:contacts", trajectory),
        {
            "kind": "pi_bezoek",
            "date": today.isoformat(),
            "place": "PI Zwaag",
            "notes": "Kennis",
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.first_contact_on) == (S.IN_CONTACT, today)
    assert Contact.objects.get().registered_by == coordinator.user


def test_future_contact_is_refused_with_the_field_named(coordinator, trajectory):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = coordinator.post(
        url("dossier:contacts", trajectory), {"kind": "telefoon", "date": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert "Een contactmoment kan niet in de toekomst liggen." in response.content.decode()
    assert not Contact.objects.exists()


def test_workflow_step_and_refused_step(coordinator, trajectory):
    trajectory.status = S.IN_CONTACT
    trajectory.save()
    ok = coordinator.post(
        url("dossier:overview", trajectory),
        {"action": "transition", "to_status": "intake", "version": trajectory.version},
    )
    assert ok.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == S.INTAKE
    refused = coordinator.post(
        url("dossier:overview", trajectory),
        {"action": "transition", "to_status": "nazorg", "version": trajectory.version},
    )
    assert refused.status_code == 200  # 'nazorg' is not offered: release starts aftercare
    trajectory.refresh_from_db()
    assert trajectory.status == S.INTAKE


def test_stale_step_is_refused_and_nothing_changes(coordinator, trajectory):
    trajectory.status = S.IN_CONTACT
    trajectory.save()
    stale_version = trajectory.version
    coordinator.post(
        url("dossier:overview", trajectory),
        {"action": "transition", "to_status": "intake", "version": stale_version},
    )
    response = coordinator.post(
        url("dossier:overview", trajectory),
        {
            "action": "close",
            "reason": "verhuisd",
            "closed_on": "2026-11-20",
            "version": stale_version,
        },
    )
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == S.INTAKE


def test_release_starts_aftercare_and_closing_requires_a_reason(coordinator, trajectory):
    release_date = trajectory.detention.start_date + datetime.timedelta(days=30)
    coordinator.post(
        url("dossier:overview", trajectory),
        {
            "action": "release",
            "release_date": release_date.isoformat(),
            "version": 1,
            "confirmed": "1",
        },
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.released_on) == (S.AFTERCARE, release_date)
    missing = coordinator.post(
        url("dossier:overview", trajectory),
        {"action": "close", "reason": "", "closed_on": "2026-11-20", "version": trajectory.version},
    )
    assert missing.status_code == 200
    assert missing.context["forms"]["close"].errors["reason"]
    coordinator.post(
        url("dossier:overview", trajectory),
        {
            "action": "close",
            "reason": "doelen_bereikt",
            "closed_on": "2026-11-20",
            "version": trajectory.version,
            "confirmed": "1",
        },
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.closing_reason) == (S.CLOSED, "doelen_bereikt")
    assert list(
        StatusChange.objects.filter(trajectory=trajectory).values_list("to_status", flat=True)
    ) == [S.AFTERCARE, S.CLOSED]


def test_triage_is_saved_per_domain_with_history(coordinator, trajectory):
    from terugkeer.cases.models import Domain

    zorg = Domain.objects.get(programme__code="nazorg", code="zorg")
    prefix = f"d{zorg.pk}"
    coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": zorg.pk,
            f"{prefix}-status": "hulpvraag",
            f"{prefix}-note": "Geen verzekering",
            f"{prefix}-health_insurance": "false",
            f"{prefix}-version": 0,  # no triage of this domain yet
        },
    )
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=zorg)
    assert (assessment.status, assessment.health_insurance) == ("hulpvraag", False)
    coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": zorg.pk,
            f"{prefix}-status": "geregeld",
            f"{prefix}-health_insurance": "true",
            f"{prefix}-version": assessment.version,
        },
    )
    assessment.refresh_from_db()
    assert assessment.status == "geregeld"
    assert [h.status for h in assessment.history.order_by("history_date")] == [
        "hulpvraag",
        "geregeld",
    ]


def test_a_stored_health_insurance_answer_is_shown_and_kept(coordinator, trajectory):
    """Issue 12: "ja" was stored but shown as "onbekend", so the next save wrote it to empty."""
    from terugkeer.cases.models import Domain

    zorg = Domain.objects.get(programme__code="nazorg", code="zorg")
    prefix = f"d{zorg.pk}"
    coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": zorg.pk,
            f"{prefix}-status": "geregeld",
            f"{prefix}-health_insurance": "true",
            f"{prefix}-version": 0,
        },
    )
    html = coordinator.get(url("dossier:triage", trajectory)).content.decode()
    assert '<option value="true" selected>ja</option>' in html
    assert '<option value="unknown">onbekend</option>' in html

    # Saving the card again as shown (only the note changes) keeps the answer.
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=zorg)
    coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": zorg.pk,
            f"{prefix}-status": "geregeld",
            f"{prefix}-note": "Polis gezien",
            f"{prefix}-health_insurance": "true",
            f"{prefix}-version": assessment.version,
        },
    )
    assessment.refresh_from_db()
    assert (assessment.note, assessment.health_insurance) == ("Polis gezien", True)


def test_release_readiness_warning_within_14_days(coordinator, trajectory):
    today = timezone.localdate()
    trajectory.detention.expected_end = today + datetime.timedelta(days=14)
    trajectory.detention.save()
    page = coordinator.get(url("dossier:overview", trajectory)).content.decode()
    assert 'data-testid="readiness-warning"' in page
    trajectory.detention.expected_end = today + datetime.timedelta(days=15)
    trajectory.detention.save()
    page = coordinator.get(url("dossier:overview", trajectory)).content.decode()
    assert 'data-testid="readiness-warning"' not in page


def test_shielded_dossier_is_404_for_an_unassigned_coordinator(coordinator, trajectory):
    trajectory.shielded = True
    trajectory.save()
    assert coordinator.get(url("dossier:overview", trajectory)).status_code == 404
    trajectory.substitute = coordinator.user
    trajectory.save()
    assert coordinator.get(url("dossier:overview", trajectory)).status_code == 200


def test_dossier_query_count_does_not_grow_with_contacts(
    coordinator, trajectory, django_assert_max_num_queries
):
    def add_contacts(n):
        for i in range(n):
            Contact.objects.create(
                trajectory=trajectory,
                kind="telefoon",
                date=datetime.date(2026, 11, 1) + datetime.timedelta(days=i % 20),
                registered_by=coordinator.user,
            )

    add_contacts(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name in ["dossier:overview", "dossier:triage", "dossier:contacts"]:
        with CaptureQueriesContext(connection) as few:
            coordinator.get(url(name, trajectory))
        counts[name] = len(few)
    add_contacts(18)
    for name, baseline in counts.items():
        with django_assert_max_num_queries(baseline):
            coordinator.get(url(name, trajectory))


def test_mentor_gets_403_and_other_organisation_404(trajectory, verified_client):
    mentor = MembershipFactory(organisation=trajectory.organisation, role=Role.MENTOR)
    client = verified_client(mentor.user, trajectory.organisation)
    assert client.get(url("dossier:overview", trajectory)).status_code == 403
    stranger = MembershipFactory(role=Role.COORDINATOR)
    client = verified_client(stranger.user, stranger.organisation)
    assert client.get(url("dossier:overview", trajectory)).status_code == 404
    assert Trajectory.objects.get(pk=trajectory.pk).status == S.REGISTERED


def test_a_second_first_triage_of_a_domain_is_stale_not_an_overwrite(coordinator, trajectory):
    # Issue 11: two colleagues open the tab before either triages the domain (version 0 on both).
    from terugkeer.cases.models import Domain

    zorg = Domain.objects.get(programme__code="nazorg", code="zorg")
    prefix = f"d{zorg.pk}"

    def first_triage(status):
        return coordinator.post(
            url("dossier:triage", trajectory),
            {"domain": zorg.pk, f"{prefix}-status": status, f"{prefix}-version": 0},
        )

    assert first_triage("hulpvraag").status_code == 302
    response = first_triage("geregeld")
    assert response.status_code == 200
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=zorg)
    assert (assessment.status, assessment.version) == ("hulpvraag", 1)


def test_a_card_saved_with_htmx_answers_with_that_card_only(coordinator, trajectory):
    """Issue 12: saving one card must not re-render (and so reset) the other five."""
    from terugkeer.cases.models import Domain

    zorg = Domain.objects.get(programme__code="nazorg", code="zorg")
    prefix = f"d{zorg.pk}"
    response = coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": zorg.pk,
            f"{prefix}-status": "geregeld",
            f"{prefix}-health_insurance": "true",
            f"{prefix}-version": 0,
        },
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=zorg)
    assert response.status_code == 200
    assert "<html" not in html and html.count('class="triage-item"') == 1
    assert f'id="triage-card-{zorg.pk}"' in html
    assert "Zorg is opgeslagen." in html
    assert f'name="{prefix}-version" value="{assessment.version}"' in html
    assert '<option value="true" selected>ja</option>' in html
    assert 'id="readiness" hx-swap-oob="true"' in html


def test_a_refused_htmx_save_shows_the_card_with_the_typed_values(coordinator, trajectory):
    from terugkeer.cases.models import Domain

    huisvesting = Domain.objects.get(programme__code="nazorg", code="huisvesting")
    prefix = f"d{huisvesting.pk}"
    data = {"domain": huisvesting.pk, f"{prefix}-status": "hulpvraag", f"{prefix}-version": 0}
    coordinator.post(url("dossier:triage", trajectory), data)  # a colleague saved first

    response = coordinator.post(
        url("dossier:triage", trajectory),
        data | {f"{prefix}-note": "Mijn aantekening"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in html
    assert "Mijn aantekening" in html  # what was typed is not lost
    assert "is opgeslagen" not in html
    assert DomainAssessment.objects.get(trajectory=trajectory, domain=huisvesting).note == ""


def test_the_status_follows_the_triage_of_every_domain_to_intake(coordinator, trajectory):
    """Issue 12: the last domain triaged moves 'in contact' to 'intake', once, with a note."""
    from terugkeer.cases.models import Domain

    trajectory.status = S.IN_CONTACT
    trajectory.save()
    domains = list(Domain.objects.filter(programme__code="nazorg").order_by("order"))
    assert len(domains) == 6
    for domain in domains[:5]:
        coordinator.post(
            url("dossier:triage", trajectory),
            {"domain": domain.pk, f"d{domain.pk}-status": "geregeld", f"d{domain.pk}-version": 0},
        )
    trajectory.refresh_from_db()
    assert trajectory.status == S.IN_CONTACT  # one domain still 'onbekend'

    last = domains[5]
    response = coordinator.post(
        url("dossier:triage", trajectory),
        {"domain": last.pk, f"d{last.pk}-status": "hulpvraag", f"d{last.pk}-version": 0},
        HTTP_HX_REQUEST="true",
    )

    trajectory.refresh_from_db()
    assert trajectory.status == S.INTAKE
    assert "de status is nu ‘intake’" in response.content.decode()
    step = StatusChange.objects.get(trajectory=trajectory)
    assert (step.from_status, step.to_status, step.changed_by, step.note) == (
        S.IN_CONTACT,
        S.INTAKE,
        coordinator.user,
        "Alle domeinen zijn getrieerd.",
    )
    # Saving a card again changes nothing more.
    assessment = DomainAssessment.objects.get(trajectory=trajectory, domain=last)
    coordinator.post(
        url("dossier:triage", trajectory),
        {
            "domain": last.pk,
            f"d{last.pk}-status": "in_behandeling",
            f"d{last.pk}-version": assessment.version,
        },
    )
    assert StatusChange.objects.filter(trajectory=trajectory).count() == 1


def test_reintegration_shows_no_aftercare_only_fields(verified_client):
    """Issue 12: no PI visit, five-day deadline, casusregie or reclassering in re-integratie."""
    trajectory = TrajectoryFactory(programme="reintegratie", detention=None)
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    http = verified_client(user, trajectory.organisation)

    overview = http.get(url("dossier:overview", trajectory))
    contacts = http.get(url("dossier:contacts", trajectory))
    edited = http.post(
        url("dossier:overview", trajectory),
        {"action": "edit", "offer_status": "gedaan", "version": trajectory.version},
    )
    pi_visit = http.post(
        url("dossier:contacts", trajectory),
        {
            "kind": "pi_bezoek",
            "date": timezone.localdate().isoformat(),
            "form_token": new_form_token(),
        },
    )

    html = overview.content.decode()
    assert "Casusregie" not in html and "Reclasseringstoezicht" not in html
    assert "Eerste contact uiterlijk" not in html
    assert set(overview.context["forms"]["edit"].fields).isdisjoint(
        {"lead", "probation_supervision"}
    )
    kinds = [value for value, _label in contacts.context["form"].fields["kind"].choices]
    assert "pi_bezoek" not in kinds and "huisbezoek" in kinds
    assert edited.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.offer_status, trajectory.lead) == ("gedaan", "coordinator")
    assert pi_visit.status_code == 200 and not Contact.objects.filter(trajectory=trajectory)
