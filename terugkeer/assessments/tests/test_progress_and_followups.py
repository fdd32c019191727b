"""The progress summary and chart, and the ZRM follow-up signal."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.charts import SVG_NS, zrm_progress_svg
from terugkeer.assessments.choices import MeasurementKind
from terugkeer.assessments.models import AssessmentSettings
from terugkeer.assessments.selectors import (
    trajectory_measurements,
    zrm_followups_due,
    zrm_progress,
)
from terugkeer.assessments.tests.factories import measure
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db

T = f"{{{SVG_NS}}}"


def _scope(organisation, role=Role.COORDINATOR) -> Scope:
    membership = MembershipFactory(organisation=organisation, role=role)
    return Scope(user=membership.user, organisation=organisation, role=role)


@pytest.fixture
def two_measurements():
    trajectory = TrajectoryFactory()
    measure(
        trajectory,
        {"financien": 2, "huisvesting": 1, "justitie": 3, "werk-opleiding": 2, "basale-adl": 4},
        measured_on=datetime.date(2026, 1, 10),
    )
    measure(
        trajectory,
        {"financien": 3, "huisvesting": 4, "justitie": 3, "werk-opleiding": 1, "basale-adl": None},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on=datetime.date(2026, 7, 10),
    )
    scope = _scope(trajectory.organisation)
    return trajectory, zrm_progress(trajectory_measurements(scope=scope, trajectory=trajectory))


def test_summary_counts_improved_equal_and_worse_domains(two_measurements):
    _trajectory, progress = two_measurements
    assert (progress.improved, progress.equal, progress.worse) == (2, 1, 1)
    changes = {d.code: d.change for d in progress.domains}
    assert changes["financien"] == "improved"
    assert changes["huisvesting"] == "improved"
    assert changes["justitie"] == "equal"
    assert changes["werk-opleiding"] == "worse"
    assert changes["basale-adl"] == ""  # not scored the second time: not compared
    assert [(p.total, p.scored) for p in progress.totals] == [(12, 5), (11, 4)]


def test_the_chart_is_valid_svg_carrying_the_values_without_css(two_measurements):
    _trajectory, progress = two_measurements
    svg = zrm_progress_svg(progress)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag == f"{T}svg"
    assert root.get("role") == "img"
    assert root.find(f"{T}title").text == (
        "Voortgang ZRM: 2 domeinen vooruit, 1 gelijk, 1 achteruit"
    )
    bars = {
        (el.get("data-domain"), el.get("data-which")): el
        for el in root.iter()
        if el.get("data-domain")
    }
    assert len(bars) == 26
    assert bars[("huisvesting", "first")].get("data-score") == "1"
    assert bars[("huisvesting", "latest")].get("data-score") == "4"
    assert bars[("basale-adl", "latest")].get("data-score") == "niet gescoord"
    assert bars[("financien", "latest")].find(f"{T}title").text == ("Financiën, laatste meting: 3")
    points = [el for el in root.iter() if el.get("data-total")]
    assert [(p.get("data-date"), p.get("data-total"), p.get("data-scored")) for p in points] == [
        ("2026-01-10", "12", "5"),
        ("2026-07-10", "11", "4"),
    ]
    # Nothing a strict CSP (style-src 'self') would block.
    assert not list(root.iter(f"{T}style"))
    assert not [el for el in root.iter() if "style" in el.attrib]
    assert "<script" not in svg


def test_one_measurement_has_no_comparison_but_a_chart():
    trajectory = TrajectoryFactory()
    measure(trajectory, {"financien": 2})
    scope = _scope(trajectory.organisation)
    progress = zrm_progress(trajectory_measurements(scope=scope, trajectory=trajectory))
    assert not progress.comparable
    assert ET.fromstring(zrm_progress_svg(progress)).tag == f"{T}svg"  # noqa: S314


def test_follow_up_is_due_exactly_n_months_after_the_baseline_not_the_day_before():
    trajectory = TrajectoryFactory(in_contact=True)
    measure(trajectory, {"financien": 2}, measured_on=datetime.date(2026, 3, 15))
    scope = _scope(trajectory.organisation)
    assert zrm_followups_due(scope=scope, today=datetime.date(2026, 9, 14)) == []
    due = zrm_followups_due(scope=scope, today=datetime.date(2026, 9, 15))
    assert [(d.trajectory, d.baseline_on, d.due_on) for d in due] == [
        (trajectory, datetime.date(2026, 3, 15), datetime.date(2026, 9, 15))
    ]


def test_follow_up_period_is_set_per_organisation():
    trajectory = TrajectoryFactory(in_contact=True)
    AssessmentSettings.objects.create(organisation=trajectory.organisation, zrm_followup_months=3)
    measure(trajectory, {"financien": 2}, measured_on=datetime.date(2026, 3, 15))
    scope = _scope(trajectory.organisation)
    assert zrm_followups_due(scope=scope, today=datetime.date(2026, 6, 14)) == []
    assert len(zrm_followups_due(scope=scope, today=datetime.date(2026, 6, 15))) == 1


def test_end_of_month_baseline_is_due_on_the_last_day_of_the_short_month():
    trajectory = TrajectoryFactory(in_contact=True)
    measure(trajectory, {"financien": 2}, measured_on=datetime.date(2026, 8, 31))
    scope = _scope(trajectory.organisation)
    assert zrm_followups_due(scope=scope, today=datetime.date(2027, 2, 27)) == []
    assert zrm_followups_due(scope=scope, today=datetime.date(2027, 2, 28))[0].due_on == (
        datetime.date(2027, 2, 28)
    )


def test_a_later_measurement_or_closure_ends_the_signal_and_other_scopes_see_nothing():
    followed, closed = TrajectoryFactory(in_contact=True), TrajectoryFactory(closed=True)
    organisation = followed.organisation
    closed.organisation = organisation
    closed.save()
    measure(followed, {"financien": 2}, measured_on=datetime.date(2026, 1, 5))
    measure(
        followed,
        {"financien": 3},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on=datetime.date(2026, 5, 1),
    )
    measure(closed, {"financien": 2}, measured_on=datetime.date(2026, 1, 5))
    today = datetime.date(2026, 12, 1)
    assert zrm_followups_due(scope=_scope(organisation), today=today) == []
    pending = TrajectoryFactory(in_contact=True)
    measure(pending, {"financien": 2}, measured_on=datetime.date(2026, 1, 5))
    assert len(zrm_followups_due(scope=_scope(pending.organisation), today=today)) == 1
    assert zrm_followups_due(scope=_scope(pending.organisation, Role.MENTOR), today=today) == []
    assert zrm_followups_due(scope=_scope(organisation), today=today) == []
    assert zrm_followups_due(scope=None, today=today) == []


def test_the_chart_uses_the_default_namespace_even_if_another_library_registered_a_prefix(
    two_measurements,
):
    _trajectory, progress = two_measurements
    ET.register_namespace("svg", SVG_NS)
    svg = zrm_progress_svg(progress)
    assert svg.startswith("<svg ")
    assert "ns0:" not in svg and "svg:" not in svg
