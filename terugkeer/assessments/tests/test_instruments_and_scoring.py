"""Instrument definitions (data migration), scoring, totals and refused scores."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from terugkeer.accounts.models import User
from terugkeer.accounts.tests.factories import OrganisationFactory, UserFactory
from terugkeer.assessments import services
from terugkeer.assessments.choices import ItemKind, MeasurementKind
from terugkeer.assessments.forms import MeasurementForm
from terugkeer.assessments.models import DomainScore, Item
from terugkeer.assessments.selectors import domains_for, measurement_total
from terugkeer.assessments.services import ScoreInput
from terugkeer.assessments.tests.factories import c_toets, measure, zrm
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.locking import StaleObjectError

pytestmark = pytest.mark.django_db

ZRM_DOMAINS = [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
]


def test_the_data_migration_loads_the_thirteen_zrm_domains_with_five_levels():
    instrument = zrm()
    items = list(instrument.items.filter(organisation__isnull=True))
    assert [item.text for item in items] == ZRM_DOMAINS
    assert instrument.scale == [
        [1, "acute problematiek"],
        [2, "niet zelfredzaam"],
        [3, "beperkt zelfredzaam"],
        [4, "voldoende zelfredzaam"],
        [5, "volledig zelfredzaam"],
    ]
    assert instrument.not_scored_label == "niet gescoord"
    assert all(sorted(item.levels) == ["1", "2", "3", "4", "5"] for item in items)


def test_the_c_toets_has_the_sections_statements_and_scale_of_the_seed():
    instrument = c_toets()
    sections = {s.title: [i.text for i in s.items.all()] for s in instrument.sections.all()}
    assert list(sections) == [
        "Algemene vragen",
        "Contact",
        "Deskundigheid",
        "Verloop van de begeleiding",
        "Informatie",
        "Doel en resultaat",
        "Extra stellingen",
        "Rapportcijfer",
        "Open vragen",
    ]
    counts = {title: len(texts) for title, texts in sections.items()}
    assert counts == {
        "Algemene vragen": 4,
        "Contact": 6,
        "Deskundigheid": 5,
        "Verloop van de begeleiding": 3,
        "Informatie": 5,
        "Doel en resultaat": 6,
        "Extra stellingen": 5,
        "Rapportcijfer": 1,
        "Open vragen": 3,
    }
    assert sections["Contact"][0] == "Ik voel me op mijn gemak bij mijn begeleider"
    assert sections["Doel en resultaat"][5] == (
        "Dankzij de hulp maak ik minder kans om in aanraking te komen met de politie/justitie"
    )
    assert sections["Open vragen"] == [
        "Wat vind je goed gaan?",
        "Wat vind je minder goed gaan?",
        "Wat is er nodig? Ruimte voor opmerkingen en tips.",
    ]
    assert [label for _value, label in instrument.scale] == [
        "Helemaal niet mee eens",
        "Niet mee eens",
        "Wel mee eens",
        "Helemaal mee eens",
    ]
    assert instrument.not_scored_label == "Niet van toepassing"
    assert instrument.aggregate_only
    grade = instrument.items.get(code="rapportcijfer")
    assert grade.kind == ItemKind.GRADE


def test_total_is_the_sum_of_scored_domains_and_counts_them():
    trajectory = TrajectoryFactory()
    measurement = measure(
        trajectory, {"financien": 2, "huisvesting": 3, "justitie": 4, "basale-adl": None}
    )
    assert measurement.scores.count() == 13  # every domain has a row, most 'niet gescoord'
    assert measurement_total(measurement) == (9, 3)


@pytest.mark.parametrize("score", [0, 6, 7, -1])
def test_a_score_outside_one_to_five_is_refused_naming_the_domain(score):
    trajectory = TrajectoryFactory()
    item = zrm().items.get(code="financien")
    with pytest.raises(ValidationError) as refused:
        services.measurement_create(
            trajectory=trajectory,
            instrument=zrm(),
            kind=MeasurementKind.BASELINE,
            measured_on=datetime.date(2026, 3, 1),
            scored_by=UserFactory(),
            scores={item.pk: ScoreInput(score)},
        )
    assert refused.value.message_dict[f"score_{item.pk}"] == [
        f"De score voor Financiën moet tussen 1 en 5 liggen, of 'niet gescoord' zijn; {score} "
        "kan niet."
    ]
    assert not DomainScore.objects.exists()


def test_the_form_refuses_an_out_of_range_score_with_the_domain_name():
    organisation = OrganisationFactory()
    domains = domains_for(instrument=zrm(), organisation=organisation)
    housing = next(d for d in domains if d.code == "huisvesting")
    form = MeasurementForm(
        data={
            "measured_on": "2026-03-01",
            "kind": MeasurementKind.BASELINE,
            "scored_by": UserFactory().pk,
            f"score_{housing.pk}": "9",
        },
        instrument=zrm(),
        domains=domains,
        workers=User.objects.all(),
    )
    assert not form.is_valid()
    assert form.errors[f"score_{housing.pk}"] == [
        "De score voor Huisvesting moet tussen 1 en 5 liggen, of 'niet gescoord' zijn."
    ]


def test_an_edit_against_an_old_version_is_refused_and_history_is_kept():
    trajectory = TrajectoryFactory()
    measurement = measure(trajectory, {"financien": 2})
    item = zrm().items.get(code="financien")
    updated = services.measurement_update(
        measurement=measurement,
        expected_version=1,
        kind=measurement.kind,
        measured_on=measurement.measured_on,
        scored_by=measurement.scored_by,
        scores={item.pk: ScoreInput(3, "schuldhulp loopt")},
    )
    assert updated.version == 2
    score = updated.scores.get(item=item)
    assert (score.score, score.note) == (3, "schuldhulp loopt")
    assert [h.score for h in score.history.order_by("history_date")] == [2, 3]
    with pytest.raises(StaleObjectError):
        services.measurement_update(
            measurement=measurement,
            expected_version=1,
            kind=measurement.kind,
            measured_on=measurement.measured_on,
            scored_by=measurement.scored_by,
            scores={item.pk: ScoreInput(5)},
        )
    assert updated.scores.get(item=item).score == 3


def test_an_optional_domain_is_scored_only_in_its_own_organisation():
    trajectory = TrajectoryFactory()
    Item.objects.create(
        instrument=zrm(),
        organisation=trajectory.organisation,
        position=14,
        code="zingeving",
        text="Zingeving",
        kind=ItemKind.SCALE,
        optional=True,
        levels={"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"},
    )
    assert len(domains_for(instrument=zrm(), organisation=trajectory.organisation)) == 14
    assert len(domains_for(instrument=zrm(), organisation=OrganisationFactory())) == 13
    measurement = measure(trajectory, {"zingeving": 4, "financien": 1})
    assert measurement_total(measurement) == (5, 2)
    other = TrajectoryFactory()
    with pytest.raises(KeyError):
        measure(other, {"zingeving": 4})
