"""Casework pages: mentors and their pipeline, matches on a trajectory, reports, meetings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.core.access import Action
from terugkeer.core.access_log import LoggedRenderMixin, record_access, record_list_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.forms import FORM_TOKEN_FIELD
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.mentoring import selectors, services
from terugkeer.mentoring.access import MENTOR_MANAGERS
from terugkeer.mentoring.choices import PIPELINE, MentorStatus
from terugkeer.mentoring.forms import (
    FeedbackForm,
    MatchEndForm,
    MatchStartForm,
    MeetingForm,
    MentorForm,
    TransitionForm,
)


def _fields(form, *leave_out: str) -> dict:
    """The form's data for the service, without the one-time token (and ``leave_out``)."""
    return {k: v for k, v in form.cleaned_data.items() if k not in (FORM_TOKEN_FIELD, *leave_out)}


def _invalid(view, form, exc: ValidationError):
    form.add_error(None, exc.message if isinstance(exc, StaleObjectError) else exc)
    return view.form_invalid(form)


class ManagersMixin(ScopedViewMixin):
    allowed_roles = MENTOR_MANAGERS


class CaseworkMixin(ScopedViewMixin):
    allowed_roles = CASEWORK_ROLES


class MentorListView(ManagersMixin, TemplateView):
    template_name = "mentoring/mentor_list.html"

    def get_context_data(self, **kwargs):
        mentors = list(selectors.mentors_for(scope=self.request.scope))
        pipeline = [
            (MentorStatus(s).label, sum(m.status == s for m in mentors))
            for s in (*PIPELINE, MentorStatus.STOPPED)
        ]
        quarters = selectors.recruitment_by_quarter(
            scope=self.request.scope, today=timezone.localdate()
        )
        return super().get_context_data(
            mentors=mentors, pipeline=pipeline, quarters=quarters, **kwargs
        )


class MentorCreateView(ManagersMixin, FormView):
    template_name = "mentoring/mentor_form.html"
    form_class = MentorForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "mentor_users": selectors.mentor_users(scope=self.request.scope)
        }

    def form_valid(self, form):
        data = _fields(form, "version", "full_name")
        try:
            with once_per_token(form, user=self.request.user):
                mentor = services.mentor_create(
                    organisation=self.request.scope.organisation,
                    full_name=form.cleaned_data["full_name"],
                    **data,
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("mentoring:mentor_list")
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De mentor is aangemeld."))
        return redirect("mentoring:mentor_detail", mentor_pk=mentor.pk)


class MentorObjectMixin(ManagersMixin):
    action = Action.VIEW

    @cached_property
    def mentor(self):
        return selectors.mentor_for(
            scope=self.request.scope, pk=self.kwargs["mentor_pk"], action=self.action
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(mentor=self.mentor, **kwargs)


class MentorDetailView(MentorObjectMixin, TemplateView):
    template_name = "mentoring/mentor_detail.html"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        matches = list(selectors.mentor_matches(scope=scope, mentor=self.mentor))
        record_list_access(
            self.request, [m.trajectory.client for m in matches], purpose="mentor bekijken"
        )
        return super().get_context_data(
            matches=matches,
            status_changes=self.mentor.status_changes.select_related("changed_by"),
            meetings=self.mentor.meetings.order_by("-held_on"),
            **kwargs,
        )


class MentorEditView(MentorObjectMixin, FormView):
    template_name = "mentoring/mentor_form.html"
    form_class = MentorForm
    action = Action.CHANGE

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "instance": self.mentor,
            "mentor_users": selectors.mentor_users(scope=self.request.scope),
        }

    def form_valid(self, form):
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.mentor_update(
                mentor=self.mentor,
                expected_version=form.cleaned_data["version"] or 0,
                changes=changes,
            )
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De gegevens van de mentor zijn opgeslagen."))
        return redirect("mentoring:mentor_detail", mentor_pk=self.mentor.pk)


class MentorTransitionView(MentorObjectMixin, FormView):
    template_name = "mentoring/mentor_transition.html"
    form_class = TransitionForm
    action = Action.CHANGE

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "allowed": services.allowed_transitions(self.mentor.status)
        }

    def get_initial(self):
        return {"on": timezone.localdate(), "version": self.mentor.version}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.mentor_transition(
                mentor=self.mentor,
                to_status=data["to_status"],
                user=self.request.user,
                expected_version=data["version"],
                on=data["on"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De status van de mentor is gewijzigd."))
        return redirect("mentoring:mentor_detail", mentor_pk=self.mentor.pk)


class TrajectoryMentorView(DossierTabMixin, TemplateView):
    """Dossier tab: the trajectory's mentor matches and the mentor's reports."""

    template_name = "mentoring/trajectory.html"
    tab_name = "mentoring:trajectory"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        trajectory = self.get_trajectory()
        return super().get_context_data(
            matches=selectors.trajectory_matches(scope=scope, trajectory=trajectory),
            reports=selectors.reports_inbox(scope=scope).filter(match__trajectory=trajectory),
            **kwargs,
        )


class MatchCreateView(DossierTabMixin, FormView):
    template_name = "mentoring/match_form.html"
    form_class = MatchStartForm
    tab_name = "mentoring:trajectory"
    writes = True  # a form page: matching is casework (the team chair reads, 403 here)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "mentors": selectors.suggested_mentors(scope=self.request.scope)
        }

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            suggestions=selectors.suggested_mentors(scope=self.request.scope), **kwargs
        )

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        try:
            with once_per_token(form, user=self.request.user):
                services.match_start(trajectory=trajectory, user=self.request.user, **_fields(form))
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("mentoring:trajectory", trajectory_pk=trajectory.pk)
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De mentor is gekoppeld."))
        return redirect("mentoring:trajectory", trajectory_pk=trajectory.pk)


class MatchEndView(LoggedRenderMixin, CaseworkMixin, FormView):
    template_name = "mentoring/match_end.html"
    form_class = MatchEndForm

    @cached_property
    def match(self):
        return selectors.match_for_casework(scope=self.request.scope, pk=self.kwargs["match_pk"])

    def log_access(self) -> None:
        record_access(self.request, self.match.trajectory, purpose="mentorkoppeling beëindigen")

    def post(self, request, *args, **kwargs):
        self.match  # noqa: B018 - a 404 before the form is read
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"ended_on": timezone.localdate(), "version": self.match.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(match=self.match, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.match_end(
                match=self.match,
                expected_version=data["version"],
                reason=data["end_reason"],
                ended_on=data["ended_on"],
            )
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De koppeling is beëindigd."))
        return redirect("mentoring:trajectory", trajectory_pk=self.match.trajectory_id)


class InboxView(CaseworkMixin, TemplateView):
    template_name = "mentoring/inbox.html"

    def get_context_data(self, **kwargs):
        only_open = self.request.GET.get("alle") != "1"
        reports = list(selectors.reports_inbox(scope=self.request.scope, only_open=only_open)[:200])
        record_list_access(
            self.request,
            [report.match.trajectory.client for report in reports],
            purpose="mentorverslagen lezen",
        )
        return super().get_context_data(reports=reports, only_open=only_open, **kwargs)


class ReportDetailView(LoggedRenderMixin, CaseworkMixin, FormView):
    template_name = "mentoring/report_detail.html"
    form_class = FeedbackForm

    @cached_property
    def report(self):
        action = Action.CHANGE if self.request.method == "POST" else Action.VIEW
        return selectors.report_for_casework(
            scope=self.request.scope, pk=self.kwargs["report_pk"], action=action
        )

    def log_access(self) -> None:
        record_access(self.request, self.report.match.trajectory, purpose="mentorverslag lezen")

    def post(self, request, *args, **kwargs):
        self.report  # noqa: B018 - a 404 before the form is read
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {
            "feedback": self.report.feedback,
            "for_team_meeting": self.report.for_team_meeting,
            "version": self.report.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def form_valid(self, form):
        try:
            data = form.cleaned_data
            services.report_feedback(
                report=self.report,
                user=self.request.user,
                expected_version=data["version"],
                feedback=data["feedback"],
                for_team_meeting=data["for_team_meeting"],
            )
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("Uw reactie is opgeslagen; de mentor ziet hem."))
        return redirect("mentoring:report_detail", report_pk=self.report.pk)


class MeetingListView(CaseworkMixin, TemplateView):
    template_name = "mentoring/meeting_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=selectors.meetings_for(scope=self.request.scope), **kwargs
        )


class MeetingCreateView(CaseworkMixin, FormView):
    template_name = "mentoring/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "mentors": selectors.mentors_for(scope=self.request.scope).exclude(
                status=MentorStatus.STOPPED
            )
        }

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                services.meeting_record(
                    organisation=self.request.scope.organisation,
                    user=self.request.user,
                    **_fields(form),
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("mentoring:meeting_list")
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De mentorenvergadering is vastgelegd."))
        return redirect("mentoring:meeting_list")
