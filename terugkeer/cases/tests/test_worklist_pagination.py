"""Worklist pages read their keys first, then join only their own rows (cases/pagination.py)."""

import datetime

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases import selectors
from terugkeer.cases.filters import SORTS
from terugkeer.cases.pagination import DeferredJoinPaginator
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


@pytest.fixture
def scope(coordinator, organisation):
    return scope_for(coordinator, Membership.objects.get(user=coordinator))


def trajectory(organisation, surname, opened):
    return TrajectoryFactory(
        client=ClientFactory(organisation=organisation, surname=surname), opened_on=days(opened)
    )


@pytest.fixture
def five(organisation):
    # Created in this order, so the primary keys ascend A < B < C < D < E. Newest first, ties
    # (B, C and D opened on the same day) by the highest key first: A, D, C, B, E.
    return {
        name: trajectory(organisation, name, opened)
        for name, opened in [("A", -1), ("B", -2), ("C", -2), ("D", -2), ("E", -3)]
    }


def names(page) -> list[str]:
    return [row.client.surname for row in page.object_list]


def test_pages_split_at_the_boundaries_and_ties_keep_the_key_order(scope, five):
    paginator = DeferredJoinPaginator(selectors.all_trajectories(scope=scope), 2)
    assert (paginator.count, paginator.num_pages) == (5, 3)
    assert names(paginator.page(1)) == ["A", "D"]
    assert names(paginator.page(2)) == ["C", "B"]  # the tie of three runs across the boundary
    assert names(paginator.page(3)) == ["E"]
    assert (paginator.page(3).start_index(), paginator.page(3).end_index()) == (5, 5)


def test_the_page_after_the_last_is_empty(scope, five):
    paginator = DeferredJoinPaginator(selectors.all_trajectories(scope=scope), 2)
    with pytest.raises(EmptyPage):
        paginator.page(4)


def test_orphans_join_the_last_page(scope, five):
    paginator = DeferredJoinPaginator(selectors.all_trajectories(scope=scope), 2, orphans=1)
    assert paginator.num_pages == 2
    assert names(paginator.page(2)) == ["C", "B", "E"]


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_every_sort_gives_the_same_pages_as_django_paginator(scope, five, sort):
    queryset = selectors.all_trajectories(scope=scope).order_by(*SORTS[sort])
    ours, django = DeferredJoinPaginator(queryset, 2), Paginator(queryset, 2)
    for number in (1, 2, 3):
        assert names(ours.page(number)) == names(django.page(number))


def test_the_rows_carry_their_joins_and_annotations(scope, five, django_assert_num_queries):
    page = DeferredJoinPaginator(selectors.all_trajectories(scope=scope), 2).page(1)
    with django_assert_num_queries(0):  # client, municipality, detention: already joined
        assert [(row.client.surname, row.is_overdue) for row in page] == [
            ("A", False),
            ("D", False),
        ]
        assert all(row.municipality_id == row.municipality.pk for row in page)


def test_the_worklist_answers_404_after_its_last_page(verified_client, coordinator, organisation):
    for n in range(52):
        trajectory(organisation, f"Persoon{n:02d}", -1)
    http = verified_client(coordinator, organisation)
    assert http.get(reverse("cases:all"), {"page": 2}).status_code == 200
    assert len(http.get(reverse("cases:all"), {"page": "last"}).context["trajectories"]) == 2
    assert http.get(reverse("cases:all"), {"page": 3}).status_code == 404
