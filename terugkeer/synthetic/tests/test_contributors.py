"""Apps add rows to the synthetic dataset through ``<app>/synthetic.py``, found by convention."""

import datetime

import pytest

from terugkeer.accounts.models import Organisation
from terugkeer.assessments import synthetic as assessments_synthetic
from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Goal, StatusChange
from terugkeer.core.tests.test_layers import _imported_apps
from terugkeer.synthetic.contributors import discover_contributors
from terugkeer.synthetic.generator import (
    ORGANISATION_SUFFIX,
    SCALES,
    DatasetGenerator,
    dataset_digest,
    generate_dataset,
)
from terugkeer.synthetic.tests.fake_app import synthetic as fake_synthetic

TODAY = datetime.date(2026, 6, 15)
# dataset_digest() of tiny, seed 7, TODAY, as the generator made it before it had contributors;
# change it only with a change that is meant to change the dataset (last: the municipalities
# are picked from the CBS reference rows, so codes and cities changed).
TINY_SEED_7_DIGEST = "d40af91a6a905a1c20b8c81b8c2d93ffdd63149fc76ef0b629424297993dae23"
FAKE_APP = "terugkeer.synthetic.tests.fake_app"


def test_contributors_are_found_by_convention_in_order():
    found = discover_contributors(["terugkeer.accounts", FAKE_APP, "terugkeer.assessments"])
    assert found == [assessments_synthetic.CONTRIBUTOR, fake_synthetic.CONTRIBUTOR]


def test_the_installed_apps_contribute_the_zrm_measurements():
    assert assessments_synthetic.CONTRIBUTOR in discover_contributors()


def test_synthetic_imports_no_programme_app():
    assert "assessments" not in _imported_apps("synthetic")


@pytest.mark.django_db
def test_a_seed_gives_the_pinned_dataset_with_its_measurements():
    report = generate_dataset(scale="tiny", seed=7, today=TODAY)
    assert dataset_digest() == TINY_SEED_7_DIGEST
    measurements = Measurement.objects.count()
    assert report.tables["assessments.Measurement"].rows == measurements == 228
    assert report.tables["assessments.DomainScore"].rows == DomainScore.objects.count() == 2964
    assert 0.6 * SCALES["tiny"].measurements <= measurements <= 1.4 * SCALES["tiny"].measurements


@pytest.mark.django_db
def test_a_new_contributor_adds_rows_without_changing_the_rest():
    contributors = [*discover_contributors(), fake_synthetic.CONTRIBUTOR]
    generator = DatasetGenerator(
        scale=SCALES["tiny"], seed=7, today=TODAY, contributors=contributors
    )
    report = generator.run()
    # Every hook ran: reference once, organisation per organisation, a chunk per organisation.
    state = generator.context.state["fake_app"]
    organisations = Organisation.objects.filter(name__endswith=ORGANISATION_SUFFIX)
    assert sorted(state["organisations"]) == sorted(organisations.values_list("pk", flat=True))
    assert state["chunks"] == 4
    with_intake = (
        StatusChange.objects.filter(to_status=TrajectoryStatus.INTAKE)
        .values("trajectory")
        .distinct()
        .count()
    )
    added = Goal.objects.filter(description=fake_synthetic.DESCRIPTION)
    assert added.count() == report.tables[fake_synthetic.LABEL].rows
    assert 0.3 * with_intake < added.count() < 0.7 * with_intake
    # It draws from a generator of its own: the rest of the dataset is the one without it.
    assert dataset_digest() == TINY_SEED_7_DIGEST
    assert Measurement.objects.count() == 228
