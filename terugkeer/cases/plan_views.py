"""The plan van aanpak tab: goals and actions per domain, templates, and the plan PDF to sign."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from terugkeer.cases import plan_services
from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.cases.models import Action, Domain, Goal, PlanTemplate, Trajectory
from terugkeer.cases.plan_forms import (
    ActionForm,
    GoalForm,
    PlanAgreeForm,
    TemplateApplyForm,
    VersionForm,
)
from terugkeer.cases.services import domains_of
from terugkeer.core.access import get_visible_or_404
from terugkeer.core.access_log import record_access
from terugkeer.core.downloads import pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.locking import StaleObjectError


@dataclass
class PlanSection:
    """One domain of the plan (``domain`` None: goals and actions without a domain)."""

    domain: Domain | None
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.domain.name if self.domain else _("Overig")

    @property
    def is_empty(self) -> bool:
        return not (self.goals or self.actions)


def _action_order(action: Action):
    return (
        action.done_on is not None,
        action.due_date is None,
        action.due_date or datetime.date.max,
        action.pk,
    )


def plan_sections(trajectory: Trajectory, *, today: datetime.date) -> list[PlanSection]:
    """Goals and actions by domain of the programme; open actions first, by due date.

    Each action gets ``is_overdue`` (open and past its due date). Three queries in all.
    """
    sections = {d.pk: PlanSection(d) for d in domains_of(trajectory)}
    rest = PlanSection(None)
    goals = list(Goal.objects.filter(trajectory=trajectory).select_related("domain"))
    for goal in goals:
        sections.get(goal.domain_id, rest).goals.append(goal)
    actions = Action.objects.filter(trajectory=trajectory).select_related("goal", "domain")
    for action in sorted(actions, key=_action_order):
        action.is_overdue = bool(
            action.done_on is None and action.due_date and action.due_date < today
        )
        domain_id = action.domain_id or (action.goal.domain_id if action.goal else None)
        sections.get(domain_id, rest).actions.append(action)
    return [*sections.values(), rest]


class PlanTabMixin(DossierTabMixin):
    tab_name = "plan:detail"
    purpose = gettext_lazy("plan van aanpak bekijken")

    def plan_url(self) -> str:
        return reverse("plan:detail", args=[self.get_trajectory().pk])


class PlanDetailView(PlanTabMixin, TemplateView):
    template_name = "cases/plan/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.get_trajectory()
        today = timezone.localdate()
        sections = plan_sections(trajectory, today=today)
        template_form = TemplateApplyForm(scope=self.request.scope, trajectory=trajectory)
        context.update(
            sections=sections,
            today=today,
            overdue_count=sum(a.is_overdue for s in sections for a in s.actions),
            goal_form=GoalForm(trajectory=trajectory, auto_id="id_goal_%s"),
            action_form=ActionForm(trajectory=trajectory, auto_id="id_action_%s"),
            template_form=template_form,
            has_templates=template_form.fields["template"].queryset.exists(),
        )
        return context


class PlanPdfView(PlanTabMixin, View):
    """The plan to sign by client and coordinator, as a PDF download (WeasyPrint)."""

    purpose = gettext_lazy("plan afdrukken")

    def get(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        record_access(request, trajectory, purpose=str(self.purpose))
        today = timezone.localdate()
        sections = [s for s in plan_sections(trajectory, today=today) if not s.is_empty]
        return pdf_response(
            request,
            "cases/plan/print.html",
            {"trajectory": trajectory, "sections": sections, "today": today},
            filename=f"plan-van-aanpak-{trajectory.pk}.pdf",
        )


class _PlanFormView(PlanTabMixin, FormView):
    """Shared: the trajectory on the form, service errors onto the form, back to the tab."""

    template_name = "cases/plan/form.html"
    purpose = gettext_lazy("plan van aanpak bewerken")
    writes = True
    heading = ""
    submit_label = gettext_lazy("Opslaan")
    success_message = ""

    def get_object(self):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["trajectory"] = self.get_trajectory()
        obj = self.get_object()
        if obj is not None:
            kwargs["instance"] = obj
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.plan_url(),
            object=self.get_object(),
        )
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                self.perform(form)
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect(self.plan_url())
        except StaleObjectError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, str(self.success_message))
        return redirect(self.plan_url())


class PlanAgreeView(_PlanFormView):
    form_class = PlanAgreeForm
    heading = gettext_lazy("Plan akkoord")
    submit_label = gettext_lazy("Plan akkoord vastleggen")
    success_message = gettext_lazy("Het akkoord op het plan is vastgelegd.")

    def perform(self, form):
        plan_services.plan_agree(
            trajectory=self.get_trajectory(),
            agreed_on=form.cleaned_data["agreed_on"],
            user=self.request.user,
            expected_version=form.cleaned_data["version"],
        )


class _GoalMixin:
    def get_object(self):
        if not hasattr(self, "_goal"):
            self._goal = get_visible_or_404(
                Goal.objects.visible_to(self.request.scope)
                .filter(trajectory=self.get_trajectory())
                .select_related("domain", "trajectory"),
                pk=self.kwargs["goal_pk"],
            )
        return self._goal


class _ActionMixin:
    def get_object(self):
        if not hasattr(self, "_action"):
            self._action = get_visible_or_404(
                Action.objects.visible_to(self.request.scope)
                .filter(trajectory=self.get_trajectory())
                .select_related("goal", "domain", "trajectory"),
                pk=self.kwargs["action_pk"],
            )
        return self._action


class GoalCreateView(_PlanFormView):
    form_class = GoalForm
    heading = gettext_lazy("Doel toevoegen")
    submit_label = gettext_lazy("Doel toevoegen")
    success_message = gettext_lazy("Het doel is toegevoegd.")

    def perform(self, form):
        plan_services.goal_create(
            trajectory=self.get_trajectory(),
            description=form.cleaned_data["description"],
            domain=form.cleaned_data["domain"],
        )


class GoalUpdateView(_GoalMixin, _PlanFormView):
    form_class = GoalForm
    heading = gettext_lazy("Doel wijzigen")
    success_message = gettext_lazy("Het doel is gewijzigd.")

    def perform(self, form):
        plan_services.goal_update(
            goal=self.get_object(),
            expected_version=form.cleaned_data["version"],
            description=form.cleaned_data["description"],
            domain=form.cleaned_data["domain"],
            achieved_on=form.cleaned_data["achieved_on"],
        )


class ActionCreateView(_PlanFormView):
    form_class = ActionForm
    heading = gettext_lazy("Actie toevoegen")
    submit_label = gettext_lazy("Actie toevoegen")
    success_message = gettext_lazy("De actie is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        goal_pk = self.request.GET.get("doel", "")
        if goal_pk.isdigit():
            initial["goal"] = int(goal_pk)
        return initial

    def perform(self, form):
        data = form.cleaned_data
        plan_services.action_create(
            trajectory=self.get_trajectory(),
            description=data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            domain=data["domain"],
            goal=data["goal"],
            done_on=data["done_on"],
        )


class ActionUpdateView(_ActionMixin, _PlanFormView):
    form_class = ActionForm
    heading = gettext_lazy("Actie wijzigen")
    success_message = gettext_lazy("De actie is gewijzigd.")

    def perform(self, form):
        data = form.cleaned_data
        plan_services.action_update(
            action=self.get_object(),
            expected_version=data["version"],
            description=data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            domain=data["domain"],
            goal=data["goal"],
            done_on=data["done_on"],
        )


class _DeleteView(_PlanFormView):
    form_class = VersionForm
    template_name = "cases/plan/confirm_delete.html"
    submit_label = gettext_lazy("Verwijderen")

    def get_form_kwargs(self):
        kwargs = FormView.get_form_kwargs(self)
        kwargs["initial"] = {"version": self.get_object().version}
        return kwargs


class GoalDeleteView(_GoalMixin, _DeleteView):
    heading = gettext_lazy("Doel verwijderen")
    success_message = gettext_lazy("Het doel is verwijderd.")

    def perform(self, form):
        plan_services.goal_delete(
            goal=self.get_object(), expected_version=form.cleaned_data["version"]
        )


class ActionDeleteView(_ActionMixin, _DeleteView):
    heading = gettext_lazy("Actie verwijderen")
    success_message = gettext_lazy("De actie is verwijderd.")

    def perform(self, form):
        plan_services.action_delete(
            action=self.get_object(), expected_version=form.cleaned_data["version"]
        )


class ActionCompleteView(_ActionMixin, PlanTabMixin, View):
    """Mark an open action as done today (a button on the tab; POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        form = VersionForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.non_field_errors())
            plan_services.action_complete(
                action=action, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De actie '%(action)s' is gedaan.") % {"action": action})
        return redirect(self.plan_url())


class TemplateApplyView(_PlanFormView):
    form_class = TemplateApplyForm
    template_name = "cases/plan/template_apply.html"
    heading = gettext_lazy("Sjabloon toepassen")
    submit_label = gettext_lazy("Sjabloon toepassen")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["scope"] = self.request.scope
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["templates"] = (
            PlanTemplate.objects.visible_to(self.request.scope)
            .filter(programme=self.get_trajectory().programme, is_active=True)
            .prefetch_related("actions")
        )
        return context

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                applied = plan_services.plan_template_apply(
                    trajectory=self.get_trajectory(), template=form.cleaned_data["template"]
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect(self.plan_url())
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Sjabloon '%(name)s' toegepast: %(count)d acties toegevoegd.")
            % {
                "name": form.cleaned_data["template"],
                "count": sum(1 for item in applied if item.action is not None),
            },
        )
        for item in applied:
            if item.note:
                messages.warning(self.request, item.note)
        return redirect(self.plan_url())
