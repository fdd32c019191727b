"""The contract between the synthetic dataset (``generate_dataset``) and the apps adding rows.

An app adds rows to the dataset with a module ``<app>/synthetic.py`` defining
``CONTRIBUTOR = Contributor(order=..., ...)``. ``terugkeer.synthetic`` (the top layer) discovers
these modules over INSTALLED_APPS, as ``seed_demo`` discovers ``<app>/demo.py``; a contributor
imports only this module and the apps below it, never ``terugkeer.synthetic``.

The generator writes the spine (organisations, users, clients, detentions, notifications,
trajectories with status history, contacts, triage, snapshots, plan) and calls the hooks of every
contributor, in ``order``:

- ``reference(context)``: once, before anything is written (load instruments, catalogues; keep
  what you need in ``context.state[<your app label>]``);
- ``organisation(context, plan)``: once per organisation, after its users are written; ``plan`` has
  ``organisation``, ``municipalities``, ``coordinators``, ``trajectories`` and ``clients``;
- ``trajectory(context, life)``: once per trajectory, right after the spine drew it, returning
  rows not yet written (anything; it comes back in ``chunk``);
- ``chunk(context, lives, pending)``: after the spine wrote a chunk of trajectories (all of them
  have primary keys); ``pending[i]`` is what ``trajectory`` returned for ``lives[i]`` (None
  without a ``trajectory`` hook). Write with
  ``context.write(objects)``, which bulk-inserts (COPY on PostgreSQL) and records the table's
  rows and seconds in the report;
- ``digest()``: extra querysets of ``values_list`` rows for ``dataset_digest`` (order them by what
  the seed decides, never by primary key).

The same seed and ``today`` must give the same dataset, also when an app is added: draw from
``context.rng_for("<app label>")`` (a generator of your own, seeded with the run's seed), never from
``context.rng``, the spine's, where every extra draw shifts all rows after it. ``assessments`` is
the one exception: its ZRM draws were interleaved with the spine's before contributors existed,
so its ``trajectory`` hook keeps drawing from ``context.rng`` at that same point.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Model
from django.db.models.base import ModelState


class ScaleLike(Protocol):
    """The size of the dataset (``terugkeer.synthetic.scale.Scale``)."""

    name: str
    notifications: int  # = detentions = trajectories
    clients: int
    organisations: int
    municipalities: int
    largest_share: float
    contacts: int
    measurements: int
    years: int


@dataclass
class SyntheticContext:
    """What every hook receives: one per run, shared by the spine and all contributors."""

    seed: int
    today: datetime.date
    scale: ScaleLike
    rng: random.Random
    write: Callable[..., None]  # write(objects, *, label=None): bulk insert and time the table
    state: dict[str, Any] = field(default_factory=dict)  # per contributor, by app label
    _rngs: dict[str, random.Random] = field(default_factory=dict, repr=False)

    def rng_for(self, label: str) -> random.Random:
        """The contributor's own random generator: adding an app never changes the others' rows."""
        if label not in self._rngs:
            self._rngs[label] = random.Random(f"{self.seed}:{label}")  # noqa: S311 (synthetic)
        return self._rngs[label]


@dataclass
class TrajectoryLife:
    """One generated trajectory as the spine walked it through the workflow (dates or None)."""

    trajectory: Model
    client: Model
    detention: Model
    notification: Model
    worker: Model  # the coordinator, or the organisation's first one: who registers its rows
    limit: datetime.date  # the last day this trajectory can have data (today, or before the next)
    end: datetime.date  # closed_on or limit
    first_contact_on: datetime.date | None
    intake_on: datetime.date | None
    plan_on: datetime.date | None
    released_on: datetime.date | None
    closed_on: datetime.date | None
    triage: dict[int, str]  # final triage status per domain primary key (after intake)
    rows: dict[type, list[Model]] = field(default_factory=dict)  # the spine's rows, by model


@dataclass(frozen=True)
class Contributor:
    """The hooks an app's ``synthetic.py`` offers; every hook is optional (see the module doc)."""

    order: int  # contributors run in this order (ties in INSTALLED_APPS order)
    reference: Callable[[SyntheticContext], None] | None = None
    organisation: Callable[[SyntheticContext, Any], None] | None = None
    trajectory: Callable[[SyntheticContext, TrajectoryLife], Any] | None = None
    chunk: Callable[[SyntheticContext, list[TrajectoryLife], list[Any]], None] | None = None
    digest: Callable[[], Iterable[Iterable[tuple]]] | None = None


_BUILD_PLANS: dict[type, tuple[dict, list, dict]] = {}


def build(model: type[Model], **values) -> Model:
    """A model instance without ``Model.__init__`` (which cost most of the generation time).

    Same attributes as the constructor would set: every field's default, then ``values``; a
    related instance (saved or not yet) is kept in the field cache as the constructor does, so
    ``bulk_create`` and the COPY writer both read its primary key once it has one.
    """
    if model not in _BUILD_PLANS:
        fields = model._meta.concrete_fields
        # Callable defaults (dict, list, now) are called per instance; the others are constants.
        dynamic = [(f.attname, f.get_default) for f in fields if callable(f.default)]
        constant = {f.attname: f.get_default() for f in fields if not callable(f.default)}
        relations = {f.name: f.attname for f in fields if f.is_relation}
        _BUILD_PLANS[model] = (constant, dynamic, relations)
    constant, dynamic, relations = _BUILD_PLANS[model]
    data = dict(constant)
    for attname, get in dynamic:
        data[attname] = get()
    state = ModelState()
    for name, value in values.items():
        attname = relations.get(name)
        if attname is None:
            data[name] = value
        elif isinstance(value, Model):
            state.fields_cache[name] = value
            data[attname] = value.pk
        else:
            data[attname] = value
    obj = model.__new__(model)
    obj.__dict__.update(data)
    obj._state = state
    return obj
