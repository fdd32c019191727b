"""Casework pages: the Wonen tab of a dossier, moving in and out, weekly checks, allocations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.core.access import Action
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.housing import selectors, services
from terugkeer.housing.access import END_STAY
from terugkeer.housing.forms import (
    AllocationForm,
    AllocationOutcomeForm,
    CheckForm,
    MoveInForm,
    StayEndForm,
)

TAB = "housing:trajectory"


def invalid(view, form, exc: ValidationError):
    if isinstance(exc, StaleObjectError) or not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
    else:
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    return view.form_invalid(form)


def duplicate(request, url_name: str, **kwargs):
    messages.info(request, DuplicateSubmission().message)
    return redirect(url_name, **kwargs)


class TrajectoryHousingView(DossierTabMixin, TemplateView):
    """Dossier tab: the participant's stays with their checks, and allocations."""

    template_name = "housing/trajectory.html"
    tab_name = TAB

    def get_context_data(self, **kwargs):
        scope, trajectory = self.request.scope, self.get_trajectory()
        return super().get_context_data(
            stays=selectors.trajectory_stays(scope=scope, trajectory=trajectory),
            checks=selectors.trajectory_checks(scope=scope, trajectory=trajectory)[:52],
            allocations=selectors.trajectory_allocations(scope=scope, trajectory=trajectory),
            **kwargs,
        )


class MoveInView(DossierTabMixin, FormView):
    template_name = "housing/form_tab.html"
    form_class = MoveInForm
    tab_name = TAB
    writes = True
    extra_context = {
        "form_title": gettext_lazy("Intrekken in de Instapwoning"),
        "submit": gettext_lazy("Intrekken"),
    }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"units": selectors.stay_units(scope=self.request.scope)}

    def get_initial(self):
        return {"moved_in_on": timezone.localdate()}

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.stay_move_in(trajectory=trajectory, user=self.request.user, **data)
        except DuplicateSubmission:
            return duplicate(self.request, TAB, trajectory_pk=trajectory.pk)
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De bewoner is ingetrokken."))
        return redirect(TAB, trajectory_pk=trajectory.pk)


class StayObjectMixin(LoggedRenderMixin, ScopedViewMixin):
    """A page about one stay: 404 outside the scope, 403 for a reader posting."""

    allowed_roles = CASEWORK_ROLES
    purpose = ""

    @cached_property
    def stay(self):
        return selectors.stay_for(
            scope=self.request.scope, pk=self.kwargs["stay_pk"], action=Action.CHANGE
        )

    def log_access(self) -> None:
        record_access(self.request, self.stay.trajectory, purpose=self.purpose)

    def post(self, request, *args, **kwargs):
        self.stay  # noqa: B018 - a 404 or 403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(stay=self.stay, **kwargs)


class StayEndView(StayObjectMixin, FormView):
    template_name = "housing/stay_form.html"
    form_class = StayEndForm
    purpose = "vertrek uit woning vastleggen"

    @cached_property
    def stay(self):
        # Also on a closed trajectory: a place is never taken for good (``access.END_STAY``).
        return selectors.stay_for(
            scope=self.request.scope, pk=self.kwargs["stay_pk"], action=END_STAY
        )

    extra_context = {
        "form_title": gettext_lazy("Vertrek vastleggen"),
        "submit": gettext_lazy("Vertrek vastleggen"),
    }

    def get_initial(self):
        return {"ended_on": timezone.localdate(), "version": self.stay.version}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.stay_end(
                stay=self.stay,
                expected_version=data["version"],
                ended_on=data["ended_on"],
                reason=data["leaving_reason"],
                note=data["leaving_note"],
            )
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("Het vertrek is vastgelegd; de plaats is vrij."))
        return redirect(TAB, trajectory_pk=self.stay.trajectory_id)


class CheckCreateView(StayObjectMixin, FormView):
    template_name = "housing/stay_form.html"
    form_class = CheckForm
    purpose = "wekelijkse controle vastleggen"
    extra_context = {
        "form_title": gettext_lazy("Wekelijkse controle"),
        "submit": gettext_lazy("Controle vastleggen"),
    }

    def get_initial(self):
        return {"checked_on": timezone.localdate()}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.check_record(stay=self.stay, user=self.request.user, **data)
        except DuplicateSubmission:
            return duplicate(self.request, TAB, trajectory_pk=self.stay.trajectory_id)
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De controle is vastgelegd."))
        return redirect(TAB, trajectory_pk=self.stay.trajectory_id)


class AllocationCreateView(DossierTabMixin, FormView):
    template_name = "housing/form_tab.html"
    form_class = AllocationForm
    tab_name = TAB
    writes = True
    extra_context = {
        "form_title": gettext_lazy("Koconwoning of convenantwoning toewijzen"),
        "submit": gettext_lazy("Toewijzen"),
    }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "units": selectors.allocation_units(scope=self.request.scope)
        }

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.allocation_start(trajectory=trajectory, user=self.request.user, **data)
        except DuplicateSubmission:
            return duplicate(self.request, TAB, trajectory_pk=trajectory.pk)
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De woning is toegewezen."))
        return redirect(TAB, trajectory_pk=trajectory.pk)


class AllocationOutcomeView(LoggedRenderMixin, ScopedViewMixin, FormView):
    template_name = "housing/allocation_outcome.html"
    form_class = AllocationOutcomeForm
    allowed_roles = CASEWORK_ROLES

    @cached_property
    def allocation(self):
        return selectors.allocation_for(
            scope=self.request.scope, pk=self.kwargs["allocation_pk"], action=Action.CHANGE
        )

    def log_access(self) -> None:
        record_access(
            self.request, self.allocation.trajectory, purpose="evaluatie toewijzing woning"
        )

    def post(self, request, *args, **kwargs):
        self.allocation  # noqa: B018 - a 404 or 403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"decided_on": timezone.localdate(), "version": self.allocation.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.allocation_decide(
                allocation=self.allocation,
                expected_version=data["version"],
                outcome=data["outcome"],
                decided_on=data["decided_on"],
                next_evaluation_on=data["next_evaluation_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De uitkomst van de evaluatie is vastgelegd."))
        return redirect(TAB, trajectory_pk=self.allocation.trajectory_id)
