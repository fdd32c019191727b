"""The inzage export (AVG art. 15): everything Terugkeer holds about one client.

Which data belongs to a person is what the apps registered with ``core.personal_data``; this
module reads, for one client, every registered model's rows of the privacy officer's own
organisation, with Dutch field names and values formatted for a reader (dates dd-mm-jjjj, choices
as their labels), what changed when and by whom (django-simple-history, ``inzage_history``), the
attached files by name and date, and who read the dossier when (the access log, pages by their
Dutch title from ``core.page_titles``).

This is a privileged read: the privacy officer reads the client through the policy (the clients
app's reader rule) but no casework; the registered models' rows are read directly for the one
client. The export is open to the privacy officer of the client's own organisation only, and only
for a registered request of kind inzage (:func:`inzage_for_request`); the view writes the access
log. Each registered model costs one query (two with a history, a third with files).
"""

from __future__ import annotations

import datetime
import decimal
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.page_titles import page_title
from terugkeer.core.personal_data import PersonalDataSpec, specs
from terugkeer.core.roles import Role
from terugkeer.privacy import inzage_history
from terugkeer.privacy.choices import RequestKind
from terugkeer.privacy.inzage_history import InzageChange, InzageFile
from terugkeer.privacy.models import SubjectRequest
from terugkeer.privacy.selectors import access_log_for, client_access_log

# The pages that produce the export; their access-log rows are the record that it was made.
EXPORT_PAGES = ("privacy:inzage_pdf", "privacy:inzage_json")


@dataclass(frozen=True)
class InzageField:
    name: str
    label: str


@dataclass(frozen=True)
class InzageRow:
    id: Any
    values: tuple[str, ...]

    def pairs(self, fields: list[InzageField]) -> list[tuple[str, str]]:
        return [(f.label, value) for f, value in zip(fields, self.values, strict=True)]


@dataclass(frozen=True)
class InzageSection:
    """The rows of one registered model about the client."""

    model: str
    title: str
    fields: list[InzageField]
    rows: list[InzageRow]

    def labelled_rows(self) -> list[tuple[Any, list[tuple[str, str]]]]:
        return [(row.id, row.pairs(self.fields)) for row in self.rows]


@dataclass(frozen=True)
class InzageRead:
    """One row of the access log about the client: who read what, when and why."""

    at: str
    user: str
    page: str
    path: str
    purpose: str
    subject: str


@dataclass(frozen=True)
class InzageExport:
    client_id: Any
    client_name: str
    organisation: str
    produced_at: str
    request_id: Any = None
    request_received_on: str = ""
    sections: list[InzageSection] = field(default_factory=list)
    reads: list[InzageRead] = field(default_factory=list)
    changes: list[InzageChange] = field(default_factory=list)
    files: list[InzageFile] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The machine-readable export: Dutch keys, values as in the PDF."""
        return {
            "soort": "inzage-export (art. 15 AVG)",
            "organisatie": self.organisation,
            "aangemaakt_op": self.produced_at,
            "verzoek": {"id": self.request_id, "ontvangen_op": self.request_received_on},
            "client": {"id": self.client_id, "naam": self.client_name},
            "onderdelen": [
                {
                    "gegevens": section.model,
                    "titel": section.title,
                    "velden": [{"naam": f.name, "omschrijving": f.label} for f in section.fields],
                    "rijen": [
                        {
                            "id": row.id,
                            "waarden": dict(
                                zip((f.name for f in section.fields), row.values, strict=True)
                            ),
                        }
                        for row in section.rows
                    ],
                }
                for section in self.sections
            ],
            "wijzigingen": [
                {
                    "tijdstip": change.at,
                    "door": change.user,
                    "onderdeel": change.section,
                    "id": change.object_id,
                    "soort": change.kind,
                    "velden": [
                        {"veld": label, "oud": old, "nieuw": new}
                        for label, old, new in change.changes
                    ],
                }
                for change in self.changes
            ],
            "bijlagen": [
                {
                    "onderdeel": attached.section,
                    "titel": attached.title,
                    "bestandsnaam": attached.name,
                    "datum": attached.date,
                }
                for attached in self.files
            ],
            "toegangslogboek": [
                {
                    "tijdstip": read.at,
                    "gebruiker": read.user,
                    "pagina": read.page,
                    "adres": read.path,
                    "doel": read.purpose,
                    "gegeven": read.subject,
                }
                for read in self.reads
            ],
        }

    def json_bytes(self) -> bytes:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


def format_value(model_field: models.Field, row: models.Model) -> str:
    """A field's value of ``row`` as a reader sees it (Dutch, dates dd-mm-jjjj)."""
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        return "" if related is None else str(related)
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return ""
    if model_field.choices:
        labels = dict(model_field.flatchoices)
        return str(labels.get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, decimal.Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(model_field, models.FileField):
        return value.name or ""
    if isinstance(model_field, models.JSONField):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bytes | memoryview):
        return _("(bestand, %(n)s bytes)") % {"n": len(value)}
    return str(value)


def _related_paths(shown: list[models.Field]) -> list[str]:
    """select_related paths for the shown relations and the relations their names print."""
    paths = []
    for model_field in shown:
        if not model_field.is_relation:
            continue
        paths.append(model_field.name)
        for inner in model_field.related_model._meta.concrete_fields:
            if inner.is_relation and (inner.many_to_one or inner.one_to_one):
                paths.append(f"{model_field.name}__{inner.name}")
    return paths


def section_for(spec: PersonalDataSpec, *, organisation, client) -> InzageSection:
    """One registered model's rows about ``client`` in ``organisation``: one query."""
    model = spec.model_class()
    shown = spec.shown_fields()
    rows = (
        model._default_manager.filter(
            **{spec.organisation_lookup(): organisation, spec.client_lookup(): client.pk}
        )
        .select_related(*_related_paths(shown))
        .order_by("pk")
    )
    return InzageSection(
        model=model._meta.label,
        title=str(spec.title),
        fields=[InzageField(f.name, str(capfirst(f.verbose_name))) for f in shown],
        rows=[InzageRow(row.pk, tuple(format_value(f, row) for f in shown)) for row in rows],
    )


def client_inzage(*, scope: Scope, client, subject_request=None) -> InzageExport:
    """Everything the organisation holds about ``client``, for its privacy officer only."""
    if scope is None or scope.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied(_("Alleen de privacy officer maakt een inzage-export."))
    if client.organisation_id != scope.organisation.pk:
        raise Http404(_("Dit gegeven bestaat niet of u heeft er geen toegang toe."))
    organisation = scope.organisation
    reads = client_access_log(scope=scope, client=client)
    registered = specs()
    return InzageExport(
        client_id=client.pk,
        client_name=str(client),
        organisation=str(organisation),
        produced_at=timezone.localtime().strftime("%d-%m-%Y %H:%M"),
        request_id=subject_request.pk if subject_request else None,
        request_received_on=(
            subject_request.received_on.strftime("%d-%m-%Y") if subject_request else ""
        ),
        sections=[
            section_for(spec, organisation=organisation, client=client) for spec in registered
        ],
        changes=inzage_history.history(
            registered, organisation=organisation, client=client, format_value=format_value
        ),
        files=inzage_history.files(registered, organisation=organisation, client=client),
        reads=[
            InzageRead(
                at=timezone.localtime(entry.created_at).strftime("%d-%m-%Y %H:%M"),
                user=str(entry.user),
                page=page_title(entry.page),
                path=entry.path,
                purpose=entry.purpose,
                subject=entry.subject_label,
            )
            for entry in reads
        ],
    )


def check_inzage_request(subject_request: SubjectRequest) -> None:
    """The export answers a request of kind inzage, nothing else."""
    if subject_request.kind != RequestKind.ACCESS:
        raise PermissionDenied(
            _("Een inzage-export hoort bij een verzoek om inzage; dit is een ander verzoek.")
        )


def inzage_for_request(*, scope: Scope, subject_request: SubjectRequest) -> InzageExport:
    """The export for a registered inzage request (the request already read through the scope)."""
    check_inzage_request(subject_request)
    return client_inzage(
        scope=scope, client=subject_request.client, subject_request=subject_request
    )


@dataclass(frozen=True)
class ExportRecord:
    at: datetime.datetime
    user: str
    format: str


def export_records(*, scope: Scope, subject_request: SubjectRequest) -> list[ExportRecord]:
    """When and by whom the export of this request was made, newest first.

    The record is the export's own row in the access log (written in autocommit, never updated),
    so the request needs no column of its own.
    """
    paths = {reverse(name, args=[subject_request.pk]): name for name in EXPORT_PAGES}
    entries = access_log_for(scope=scope).filter(page__in=EXPORT_PAGES, path__in=list(paths))
    return [
        ExportRecord(at=e.created_at, user=str(e.user), format=e.page.rsplit("_", 1)[1].upper())
        for e in entries
    ]
