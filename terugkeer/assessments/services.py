"""Writes: ZRM measurements, questionnaire responses and the assessment settings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.assessments.choices import InstrumentKind, ItemKind, ResponseMode
from terugkeer.assessments.models import (
    Answer,
    AssessmentSettings,
    DomainScore,
    Instrument,
    Item,
    Measurement,
    QuestionnaireResponse,
)
from terugkeer.cases.models import Trajectory
from terugkeer.core.locking import save_versioned


@dataclass(frozen=True)
class ScoreInput:
    """What the worker entered for one domain: a score 1–5 or None (niet gescoord), and a note."""

    score: int | None
    note: str = ""


def score_field_name(item: Item) -> str:
    return f"score_{item.pk}"


def _domains(instrument: Instrument, organisation: Organisation) -> dict[int, Item]:
    return {
        item.pk: item
        for item in instrument.items.for_organisation(organisation).order_by("position", "pk")
    }


def _validate_scores(
    *, instrument: Instrument, organisation: Organisation, scores: dict[int, ScoreInput]
) -> dict[int, Item]:
    domains = _domains(instrument, organisation)
    errors: dict[str, list[str]] = {}
    unknown = set(scores) - set(domains)
    if unknown:
        raise ValidationError(_("Er is een score opgegeven voor een onbekend domein."))
    allowed = instrument.scale_values
    for pk, entry in scores.items():
        if entry.score is not None and entry.score not in allowed:
            errors.setdefault(f"score_{pk}", []).append(
                _(
                    "De score voor %(domain)s moet tussen %(low)s en %(high)s liggen, of "
                    "'niet gescoord' zijn; %(value)s kan niet."
                )
                % {
                    "domain": domains[pk].text,
                    "low": min(allowed),
                    "high": max(allowed),
                    "value": entry.score,
                }
            )
    if errors:
        raise ValidationError(errors)
    return domains


def _write_scores(
    measurement: Measurement, domains: dict[int, Item], scores: dict[int, ScoreInput]
) -> None:
    existing = {score.item_id: score for score in measurement.scores.all()}
    for pk in domains:
        entry = scores.get(pk, ScoreInput(score=None))
        note = entry.note.strip()[:500]
        current = existing.get(pk)
        if current is None:
            DomainScore.objects.create(
                measurement=measurement, item_id=pk, score=entry.score, note=note
            )
        elif (current.score, current.note) != (entry.score, note):
            current.score, current.note = entry.score, note
            current.save()  # through the model, so django-simple-history records old → new


@transaction.atomic
def measurement_create(
    *,
    trajectory: Trajectory,
    instrument: Instrument,
    kind: str,
    measured_on: datetime.date,
    scored_by: User,
    note: str = "",
    scores: dict[int, ScoreInput],
) -> Measurement:
    """Record a ZRM measurement with a score (or 'niet gescoord') for every domain."""
    if instrument.kind != InstrumentKind.MATRIX:
        raise ValidationError(_("Dit instrument is geen matrix."))
    domains = _validate_scores(
        instrument=instrument, organisation=trajectory.organisation, scores=scores
    )
    measurement = Measurement(
        organisation=trajectory.organisation,
        trajectory=trajectory,
        instrument=instrument,
        kind=kind,
        measured_on=measured_on,
        scored_by=scored_by,
        note=note,
    )
    measurement.full_clean()
    measurement.save()
    _write_scores(measurement, domains, scores)
    return measurement


@transaction.atomic
def measurement_update(
    *,
    measurement: Measurement,
    expected_version: int,
    kind: str,
    measured_on: datetime.date,
    scored_by: User,
    note: str = "",
    scores: dict[int, ScoreInput],
) -> Measurement:
    """Change a measurement; refused (StaleObjectError) if a colleague saved it in the meantime."""
    domains = _validate_scores(
        instrument=measurement.instrument, organisation=measurement.organisation, scores=scores
    )
    updated = save_versioned(
        measurement,
        expected_version=expected_version,
        changes={"kind": kind, "measured_on": measured_on, "scored_by": scored_by, "note": note},
    )
    _write_scores(updated, domains, scores)
    return updated


def _answer_value(item: Item, raw: object) -> tuple[int | None, str]:
    """Normalise one raw answer into (value, text); None and "" mean unanswered / n.v.t."""
    if raw in (None, ""):
        return None, ""
    if item.kind in (ItemKind.OPEN, ItemKind.CHOICE):
        text = str(raw).strip()
        if item.kind == ItemKind.CHOICE and text not in item.choices:
            raise ValidationError({f"answer_{item.pk}": _("Kies een van de opties.")})
        return None, text
    try:
        value = int(raw)
    except (TypeError, ValueError) as exc:
        raise ValidationError({f"answer_{item.pk}": _("Vul een getal in.")}) from exc
    if item.kind == ItemKind.GRADE and not 1 <= value <= 10:
        raise ValidationError({f"answer_{item.pk}": _("Het rapportcijfer ligt tussen 1 en 10.")})
    if item.kind == ItemKind.SCALE and value not in item.instrument.scale_values:
        raise ValidationError(
            {f"answer_{item.pk}": _("Kies een antwoord van de schaal bij '%s'.") % item.text}
        )
    if item.kind == ItemKind.NUMBER and not 0 <= value <= 130:
        raise ValidationError({f"answer_{item.pk}": _("Vul een getal tussen 0 en 130 in.")})
    return value, ""


@transaction.atomic
def questionnaire_response_record(
    *,
    trajectory: Trajectory,
    instrument: Instrument,
    answered_on: datetime.date,
    mode: str,
    recorded_by: User,
    answers: dict[int, object],
) -> QuestionnaireResponse:
    """Record a client's questionnaire; unanswered items (and n.v.t.) get no answer row."""
    if instrument.kind != InstrumentKind.QUESTIONNAIRE:
        raise ValidationError(_("Dit instrument is geen vragenlijst."))
    if mode not in ResponseMode.values:
        raise ValidationError(_("Onbekende manier van invullen."))
    items = {item.pk: item for item in instrument.items.select_related("instrument")}
    if set(answers) - set(items):
        raise ValidationError(_("Er is een antwoord opgegeven op een onbekende vraag."))
    normalised = {pk: _answer_value(items[pk], raw) for pk, raw in answers.items()}
    response = QuestionnaireResponse.objects.create(
        organisation=trajectory.organisation,
        trajectory=trajectory,
        instrument=instrument,
        answered_on=answered_on,
        mode=mode,
        recorded_by=recorded_by,
    )
    for pk, (value, text) in normalised.items():
        if value is not None or text:
            Answer.objects.create(response=response, item_id=pk, value=value, text=text)
    return response


@transaction.atomic
def assessment_settings_update(
    *, organisation: Organisation, zrm_followup_months: int
) -> AssessmentSettings:
    settings, _created = AssessmentSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    settings.zrm_followup_months = zrm_followup_months
    settings.full_clean()
    settings.save()
    return settings
