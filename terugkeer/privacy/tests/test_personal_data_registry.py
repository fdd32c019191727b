"""The personal-data registry (``core.personal_data``): complete, well-formed, idempotent."""

import importlib

import pytest
from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.personal_data import (
    PersonalDataSpec,
    RegistrationConflict,
    declare_not_personal,
    not_personal,
    register,
    spec_for,
    specs,
)

CLIENT = "clients.Client"
MAX_HOPS = 4


def own_models():
    """Every model of Terugkeer's apps, without django-simple-history's history tables.

    The history tables hold earlier versions of registered models; they follow their model (the
    export shows the current state) and are left to the retention work.
    """
    for model in apps.get_models():
        if not model.__module__.startswith("terugkeer."):
            continue
        if any(f.name == "history_id" for f in model._meta.fields):
            continue
        yield model


def path_to_client(model) -> str | None:
    """The shortest chain of foreign keys from ``model`` to a client, within ``MAX_HOPS``."""
    frontier = [(model, "")]
    for _hop in range(MAX_HOPS + 1):
        following = []
        for current, path in frontier:
            if current._meta.label == CLIENT:
                return path
            for field in current._meta.concrete_fields:
                if field.is_relation and (field.many_to_one or field.one_to_one):
                    step = f"{path}__{field.name}" if path else field.name
                    following.append((field.related_model, step))
        frontier = following
    return None


def is_scoped(model) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def test_every_model_linked_to_a_client_is_registered_or_declared_not_personal():
    declared = not_personal()
    missing = []
    for model in own_models():
        label = model._meta.label
        linked = path_to_client(model) is not None
        if not (linked or is_scoped(model)):
            continue
        if spec_for(label) is None and label.lower() not in declared:
            missing.append(label)
    assert missing == [], (
        "Register these models with core.personal_data.register(PersonalDataSpec(...)) from "
        "their app's ready(), or declare_not_personal(model, reason=...): " + ", ".join(missing)
    )


def test_the_walk_finds_the_links_to_a_client():
    assert path_to_client(apps.get_model("clients.Client")) == ""
    assert path_to_client(apps.get_model("assessments.Answer")) == "response__trajectory__client"
    assert path_to_client(apps.get_model("housing.HousingUnit")) is None
    assert is_scoped(apps.get_model("housing.HousingUnit"))


def test_what_is_declared_not_personal_has_a_reason_and_no_registration():
    for key, entry in not_personal().items():
        model = apps.get_model(entry.model)
        assert model._meta.label.lower() == key
        assert str(entry.reason).strip()
        assert spec_for(entry.model) is None


def walk(model, path: str):
    for step in path.split("__"):
        model = model._meta.get_field(step).related_model
    return model


@pytest.mark.parametrize("spec", specs(), ids=lambda s: s.model)
def test_every_spec_leads_to_the_client_and_names_real_fields(spec):
    model = spec.model_class()
    target = walk(model, spec.client_path) if spec.client_path else model
    assert target._meta.label == CLIENT
    organisation = spec.organisation_lookup().split("__")
    assert walk(model, "__".join(organisation))._meta.label == "accounts.Organisation"
    names = {f.name for f in model._meta.concrete_fields}
    for name in (*spec.fields, *spec.exclude, *spec.identifying_fields, *spec.free_text_fields):
        assert name in names, f"{spec.model}.{name}"
    # The retention fields too: a BSN and a file are what they say, a coarsened date is a date.
    assert spec.retention_kind in {"dossier", "justice"}, spec.model
    for name in (*spec.bsn_fields, *spec.retention_fields):
        assert name in names, f"{spec.model}.{name}"
    for name in spec.file_fields:
        assert isinstance(model._meta.get_field(name), models.FileField), f"{spec.model}.{name}"
    for name in spec.coarsen_date_fields:
        assert isinstance(model._meta.get_field(name), models.DateField), f"{spec.model}.{name}"
    for kept, other, _value in spec.retention_kept_when:
        assert {kept, other} <= names, f"{spec.model}.{kept}"
    shown = [f.name for f in spec.shown_fields()]
    assert shown, spec.model
    assert not {"id", "version", "organisation"} & set(shown)
    assert str(spec.title).strip()


def test_the_registered_models_in_export_order():
    # One line per app's contribution: clients, detention, cases, assessments, mentoring,
    # interventions, housing, activities, partners, privacy.
    assert [s.model for s in specs()] == [
        "clients.Client",
        "detention.Detention",
        "detention.DetentionNotification",
        "cases.Trajectory",
        "cases.StatusChange",
        "cases.DomainAssessment",
        "cases.DomainSnapshot",
        "cases.Goal",
        "cases.Action",
        "cases.Contact",
        "cases.BreakGlassAccess",
        "assessments.Measurement",
        "assessments.DomainScore",
        "assessments.QuestionnaireResponse",
        "assessments.Answer",
        "mentoring.MentorMatch",
        "mentoring.MentorReport",
        "interventions.InterventionRequest",
        "interventions.RequestStatusChange",
        "interventions.Condition",
        "interventions.Payment",
        "interventions.EmergencyGift",
        "housing.Stay",
        "housing.HouseCheck",
        "housing.HousingAllocation",
        "activities.CardSubscription",
        "activities.CardMailing",
        "activities.Attendance",
        "partners.Involvement",
        "partners.Referral",
        "partners.ReferralStatusChange",
        "partners.MeetingDecision",
        "partners.Document",
        "partners.DetentionTask",
        "partners.LeftBehind",
        "privacy.SubjectRequest",
    ]


APPS = (
    "clients",
    "detention",
    "cases",
    "assessments",
    "mentoring",
    "interventions",
    "housing",
    "activities",
    "partners",
    "privacy",
)


def test_registering_again_doubles_nothing_and_a_different_spec_is_refused():
    before, declared = specs(), not_personal()
    for app in APPS:
        importlib.import_module(f"terugkeer.{app}.personal_data").register_all()
    assert specs() == before
    assert not_personal() == declared

    contact = spec_for("cases.Contact")
    with pytest.raises(RegistrationConflict):
        register(PersonalDataSpec(model="cases.Contact", client_path="x", title=_("Anders")))
    with pytest.raises(RegistrationConflict):
        declare_not_personal("cases.Contact", reason=_("Toch niet"))
    with pytest.raises(RegistrationConflict):
        register(PersonalDataSpec(model="partners.Partner", client_path="", title=_("Partner")))
    assert spec_for("cases.Contact") is contact
    assert specs() == before
