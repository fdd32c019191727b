"""Issue 11: a POST without the version field, or with garbage in it, is refused, changing nothing.

Replays the attack on every form that carries a version (optimistic locking): first without the
field, then with a value that is no version, each time the whole database is compared before and
after and the page must name the field; then the same POST with the version the form was issued
with goes through, which proves the data was otherwise valid. The meta test below fails for any
form with a ``version`` field that is not ``core.forms.VersionField``.
"""

import datetime
import html
import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import terugkeer
from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.tests.factories import measure
from terugkeer.cases import plan_services
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.forms import VersionField
from terugkeer.core.roles import Role
from terugkeer.core.tests.test_access_matrix import _database_digest
from terugkeer.detention.tests.factories import DetentionNotificationFactory

pytestmark = pytest.mark.django_db
REFUSED = "'versie' (version)"


def filled(form, **changes) -> dict:
    """The POST a browser sends for the unbound ``form`` as shown, with ``changes`` applied."""
    data = {}
    for name, field in form.fields.items():
        value = changes.pop(name, form[name].value())
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
        elif value is not None:
            data[key] = value
    assert not changes, f"not fields of the form: {changes}"
    return data


def _overview(action, **changes):
    def build(http, trajectory):
        url = reverse("dossier:overview", args=[trajectory.pk])
        form = http.get(url).context["forms"][action]
        if action == "transition":
            changes["to_status"] = form.fields["to_status"].choices[0][0]
        return url, {"action": action, **filled(form, **changes)}

    return build


def _triage(http, trajectory):
    url = reverse("dossier:triage", args=[trajectory.pk])
    row = http.get(url).context["rows"][0]
    return url, {"domain": row["domain"].pk, **filled(row["form"], status="hulpvraag")}


def _goal(view, **changes):
    def build(http, trajectory):
        goal = plan_services.goal_create(
            trajectory=trajectory, description="Geldig ID", domain=None
        )
        url = reverse(f"plan:{view}", args=[trajectory.pk, goal.pk])
        return url, filled(http.get(url).context["form"], **changes)

    return build


def _action(view, **changes):
    def build(http, trajectory):
        action = plan_services.action_create(trajectory=trajectory, description="Paspoort")
        url = reverse(f"plan:{view}", args=[trajectory.pk, action.pk])
        if view == "action_complete":  # a button on the plan tab, no page of its own
            return url, {"version": action.version}
        return url, filled(http.get(url).context["form"], **changes)

    return build


def _plan_agree(http, trajectory):
    plan_services.goal_create(trajectory=trajectory, description="Woning", domain=None)
    url = reverse("plan:agree", args=[trajectory.pk])
    return url, filled(http.get(url).context["form"])


def _notification(http, trajectory):
    notification = DetentionNotificationFactory(detention=trajectory.detention)
    url = reverse("intake:notification", args=[notification.pk])
    return url, filled(http.get(url).context["form"], surname="Jansen-de Vries")


def _client(http, trajectory):
    url = reverse("clients:edit", args=[trajectory.client.pk])
    return url, filled(http.get(url).context["form"], first_names="Pieter")


def _measurement(http, trajectory):
    measurement = measure(trajectory, {"financien": 2})
    url = reverse("assessments:measurement_edit", args=[measurement.pk])
    form = http.get(url).context["form"]
    scorer = form.fields["scored_by"].queryset.first()  # the factory's scorer is no colleague
    return url, filled(form, note="Herzien", scored_by=scorer.pk)


def _settings(http, trajectory):
    url = reverse("accounts:organisation_settings")
    return url, filled(http.get(url).context["form"], aftercare_months=9)


FORMS = {
    "overview: edit": (_overview("edit", cohort_tag="proef"), Role.COORDINATOR),
    "overview: transition": (_overview("transition"), Role.COORDINATOR),
    "overview: release": (_overview("release", confirmed="1"), Role.COORDINATOR),
    "overview: close": (
        _overview("close", reason="doelen_bereikt", confirmed="1"),
        Role.COORDINATOR,
    ),
    "triage": (_triage, Role.COORDINATOR),
    "goal: update": (_goal("goal_update", description="Paspoort"), Role.COORDINATOR),
    "goal: delete": (_goal("goal_delete"), Role.COORDINATOR),
    "action: update": (_action("action_update", owner="cliënt"), Role.COORDINATOR),
    "action: delete": (_action("action_delete"), Role.COORDINATOR),
    "action: complete": (_action("action_complete"), Role.COORDINATOR),
    "plan: agree": (_plan_agree, Role.COORDINATOR),
    "melding: correction": (_notification, Role.COORDINATOR),
    "client: edit": (_client, Role.COORDINATOR),
    "ZRM measurement: edit": (_measurement, Role.COORDINATOR),
    "organisation settings": (_settings, Role.FUNCTIONAL_ADMIN),
}


@pytest.mark.parametrize("name", FORMS)
def test_a_post_without_a_valid_version_is_refused_and_changes_nothing(name, verified_client):
    build, role = FORMS[name]
    trajectory = TrajectoryFactory()
    user = MembershipFactory(organisation=trajectory.organisation, role=role).user
    http = verified_client(user, trajectory.organisation)
    url, data = build(http, trajectory)
    version_key = next(key for key in data if key.endswith("version"))
    for version in (None, "", "abc", "-1", "1.5"):
        attempt = {k: v for k, v in data.items() if k != version_key}
        if version is not None:
            attempt[version_key] = version
        before = _database_digest()
        response = http.post(url, attempt, follow=True)
        assert response.status_code == 200, version
        assert REFUSED in html.unescape(response.content.decode()), version
        assert _database_digest() == before, version
    before = _database_digest()
    response = http.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert _database_digest() != before


def _form_classes():
    for module in pkgutil.walk_packages(terugkeer.__path__, "terugkeer."):
        if module.name.split(".")[-1].endswith(("forms", "views", "admin")) and ".tests" not in (
            module.name
        ):
            importlib.import_module(module.name)
    pending, seen = [forms.BaseForm], set()
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                pending.append(subclass)
    return [cls for cls in seen if cls.__module__.startswith("terugkeer.")]


def test_every_version_field_is_the_shared_required_one():
    versioned = [cls for cls in _form_classes() if "version" in cls.base_fields]
    assert len(versioned) >= 10  # the forms above (and any new one)
    wrong = [
        cls.__qualname__
        for cls in versioned
        if not isinstance(cls.base_fields["version"], VersionField)
        or not cls.base_fields["version"].required
    ]
    assert wrong == []
