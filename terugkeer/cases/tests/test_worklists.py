"""The worklists: Nieuwe meldingen, Mijn caseload and Alle trajecten (filters and sorting)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory, PenitentiaryInstitutionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def katwijk():
    return MunicipalityFactory(name="Katwijk", cbs_code="GM0537")


@pytest.fixture
def noordwijk():
    return MunicipalityFactory(name="Noordwijk", cbs_code="GM0575")


@pytest.fixture
def organisation(katwijk, noordwijk):
    return OrganisationFactory(name="Stichting Kocon", municipalities=[katwijk, noordwijk])


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Anna Coördinator"
    ).user


@pytest.fixture
def colleague(organisation):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Bram Collega"
    ).user


@pytest.fixture
def as_coordinator(verified_client, coordinator, organisation):
    return verified_client(coordinator, organisation)


def trajectory(organisation, surname, **kwargs):
    return TrajectoryFactory(
        client=ClientFactory(organisation=organisation, surname=surname), **kwargs
    )


def surnames(response) -> list[str]:
    return [t.client.surname for t in response.context["trajectories"]]


def all_list(http, **params):
    return http.get(reverse("cases:all"), params)


# --- Nieuwe meldingen --------------------------------------------------------------------------


def test_new_notifications_show_the_queue_first_then_the_oldest_due_date(
    as_coordinator, organisation, colleague
):
    trajectory(organisation, "Toegewezen-vroeg", coordinator=colleague, first_contact_due=days(1))
    trajectory(organisation, "Wachtrij-laat", first_contact_due=days(5))
    trajectory(organisation, "Wachtrij-vroeg", first_contact_due=days(2))
    trajectory(organisation, "Toegewezen-laat", coordinator=colleague, first_contact_due=days(4))
    trajectory(organisation, "In-contact", in_contact=True)
    trajectory(OrganisationFactory(), "Andere-organisatie")

    response = as_coordinator.get(reverse("cases:new"))

    assert response.status_code == 200
    assert surnames(response) == [
        "Wachtrij-vroeg",
        "Wachtrij-laat",
        "Toegewezen-vroeg",
        "Toegewezen-laat",
    ]


def test_rows_show_the_queue_and_link_to_the_dossier(as_coordinator, organisation, katwijk):
    item = trajectory(
        organisation,
        "Jansen",
        municipality=katwijk,
        opened_on=days(-1),
        first_contact_due=days(4),
        detention=None,
    )
    item.client.birth_date = datetime.date(1990, 5, 17)
    item.client.save()
    item.detention = DetentionFactory(
        client=item.client, institution=PenitentiaryInstitutionFactory(name="PI Zwaag")
    )
    item.save()

    html = as_coordinator.get(reverse("cases:new")).content.decode()

    assert f'href="{reverse("dossier:overview", args=[item.pk])}"' in html
    assert "17-05-1990" in html
    assert "Katwijk" in html
    assert "PI Zwaag" in html
    assert days(-1).strftime("%d-%m-%Y") in html
    assert days(4).strftime("%d-%m-%Y") in html
    assert '<span class="badge badge--queue">wachtrij</span>' in html
    assert "te laat" not in html


def test_overdue_first_contact_is_marked_with_text(as_coordinator, organisation):
    late = trajectory(organisation, "Laat", overdue=True)
    trajectory(organisation, "Op-tijd")
    # Due in the past but contact was made: not overdue.
    trajectory(organisation, "Gecontacteerd", first_contact_due=days(-3), first_contact_on=days(-4))

    response = as_coordinator.get(reverse("cases:new"))

    marks = {t.client.surname: t.is_overdue for t in response.context["trajectories"]}
    assert marks == {"Laat": True, "Op-tijd": False, "Gecontacteerd": False}
    html = response.content.decode()
    assert html.count('data-testid="overdue">te laat</span>') == 1
    assert f"{late.first_contact_due:%d-%m-%Y} <span" in html


def test_due_today_is_not_overdue(as_coordinator, organisation):
    trajectory(organisation, "Vandaag", first_contact_due=TODAY, opened_on=days(-7))
    response = as_coordinator.get(reverse("cases:new"))
    assert [t.is_overdue for t in response.context["trajectories"]] == [False]


# --- Mijn caseload -----------------------------------------------------------------------------


def test_my_caseload_shows_my_open_trajectories_overdue_first(
    as_coordinator, organisation, coordinator, colleague
):
    trajectory(organisation, "Aalders", coordinator=coordinator, in_contact=True)
    trajectory(organisation, "Zwart", coordinator=coordinator, overdue=True)
    trajectory(organisation, "Bos", coordinator=coordinator)
    trajectory(organisation, "Gesloten", coordinator=coordinator, closed=True)
    trajectory(organisation, "Van-collega", coordinator=colleague)
    trajectory(organisation, "Wachtrij")

    response = as_coordinator.get(reverse("cases:mine"))

    assert surnames(response) == ["Zwart", "Aalders", "Bos"]


def test_my_caseload_is_empty_for_a_new_coordinator(as_coordinator, organisation, colleague):
    trajectory(organisation, "Van-collega", coordinator=colleague)
    response = as_coordinator.get(reverse("cases:mine"))
    assert surnames(response) == []
    assert "U heeft geen lopende trajecten." in response.content.decode()


# --- Alle trajecten: filters -------------------------------------------------------------------


@pytest.fixture
def mixed(organisation, coordinator, colleague, katwijk, noordwijk):
    zwaag = PenitentiaryInstitutionFactory(name="PI Zwaag")
    vught = PenitentiaryInstitutionFactory(name="PI Vught")

    def make(surname, institution, **kwargs):
        item = trajectory(organisation, surname, **kwargs)
        item.detention.institution = institution
        item.detention.save()
        return item

    make("Aangemeld-K", zwaag, municipality=katwijk, coordinator=coordinator)
    make("Laat-N", vught, municipality=noordwijk, overdue=True)
    make("Contact-K", vught, municipality=katwijk, coordinator=colleague, in_contact=True)
    make("Gesloten-N", zwaag, municipality=noordwijk, coordinator=coordinator, closed=True)
    trajectory(OrganisationFactory(), "Andere-organisatie")
    return {"zwaag": zwaag, "vught": vught}


def test_all_trajectories_without_filters_shows_the_whole_organisation(as_coordinator, mixed):
    assert sorted(surnames(all_list(as_coordinator))) == [
        "Aangemeld-K",
        "Contact-K",
        "Gesloten-N",
        "Laat-N",
    ]


def test_filter_by_status(as_coordinator, mixed):
    assert sorted(surnames(all_list(as_coordinator, status="aangemeld"))) == [
        "Aangemeld-K",
        "Laat-N",
    ]
    assert surnames(all_list(as_coordinator, status="afgesloten")) == ["Gesloten-N"]


def test_filter_by_coordinator_and_the_queue(as_coordinator, mixed, coordinator, colleague):
    assert sorted(surnames(all_list(as_coordinator, coordinator=coordinator.pk))) == [
        "Aangemeld-K",
        "Gesloten-N",
    ]
    assert surnames(all_list(as_coordinator, coordinator=colleague.pk)) == ["Contact-K"]
    assert surnames(all_list(as_coordinator, coordinator="null")) == ["Laat-N"]


def test_coordinator_choices_are_casework_members_of_the_organisation(
    as_coordinator, organisation, coordinator, colleague
):
    MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR, user__full_name="Cas Chair")
    MembershipFactory(organisation=organisation, role=Role.MENTOR, user__full_name="Mentor")
    MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, inactive=True, user__full_name="Oud"
    )
    MembershipFactory(role=Role.COORDINATOR, user__full_name="Elders")

    form = all_list(as_coordinator).context["filter_form"]

    assert [u.full_name for u in form.fields["coordinator"].queryset] == [
        "Anna Coördinator",
        "Bram Collega",
        "Cas Chair",
    ]


def test_a_coordinator_of_another_organisation_is_not_a_valid_filter(as_coordinator, mixed):
    stranger = MembershipFactory(role=Role.COORDINATOR).user
    response = all_list(as_coordinator, coordinator=stranger.pk)
    assert "coordinator" in response.context["filter_form"].errors
    assert len(surnames(response)) == 4  # the invalid filter is ignored, not applied


def test_filter_by_municipality(as_coordinator, mixed, katwijk, noordwijk):
    assert sorted(surnames(all_list(as_coordinator, municipality=katwijk.pk))) == [
        "Aangemeld-K",
        "Contact-K",
    ]
    assert sorted(surnames(all_list(as_coordinator, municipality=noordwijk.pk))) == [
        "Gesloten-N",
        "Laat-N",
    ]


def test_municipality_choices_are_the_organisations(as_coordinator, organisation):
    MunicipalityFactory(name="Elders")
    form = all_list(as_coordinator).context["filter_form"]
    assert [m.name for m in form.fields["municipality"].queryset] == ["Katwijk", "Noordwijk"]


def test_filter_by_institution(as_coordinator, mixed):
    assert sorted(surnames(all_list(as_coordinator, institution=mixed["zwaag"].pk))) == [
        "Aangemeld-K",
        "Gesloten-N",
    ]
    assert sorted(surnames(all_list(as_coordinator, institution=mixed["vught"].pk))) == [
        "Contact-K",
        "Laat-N",
    ]


def test_filter_overdue_first_contact(as_coordinator, mixed):
    assert surnames(all_list(as_coordinator, overdue="on")) == ["Laat-N"]


def test_filters_combine(as_coordinator, mixed, coordinator, katwijk):
    response = all_list(
        as_coordinator, status="aangemeld", municipality=katwijk.pk, coordinator=coordinator.pk
    )
    assert surnames(response) == ["Aangemeld-K"]


# --- Alle trajecten: sorting -------------------------------------------------------------------


@pytest.fixture
def sortable(organisation):
    trajectory(organisation, "Bakker", opened_on=days(-5), first_contact_due=days(2))
    trajectory(organisation, "Aalbers", opened_on=days(-1), first_contact_due=days(6))
    trajectory(
        organisation, "Claassen", opened_on=days(-9), first_contact_due=days(-2), in_contact=True
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Aalbers", "Bakker", "Claassen"]),  # default: newest registration first
        ("termijn", ["Claassen", "Bakker", "Aalbers"]),
        ("-termijn", ["Aalbers", "Bakker", "Claassen"]),
        ("aangemeld", ["Claassen", "Bakker", "Aalbers"]),
        ("-aangemeld", ["Aalbers", "Bakker", "Claassen"]),
        ("naam", ["Aalbers", "Bakker", "Claassen"]),
        ("-naam", ["Claassen", "Bakker", "Aalbers"]),
        ("status", ["Bakker", "Aalbers", "Claassen"]),  # aangemeld < in_contact, then by pk
    ],
)
def test_sorting(as_coordinator, sortable, sort, expected):
    assert surnames(all_list(as_coordinator, sort=sort)) == expected


def test_an_unknown_sort_is_refused_not_passed_to_the_database(as_coordinator, sortable):
    response = all_list(as_coordinator, sort="client__bsn")
    assert response.status_code == 200
    assert "sort" in response.context["filter_form"].errors
    assert surnames(response) == ["Aalbers", "Bakker", "Claassen"]


def test_pagination_keeps_filters_and_shows_50(as_coordinator, organisation):
    for n in range(52):
        trajectory(organisation, f"Persoon{n:02d}")
    response = all_list(as_coordinator, status="aangemeld", sort="naam")
    assert len(response.context["trajectories"]) == 50
    assert 'href="?status=aangemeld&amp;sort=naam&amp;page=2"' in response.content.decode()
    second = all_list(as_coordinator, status="aangemeld", sort="naam", page=2)
    assert surnames(second) == ["Persoon50", "Persoon51"]


# --- query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cases:new", "cases:mine", "cases:all"])
def test_worklist_query_count_does_not_grow_with_trajectories(
    verified_client, name, django_assert_num_queries
):
    def world(count):
        organisation = OrganisationFactory()
        user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
        for n in range(count):
            # Every row has its own client, detention and PI; coordinators vary (none, me, others).
            assignee = (None, user, MembershipFactory(organisation=organisation).user)[n % 3]
            trajectory(organisation, f"P{n}", coordinator=assignee, overdue=n % 2 == 0)
        return user, organisation

    expected_rows = {"cases:new": (3, 30), "cases:mine": (1, 10), "cases:all": (3, 30)}
    small, large = world(3), world(30)
    http = verified_client(*small)
    http.get(reverse(name))  # warm session and caches
    with CaptureQueriesContext(connection) as baseline:
        few = http.get(reverse(name))
    # Counted now: the next request resets the query log the context reads from.
    baseline_count = len(baseline)
    http = verified_client(*large)
    http.get(reverse("core:home"))
    with django_assert_num_queries(baseline_count):
        many = http.get(reverse(name))

    assert len(few.context["trajectories"]) == expected_rows[name][0]
    assert len(many.context["trajectories"]) == expected_rows[name][1]
    assert baseline_count <= 13  # one of them writes the page's access-log rows (one insert)


# --- access and navigation ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN])
@pytest.mark.parametrize("name", ["cases:new", "cases:mine", "cases:all"])
def test_worklists_are_refused_to_other_roles(verified_client, organisation, role, name):
    user = MembershipFactory(organisation=organisation, role=role).user
    assert verified_client(user, organisation).get(reverse(name)).status_code == 403


def test_team_chair_sees_all_trajectories(verified_client, organisation):
    chair = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    trajectory(organisation, "Jansen")
    response = verified_client(chair, organisation).get(reverse("cases:all"))
    assert surnames(response) == ["Jansen"]


def test_navigation_links_for_a_coordinator(as_coordinator):
    html = as_coordinator.get(reverse("cases:mine")).content.decode()
    assert f'<a href="{reverse("cases:mine")}" aria-current="page">Mijn caseload</a>' in html
    for label in ("Nieuwe meldingen", "Alle trajecten", "Cliënten zoeken"):
        assert f">{label}</a>" in html


def test_no_casework_navigation_for_a_policy_advisor(verified_client, organisation):
    advisor = MembershipFactory(organisation=organisation, role=Role.POLICY_ADVISOR).user
    html = verified_client(advisor, organisation).get(reverse("core:home")).content.decode()
    assert "Mijn caseload" not in html
    assert "Cliënten zoeken" not in html


def test_status_choices_cover_the_workflow():
    # The status filter offers every status of the workflow.
    from terugkeer.cases.filters import TrajectoryFilter

    assert [value for value, _ in TrajectoryFilter.base_filters["status"].extra["choices"]] == [
        s.value for s in TrajectoryStatus
    ]


def test_shielded_trajectories_appear_only_for_their_workers(
    verified_client, organisation, coordinator, colleague
):
    trajectory(organisation, "Afgeschermd", coordinator=colleague, shielded=True)
    trajectory(organisation, "Gewoon", coordinator=colleague)

    mine = verified_client(coordinator, organisation)
    assert surnames(all_list(mine)) == ["Gewoon"]
    assert surnames(mine.get(reverse("cases:new"))) == ["Gewoon"]
    theirs = verified_client(colleague, organisation)
    assert sorted(surnames(all_list(theirs))) == ["Afgeschermd", "Gewoon"]
