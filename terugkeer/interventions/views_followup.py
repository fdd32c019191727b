"""Casework pages after approval: conditions, payments, the loan decision, Noodfonds gifts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.core.access import Action
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.interventions import selectors, services_followup, services_gifts
from terugkeer.interventions.access import FOLLOW_UP
from terugkeer.interventions.forms import (
    ConditionCheckForm,
    ConditionForm,
    DecisionForm,
    GiftForm,
    GiftPayForm,
    LoanDecisionForm,
    PaymentForm,
)
from terugkeer.interventions.views_common import invalid
from terugkeer.interventions.views_requests import FORM_TEMPLATE, _RequestFormView


class ConditionAddView(_RequestFormView):
    form_class = ConditionForm
    page_title = gettext_lazy("Voorwaarde toevoegen")
    success_message = gettext_lazy("De voorwaarde is toegevoegd.")

    def get_initial(self):
        return {}

    def run(self, data):
        return services_followup.condition_add(
            scope=self.request.scope,
            request=self.item,
            description=data["description"],
            check_on=data["check_on"],
        )


class ConditionCheckView(_RequestFormView):
    form_class = ConditionCheckForm
    lookup = staticmethod(selectors.condition_for)
    action = FOLLOW_UP  # also after the trajectory closed (``access.FOLLOW_UP``)
    pk_kwarg = "condition_pk"
    page_title = gettext_lazy("Voorwaarde controleren")
    success_message = gettext_lazy("De controle is vastgelegd.")

    def get_initial(self):
        return {"version": self.item.version, "on": timezone.localdate()}

    def request_pk(self, result) -> int:
        return self.item.request_id

    def run(self, data):
        return services_followup.condition_check(
            scope=self.request.scope,
            condition=self.item,
            expected_version=data["version"],
            met=data["met"],
            note=data["note"],
            on=data["on"],
        )


class PaymentCreateView(_RequestFormView):
    form_class = PaymentForm
    page_title = gettext_lazy("Betaling vastleggen")
    success_message = gettext_lazy("De betaling is vastgelegd; hij staat op de klantreis.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "cost_lines": selectors.cost_lines(scope=self.request.scope)
        }

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def run(self, data):
        return services_followup.payment_register(
            scope=self.request.scope,
            request=self.item,
            amount=data["amount"],
            paid_on=data["paid_on"],
            cost_line=data["cost_line"],
            payee=data["payee"],
            note=data["note"],
        )


class LoanDecideView(_RequestFormView):
    form_class = LoanDecisionForm
    action = Action.APPROVE
    page_title = gettext_lazy("Besluit over de lening: kwijtschelden of terugvorderen")
    submit_label = gettext_lazy("Besluit vastleggen")
    success_message = gettext_lazy("Het besluit over de lening is vastgelegd.")

    def get_initial(self):
        return {"version": self.item.version, "on": timezone.localdate()}

    def run(self, data):
        return services_followup.loan_decide(
            scope=self.request.scope,
            request_pk=self.item.pk,
            decision=data["decision"],
            note=data["note"],
            on=data["on"],
            expected_version=data["version"],
        )


class GiftCreateView(DossierTabMixin, FormView):
    template_name = FORM_TEMPLATE
    form_class = GiftForm
    tab_name = "interventions:trajectory"
    writes = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Gift uit het Noodfonds aanvragen"),
            intro=_(
                "Een eenmalige gift van ten hoogste € 750 aan een inwoner in acute financiële "
                "nood, als geen wettelijke voorziening (nog) kan helpen. Het Noodfonds verstrekt "
                "geen leningen. Een collega keurt de gift goed."
            ),
            submit_label=_("Gift aanvragen"),
            **kwargs,
        )

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        try:
            with once_per_token(form, user=self.request.user):
                services_gifts.gift_request(
                    scope=self.request.scope,
                    trajectory=trajectory,
                    amount=form.cleaned_data["amount"],
                    need=form.cleaned_data["need"],
                    no_legal_provision=form.cleaned_data["no_legal_provision"],
                )
        except (ValidationError, DuplicateSubmission) as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De gift is aangevraagd; een collega beoordeelt hem."))
        return redirect("interventions:trajectory", trajectory_pk=trajectory.pk)


class _GiftFormView(_RequestFormView):
    lookup = staticmethod(selectors.gift_for)
    pk_kwarg = "gift_pk"
    purpose = gettext_lazy("gift Noodfonds bekijken")

    def get_context_data(self, **kwargs):
        return super().get_context_data(gift=self.item, **kwargs)

    def form_valid(self, form):
        try:
            self.run(form.cleaned_data)
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, str(self.success_message))
        return redirect("interventions:trajectory", trajectory_pk=self.item.trajectory_id)


class GiftDecideView(_GiftFormView):
    form_class = DecisionForm
    action = Action.APPROVE
    page_title = gettext_lazy("Gift uit het Noodfonds beoordelen (tweede handtekening)")
    submit_label = gettext_lazy("Besluit vastleggen")
    success_message = gettext_lazy("Uw besluit over de gift is vastgelegd.")

    def run(self, data):
        return services_gifts.gift_decide(
            scope=self.request.scope,
            gift_pk=self.item.pk,
            approve=data["decision"] == "goedkeuren",
            note=data["note"],
            expected_version=data["version"],
        )


class GiftPayView(_GiftFormView):
    form_class = GiftPayForm
    page_title = gettext_lazy("Uitbetaling van de gift vastleggen")
    success_message = gettext_lazy("De uitbetaling is vastgelegd.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "cost_lines": selectors.cost_lines(scope=self.request.scope)
        }

    def get_initial(self):
        return {"version": self.item.version, "paid_on": timezone.localdate()}

    def run(self, data):
        return services_gifts.gift_pay(
            scope=self.request.scope,
            gift=self.item,
            expected_version=data["version"],
            paid_on=data["paid_on"],
            cost_line=data["cost_line"],
        )
