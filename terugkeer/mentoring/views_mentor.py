"""The mentor's own pages (made for a phone): my participants, a participant, a report, my reports.

They read only the :class:`selectors.Participant` projection and write the access log for
every participant they show.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.forms import FORM_TOKEN_FIELD
from terugkeer.core.roles import Role
from terugkeer.core.views import ScopedViewMixin
from terugkeer.mentoring import selectors, services
from terugkeer.mentoring.forms import ReportForm

PURPOSE = "mentor: begeleiding deelnemer"


class MentorRoleMixin(ScopedViewMixin):
    allowed_roles = frozenset({Role.MENTOR})

    def log(self, match_ids) -> None:
        scope = self.request.scope
        for trajectory in selectors.mentor_log_subjects(scope=scope, match_ids=match_ids):
            record_access(self.request, trajectory, purpose=PURPOSE)


class MyParticipantsView(MentorRoleMixin, TemplateView):
    template_name = "mentoring/mentor/participants.html"

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        participants = selectors.participants_for_mentor(scope=request.scope, today=today)
        self.log(p.match_id for p in participants)
        return self.render_to_response(
            self.get_context_data(
                participants=participants,
                next_meeting=selectors.next_meeting(scope=request.scope, today=today),
            )
        )


class ParticipantView(MentorRoleMixin, TemplateView):
    template_name = "mentoring/mentor/participant.html"

    def get(self, request, *args, **kwargs):
        participant, trajectory = selectors.participant_for_mentor(
            scope=request.scope, match_pk=kwargs["match_pk"], today=timezone.localdate()
        )
        record_access(request, trajectory, purpose=PURPOSE)
        return self.render_to_response(self.get_context_data(participant=participant))


class ReportCreateView(LoggedRenderMixin, MentorRoleMixin, FormView):
    template_name = "mentoring/mentor/report_form.html"
    form_class = ReportForm

    def dispatch(self, request, *args, **kwargs):
        # Roles and login first (ScopedViewMixin), then the mentor's own active match or a 404.
        self.match = None
        return super().dispatch(request, *args, **kwargs)

    def get_match(self):
        if self.match is None:
            self.match = selectors.match_for_report(
                scope=self.request.scope, match_pk=self.kwargs["match_pk"]
            )
        return self.match

    def log_access(self) -> None:
        record_access(self.request, self.get_match().trajectory, purpose=PURPOSE)

    def post(self, request, *args, **kwargs):
        self.get_match()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"met_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        (participant,) = selectors.participants_for_mentor(
            scope=self.request.scope, today=timezone.localdate(), match_pk=self.get_match().pk
        )
        return super().get_context_data(participant=participant, **kwargs)

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != FORM_TOKEN_FIELD}
        try:
            with once_per_token(form, user=self.request.user):
                services.report_file(match=self.get_match(), user=self.request.user, **data)
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("mentoring:participant", match_pk=self.get_match().pk)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Uw verslag is verstuurd naar de casemanager."))
        return redirect("mentoring:participant", match_pk=self.get_match().pk)


class MyReportsView(MentorRoleMixin, TemplateView):
    """The mentor's reports on their current participants, with the casemanager's reactions."""

    template_name = "mentoring/mentor/reports.html"

    def get(self, request, *args, **kwargs):
        participants = selectors.participants_for_mentor(
            scope=request.scope, today=timezone.localdate()
        )
        self.log(p.match_id for p in participants)
        return self.render_to_response(self.get_context_data(participants=participants))
