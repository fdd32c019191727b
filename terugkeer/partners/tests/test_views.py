"""The partners pages over HTTP: the functioneel beheerder keeps the partners, the coordinator
refers warmly and records the steps (casusregie follows), involvement on the dossier and the
klantreis, and the chair's meeting: agenda, a decision that lands on the klantreis, lessons."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.choices import CaseLead, TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.partners.choices import MeetingKind, PartnerKind, ReferralStatus
from terugkeer.partners.models import (
    ContactPerson,
    Involvement,
    MeetingDecision,
    Partner,
    Referral,
    TeamMeeting,
)
from terugkeer.partners.tests.factories import PartnerFactory, ReferralFactory, TeamMeetingFactory
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db


def _member(organisation, role):
    return MembershipFactory(organisation=organisation, role=role).user


def test_the_functioneel_beheerder_keeps_partners_and_contacts_casework_reads(client):
    org = OrganisationFactory()
    login_verified(client, _member(org, Role.FUNCTIONAL_ADMIN), org)
    response = client.post(
        reverse("partners:partner_create"),
        {
            "name": "Exodus Den Haag",
            "kind": PartnerKind.EXODUS,
            "phone": "070 1234567",
            "is_active": "on",
            "form_token": new_form_token(),
        },
    )
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert (partner.organisation, partner.kind) == (org, PartnerKind.EXODUS)
    # The same name again: refused with a Dutch message on the field, nothing created.
    again = client.post(
        reverse("partners:partner_create"),
        {"name": "exodus den haag", "kind": PartnerKind.OTHER, "form_token": new_form_token()},
    )
    assert "Er is al een ketenpartner met deze naam." in again.content.decode()
    assert Partner.objects.count() == 1
    client.post(
        reverse("partners:contact_create", args=[partner.pk]),
        {
            "full_name": "Petra de Wit",
            "function": "trajectbegeleider",
            "is_active": "on",
            "form_token": new_form_token(),
        },
    )
    assert ContactPerson.objects.get().partner == partner

    login_verified(client, _member(org, Role.COORDINATOR), org)
    detail = client.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    assert "Petra de Wit" in detail
    assert reverse("partners:partner_edit", args=[partner.pk]) not in detail
    assert client.get(reverse("partners:partner_edit", args=[partner.pk])).status_code == 403


def test_an_edit_without_its_version_is_refused_and_changes_nothing(client):
    partner = PartnerFactory(name="SKT Westland", kind=PartnerKind.SOCIAL_CORE_TEAM)
    login_verified(
        client, _member(partner.organisation, Role.FUNCTIONAL_ADMIN), partner.organisation
    )
    response = client.post(
        reverse("partners:partner_edit", args=[partner.pk]),
        {"name": "Anders", "kind": PartnerKind.OTHER, "is_active": "on"},
    )
    assert "Het formulier mist het verborgen veld" in response.content.decode()
    assert Partner.objects.get(pk=partner.pk).name == "SKT Westland"


def test_refer_to_exodus_accept_and_the_casusregie_follows(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    org = trajectory.organisation
    exodus = PartnerFactory(organisation=org, name="Exodus Den Haag")
    coordinator = _member(org, Role.COORDINATOR)
    login_verified(client, coordinator, org)
    today = timezone.localdate()

    response = client.post(
        reverse("partners:referral_create", args=[trajectory.pk]),
        {
            "partner": exodus.pk,
            "reason": "Begeleid wonen na detentie",
            "handed_over": "Plan van aanpak en D&R-plan",
            "lead": CaseLead.EXODUS,
            "sent_on": today.isoformat(),
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.status, referral.sent_by) == (ReferralStatus.SENT, coordinator)
    tab = client.get(reverse("partners:trajectory", args=[trajectory.pk])).content.decode()
    assert "Exodus Den Haag" in tab and "verstuurd" in tab

    # An illegal step is refused with a Dutch message and changes nothing.
    refused = client.post(
        reverse("partners:referral_detail", args=[referral.pk]),
        {
            "to_status": ReferralStatus.FINISHED,
            "on": today.isoformat(),
            "outcome": "doelen_bereikt",
            "version": referral.version,
        },
    )
    assert "Een verwijzing met status ‘verstuurd’ kan niet naar ‘afgerond’." in (
        refused.content.decode()
    )
    assert Referral.objects.get().status == ReferralStatus.SENT

    client.post(
        reverse("partners:referral_detail", args=[referral.pk]),
        {
            "to_status": ReferralStatus.ACCEPTED,
            "on": today.isoformat(),
            "version": referral.version,
        },
    )
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
    assert Trajectory.objects.get(pk=trajectory.pk).lead == CaseLead.EXODUS
    tab = client.get(reverse("partners:trajectory", args=[trajectory.pk])).content.decode()
    assert 'data-testid="case-lead"><strong>Casusregie:</strong> Exodus' in tab
    journey = client.get(reverse("dossier:timeline", args=[trajectory.pk])).content.decode()
    assert "Verwijzing geaccepteerd" in journey


def test_the_team_chair_reads_a_referral_but_may_not_step_it(client):
    referral = ReferralFactory()
    login_verified(client, _member(referral.organisation, Role.TEAM_CHAIR), referral.organisation)
    page = client.get(reverse("partners:referral_detail", args=[referral.pk]))
    assert page.status_code == 200
    assert 'name="to_status"' not in page.content.decode()
    response = client.post(
        reverse("partners:referral_detail", args=[referral.pk]),
        {
            "to_status": ReferralStatus.ACCEPTED,
            "on": timezone.localdate().isoformat(),
            "version": referral.version,
        },
    )
    assert response.status_code == 403
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_involvement_with_conditions_on_the_dossier_and_the_klantreis(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    org = trajectory.organisation
    probation = PartnerFactory(
        organisation=org, name="Reclassering Nederland", kind=PartnerKind.PROBATION
    )
    login_verified(client, _member(org, Role.COORDINATOR), org)
    start = timezone.localdate() - datetime.timedelta(days=10)
    client.post(
        reverse("partners:involvement_create", args=[trajectory.pk]),
        {
            "partner": probation.pk,
            "role": "toezicht",
            "started_on": start.isoformat(),
            "conditions": "Meldplicht; locatieverbod centrum",
            "form_token": new_form_token(),
        },
    )
    involvement = Involvement.objects.get()
    assert (involvement.trajectory, involvement.role) == (trajectory, "toezicht")
    tab = client.get(reverse("partners:trajectory", args=[trajectory.pk])).content.decode()
    assert "Meldplicht; locatieverbod centrum" in tab
    journey = client.get(reverse("dossier:timeline", args=[trajectory.pk])).content.decode()
    assert "Reclassering Nederland" in journey and "Betrokken: toezicht" in journey
    # An end before the start: a Dutch message on the field, nothing changed.
    edit = client.post(
        reverse("partners:involvement_edit", args=[involvement.pk]),
        {
            "partner": probation.pk,
            "role": "toezicht",
            "started_on": start.isoformat(),
            "ended_on": (start - datetime.timedelta(days=1)).isoformat(),
            "version": involvement.version,
        },
    )
    assert "De einddatum ligt vóór de datum ‘betrokken sinds’." in edit.content.decode()
    assert Involvement.objects.get().ended_on is None


def test_the_chair_runs_the_meeting_and_a_decision_lands_on_the_klantreis(client):
    org = OrganisationFactory()
    chair = _member(org, Role.TEAM_CHAIR)
    coordinator = _member(org, Role.COORDINATOR)
    today = timezone.localdate()
    new = TrajectoryFactory(
        client__organisation=org,
        client__first_names="Anna",
        client__prefix="",
        client__surname="Visser",
        opened_on=today - datetime.timedelta(days=4),
    )
    login_verified(client, chair, org)
    client.post(
        reverse("partners:meeting_create"),
        {
            "kind": MeetingKind.TEAM,
            "held_on": today.isoformat(),
            "chair": chair.pk,
            "attendees": [chair.pk, coordinator.pk],
            "form_token": new_form_token(),
        },
    )
    meeting = TeamMeeting.objects.get()
    logged_before = AccessLogEntry.objects.count()
    page = client.get(reverse("partners:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Anna Visser" in page and "Nieuwe meldingen en deelnemers" in page
    assert reverse("dossier:overview", args=[new.pk]) in page
    assert AccessLogEntry.objects.count() == logged_before + 1  # the one client named

    client.post(
        reverse("partners:decision_create", args=[meeting.pk]),
        {
            "item_code": f"nieuw:{new.pk}",
            "trajectory": new.pk,
            "text": "Huisbezoek binnen een week",
            "form_token": new_form_token(),
        },
    )
    decision = MeetingDecision.objects.get()
    assert (decision.trajectory, decision.recorded_by) == (new, chair)
    # Review finding: a decision on one case may not be filed under another case's item.
    other = TrajectoryFactory(client=ClientFactory(organisation=org))
    misfiled = client.post(
        reverse("partners:decision_create", args=[meeting.pk]),
        {
            "item_code": f"nieuw:{new.pk}",
            "trajectory": other.pk,
            "text": "Op de verkeerde plek",
            "form_token": new_form_token(),
        },
        follow=True,
    )
    assert "Dit besluit hoort niet bij dit agendapunt." in misfiled.content.decode()
    assert MeetingDecision.objects.count() == 1
    assert (
        "Huisbezoek binnen een week"
        in client.get(reverse("partners:meeting_detail", args=[meeting.pk])).content.decode()
    )
    login_verified(client, coordinator, org)
    journey = client.get(reverse("dossier:timeline", args=[new.pk])).content.decode()
    assert f"Besluit teamoverleg {today:%d-%m-%Y}" in journey
    assert "Huisbezoek binnen een week" in journey


def test_a_casusoverleg_records_its_lessons(client):
    org = OrganisationFactory()
    chair = _member(org, Role.TEAM_CHAIR)
    login_verified(client, chair, org)
    client.post(
        reverse("partners:meeting_create"),
        {
            "kind": MeetingKind.CASE_REVIEW,
            "held_on": timezone.localdate().isoformat(),
            "chair": chair.pk,
            "topic": "Recidive na vrijlating zonder woning",
            "lessons": "Inschrijving woningzoekende al in de PI regelen.",
            "form_token": new_form_token(),
        },
    )
    meeting = TeamMeeting.objects.get()
    assert meeting.kind == MeetingKind.CASE_REVIEW
    page = client.get(reverse("partners:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Inschrijving woningzoekende al in de PI regelen." in page


def test_the_minutes_name_only_what_every_attendee_may_read(client, tmp_path):
    import subprocess

    org = OrganisationFactory()
    chair = _member(org, Role.TEAM_CHAIR)
    coordinator = _member(org, Role.COORDINATOR)
    colleague = _member(org, Role.COORDINATOR)
    today = timezone.localdate()
    TrajectoryFactory(
        client__organisation=org,
        client__first_names="Open",
        client__prefix="",
        client__surname="Dossier",
        opened_on=today - datetime.timedelta(days=3),
    )
    TrajectoryFactory(
        client__organisation=org,
        client__first_names="Geheim",
        client__prefix="",
        client__surname="Dossier",
        opened_on=today - datetime.timedelta(days=3),
        shielded=True,
        coordinator=colleague,
    )
    meeting = TeamMeetingFactory(organisation=org, chair=chair, attendees=[coordinator])

    login_verified(client, chair, org)
    page = client.get(reverse("partners:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Geheim Dossier" in page  # the chair reads every case
    response = client.get(reverse("partners:minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "notulen.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(  # Debian's poppler-utils, as TESTING.md says
        ["/usr/bin/pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Open Dossier" in text
    assert "Geheim" not in text
    assert "1 agendapunt over een afgeschermd dossier staat niet in deze notulen" in text


def test_the_pi_casemanager_of_the_melding_becomes_a_contact_once(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    trajectory.detention.pi_casemanager_name = "Karin de Boer"
    trajectory.detention.pi_casemanager_phone = "088 555 12 34"
    trajectory.detention.save()
    org = trajectory.organisation
    pi = PartnerFactory(organisation=org, name="PI Haaglanden", kind=PartnerKind.PI)
    login_verified(client, _member(org, Role.COORDINATOR), org)
    tab = client.get(reverse("partners:trajectory", args=[trajectory.pk])).content.decode()
    assert "Casemanager PI volgens de melding: Karin de Boer" in tab
    for _ in range(2):
        client.post(reverse("partners:trajectory", args=[trajectory.pk]), {"partner": pi.pk})
    contact = ContactPerson.objects.get()
    assert (contact.partner, contact.full_name, contact.phone) == (
        pi,
        "Karin de Boer",
        "088 555 12 34",
    )
    involvement = Involvement.objects.get()
    assert (involvement.contact, involvement.role, involvement.started_on) == (
        contact,
        "casemanager PI",
        trajectory.detention.start_date,
    )


def test_only_a_pi_can_hold_the_pi_casemanager(client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    org = trajectory.organisation
    exodus = PartnerFactory(organisation=org)
    login_verified(client, _member(org, Role.COORDINATOR), org)
    response = client.post(
        reverse("partners:trajectory", args=[trajectory.pk]), {"partner": exodus.pk}, follow=True
    )
    assert "Kies een penitentiaire inrichting (soort PI)." in response.content.decode()
    assert ContactPerson.objects.count() == 0 and Involvement.objects.count() == 0
