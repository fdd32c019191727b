"""Client search, the client page (dossier) and editing personal data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.clients.selectors import QueryKind, parse_client_query
from terugkeer.clients.tests.factories import ClientFactory, make_bsn, sequential_bsn
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.core.validators import is_valid_bsn
from terugkeer.detention.tests.factories import DetentionFactory, PenitentiaryInstitutionFactory

pytestmark = pytest.mark.django_db
D = datetime.date

# 012345672 passes the elfproef and loses its leading zero in spreadsheets.
LEADING_ZERO_BSN = "012345672"


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Lokale Kamer", municipalities=[MunicipalityFactory(name="Leidschendam-Voorburg")]
    )


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


@pytest.fixture
def as_coordinator(verified_client, coordinator, organisation):
    return verified_client(coordinator, organisation)


def search(http, q):
    return http.get(reverse("clients:search"), {"q": q})


def found(response) -> list[str]:
    return [client.surname for client in response.context["clients"]]


# --- factories ---------------------------------------------------------------------------------


def test_factory_bsns_pass_the_elfproef_and_are_unique():
    bsns = [sequential_bsn(n) for n in range(500)]
    assert all(is_valid_bsn(bsn) for bsn in bsns)
    assert len(set(bsns)) == 500
    assert make_bsn("01234567") == LEADING_ZERO_BSN


# --- search ------------------------------------------------------------------------------------


def test_query_kinds_are_recognised():
    assert parse_client_query("17-05-1990").birth_date == D(1990, 5, 17)
    assert parse_client_query("12345672").bsn == LEADING_ZERO_BSN
    assert parse_client_query("van Dijk").terms == ("van", "Dijk")
    assert parse_client_query("31-02-1990").kind == QueryKind.INVALID_DATE


def test_search_by_surname_and_first_name_is_case_insensitive(as_coordinator, organisation):
    ClientFactory(organisation=organisation, surname="Jansen", first_names="Piet")
    ClientFactory(organisation=organisation, surname="Jansma", first_names="Klaas")
    ClientFactory(organisation=organisation, surname="de Vries", first_names="Piet")

    assert found(search(as_coordinator, "jans")) == ["Jansen", "Jansma"]
    assert found(search(as_coordinator, "PIET")) == ["Jansen", "de Vries"]
    assert found(search(as_coordinator, "piet jans")) == ["Jansen"]


def test_search_by_bsn_with_and_without_leading_zero(as_coordinator, organisation):
    ClientFactory(organisation=organisation, surname="Nul", bsn=LEADING_ZERO_BSN)
    ClientFactory(organisation=organisation, surname="Ander")

    assert found(search(as_coordinator, LEADING_ZERO_BSN)) == ["Nul"]
    assert found(search(as_coordinator, "12345672")) == ["Nul"]
    assert found(search(as_coordinator, "0123.45.672")) == ["Nul"]
    # A BSN matches exactly, not as part of a longer number.
    assert found(search(as_coordinator, "012345679")) == []


def test_search_by_birth_date(as_coordinator, organisation):
    ClientFactory(organisation=organisation, surname="Mei", birth_date=D(1990, 5, 17))
    ClientFactory(organisation=organisation, surname="Juni", birth_date=D(1990, 6, 17))

    assert found(search(as_coordinator, "17-05-1990")) == ["Mei"]
    assert found(search(as_coordinator, "7-5-1990")) == []


def test_search_with_an_impossible_date_explains_the_format(as_coordinator):
    response = search(as_coordinator, "31-02-1990")
    assert response.status_code == 200
    assert response.context["form"].errors["q"] == ["Deze datum bestaat niet. Gebruik dd-mm-jjjj."]
    assert list(response.context["clients"]) == []


def test_search_never_shows_another_organisations_clients(as_coordinator, organisation):
    ClientFactory(organisation=organisation, surname="Jansen", bsn=LEADING_ZERO_BSN)
    ClientFactory(organisation=OrganisationFactory(), surname="Jansen", bsn=LEADING_ZERO_BSN)

    assert [c.organisation for c in search(as_coordinator, "Jansen").context["clients"]] == [
        organisation
    ]
    assert len(search(as_coordinator, LEADING_ZERO_BSN).context["clients"]) == 1


def test_empty_search_lists_nobody(as_coordinator, organisation):
    ClientFactory(organisation=organisation)
    response = as_coordinator.get(reverse("clients:search"))
    assert response.status_code == 200
    assert list(response.context["clients"]) == []
    assert response.context["searched"] is False


def test_search_paginates_by_25_with_bounded_queries(
    as_coordinator, organisation, django_assert_max_num_queries
):
    ClientFactory.create_batch(30, organisation=organisation, surname="Bakker")
    as_coordinator.get(reverse("core:home"))  # warm the session
    with django_assert_max_num_queries(12):
        first = search(as_coordinator, "bakker")
    assert (len(first.context["clients"]), first.context["paginator"].count) == (25, 30)
    second = as_coordinator.get(reverse("clients:search"), {"q": "bakker", "page": 2})
    assert len(second.context["clients"]) == 5
    assert 'href="?q=bakker&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("role", [Role.MENTOR, Role.POLICY_ADVISOR])
def test_roles_without_casework_are_refused(verified_client, organisation, role):
    user = MembershipFactory(organisation=organisation, role=role).user
    client = ClientFactory(organisation=organisation)
    http = verified_client(user, organisation)

    assert search(http, "a").status_code == 403
    assert http.get(reverse("clients:detail", args=[client.pk])).status_code == 403
    assert http.get(reverse("clients:edit", args=[client.pk])).status_code == 403
    assert AccessLogEntry.objects.count() == 0


# --- the client page ---------------------------------------------------------------------------


def test_client_page_shows_personal_data_detentions_and_trajectories(
    as_coordinator, organisation, coordinator
):
    client = ClientFactory(
        organisation=organisation,
        first_names="Piet Jan",
        surname="Jansen",
        bsn=LEADING_ZERO_BSN,
        birth_date=D(1990, 5, 17),
    )
    institution = PenitentiaryInstitutionFactory(name="PI Zwaag", place="Zwaag")
    detention = DetentionFactory(
        client=client,
        institution=institution,
        start_date=D(2026, 10, 1),
        expected_end=D(2027, 1, 15),
        legal_title="gevangenisstraf",
        pi_casemanager_name="M. de Boer",
    )
    TrajectoryFactory(
        client=client,
        detention=detention,
        coordinator=coordinator,
        opened_on=D(2026, 10, 1),
        first_contact_due=D(2026, 10, 8),
    )
    TrajectoryFactory(client=client, detention=None, closed=True, opened_on=D(2025, 1, 2))

    response = as_coordinator.get(reverse("clients:detail", args=[client.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Piet Jan Jansen</h1>" in html
    assert '<dd data-testid="client-bsn">012345672</dd>' in html
    assert "17-05-1990" in html
    assert "PI Zwaag, Zwaag" in html
    assert "15-01-2027" in html
    assert "gevangenisstraf" in html
    assert "M. de Boer" in html
    # The sections come from detention and cases through clients.registry, in their order.
    sections = response.context["sections"]
    assert [s.template_name for s in sections] == [
        "detention/_client_detentions.html",
        "cases/_client_trajectories.html",
    ]
    assert html.index('id="detenties"') < html.index('id="trajecten"')
    assert [t.get_status_display() for t in sections[1].context["trajectories"]] == [
        "aangemeld",
        "afgesloten",
    ]
    assert coordinator.full_name in html
    assert "08-10-2026" in html
    assert "wachtrij" in html  # the closed one has no coordinator


def test_client_page_writes_one_access_log_row(as_coordinator, organisation, coordinator):
    client = ClientFactory(organisation=organisation)
    url = reverse("clients:detail", args=[client.pk])

    as_coordinator.get(url)

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.organisation, entry.subject_id) == (
        coordinator,
        organisation,
        str(client.pk),
    )
    assert entry.subject_type.model_class() is Client
    assert (entry.path, entry.page, entry.purpose) == (url, "clients:detail", "dossier bekijken")


def test_search_logs_one_row_per_client_shown(as_coordinator, organisation):
    # Issue 11: search results show names, BSNs and birth dates; the access log names them.
    jansen = ClientFactory(organisation=organisation, surname="Jansen")
    search(as_coordinator, "Jansen")
    entry = AccessLogEntry.objects.get()
    assert (entry.subject_id, entry.page, entry.purpose) == (
        str(jansen.pk),
        "clients:search",
        "cliënten zoeken",
    )


@pytest.mark.parametrize("name", ["clients:detail", "clients:edit"])
def test_another_organisations_client_is_not_found(as_coordinator, name):
    stranger = ClientFactory(organisation=OrganisationFactory())
    response = as_coordinator.get(reverse(name, args=[stranger.pk]))
    assert response.status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_team_chair_reads_the_client_page(verified_client, organisation):
    chair = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    client = ClientFactory(organisation=organisation)
    response = verified_client(chair, organisation).get(reverse("clients:detail", args=[client.pk]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.get().user == chair


def test_client_page_query_count_does_not_grow_with_trajectories(
    as_coordinator, organisation, django_assert_num_queries
):
    few = ClientFactory(organisation=organisation)
    many = ClientFactory(organisation=organisation)
    for client, count in ((few, 3), (many, 30)):
        for _ in range(count):
            colleague = MembershipFactory(organisation=organisation).user
            # Closed: a client has at most one open trajectory per programme.
            TrajectoryFactory(client=client, coordinator=colleague, closed=True)
    as_coordinator.get(reverse("clients:detail", args=[few.pk]))  # warm session and caches

    with CaptureQueriesContext(connection) as baseline:
        as_coordinator.get(reverse("clients:detail", args=[few.pk]))
    # Counted now: the next request resets the query log the context reads from.
    baseline_count = len(baseline)
    with django_assert_num_queries(baseline_count):
        response = as_coordinator.get(reverse("clients:detail", args=[many.pk]))

    trajectories = next(
        s for s in response.context["sections"] if s.template_name.startswith("cases/")
    )
    assert len(trajectories.context["trajectories"]) == 30
    # A fixed number per registered section (at most three each) over the page's own seven
    # (session, user, membership, organisation, the client, its access log row, ...): each
    # programme app that adds a section adds its own queries, never one per trajectory.
    from terugkeer.clients.registry import _providers

    assert baseline_count <= 7 + 3 * len(_providers)


# --- editing -----------------------------------------------------------------------------------


def edit_data(client: Client, **overrides) -> dict:
    data = {
        "version": client.version,
        "bsn": client.bsn,
        "initials": client.initials,
        "first_names": client.first_names,
        "prefix": client.prefix,
        "surname": client.surname,
        "birth_date": client.birth_date.isoformat(),
        "sex": client.sex,
        "address": client.address,
        "postcode": client.postcode,
        "city": client.city,
        "municipality": client.municipality_id or "",
        "phone": client.phone,
        "email": client.email,
        "household": client.household,
        "minor_children": "",
        "notes": client.notes,
    }
    data.update(overrides)
    return data


def test_edit_saves_normalised_values_and_bumps_the_version(as_coordinator, organisation):
    client = ClientFactory(organisation=organisation, surname="Oud")
    url = reverse("clients:edit", args=[client.pk])

    response = as_coordinator.post(
        url, edit_data(client, surname="Nieuw", postcode="2261ab", bsn="12345672")
    )

    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[client.pk])
    client.refresh_from_db()
    assert (client.surname, client.postcode, client.bsn, client.version) == (
        "Nieuw",
        "2261 AB",
        LEADING_ZERO_BSN,
        2,
    )
    assert client.history.count() == 2


def test_edit_form_get_is_logged_and_prefilled(as_coordinator, organisation):
    client = ClientFactory(organisation=organisation, surname="Verhoeven")
    response = as_coordinator.get(reverse("clients:edit", args=[client.pk]))
    assert response.status_code == 200
    assert 'value="Verhoeven"' in response.content.decode()
    assert AccessLogEntry.objects.get().purpose == "dossier bewerken"


def test_edit_with_a_stale_version_is_refused_and_keeps_the_input(as_coordinator, organisation):
    client = ClientFactory(organisation=organisation, surname="Oud")
    stale = edit_data(client, surname="Mijn wijziging")
    Client.objects.filter(pk=client.pk).update(version=2, surname="Collega")

    response = as_coordinator.post(reverse("clients:edit", args=[client.pk]), stale)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors()[0].startswith(
        "Iemand anders heeft dit gegeven intussen gewijzigd."
    )
    html = response.content.decode()
    assert 'value="Mijn wijziging"' in html
    assert "Iemand anders heeft dit gegeven intussen gewijzigd." in html
    client.refresh_from_db()
    assert (client.surname, client.version) == ("Collega", 2)


def test_edit_with_a_bsn_failing_the_elfproef_names_the_field(as_coordinator, organisation):
    client = ClientFactory(organisation=organisation)
    original = client.bsn

    response = as_coordinator.post(
        reverse("clients:edit", args=[client.pk]), edit_data(client, bsn="123456789")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["bsn"] == ["Dit BSN voldoet niet aan de elfproef."]
    html = response.content.decode()
    error = "Dit BSN voldoet niet aan de elfproef."
    assert f'<p class="field__error" id="id_bsn_error">{error}</p>' in html
    client.refresh_from_db()
    assert (client.bsn, client.version) == (original, 1)


def test_edit_with_a_bsn_of_another_client_in_the_organisation_is_refused(
    as_coordinator, organisation
):
    ClientFactory(organisation=organisation, bsn=LEADING_ZERO_BSN)
    client = ClientFactory(organisation=organisation)

    response = as_coordinator.post(
        reverse("clients:edit", args=[client.pk]), edit_data(client, bsn="12345672")
    )

    assert response.context["form"].errors["bsn"] == [
        "Er is in uw organisatie al een andere cliënt met dit BSN."
    ]
    client.refresh_from_db()
    assert client.version == 1


def test_the_same_bsn_in_another_organisation_is_allowed(as_coordinator, organisation):
    ClientFactory(organisation=OrganisationFactory(), bsn=LEADING_ZERO_BSN)
    client = ClientFactory(organisation=organisation)

    response = as_coordinator.post(
        reverse("clients:edit", args=[client.pk]), edit_data(client, bsn=LEADING_ZERO_BSN)
    )

    assert response.status_code == 302
    client.refresh_from_db()
    assert client.bsn == LEADING_ZERO_BSN


def test_edit_offers_only_the_organisations_municipalities(as_coordinator, organisation):
    foreign = MunicipalityFactory(name="Elders")
    client = ClientFactory(organisation=organisation)

    response = as_coordinator.post(
        reverse("clients:edit", args=[client.pk]), edit_data(client, municipality=foreign.pk)
    )

    assert "municipality" in response.context["form"].errors
    assert [m.name for m in response.context["form"].fields["municipality"].queryset] == [
        "Leidschendam-Voorburg"
    ]


def test_invalid_postcode_is_refused_with_an_example(as_coordinator, organisation):
    client = ClientFactory(organisation=organisation)
    response = as_coordinator.post(
        reverse("clients:edit", args=[client.pk]), edit_data(client, postcode="0123 AB")
    )
    assert response.context["form"].errors["postcode"] == [
        "Vul een geldige postcode in, bijvoorbeeld 2261 AB."
    ]


def test_a_shielded_clients_page_is_only_for_the_assigned_workers(
    verified_client, organisation, coordinator
):
    colleague = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    client = ClientFactory(organisation=organisation)
    TrajectoryFactory(client=client, coordinator=coordinator, shielded=True)
    url = reverse("clients:detail", args=[client.pk])

    assert verified_client(colleague, organisation).get(url).status_code == 404
    assert verified_client(coordinator, organisation).get(url).status_code == 200
    assert list(AccessLogEntry.objects.values_list("user", flat=True)) == [coordinator.pk]
