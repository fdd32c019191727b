"""Requests of data subjects: registering, extending, deciding, and the deadline signals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.privacy.choices import RequestStatus
from terugkeer.privacy.models import SubjectRequest
from terugkeer.privacy.signal_providers import request_deadlines
from terugkeer.privacy.tests.factories import SubjectRequestFactory
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def person(organisation):
    return ClientFactory(organisation=organisation)


def register(web, client, **overrides):
    data = {
        "bsn": client.bsn,
        "kind": "inzage",
        "received_on": days(-3).isoformat(),
        "description": "Brief van 3 dagen geleden.",
        "form_token": new_form_token(),
    } | overrides
    return web.post(reverse("privacy:request_create"), data)


def test_registering_a_request_sets_its_deadline_and_a_double_submit_creates_one(
    as_officer, person, officer
):
    token = new_form_token()
    first = register(as_officer, person, form_token=token)
    second = register(as_officer, person, form_token=token)
    created = SubjectRequest.objects.get()
    assert first.url == reverse("privacy:request_detail", args=[created.pk])
    assert second.status_code == 302
    assert SubjectRequest.objects.count() == 1
    received = days(-3)
    assert created.received_on == received
    assert created.registered_by == officer
    assert created.status == RequestStatus.RECEIVED
    # One calendar month later (the day itself, or the month's last day where it is shorter).
    month, year = (received.month % 12) + 1, received.year + (received.month == 12)
    import calendar

    expected = datetime.date(year, month, min(received.day, calendar.monthrange(year, month)[1]))
    assert created.deadline == expected


def test_bad_input_names_the_field_and_creates_nothing(as_officer, person):
    future = register(as_officer, person, received_on=days(1).isoformat())
    assert "De ontvangstdatum ligt in de toekomst." in future.content.decode()
    foreign = ClientFactory(organisation=OrganisationFactory())
    unknown = register(as_officer, foreign)
    assert "Er is geen cliënt met dit BSN in uw organisatie." in unknown.content.decode()
    no_token = register(as_officer, person, form_token="")
    assert "formuliersleutel" in no_token.content.decode()
    assert SubjectRequest.objects.count() == 0


def test_the_term_is_extended_with_a_reason_by_at_most_two_months(as_officer, organisation, person):
    item = SubjectRequestFactory(client=person, received_on=datetime.date(2026, 1, 31))
    assert item.deadline == datetime.date(2026, 2, 28)
    url = reverse("privacy:request_extend", args=[item.pk])
    no_reason = as_officer.post(url, {"version": item.version, "months": 1, "reason": " "})
    assert "Reden van de verlenging" in no_reason.content.decode()
    as_officer.post(url, {"version": item.version, "months": 1, "reason": "Veel gegevens."})
    item.refresh_from_db()
    assert (item.extension_months, item.deadline) == (1, datetime.date(2026, 3, 31))
    assert item.status == RequestStatus.IN_PROGRESS
    too_much = as_officer.post(url, {"version": item.version, "months": 2, "reason": "Nog meer."})
    assert "hoogstens 2 maanden" in too_much.content.decode()
    stale = as_officer.post(url, {"version": item.version - 1, "months": 1, "reason": "Nog."})
    assert "Iemand anders heeft dit gegeven intussen gewijzigd." in stale.content.decode()
    item.refresh_from_db()
    assert (item.extension_months, item.deadline) == (1, datetime.date(2026, 3, 31))
    as_officer.post(url, {"version": item.version, "months": 1, "reason": "Advies nodig."})
    item.refresh_from_db()
    assert (item.extension_months, item.deadline) == (2, datetime.date(2026, 4, 30))
    assert item.extension_reason.count("\n") == 1


def test_deciding_records_who_handled_it_and_closes_the_request(as_officer, officer, person):
    item = SubjectRequestFactory(client=person)
    url = reverse("privacy:request_decide", args=[item.pk])
    empty = as_officer.post(
        url, {"version": item.version, "status": "toegewezen", "decision": "", "decided_on": ""}
    )
    assert empty.status_code == 200
    before = as_officer.post(
        url,
        {
            "version": item.version,
            "status": "toegewezen",
            "decision": "Export verstuurd.",
            "decided_on": (item.received_on - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "De besluitdatum ligt vóór de ontvangstdatum." in before.content.decode()
    done = as_officer.post(
        url,
        {
            "version": item.version,
            "status": "toegewezen",
            "decision": "Inzage-export per post verstuurd.",
            "decided_on": timezone.localdate().isoformat(),
        },
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.handled_by, item.decided_on) == (
        RequestStatus.GRANTED,
        officer,
        timezone.localdate(),
    )
    again = as_officer.post(
        reverse("privacy:request_extend", args=[item.pk]),
        {"version": item.version, "months": 1, "reason": "Te laat."},
    )
    assert "Over dit verzoek is al besloten" in again.content.decode()


def test_signals_seven_days_before_the_deadline_and_when_overdue(officer, organisation, person):
    scope = Scope(user=officer, organisation=organisation, role=Role.PRIVACY_OFFICER)
    today = timezone.localdate()

    def make(deadline_in: int, **kw):
        return SubjectRequestFactory(client=person, deadline=days(deadline_in), **kw)

    overdue = make(-1)
    on_the_day = make(0)
    in_seven = make(7)
    make(8)  # not yet
    make(-5, status=RequestStatus.GRANTED, decided_on=today)  # decided: no signal
    SubjectRequestFactory(client=ClientFactory(organisation=OrganisationFactory()), deadline=today)
    found = {(s.code, s.url) for s in request_deadlines(scope, today)}
    detail = lambda r: reverse("privacy:request_detail", args=[r.pk])  # noqa: E731
    assert found == {
        ("privacy_request_overdue", detail(overdue)),
        ("privacy_request_due", detail(on_the_day)),
        ("privacy_request_due", detail(in_seven)),
    }


def test_the_list_and_detail_pages(as_officer, person):
    item = SubjectRequestFactory(client=person)
    listing = as_officer.get(reverse("privacy:request_list"))
    assert str(person) in listing.content.decode()
    detail = as_officer.get(reverse("privacy:request_detail", args=[item.pk]))
    assert detail.status_code == 200
    other = SubjectRequestFactory(client=ClientFactory(organisation=OrganisationFactory()))
    assert as_officer.get(reverse("privacy:request_detail", args=[other.pk])).status_code == 404
