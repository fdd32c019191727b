"""Thin views: ZRM measurements and progress on a trajectory, questionnaires and their aggregate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from terugkeer.assessments import selectors, services
from terugkeer.assessments.charts import zrm_progress_svg
from terugkeer.assessments.choices import MeasurementKind
from terugkeer.assessments.forms import MeasurementForm, QuestionnaireForm
from terugkeer.cases.selectors import casework_users, require_action
from terugkeer.core.access import Action
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.downloads import pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, submitted_once
from terugkeer.core.forms import FORM_TOKEN_FIELD
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.core.views import ScopedViewMixin


def progress_context(*, scope, trajectory) -> dict:
    """What the ``assessments/_zrm_progress.html`` partial needs (also for the dossier PDF)."""
    measurements = selectors.trajectory_measurements(scope=scope, trajectory=trajectory)
    progress = selectors.zrm_progress(measurements)
    return {
        "measurements": measurements,
        "progress": progress,
        "progress_svg": zrm_progress_svg(progress) if measurements else "",
    }


class TrajectoryMixin(ScopedViewMixin):
    allowed_roles = CASEWORK_ROLES
    action = Action.VIEW  # form pages change the trajectory's data: Action.CHANGE

    def get_trajectory(self):
        if not hasattr(self, "trajectory"):
            self.trajectory = selectors.trajectory_for_assessments(
                scope=self.request.scope, pk=self.kwargs["trajectory_pk"], action=self.action
            )
        return self.trajectory


class TrajectoryAssessmentsView(TrajectoryMixin, TemplateView):
    """Metingen of one trajectory: the ZRM progress chart and table, and recorded questionnaires."""

    template_name = "assessments/trajectory.html"

    def get(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        record_access(request, trajectory, purpose="ZRM-scores en voortgang bekijken")
        scope = request.scope
        context = self.get_context_data(
            trajectory=trajectory,
            responses=selectors.trajectory_responses(scope=scope, trajectory=trajectory),
            followup_months=selectors.zrm_followup_months(trajectory.organisation),
            can_change=scope.can(Action.CHANGE, trajectory),
            **progress_context(scope=scope, trajectory=trajectory),
        )
        context["totals"] = [(m, *selectors.measurement_total(m)) for m in context["measurements"]]
        return self.render_to_response(context)


class MeasurementFormMixin(TrajectoryMixin):
    template_name = "assessments/measurement_form.html"
    form_class = MeasurementForm
    action = Action.CHANGE

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        measurement = getattr(self, "measurement", None)
        kwargs.update(
            instrument=self.instrument,
            domains=selectors.domains_for(
                instrument=self.instrument, organisation=self.get_trajectory().organisation
            ),
            workers=casework_users(scope=self.request.scope),
            previous=selectors.previous_measurement(
                scope=self.request.scope,
                trajectory=self.get_trajectory(),
                instrument=self.instrument,
                exclude_pk=measurement.pk if measurement is not None else None,
            ),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(trajectory=self.get_trajectory(), instrument=self.instrument)
        return context

    def success(self):
        messages.success(self.request, _("De ZRM-meting is opgeslagen."))
        return redirect("assessments:trajectory", trajectory_pk=self.get_trajectory().pk)


class MeasurementCreateView(LoggedRenderMixin, MeasurementFormMixin, FormView):
    """Enter a new ZRM measurement: all domains on one screen, descriptions beside the scores."""

    @cached_property
    def instrument(self):
        return selectors.zrm_instrument()

    def log_access(self) -> None:
        record_access(self.request, self.get_trajectory(), purpose="ZRM-meting invoeren")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versioned": False}

    def get_initial(self):
        has_measurement = self.get_trajectory().measurements.exists()
        return {
            "measured_on": timezone.localdate(),
            "kind": MeasurementKind.FOLLOW_UP if has_measurement else MeasurementKind.BASELINE,
            "scored_by": self.request.user.pk,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        early = data["kind"] == MeasurementKind.FOLLOW_UP and selectors.early_follow_up(
            scope=self.request.scope,
            trajectory=self.get_trajectory(),
            instrument=self.instrument,
            measured_on=data["measured_on"],
        )
        if early and not data["confirm_early"]:
            due_on, months = early
            form.add_error(
                "confirm_early",
                _(
                    "De 1-meting is pas op %(due)s aan de beurt (%(months)s maanden na de "
                    "0-meting). Vink ‘Toch opslaan’ aan om hem nu vast te leggen."
                )
                % {"due": due_on.strftime("%d-%m-%Y"), "months": months},
            )
            return self.form_invalid(form)
        try:
            with submitted_once(data[FORM_TOKEN_FIELD], user=self.request.user):
                services.measurement_create(
                    trajectory=self.get_trajectory(),
                    instrument=self.instrument,
                    kind=data["kind"],
                    measured_on=data["measured_on"],
                    scored_by=data["scored_by"],
                    note=data["note"],
                    scores=form.scores(),
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect("assessments:trajectory", trajectory_pk=self.get_trajectory().pk)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return self.success()


class MeasurementEditView(LoggedRenderMixin, MeasurementFormMixin, FormView):
    """Correct a measurement (optimistic locking: a colleague's newer save is not overwritten)."""

    @cached_property
    def measurement(self):
        return selectors.measurement_for_edit(
            scope=self.request.scope, pk=self.kwargs["measurement_pk"]
        )

    @cached_property
    def instrument(self):
        return self.measurement.instrument

    def get_trajectory(self):
        trajectory = self.measurement.trajectory
        require_action(self.request.scope, trajectory, trajectory=trajectory)
        return trajectory

    def log_access(self) -> None:
        record_access(
            self.request, self.get_trajectory(), purpose="ZRM-meting bekijken en corrigeren"
        )

    def get_initial(self):
        return MeasurementForm.initial_for(self.measurement)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measurement"] = self.measurement
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.measurement_update(
                measurement=self.measurement,
                expected_version=data["version"],
                kind=data["kind"],
                measured_on=data["measured_on"],
                scored_by=data["scored_by"],
                note=data["note"],
                scores=form.scores(),
            )
        except StaleObjectError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return self.success()


class ResponseCreateView(LoggedRenderMixin, TrajectoryMixin, FormView):
    """Record a client's answers to a questionnaire (from paper, or filled in together)."""

    template_name = "assessments/response_form.html"
    form_class = QuestionnaireForm
    action = Action.CHANGE

    @cached_property
    def instrument(self):
        return selectors.questionnaire_instrument(self.kwargs["instrument_code"])

    def log_access(self) -> None:
        record_access(self.request, self.get_trajectory(), purpose="vragenlijst invoeren")

    def get_form_kwargs(self):
        organisation = self.get_trajectory().organisation
        return super().get_form_kwargs() | {
            "instrument": self.instrument,
            "organisation": organisation,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.get_trajectory()
        context.update(
            trajectory=trajectory,
            instrument=self.instrument,
            organisation=trajectory.organisation,
            intro=selectors.questionnaire_intro(
                instrument=self.instrument, organisation=trajectory.organisation
            ),
        )
        return context

    def form_valid(self, form):
        try:
            with submitted_once(form.cleaned_data[FORM_TOKEN_FIELD], user=self.request.user):
                services.questionnaire_response_record(
                    trajectory=self.get_trajectory(),
                    instrument=self.instrument,
                    answered_on=form.cleaned_data["answered_on"],
                    mode=form.cleaned_data["mode"],
                    recorded_by=self.request.user,
                    answers=form.answers(),
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect("assessments:trajectory", trajectory_pk=self.get_trajectory().pk)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De antwoorden zijn opgeslagen. Ze worden alleen opgeteld met andere getoond."),
        )
        return redirect("assessments:trajectory", trajectory_pk=self.get_trajectory().pk)


class QuestionnairePdfView(ScopedViewMixin, View):
    """The empty questionnaire as a printable PDF (WeasyPrint)."""

    allowed_roles = CASEWORK_ROLES

    def get(self, request, *args, **kwargs):
        instrument = selectors.questionnaire_instrument(kwargs["instrument_code"])
        return pdf_response(
            request,
            "assessments/questionnaire_print.html",
            {
                "instrument": instrument,
                "organisation": request.scope.organisation,
                "intro": selectors.questionnaire_intro(
                    instrument=instrument, organisation=request.scope.organisation
                ),
                "sections": instrument.sections.prefetch_related("items"),
                "grades": range(1, 11),
            },
            filename=f"{instrument.code}.pdf",
            inline=True,
        )


class SatisfactionView(ScopedViewMixin, TemplateView):
    """Tevredenheid: per statement the answer distribution, and the mean rapportcijfer."""

    allowed_roles = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR})
    template_name = "assessments/satisfaction.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aggregate = selectors.satisfaction_aggregate(
            scope=self.request.scope, instrument_code=kwargs["instrument_code"]
        )
        context["aggregate"] = aggregate
        context["scale"] = aggregate.instrument.scale
        return context
