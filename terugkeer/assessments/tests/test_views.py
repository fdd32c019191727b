"""Pages: entering and correcting measurements, progress, access log, questionnaires."""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.choices import MeasurementKind
from terugkeer.assessments.models import Answer, Measurement, QuestionnaireResponse
from terugkeer.assessments.selectors import domains_for
from terugkeer.assessments.tests.factories import c_toets, measure, respond, zrm
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajectory():
    return TrajectoryFactory(in_contact=True)


def _login(verified_client, organisation, role=Role.COORDINATOR):
    user = MembershipFactory(organisation=organisation, role=role).user
    return verified_client(user, organisation), user


def _form_data(organisation, user, scores: dict[str, str], **extra) -> dict:
    data = {
        "measured_on": "2026-02-01",
        "kind": MeasurementKind.BASELINE,
        "scored_by": user.pk,
        "note": "",
        "form_token": new_form_token(),  # a new measurement's form carries one
    }
    for item in domains_for(instrument=zrm(), organisation=organisation):
        data[f"score_{item.pk}"] = scores.get(item.code, "")
        data[f"note_{item.pk}"] = ""
    return data | extra


def test_coordinator_enters_a_measurement_and_sees_the_total(verified_client, trajectory):
    client, user = _login(verified_client, trajectory.organisation)
    url = reverse("assessments:measurement_create", kwargs={"trajectory_pk": trajectory.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Schulden groeien snel" in page.content.decode()  # level descriptions at hand
    data = _form_data(trajectory.organisation, user, {"financien": "2", "huisvesting": "4"})
    response = client.post(url, data)
    assert response.status_code == 302
    measurement = Measurement.objects.get(trajectory=trajectory)
    assert measurement.scored_by == user
    progress = client.get(response.url).content.decode()
    assert "6 (2 domeinen gescoord)" in progress
    assert 'data-testid="zrm-chart"' in progress


def test_an_out_of_range_score_is_shown_in_dutch_with_the_domain(verified_client, trajectory):
    client, user = _login(verified_client, trajectory.organisation)
    url = reverse("assessments:measurement_create", kwargs={"trajectory_pk": trajectory.pk})
    response = client.post(url, _form_data(trajectory.organisation, user, {"justitie": "8"}))
    assert response.status_code == 200
    assert "De score voor Justitie moet tussen 1 en 5 liggen" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_stale_edit_is_refused(verified_client, trajectory):
    client, user = _login(verified_client, trajectory.organisation)
    measurement = measure(trajectory, {"financien": 2})
    url = reverse("assessments:measurement_edit", kwargs={"measurement_pk": measurement.pk})
    assert 'name="version" value="1"' in client.get(url).content.decode()
    fresh = _form_data(trajectory.organisation, user, {"financien": "3"}, version="1")
    assert client.post(url, fresh).status_code == 302
    stale = _form_data(trajectory.organisation, user, {"financien": "5"}, version="1")
    response = client.post(url, stale)
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    assert measurement.scores.get(item__code="financien").score == 3


@pytest.mark.parametrize(
    ("name", "kwarg"),
    [("assessments:trajectory", "trajectory"), ("assessments:measurement_edit", "measurement")],
)
def test_pages_showing_scores_write_the_access_log(verified_client, trajectory, name, kwarg):
    client, user = _login(verified_client, trajectory.organisation)
    measurement = measure(trajectory, {"financien": 2})
    pk = trajectory.pk if kwarg == "trajectory" else measurement.pk
    assert client.get(reverse(name, kwargs={f"{kwarg}_pk": pk})).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.subject_id, entry.page) == (user, str(trajectory.pk), name)
    assert entry.purpose.startswith("ZRM-")


@pytest.mark.parametrize("role", [Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN])
def test_other_roles_see_no_scores_and_no_answers(verified_client, trajectory, role):
    client, _user = _login(verified_client, trajectory.organisation, role)
    measurement = measure(trajectory, {"financien": 2})
    urls = [
        reverse("assessments:trajectory", kwargs={"trajectory_pk": trajectory.pk}),
        reverse("assessments:measurement_edit", kwargs={"measurement_pk": measurement.pk}),
        reverse(
            "assessments:response_create",
            kwargs={"trajectory_pk": trajectory.pk, "instrument_code": "c-toets"},
        ),
    ]
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    assert not AccessLogEntry.objects.exists()


def test_another_organisations_trajectory_and_measurement_are_404(verified_client, trajectory):
    client, _user = _login(verified_client, TrajectoryFactory().organisation)
    measurement = measure(trajectory, {"financien": 2})
    assert (
        client.get(
            reverse("assessments:trajectory", kwargs={"trajectory_pk": trajectory.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("assessments:measurement_edit", kwargs={"measurement_pk": measurement.pk})
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("assessments:measurement_create", kwargs={"trajectory_pk": trajectory.pk}), {}
        ).status_code
        == 404
    )


def test_questionnaire_answers_are_recorded_but_never_shown_per_person(verified_client, trajectory):
    client, user = _login(verified_client, trajectory.organisation)
    instrument = c_toets()
    items = {i.code: i for i in instrument.items.all()}
    url = reverse(
        "assessments:response_create",
        kwargs={"trajectory_pk": trajectory.pk, "instrument_code": "c-toets"},
    )
    page = client.get(url).content.decode()
    assert "Ik voel me op mijn gemak bij mijn begeleider" in page
    data = {
        "answered_on": "2026-05-01",
        "mode": "papier",
        f"answer_{items['contact-1'].pk}": "4",
        f"answer_{items['extra-1'].pk}": "",
        f"answer_{items['rapportcijfer'].pk}": "8",
        f"answer_{items['goed'].pk}": "Een geheime opmerking",
        "form_token": new_form_token(),
    }
    assert client.post(url, data).status_code == 302
    response = QuestionnaireResponse.objects.get()
    assert response.recorded_by == user
    assert {(a.item.code, a.value, a.text) for a in Answer.objects.all()} == {
        ("contact-1", 4, ""),
        ("rapportcijfer", 8, ""),
        ("goed", None, "Een geheime opmerking"),
    }
    overview = client.get(
        reverse("assessments:trajectory", kwargs={"trajectory_pk": trajectory.pk})
    ).content.decode()
    assert "C-toets" in overview
    assert "Een geheime opmerking" not in overview


def test_the_empty_questionnaire_prints_as_pdf(verified_client, trajectory):
    client, _user = _login(verified_client, trajectory.organisation)
    response = client.get(
        reverse("assessments:questionnaire_pdf", kwargs={"instrument_code": "c-toets"})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client.get(
            reverse("assessments:questionnaire_pdf", kwargs={"instrument_code": "zrm"})
        ).status_code
        == 404
    )


def _grade_responses(trajectory, grades):
    for grade in grades:
        respond(trajectory, {"contact-1": 4 if grade > 6 else 2, "rapportcijfer": grade})


def test_satisfaction_aggregate_for_coordinators(verified_client, trajectory):
    _grade_responses(trajectory, [8, 7, 5])
    client, _user = _login(verified_client, trajectory.organisation)
    page = client.get(
        reverse("assessments:satisfaction", kwargs={"instrument_code": "c-toets"})
    ).content.decode()
    assert '<dd data-testid="responses">3</dd>' in page
    assert "6,7 (3 cijfers)" in page
    row = page.split('data-testid="item-contact-1"')[1].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["0", "1", "0", "2", "0"]


def test_policy_advisor_sees_less_than_five_instead_of_numbers(verified_client, trajectory):
    _grade_responses(trajectory, [8, 7, 5, 9])
    client, _user = _login(verified_client, trajectory.organisation, Role.POLICY_ADVISOR)
    url = reverse("assessments:satisfaction", kwargs={"instrument_code": "c-toets"})
    page = client.get(url).content.decode()
    assert "&lt;5" in page
    assert "mean-grade" not in page
    _grade_responses(trajectory, [10])
    page = client.get(url).content.decode()
    assert '<dd data-testid="responses">5</dd>' in page
    assert "7,8 (5 cijfers)" in page


def test_the_form_shows_the_previous_scores_beside_each_domain(verified_client, trajectory):
    """Issue 12: the previous measurement's score beside each domain, not on another page."""
    import datetime

    measure(
        trajectory,
        {"financien": 2, "huisvesting": None},
        measured_on=datetime.date(2025, 6, 2),
    )
    measure(
        trajectory,
        {"financien": 3, "huisvesting": 4},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on=datetime.date(2026, 1, 5),
    )
    client, _user = _login(verified_client, trajectory.organisation)
    url = reverse("assessments:measurement_create", kwargs={"trajectory_pk": trajectory.pk})

    html = client.get(url).content.decode()

    assert 'data-testid="previous-financien">Vorige meting (05-01-2026): 3</p>' in html
    assert 'data-testid="previous-huisvesting">Vorige meting (05-01-2026): 4</p>' in html
    # Every domain is recorded with each measurement; one left open shows as such.
    assert 'data-testid="previous-werk-opleiding">Vorige meting (05-01-2026): niet gescoord' in html


def test_a_follow_up_sooner_than_the_interval_asks_for_confirmation(verified_client, trajectory):
    import datetime

    from terugkeer.assessments.models import AssessmentSettings

    AssessmentSettings.objects.create(organisation=trajectory.organisation, zrm_followup_months=6)
    measure(trajectory, {"financien": 2}, measured_on=datetime.date(2025, 8, 31))
    client, user = _login(verified_client, trajectory.organisation)
    url = reverse("assessments:measurement_create", kwargs={"trajectory_pk": trajectory.pk})
    early = _form_data(
        trajectory.organisation,
        user,
        {"financien": "3"},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on="2026-02-27",  # 31-08-2025 + 6 months = 28-02-2026 (end of month)
    )

    refused = client.post(url, early)
    on_time = client.post(
        url, early | {"measured_on": "2026-02-28", "form_token": new_form_token()}
    )

    assert refused.status_code == 200
    assert (
        "De 1-meting is pas op 28-02-2026 aan de beurt (6 maanden na de 0-meting)."
        in refused.content.decode()
    )
    assert on_time.status_code == 302
    confirmed = client.post(
        url,
        early | {"confirm_early": "on", "form_token": new_form_token()},
    )
    assert confirmed.status_code == 302
    assert sorted(
        Measurement.objects.filter(trajectory=trajectory).values_list("measured_on", flat=True)
    ) == [datetime.date(2025, 8, 31), datetime.date(2026, 2, 27), datetime.date(2026, 2, 28)]


def test_the_c_toets_names_the_organisation_and_takes_its_own_intro(verified_client, trajectory):
    """Issue 12: no hard-coded "Lokale Kamer"; the organisation may write its own introduction."""
    from terugkeer.assessments.models import AssessmentSettings

    trajectory.organisation.name = "Stichting Voorbeeld"
    trajectory.organisation.save()
    client, _user = _login(verified_client, trajectory.organisation)
    url = reverse(
        "assessments:response_create",
        kwargs={"trajectory_pk": trajectory.pk, "instrument_code": "c-toets"},
    )

    standard = client.get(url).content.decode()
    AssessmentSettings.objects.create(
        organisation=trajectory.organisation,
        questionnaire_intro="Welkom bij {organisatie}: vertel ons hoe het ging.",
    )
    own = client.get(url).content.decode()

    assert "Lokale Kamer" not in standard and "{organisatie}" not in standard
    assert "over de begeleiding van Stichting Voorbeeld (je casemanager)" in standard
    assert "Tijdens mijn begeleiding door Stichting Voorbeeld is mijn relatie" in standard
    assert "open vragen over Stichting Voorbeeld" in standard
    assert "Welkom bij Stichting Voorbeeld: vertel ons hoe het ging." in own
    assert "over de begeleiding van Stichting Voorbeeld (je casemanager)" not in own
