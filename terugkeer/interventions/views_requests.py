"""Casework pages of alternative interventions: the dossier tab, Bijlage 1 and its course."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.core.access import Action
from terugkeer.core.access_log import record_access
from terugkeer.core.downloads import pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.interventions import selectors, services
from terugkeer.interventions.choices import LOCKED_STATUSES, MoneyForm, RequestStatus
from terugkeer.interventions.forms import (
    ConfirmForm,
    DecisionForm,
    RequestCreateForm,
    RequestEditForm,
    TransitionForm,
)
from terugkeer.interventions.views_common import CaseworkObjectMixin, invalid

FORM_TEMPLATE = "interventions/form_page.html"


class TrajectoryInterventionsView(DossierTabMixin, TemplateView):
    """Dossier tab: the trajectory's requests and Noodfonds gifts."""

    template_name = "interventions/trajectory.html"
    tab_name = "interventions:trajectory"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        trajectory = self.get_trajectory()
        return super().get_context_data(
            requests=selectors.trajectory_requests(scope=scope, trajectory_ids=[trajectory.pk]),
            gifts=selectors.trajectory_gifts(scope=scope, trajectory_ids=[trajectory.pk]),
            **kwargs,
        )


class RequestCreateView(DossierTabMixin, FormView):
    """Bijlage 1 for a new request, the casuïstiek block pre-filled from the dossier."""

    template_name = FORM_TEMPLATE
    form_class = RequestCreateForm
    tab_name = "interventions:trajectory"
    writes = True

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "types": selectors.active_types(scope=self.request.scope)
        }

    def get_initial(self):
        return selectors.request_prefill(scope=self.request.scope, trajectory=self.get_trajectory())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Alternatieve maatregel aanvragen (Bijlage 1)"),
            intro=_(
                "De casuïstiek is ingevuld uit het dossier; controleer en vul aan. U slaat de "
                "aanvraag eerst op als concept en ondertekent hem daarna."
            ),
            submit_label=_("Opslaan als concept"),
            **kwargs,
        )

    def form_valid(self, form):
        data = {k: form.cleaned_data[k] for k in services.REQUEST_FIELDS}
        try:
            with once_per_token(form, user=self.request.user):
                item = services.request_create(
                    scope=self.request.scope, trajectory=self.get_trajectory(), data=data
                )
        except (ValidationError, DuplicateSubmission) as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De aanvraag is opgeslagen als concept."))
        return redirect("interventions:request_detail", request_pk=item.pk)


class RequestDetailView(CaseworkObjectMixin, TemplateView):
    template_name = "interventions/request_detail.html"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        item = self.item
        return super().get_context_data(
            blocks=selectors.form_blocks(item),
            history=item.status_changes.select_related("changed_by"),
            conditions=selectors.request_conditions(scope=scope, request=item),
            payments=selectors.request_payments(scope=scope, request=item),
            can_change=scope.can(Action.CHANGE, item),
            # The requester is not offered the colleague's signature (the service refuses it too).
            can_decide_loan=scope.can(Action.APPROVE, item)
            and item.requested_by_id != self.request.user.pk,
            can_approve=scope.can(Action.APPROVE, item)
            and item.requested_by_id != self.request.user.pk,
            is_concept=item.status == RequestStatus.CONCEPT,
            is_requested=item.status == RequestStatus.REQUESTED,
            is_locked=item.status in LOCKED_STATUSES,
            is_loan=item.money_form == MoneyForm.LOAN,
            is_payable=item.status in (RequestStatus.APPROVED, RequestStatus.RUNNING),
            **kwargs,
        )


class _RequestFormView(CaseworkObjectMixin, FormView):
    template_name = FORM_TEMPLATE
    action = Action.CHANGE
    page_title = ""
    submit_label = gettext_lazy("Opslaan")
    success_message = ""

    def get_initial(self):
        return {"version": self.item.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title, submit_label=self.submit_label, **kwargs
        )

    def run(self, data: dict):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                result = self.run(form.cleaned_data)
        except (ValidationError, DuplicateSubmission) as exc:
            return invalid(self, form, exc)
        messages.success(self.request, str(self.success_message))
        return redirect("interventions:request_detail", request_pk=self.request_pk(result))

    def request_pk(self, result) -> int:
        return self.item.pk


class RequestEditView(_RequestFormView):
    form_class = RequestEditForm
    page_title = gettext_lazy("Aanvraag bewerken (concept)")
    success_message = gettext_lazy("De aanvraag is opgeslagen.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "instance": self.item,
            "types": selectors.active_types(scope=self.request.scope),
        }

    def get_initial(self):
        return {}

    def run(self, data):
        changes = {k: data[k] for k in services.REQUEST_FIELDS}
        return services.request_update(
            scope=self.request.scope,
            request=self.item,
            expected_version=data["version"],
            changes=changes,
        )


class RequestSubmitView(_RequestFormView):
    form_class = ConfirmForm
    page_title = gettext_lazy("Ondertekenen en indienen")
    submit_label = gettext_lazy("Ondertekenen en ter goedkeuring indienen")
    success_message = gettext_lazy("U heeft de aanvraag ondertekend; een collega beoordeelt hem.")

    def run(self, data):
        return services.request_submit(
            scope=self.request.scope, request=self.item, expected_version=data["version"]
        )


class RequestDecideView(_RequestFormView):
    """The colleague's signature or rejection (four eyes: the service refuses the requester)."""

    form_class = DecisionForm
    action = Action.APPROVE
    page_title = gettext_lazy("Aanvraag beoordelen (tweede handtekening)")
    submit_label = gettext_lazy("Besluit vastleggen")
    success_message = gettext_lazy("Uw besluit is vastgelegd.")

    def get_context_data(self, **kwargs):
        # The colleague signs what they read: the whole form above the decision.
        return super().get_context_data(blocks=selectors.form_blocks(self.item), **kwargs)

    def run(self, data):
        return services.request_decide(
            scope=self.request.scope,
            request_pk=self.item.pk,
            approve=data["decision"] == "goedkeuren",
            note=data["note"],
            expected_version=data["version"],
        )


class RequestTransitionView(_RequestFormView):
    form_class = TransitionForm
    page_title = gettext_lazy("Status wijzigen")
    success_message = gettext_lazy("De status is gewijzigd.")

    def run(self, data):
        return services.request_transition(
            scope=self.request.scope,
            request=self.item,
            to_status=data["to_status"],
            reason=data["reason"],
            expected_version=data["version"],
        )


class RequestNewVersionView(_RequestFormView):
    form_class = ConfirmForm
    page_title = gettext_lazy("Nieuwe versie maken")
    submit_label = gettext_lazy("Nieuwe versie als concept maken")

    def form_valid(self, form):
        try:
            new = services.request_new_version(scope=self.request.scope, request=self.item)
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De nieuwe versie staat klaar als concept."))
        return redirect("interventions:request_detail", request_pk=new.pk)


class RequestPdfView(CaseworkObjectMixin, View):
    """The filled-in Bijlage 1 with both names and dates, as a PDF."""

    purpose = gettext_lazy("Bijlage 1 afdrukken")

    def get(self, request, *args, **kwargs):
        item = self.item
        record_access(request, item.trajectory, purpose=str(self.purpose))
        return pdf_response(
            request,
            "interventions/request_pdf.html",
            {"item": item, "blocks": selectors.form_blocks(item), "today": timezone.localdate()},
            filename=f"bijlage-1-aanvraag-{item.pk}.pdf",
        )
