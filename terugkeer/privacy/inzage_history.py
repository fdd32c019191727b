"""The inzage export's history and attachments: what changed when and by whom, and which files.

For every registered model (``core.personal_data``) that django-simple-history versions, the
historical rows of the client's rows in the organisation (also of rows deleted since) become
changes: created, changed (each shown field with its old and new value) or deleted, with the
moment and the user. For every registered model with a ``FileField``, the client's files are
listed by name and date (the files themselves are not in the export). One query per model.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.core.personal_data import PersonalDataSpec

KINDS = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}


@dataclass(frozen=True)
class InzageChange:
    """One version of one row: who made it when, and which shown fields changed (old → new)."""

    at: str
    user: str
    section: str
    object_id: Any
    kind: str
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class InzageFile:
    """One attached file: in which part of the dossier, its name and the date it was added."""

    section: str
    title: str
    name: str
    date: str


def _historical_model(model: type[models.Model]) -> type[models.Model] | None:
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    if not attribute:
        return None
    return getattr(model, attribute).model


def _value(format_value, model_field, row) -> str:
    try:
        return format_value(model_field, row)
    except ObjectDoesNotExist:  # a related row deleted since
        return _("(verwijderd)")


def _user(record) -> str:
    return str(record.history_user) if record.history_user_id else _("(systeem)")


def changes_for(
    spec: PersonalDataSpec, *, organisation, client, format_value
) -> list[tuple[datetime.datetime, InzageChange]]:
    """The versions of the client's rows of ``spec``'s model, oldest first (with their moment)."""
    historical = _historical_model(spec.model_class())
    if historical is None:
        return []
    names = {f.name for f in historical._meta.concrete_fields}
    shown = [f for f in spec.shown_fields() if f.name in names]
    client_lookup = spec.client_path or "id"
    related = [f.name for f in shown if f.is_relation]
    records = (
        historical._default_manager.filter(
            **{spec.organisation_lookup(): organisation, client_lookup: client.pk}
        )
        .select_related("history_user", *related)
        .order_by("id", "history_date", "history_id")
    )
    found = []
    previous: dict[Any, tuple[str, ...]] = {}
    title = str(spec.title)
    for record in records:
        values = tuple(_value(format_value, f, record) for f in shown)
        before = previous.get(record.id)
        previous[record.id] = values
        changed: tuple[tuple[str, str, str], ...] = ()
        if record.history_type == "~" and before is not None:
            changed = tuple(
                (str(capfirst(f.verbose_name)), old, new)
                for f, old, new in zip(shown, before, values, strict=True)
                if old != new
            )
            if not changed:
                continue  # a version that changed nothing a reader can see (e.g. a counter)
        found.append(
            (
                record.history_date,
                InzageChange(
                    at=timezone.localtime(record.history_date).strftime("%d-%m-%Y %H:%M"),
                    user=_user(record),
                    section=title,
                    object_id=record.id,
                    kind=str(KINDS.get(record.history_type, record.history_type)),
                    changes=changed,
                ),
            )
        )
    return found


def history(specs: list[PersonalDataSpec], *, organisation, client, format_value):
    """Every registered model's changes of the client, in the order they were made."""
    found = []
    for spec in specs:
        found.extend(
            changes_for(spec, organisation=organisation, client=client, format_value=format_value)
        )
    found.sort(key=lambda pair: (pair[0], pair[1].section, str(pair[1].object_id)))
    return [change for _moment, change in found]


def files(specs: list[PersonalDataSpec], *, organisation, client) -> list[InzageFile]:
    """The client's attached files of every registered model with a ``FileField``: the name
    (the name it was uploaded under, where the model keeps it) and the date it was added."""
    found = []
    for spec in specs:
        model = spec.model_class()
        meta = model._meta
        file_fields = [f for f in meta.concrete_fields if isinstance(f, models.FileField)]
        if not file_fields:
            continue
        names = {f.name for f in meta.concrete_fields}
        rows = model._default_manager.filter(
            **{spec.organisation_lookup(): organisation, spec.client_lookup(): client.pk}
        ).order_by("pk")
        for row in rows:
            added = getattr(row, "created_at", None) if "created_at" in names else None
            for file_field in file_fields:
                stored = getattr(row, file_field.attname)
                if not stored:
                    continue
                shown_name = getattr(row, "original_name", "") if "original_name" in names else ""
                found.append(
                    InzageFile(
                        section=str(spec.title),
                        title=str(row),
                        name=shown_name or os.path.basename(str(stored)),
                        date=timezone.localtime(added).strftime("%d-%m-%Y") if added else "",
                    )
                )
    return found
