"""Casework pages on a trajectory: the Ketenpartners tab, involvement and referrals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.cases.selectors import READ_ONLY_MESSAGE
from terugkeer.core.access import Action, require_stated_reason
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.partners import selectors, services
from terugkeer.partners.choices import PartnerKind
from terugkeer.partners.forms import (
    InvolvementCreateForm,
    InvolvementForm,
    ReferralForm,
    ReferralStepForm,
)
from terugkeer.partners.models import LeftBehind
from terugkeer.partners.views_common import CaseworkMixin, show_refusal


def _choices(scope):
    return {
        "partners": selectors.partners_for(scope=scope, active_only=True),
        "contacts": selectors.contacts_for(scope=scope),
    }


class TrajectoryPartnersView(DossierTabMixin, TemplateView):
    """Dossier tab: who is involved, and the warm referrals with their steps.

    A POST makes the detention's PI casemanager a contact person (``pi_casemanager_link``)."""

    template_name = "partners/trajectory.html"
    tab_name = "partners:trajectory"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        trajectory = self.get_trajectory()
        return super().get_context_data(
            involvements=selectors.trajectory_involvements(scope=scope, trajectory=trajectory),
            referrals=selectors.trajectory_referrals(scope=scope, trajectory=trajectory),
            left_behind=LeftBehind.objects.visible_to(scope)
            .filter(trajectory=trajectory)
            .select_related("partner"),
            pi_partners=selectors.partners_for(scope=scope, active_only=True).filter(
                kind=PartnerKind.PI
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()  # the change action: 404 / 403 first
        raw = request.POST.get("partner", "")
        partners = selectors.partners_for(scope=request.scope, active_only=True)
        partner = partners.filter(pk=raw).first() if raw.isdigit() else None
        try:
            if partner is None:
                raise ValidationError(_("Kies de penitentiaire inrichting."))
            services.pi_casemanager_link(trajectory=trajectory, partner=partner)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("De casemanager van de PI is als contactpersoon betrokken.")
            )
        return redirect("partners:trajectory", trajectory_pk=trajectory.pk)


class InvolvementCreateView(DossierTabMixin, FormView):
    template_name = "partners/tab_form.html"
    form_class = InvolvementCreateForm
    tab_name = "partners:trajectory"
    writes = True
    extra_context = {"heading": _("Betrokkenheid ketenpartner vastleggen")}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | _choices(self.request.scope)

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.involvement_create(trajectory=trajectory, **data)
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("De betrokkenheid is vastgelegd."))
        return redirect("partners:trajectory", trajectory_pk=trajectory.pk)


class CaseworkChangeMixin(CaseworkMixin):
    """A page about one row of a trajectory: 404 outside the scope; changing it (a form page,
    a POST) is the coordinator's, 403 with the reason for a reader."""

    def require_change(self, obj) -> None:
        if not self.request.scope.can(Action.CHANGE, obj):
            raise PermissionDenied(READ_ONLY_MESSAGE)


class InvolvementEditView(LoggedRenderMixin, CaseworkChangeMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = InvolvementForm

    @cached_property
    def involvement(self):
        found = selectors.involvement_for(
            scope=self.request.scope, pk=self.kwargs["involvement_pk"]
        )
        self.require_change(found)
        return found

    def log_access(self) -> None:
        record_access(self.request, self.involvement.trajectory, purpose="betrokkenheid bewerken")

    def post(self, request, *args, **kwargs):
        self.involvement  # noqa: B018 - 404/403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return (
            super().get_form_kwargs()
            | {"instance": self.involvement}
            | _choices(self.request.scope)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=str(self.involvement), **kwargs)

    def form_valid(self, form):
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.involvement_update(
                involvement=self.involvement,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De betrokkenheid is opgeslagen."))
        return redirect("partners:trajectory", trajectory_pk=self.involvement.trajectory_id)


class ReferralCreateView(DossierTabMixin, FormView):
    template_name = "partners/tab_form.html"
    form_class = ReferralForm
    tab_name = "partners:trajectory"
    writes = True
    extra_context = {"heading": _("Warme overdracht: verwijzen naar een ketenpartner")}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | _choices(self.request.scope)

    def get_initial(self):
        return {"sent_on": timezone.localdate(), "lead": self.get_trajectory().lead}

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.referral_create(trajectory=trajectory, user=self.request.user, **data)
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("De verwijzing is vastgelegd als verstuurd."))
        return redirect("partners:trajectory", trajectory_pk=trajectory.pk)


class ReferralDetailView(LoggedRenderMixin, CaseworkChangeMixin, FormView):
    """A referral with its steps; the coordinator records the next step here."""

    template_name = "partners/referral_detail.html"
    form_class = ReferralStepForm

    @cached_property
    def referral(self):
        found = selectors.referral_for(
            scope=self.request.scope, pk=self.kwargs["referral_pk"], check_reason=False
        )
        if self.request.method == "POST":
            self.require_change(found)
        return require_stated_reason(self.request.scope, found)

    def log_access(self) -> None:
        record_access(self.request, self.referral.trajectory, purpose="verwijzing bekijken")

    def post(self, request, *args, **kwargs):
        self.referral  # noqa: B018 - 404/403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        allowed = services.allowed_transitions(self.referral.status)
        if self.request.method != "POST":  # a POST of another step gets the Dutch refusal
            form.fields["to_status"].choices = [
                (value, label)
                for value, label in form.fields["to_status"].choices
                if value in allowed
            ]
        return form

    def get_initial(self):
        return {"on": timezone.localdate(), "version": self.referral.version}

    def get_context_data(self, **kwargs):
        referral = self.referral
        return super().get_context_data(
            referral=referral,
            trajectory=referral.trajectory,
            changes=referral.changes.select_related("changed_by"),
            can_step=bool(services.allowed_transitions(referral.status))
            and self.request.scope.can(Action.CHANGE, referral),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.referral_transition(
                referral=self.referral,
                to_status=data["to_status"],
                user=self.request.user,
                expected_version=data["version"],
                on=data["on"],
                note=data["note"],
                rejection_reason=data["rejection_reason"],
                outcome=data["outcome"],
                result=data["result"],
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De stap van de verwijzing is vastgelegd."))
        return redirect("partners:referral_detail", referral_pk=self.referral.pk)
