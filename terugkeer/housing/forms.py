"""Forms of the housing pages: input only; the rules are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import DateInput, OneTimeFormMixin, VersionedForm, VersionedModelForm
from terugkeer.housing.choices import AllocationOutcome, LeavingReason, TestResult
from terugkeer.housing.models import HousingUnit
from terugkeer.housing.services import UNIT_EDITABLE_FIELDS

DATE_INPUT = DateInput()
TEXT_AREA = forms.Textarea(attrs={"rows": 3})


class UnitForm(VersionedModelForm):
    """A house; the ``version`` (0 for a new one) guards an edit."""

    class Meta:
        model = HousingUnit
        fields = UNIT_EDITABLE_FIELDS
        widgets = {"house_rules": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk:
            self.initial["version"] = 0


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.residents} van {unit.capacity} plaatsen bezet)"


class MoveInForm(OneTimeFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Woning"), queryset=HousingUnit.objects.none())
    moved_in_on = forms.DateField(label=_("Datum intrekken"), widget=DATE_INPUT)
    planned_end = forms.DateField(label=_("Geplande einddatum"), widget=DATE_INPUT, required=False)
    house_rules_signed = forms.BooleanField(
        label=_("De bewoner heeft de huisregels getekend"), required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StayEndForm(VersionedForm):
    ended_on = forms.DateField(label=_("Datum vertrek"), widget=DATE_INPUT)
    leaving_reason = forms.ChoiceField(label=_("Reden van vertrek"), choices=LeavingReason.choices)
    leaving_note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class CheckForm(OneTimeFormMixin, forms.Form):
    checked_on = forms.DateField(label=_("Datum controle"), widget=DATE_INPUT)
    urine_test = forms.ChoiceField(label=_("Urinetest"), choices=TestResult.choices)
    alcohol_test = forms.ChoiceField(label=_("Alcoholtest"), choices=TestResult.choices)
    support_note = forms.CharField(label=_("Woonbegeleiding"), widget=TEXT_AREA, required=False)
    incidents = forms.CharField(label=_("Incidenten"), widget=TEXT_AREA, required=False)


class AllocationForm(OneTimeFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Woning"), queryset=HousingUnit.objects.none())
    corporation = forms.CharField(label=_("Woningcorporatie"), max_length=150)
    started_on = forms.DateField(label=_("Start huur"), widget=DATE_INPUT)
    conditions = forms.CharField(label=_("Voorwaarden"), widget=TEXT_AREA, required=False)
    treatment_plan = forms.CharField(
        label=_("Behandelplan Indicatieteam"), widget=TEXT_AREA, required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AllocationOutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=AllocationOutcome.choices)
    decided_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    next_evaluation_on = forms.DateField(
        label=_("Nieuwe evaluatiedatum (bij verlengen)"), widget=DATE_INPUT, required=False
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
