"""Which data belongs to a person: every app names its models of personal data here.

Core knows no upper app: each app registers, from its ``AppConfig.ready()``, one
:class:`PersonalDataSpec` per model that holds data about a client, saying how the model leads to
``clients.Client`` (``client_path``), which fields it shows in an inzage export and which of them
identify the person or hold free text. A model that is linked to a client but holds no personal
data of that client (a mentor's own record, a group session) is declared with
:func:`declare_not_personal` and a reason. ``privacy`` builds the inzage export from
:func:`specs`; its retention task anonymises from the same registration (``identifying_fields``,
``free_text_fields`` and the optional retention fields below). A test walks every model and
fails for one linked to a client that is in neither list, so a new app cannot forget.

Registration is idempotent: registering the same spec again (a repeated ``ready()``) doubles
nothing; a *different* spec for a model that already has one is a programming error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

# Never shown in an export: technical columns, not data about the person.
TECHNICAL_FIELDS = frozenset({"id", "version", "organisation"})


@dataclass(frozen=True)
class PersonalDataSpec:
    """One model of personal data and how it belongs to a client.

    ``model`` is ``"app_label.ModelName"``. ``client_path`` is the lookup from the model to
    ``clients.Client`` (``"client"``, ``"trajectory__client"``; ``""`` for the client itself).
    ``fields`` lists the fields shown (in that order); empty means every concrete field but the
    technical ones, the first step of ``client_path`` and ``exclude``. ``organisation_path`` is
    the lookup to the owning organisation; empty means the model's ``ScopedQuerySet``
    ``organisation_field`` or, without one, the client's organisation.
    ``identifying_fields`` name the person (BSN, name, address); ``free_text_fields`` may
    hold anything a colleague typed. ``order`` sorts the sections of an export.

    Retention (``privacy.retention``) anonymises the identifying and free-text fields of a due
    client; the optional fields below say more. ``retention_kind`` is the kind of data a rule
    may name: ``"dossier"`` (the default) or ``"justice"`` (detentions and notifications, which
    an organisation may anonymise sooner). ``bsn_fields`` get a placeholder that is never a
    valid BSN, the same for the client and their rows holding the same BSN (so counts that match
    on BSN, such as recidive, stay the same). ``file_fields`` are deleted from storage.
    ``coarsen_date_fields`` are kept at month precision (identifying dates are coarsened
    anyway). ``retention_fields`` are further fields emptied (or reset to their default).
    ``retention_kept_when`` keeps a field a report counts, only on rows where another field has
    a value: ``(("source_note", "source", "partner_referral"),)`` keeps the referring
    partner's name (an organisation), never the note of another source.
    """

    model: str
    client_path: str
    title: Any
    fields: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    identifying_fields: tuple[str, ...] = ()
    free_text_fields: tuple[str, ...] = ()
    organisation_path: str = ""
    order: int = 100
    retention_kind: str = "dossier"
    bsn_fields: tuple[str, ...] = ()
    file_fields: tuple[str, ...] = ()
    coarsen_date_fields: tuple[str, ...] = ()
    retention_fields: tuple[str, ...] = ()
    retention_kept_when: tuple[tuple[str, str, str], ...] = ()

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def shown_fields(self) -> list[models.Field]:
        """The model's fields an export shows, in order."""
        meta = self.model_class()._meta
        if self.fields:
            return [meta.get_field(name) for name in self.fields]
        link = self.client_path.split("__")[0] if self.client_path else ""
        hidden = TECHNICAL_FIELDS | set(self.exclude) | {link}
        return [f for f in meta.concrete_fields if f.name not in hidden]

    def organisation_lookup(self) -> str:
        if self.organisation_path:
            return self.organisation_path
        queryset = self.model_class()._default_manager.all()
        declared = getattr(queryset, "organisation_field", "")
        if declared:
            return declared
        return f"{self.client_path}__organisation" if self.client_path else "organisation"

    def client_lookup(self) -> str:
        return self.client_path or "pk"


@dataclass(frozen=True)
class NotPersonalData:
    """A model linked to clients that holds no personal data of one client, and why."""

    model: str
    reason: Any


_specs: dict[str, PersonalDataSpec] = {}
_not_personal: dict[str, NotPersonalData] = {}


class RegistrationConflict(RuntimeError):
    """A model was registered twice with different specs, or both as personal and not."""


def register(spec: PersonalDataSpec) -> PersonalDataSpec:
    """Add a model of personal data (idempotent)."""
    key = spec.model.lower()
    known = _specs.get(key)
    if known is not None and known != spec:
        raise RegistrationConflict(f"{spec.model} is already registered with another spec")
    if key in _not_personal:
        raise RegistrationConflict(f"{spec.model} is declared as not personal data")
    _specs[key] = spec
    return spec


def declare_not_personal(model: str, *, reason: Any) -> NotPersonalData:
    """Declare a model linked to clients as holding no personal data of one client (idempotent)."""
    key = model.lower()
    if key in _specs:
        raise RegistrationConflict(f"{model} is registered as personal data")
    entry = NotPersonalData(model=model, reason=reason)
    _not_personal.setdefault(key, entry)
    return _not_personal[key]


def specs() -> list[PersonalDataSpec]:
    """Every registered spec, in export order (``order``, then model label)."""
    return sorted(_specs.values(), key=lambda s: (s.order, s.model.lower()))


def spec_for(model: str) -> PersonalDataSpec | None:
    return _specs.get(model.lower())


def not_personal() -> dict[str, NotPersonalData]:
    """The declarations of models that hold no personal data, by lower-case model label."""
    return dict(_not_personal)
