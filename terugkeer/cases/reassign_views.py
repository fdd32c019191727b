"""Hand over a caseload, e.g. during leave (seed 002).

Team chairs hand over anybody's caseload, coordinators only their own: the rule is the
service's (``cases.reassign_services.trajectories_reassign``); the form only offers what it allows.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView

from terugkeer.cases import selectors
from terugkeer.cases.models import Trajectory
from terugkeer.cases.reassign_forms import QueueAssignForm, ReassignForm
from terugkeer.cases.reassign_services import trajectories_assign, trajectories_reassign
from terugkeer.core.access_log import record_list_access
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.core.views import ScopedViewMixin


class ReassignView(ScopedViewMixin, FormView):
    allowed_roles = CASEWORK_ROLES
    template_name = "cases/reassign/form.html"
    form_class = ReassignForm

    def _coordinators(self):
        return selectors.casework_users(scope=self.request.scope)

    def _listed_from_user(self, coordinators):
        """Whose open trajectories the form lists: the chosen coordinator, or the user."""
        scope = self.request.scope
        if scope.role != Role.TEAM_CHAIR:
            return scope.user
        raw = self.request.POST.get("from_user") or self.request.GET.get("from_user")
        chosen = coordinators.filter(pk=raw).first() if raw and raw.isdigit() else None
        return chosen or scope.user

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        coordinators = self._coordinators()
        self.listed_from = self._listed_from_user(coordinators)
        kwargs.update(
            scope=self.request.scope,
            coordinators=coordinators,
            trajectories=(
                Trajectory.objects.visible_to(self.request.scope)
                .open()
                .filter(coordinator=self.listed_from)
                .select_related("client")
                .order_by("client__surname", "client__first_names", "pk")
            ),
            initial={"from_user": self.listed_from},
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listed_from"] = self.listed_from
        # The form lists the trajectories by client name: those clients are logged.
        listed = context["form"].fields["trajectories"].queryset
        record_list_access(
            self.request, [t.client for t in listed], purpose=_("trajecten overdragen")
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        chosen = [t.pk for t in data["trajectories"]]
        try:
            count = trajectories_reassign(
                scope=self.request.scope,
                from_user=data["from_user"],
                to_user=data["to_user"],
                trajectory_ids=chosen or None,
            )
        except ValidationError as refused:
            form.add_error(None, refused.messages[0])
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(n)d traject overgedragen van %(from)s aan %(to)s.",
                "%(n)d trajecten overgedragen van %(from)s aan %(to)s.",
                count,
            )
            % {"n": count, "from": data["from_user"], "to": data["to_user"]},
        )
        return redirect("reassign:form")


class QueueAssignView(ScopedViewMixin, View):
    """From the worklist "Nieuwe meldingen": take one, or give several, queue trajectories."""

    allowed_roles = CASEWORK_ROLES
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        scope = request.scope
        form = QueueAssignForm(
            request.POST,
            queue=Trajectory.objects.visible_to(scope).open().filter(coordinator__isnull=True),
            coordinators=selectors.assignable_coordinators(scope=scope),
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("cases:new")
        data = form.cleaned_data
        to_user = request.user if data["to"] == "me" else data["to_user"]
        try:
            count = trajectories_assign(
                scope=scope, to_user=to_user, trajectory_ids=[t.pk for t in data["chosen"]]
            )
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d traject toegewezen aan %(to)s.",
                    "%(n)d trajecten toegewezen aan %(to)s.",
                    count,
                )
                % {"n": count, "to": to_user},
            )
        return redirect("cases:new")
