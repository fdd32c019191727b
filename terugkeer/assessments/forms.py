"""Forms: the one-screen ZRM measurement and the questionnaire entry."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.assessments.choices import ItemKind, MeasurementKind, ResponseMode
from terugkeer.assessments.models import Instrument, Item, Measurement
from terugkeer.assessments.selectors import personalised
from terugkeer.assessments.services import ScoreInput
from terugkeer.core.forms import (
    VERSION_FIELD,
    DateInput,
    OneTimeFormMixin,
    VersionedForm,
    issue_form_token,
)

NOT_SCORED = ""


def _optional_int(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


@dataclass
class DomainRow:
    item: Item
    levels: list[tuple[forms.BoundField, str]]  # (radio, level description); "niet gescoord" last
    score: forms.BoundField
    note: forms.BoundField
    previous: str = ""  # the latest earlier measurement's score, as shown ("3", "niet gescoord")


class MeasurementForm(VersionedForm):
    """Header fields plus, per domain, a score (radio 1–5 or niet gescoord) and a short note.

    Correcting a measurement carries its version; entering a new one (``versioned=False``) a
    one-time token instead.
    """

    measured_on = forms.DateField(label=_("Datum van de meting"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Soort meting"), choices=MeasurementKind.choices)
    scored_by = forms.ModelChoiceField(
        label=_("Samen met de cliënt gescoord door"), queryset=None, empty_label=None
    )
    note = forms.CharField(
        label=_("Toelichting bij de meting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_early = forms.BooleanField(
        label=_("Toch opslaan: de 1-meting valt eerder dan de termijn van de organisatie"),
        required=False,
    )

    def __init__(
        self,
        *args,
        instrument: Instrument,
        domains: list[Item],
        workers,
        versioned: bool = True,
        previous=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.previous = previous  # selectors.PreviousMeasurement or None
        if not versioned:
            del self.fields[VERSION_FIELD]
            issue_form_token(self)
        self.instrument = instrument
        self.domains = domains
        self.fields["scored_by"].queryset = workers
        low, high = min(instrument.scale_values), max(instrument.scale_values)
        choices = [(str(v), f"{v} {label}") for v, label in instrument.scale]
        choices.append((NOT_SCORED, instrument.not_scored_label))
        for item in domains:
            message = _(
                "De score voor %(domain)s moet tussen %(low)s en %(high)s liggen, of 'niet "
                "gescoord' zijn."
            ) % {"domain": item.text, "low": low, "high": high}
            self.fields[f"score_{item.pk}"] = forms.TypedChoiceField(
                label=item.text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": message},
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Toelichting %(domain)s") % {"domain": item.text},
                required=False,
                max_length=500,
            )
            if not self.is_bound:
                self.initial.setdefault(f"score_{item.pk}", NOT_SCORED)

    @classmethod
    def initial_for(cls, measurement: Measurement) -> dict:
        initial = {
            "measured_on": measurement.measured_on,
            "kind": measurement.kind,
            "scored_by": measurement.scored_by_id,
            "note": measurement.note,
            "version": measurement.version,
        }
        for score in measurement.scores.all():
            initial[f"score_{score.item_id}"] = "" if score.score is None else str(score.score)
            initial[f"note_{score.item_id}"] = score.note
        return initial

    def rows(self) -> list[DomainRow]:
        rows = []
        for item in self.domains:
            score = self[f"score_{item.pk}"]
            radios = list(score)
            descriptions = [item.levels.get(str(v), "") for v, _label in self.instrument.scale]
            descriptions.append("")
            rows.append(
                DomainRow(
                    item,
                    list(zip(radios, descriptions, strict=True)),
                    score,
                    self[f"note_{item.pk}"],
                    previous=self._previous_label(item),
                )
            )
        return rows

    def _previous_label(self, item: Item) -> str:
        if self.previous is None or item.pk not in self.previous.scores:
            return ""
        value = self.previous.scores[item.pk]
        return str(self.instrument.not_scored_label) if value is None else str(value)

    def scores(self) -> dict[int, ScoreInput]:
        return {
            item.pk: ScoreInput(
                score=self.cleaned_data.get(f"score_{item.pk}"),
                note=self.cleaned_data.get(f"note_{item.pk}", ""),
            )
            for item in self.domains
        }


class QuestionnaireForm(OneTimeFormMixin, forms.Form):
    """All items of a questionnaire on one page, in its sections."""

    answered_on = forms.DateField(
        label=_("Ingevuld op"),
        widget=DateInput(),
        initial=timezone.localdate,
    )
    mode = forms.ChoiceField(
        label=_("Hoe is de vragenlijst ingevuld?"),
        choices=ResponseMode.choices,
        widget=forms.RadioSelect,
        initial=ResponseMode.PAPER,
    )

    def __init__(self, *args, instrument: Instrument, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.organisation = organisation  # {organisatie} in the texts becomes its name
        self.sections = []
        for section in instrument.sections.prefetch_related("items"):
            names = []
            for item in section.items.all():
                name = f"answer_{item.pk}"
                self.fields[name] = self._field_for(item)
                names.append(name)
            self.sections.append((section, names))

    def _field_for(self, item: Item) -> forms.Field:
        skip = (NOT_SCORED, self.instrument.not_scored_label)
        label = personalised(item.text, self.organisation)
        if item.kind == ItemKind.SCALE:
            choices = [(str(v), label) for v, label in self.instrument.scale] + [skip]
        elif item.kind == ItemKind.GRADE:
            choices = [(str(v), str(v)) for v in range(1, 11)] + [(NOT_SCORED, _("Geen cijfer"))]
        elif item.kind == ItemKind.CHOICE:
            choices = [(c, c) for c in item.choices] + [(NOT_SCORED, _("Niet ingevuld"))]
        elif item.kind == ItemKind.NUMBER:
            return forms.IntegerField(label=label, required=False, min_value=0, max_value=130)
        else:
            return forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        return forms.ChoiceField(
            label=label,
            choices=choices,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "answer-scale"}),
            initial=NOT_SCORED,
        )

    def grouped(self):
        return [(section, [self[name] for name in names]) for section, names in self.sections]

    def answers(self) -> dict[int, object]:
        return {
            int(name.removeprefix("answer_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }
