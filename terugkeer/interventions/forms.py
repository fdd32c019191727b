"""Forms of the interventions pages: input only; the rules are in the services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import DateInput, OneTimeFormMixin, VersionedForm, VersionedModelForm
from terugkeer.interventions.choices import LoanDecision, RequestStatus
from terugkeer.interventions.models import BudgetLine, InterventionRequest, InterventionType
from terugkeer.interventions.services import REQUEST_FIELDS
from terugkeer.interventions.services_reference import LINE_FIELDS, TYPE_FIELDS, by_project_label

DATE_INPUT = DateInput()
TEXT_AREA = forms.Textarea(attrs={"rows": 3})
AMOUNT = {"max_digits": 10, "decimal_places": 2, "localize": True}

REQUEST_WIDGETS = {
    "detention_start": DATE_INPUT,
    "detention_end": DATE_INPUT,
    "loan_until": DATE_INPUT,
    **{
        name: TEXT_AREA
        for name in (
            "care_need",
            "particulars",
            "partners_involved",
            "situation",
            "guidance_given",
            "measure",
            "reason",
            "obstacles",
            "cost_without_solution",
            "cost_of_solution",
            "client_wish",
        )
    },
}


class _RequestFields:
    def limit_types(self, types) -> None:
        self.fields["intervention_type"].queryset = types


class RequestCreateForm(_RequestFields, OneTimeFormMixin, forms.ModelForm):
    """Bijlage 1 for a new request; the casuïstiek block comes pre-filled from the dossier."""

    class Meta:
        model = InterventionRequest
        fields = REQUEST_FIELDS
        widgets = REQUEST_WIDGETS
        localized_fields = ("amount",)

    def __init__(self, *args, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_types(types)


class RequestEditForm(_RequestFields, VersionedModelForm):
    class Meta:
        model = InterventionRequest
        fields = REQUEST_FIELDS
        widgets = REQUEST_WIDGETS
        localized_fields = ("amount",)

    def __init__(self, *args, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_types(types)


class ConfirmForm(VersionedForm):
    """A button on a row opened at a version (sign and submit, a new version)."""


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            ("goedkeuren", _("Goedkeuren (ondertekenen als collega)")),
            ("afwijzen", _("Afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting (verplicht bij afwijzen)"), widget=TEXT_AREA, required=False
    )


class TransitionForm(VersionedForm):
    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[
            (RequestStatus.RUNNING, _("lopend")),
            (RequestStatus.COMPLETED, _("afgerond")),
            (RequestStatus.WITHDRAWN, _("ingetrokken")),
        ],
    )
    reason = forms.CharField(
        label=_("Reden (verplicht bij intrekken)"), widget=TEXT_AREA, required=False
    )


class LoanDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Besluit over de lening"), choices=LoanDecision.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Datum besluit"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Toelichting (verplicht bij terugvorderen)"), widget=TEXT_AREA, required=False
    )


class ConditionForm(OneTimeFormMixin, forms.Form):
    description = forms.CharField(label=_("Voorwaarde"), max_length=300)
    check_on = forms.DateField(label=_("Controleren op"), widget=DATE_INPUT)


class ConditionCheckForm(VersionedForm):
    met = forms.TypedChoiceField(
        label=_("Nagekomen?"),
        choices=[("ja", _("ja")), ("nee", _("nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Gecontroleerd op"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Toelichting"), widget=TEXT_AREA, required=False)


class PaymentForm(OneTimeFormMixin, forms.Form):
    amount = forms.DecimalField(label=_("Bedrag (EUR)"), min_value=0, **AMOUNT)
    paid_on = forms.DateField(label=_("Betaald op"), widget=DATE_INPUT)
    cost_line = forms.ModelChoiceField(
        label=_("Kostenpost"), queryset=BudgetLine.objects.none(), required=False
    )
    payee = forms.CharField(label=_("Betaald aan"), max_length=200, required=False)
    note = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)

    def __init__(self, *args, cost_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_line"].queryset = cost_lines


class GiftForm(OneTimeFormMixin, forms.Form):
    amount = forms.DecimalField(label=_("Bedrag (EUR, ten hoogste € 750)"), min_value=0, **AMOUNT)
    need = forms.CharField(label=_("Acute financiële nood"), widget=TEXT_AREA)
    no_legal_provision = forms.CharField(
        label=_("Waarom helpt geen wettelijke voorziening (nog)?"), widget=TEXT_AREA
    )


class GiftPayForm(VersionedForm):
    paid_on = forms.DateField(label=_("Uitbetaald op"), widget=DATE_INPUT)
    cost_line = forms.ModelChoiceField(
        label=_("Kostenpost"), queryset=BudgetLine.objects.none(), required=False
    )

    def __init__(self, *args, cost_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_line"].queryset = cost_lines


class TypeCreateForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = InterventionType
        fields = TYPE_FIELDS
        widgets = {"description": TEXT_AREA}


class TypeEditForm(VersionedModelForm):
    class Meta:
        model = InterventionType
        fields = TYPE_FIELDS
        widgets = {"description": TEXT_AREA}


class _ByProjectFields:
    """One amount per programme for the hand-made realisation, only when the organisation runs
    more than one (Kocon's Nazorg and Re-integratie); ``by_project()`` hands them to the service."""

    def add_project_fields(self, programmes) -> None:
        self.project_codes = [code for code, _name in programmes] if len(programmes) > 1 else []
        stored = self.instance.manual_realisation_by_project if self.instance.pk else {}
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name != "manual_realisation":
                continue
            for code, label in programmes if self.project_codes else ():
                fields[f"realisation_{code}"] = forms.DecimalField(
                    label=by_project_label(label),
                    required=False,
                    initial=Decimal(stored[code]) if code in stored else None,
                    **AMOUNT,
                )
        self.fields = fields

    def by_project(self) -> dict | None:
        """Per programme code the amount entered (empty fields left out); None without fields."""
        if not self.project_codes:
            return None
        values = {code: self.cleaned_data.get(f"realisation_{code}") for code in self.project_codes}
        return {code: value for code, value in values.items() if value is not None}


class BudgetLineCreateForm(_ByProjectFields, OneTimeFormMixin, forms.ModelForm):
    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_project_fields(list(programmes))

    class Meta:
        model = BudgetLine
        fields = LINE_FIELDS
        localized_fields = ("budget_amount", "budget_fte", "manual_realisation", "realised_fte")


class BudgetLineEditForm(_ByProjectFields, VersionedModelForm):
    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_project_fields(list(programmes))

    class Meta:
        model = BudgetLine
        fields = LINE_FIELDS
        localized_fields = ("budget_amount", "budget_fte", "manual_realisation", "realised_fte")
