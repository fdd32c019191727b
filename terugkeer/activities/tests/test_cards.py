"""The Kaartenproject: only who has consent on the list's day is on the month's list, at the
PI during detention and at home otherwise; marking sent checks consent again."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.activities import selectors, services
from terugkeer.activities.models import CardMailing, CardSubscription
from terugkeer.activities.tests.factories import CardSubscriptionFactory, days_ago, participant
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory

pytestmark = pytest.mark.django_db


def _scope(organisation):
    membership = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    return scope_for(membership.user, membership)


def _names(rows):
    return sorted(row.trajectory.client.surname for row in rows)


def test_the_month_list_holds_exactly_those_with_consent_on_the_list_day():
    organisation = OrganisationFactory(foundation=True)
    today = days_ago(0)
    month = today.replace(day=1)
    before_month = month - datetime.timedelta(days=10)

    def person(surname, **kwargs):
        return participant(organisation, client__surname=surname, **kwargs)

    given = person("Gegeven")
    CardSubscriptionFactory(trajectory=given, on=before_month)
    withdrawn = person("Ingetrokken")
    CardSubscriptionFactory(trajectory=withdrawn, on=before_month - datetime.timedelta(days=30))
    CardSubscriptionFactory(trajectory=withdrawn, on=before_month, withdrawn=True)
    withdrawn_today = person("VandaagIngetrokken")
    CardSubscriptionFactory(trajectory=withdrawn_today, on=before_month)
    CardSubscriptionFactory(trajectory=withdrawn_today, on=today, withdrawn=True)
    regiven = person("Opnieuw")
    CardSubscriptionFactory(trajectory=regiven, on=before_month - datetime.timedelta(days=30))
    CardSubscriptionFactory(
        trajectory=regiven, on=before_month - datetime.timedelta(days=20), withdrawn=True
    )
    CardSubscriptionFactory(trajectory=regiven, on=today)
    person("Nooit")
    closed = person("Afgesloten", status=TrajectoryStatus.CLOSED, closed_on=today)
    CardSubscriptionFactory(trajectory=closed, on=before_month)
    other = participant(OrganisationFactory(), client__surname="Elders")
    CardSubscriptionFactory(trajectory=other, on=before_month)

    rows = selectors.card_list(scope=_scope(organisation), month=month, today=today)

    assert _names(rows) == ["Gegeven", "Opnieuw"]


def test_a_past_month_is_decided_on_its_last_day():
    organisation = OrganisationFactory(foundation=True)
    today = days_ago(0)
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    month_end = today.replace(day=1) - datetime.timedelta(days=1)
    left = participant(organisation, client__surname="HalverwegeGestopt")
    CardSubscriptionFactory(trajectory=left, on=last_month - datetime.timedelta(days=5))
    CardSubscriptionFactory(
        trajectory=left, on=last_month + datetime.timedelta(days=14), withdrawn=True
    )
    late = participant(organisation, client__surname="Later")
    CardSubscriptionFactory(trajectory=late, on=month_end + datetime.timedelta(days=1))
    stays = participant(organisation, client__surname="Blijft")
    CardSubscriptionFactory(trajectory=stays, on=month_end)

    rows = selectors.card_list(scope=_scope(organisation), month=last_month, today=today)

    assert _names(rows) == ["Blijft"]


def test_a_detained_participant_gets_the_card_at_the_pi_and_a_released_one_at_home():
    organisation = OrganisationFactory(foundation=True)
    inside = participant(organisation, client__surname="Binnen", client__address="Kerkstraat 3")
    detention = DetentionFactory(client=inside.client, dji_number="DJI123456")
    CardSubscriptionFactory(trajectory=inside)
    home = participant(organisation, client__surname="Thuis", client__address="Havenweg 8")
    DetentionFactory(client=home.client, released=True)
    CardSubscriptionFactory(trajectory=home)

    rows = {
        r.trajectory.client.surname: r
        for r in selectors.card_list(
            scope=_scope(organisation), month=days_ago(0).replace(day=1), today=days_ago(0)
        )
    }

    assert rows["Binnen"].detained is True
    assert rows["Binnen"].address == [
        inside.client.display_name,
        "DJI-nr. DJI123456",
        detention.institution.name,
        detention.institution.place,
    ]
    assert rows["Thuis"].detained is False
    assert rows["Thuis"].address == [home.client.display_name, "Havenweg 8", "2261 AB Leidschendam"]


def test_marking_sent_skips_who_has_no_consent_and_never_sends_twice():
    organisation = OrganisationFactory(foundation=True)
    scope = _scope(organisation)
    today = days_ago(0)
    month = today.replace(day=1)
    consenting = participant(organisation)
    CardSubscriptionFactory(trajectory=consenting)
    without = participant(organisation)

    sent = services.cards_mark_sent(
        scope=scope,
        month=month,
        trajectory_ids=[consenting.pk, without.pk],
        user=scope.user,
        sent_on=today,
    )
    again = services.cards_mark_sent(
        scope=scope, month=month, trajectory_ids=[consenting.pk], user=scope.user, sent_on=today
    )

    assert [m.trajectory_id for m in sent] == [consenting.pk]
    assert again == []
    assert list(CardMailing.objects.values_list("trajectory_id", flat=True)) == [consenting.pk]


def test_a_sent_date_outside_the_month_is_refused():
    organisation = OrganisationFactory(foundation=True)
    scope = _scope(organisation)
    month = days_ago(0).replace(day=1)
    with pytest.raises(ValidationError) as refused:
        services.cards_mark_sent(
            scope=scope,
            month=month,
            trajectory_ids=[],
            user=scope.user,
            sent_on=month - datetime.timedelta(days=1),
        )
    assert "sent_on" in refused.value.error_dict


def test_consent_is_append_only_and_refuses_repeats_and_earlier_dates():
    trajectory = participant(OrganisationFactory(foundation=True))
    user = UserFactory()
    services.consent_record(trajectory=trajectory, user=user, change="gegeven", on=days_ago(10))
    with pytest.raises(ValidationError) as repeated:
        services.consent_record(trajectory=trajectory, user=user, change="gegeven", on=days_ago(5))
    assert repeated.value.message_dict["change"] == ["Er is al toestemming."]
    with pytest.raises(ValidationError) as earlier:
        services.consent_record(
            trajectory=trajectory, user=user, change="ingetrokken", on=days_ago(11)
        )
    assert "on" in earlier.value.error_dict
    services.consent_record(trajectory=trajectory, user=user, change="ingetrokken", on=days_ago(2))

    assert list(CardSubscription.objects.order_by("on").values_list("change", "on")) == [
        ("gegeven", days_ago(10)),
        ("ingetrokken", days_ago(2)),
    ]
    assert selectors.has_consent(trajectory.pk, days_ago(3)) is True
    assert selectors.has_consent(trajectory.pk, days_ago(2)) is False


def test_a_chair_who_is_also_coordinator_marks_no_card_on_a_shielded_case():
    """Review finding: recording a card is a change, so a chair changes as a coordinator would."""
    organisation = OrganisationFactory(foundation=True)
    membership = MembershipFactory(
        organisation=organisation, role=Role.TEAM_CHAIR, also_coordinator=True
    )
    scope = scope_for(membership.user, membership)
    today = days_ago(0)
    month = today.replace(day=1)
    shielded = participant(organisation, shielded=True)
    open_case = participant(organisation)
    for trajectory in (shielded, open_case):
        CardSubscriptionFactory(trajectory=trajectory)

    listed = selectors.card_list(scope=scope, month=month, today=today)
    sent = services.cards_mark_sent(
        scope=scope,
        month=month,
        trajectory_ids=[shielded.pk, open_case.pk],
        user=scope.user,
        sent_on=today,
    )

    assert {row.trajectory.pk for row in listed} == {shielded.pk, open_case.pk}  # the chair reads
    assert [m.trajectory_id for m in sent] == [open_case.pk]
    assert not CardMailing.objects.filter(trajectory=shielded).exists()
