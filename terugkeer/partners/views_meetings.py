"""The team meeting: list, plan or record, the agenda Terugkeer writes, decisions, minutes."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Action, get_visible_or_404
from terugkeer.core.access_log import record_reference_access
from terugkeer.core.downloads import pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.partners import selectors, services_meetings
from terugkeer.partners.choices import MeetingKind
from terugkeer.partners.forms import DecisionForm, MeetingCreateForm, MeetingForm
from terugkeer.partners.views_common import CaseworkMixin, show_refusal


def _log_agenda(request, items, purpose: str) -> None:
    """The agenda names clients: one access-log row per client shown."""
    record_reference_access(
        request,
        [("clients.client", i.client_id, i.subject) for i in items if i.client_id],
        purpose=purpose,
    )


def _day(meeting) -> datetime.date:
    """The day the agenda's signals are taken on: the meeting's, or today for one ahead."""
    return min(meeting.held_on, timezone.localdate())


class MeetingListView(CaseworkMixin, TemplateView):
    template_name = "partners/meeting_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=selectors.meetings_for(scope=self.request.scope)[:100], **kwargs
        )


class MeetingCreateView(CaseworkMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = MeetingCreateForm
    extra_context = {"heading": _("Overleg plannen of vastleggen")}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "colleagues": selectors.casework_colleagues(
                organisation=self.request.scope.organisation
            )
        }

    def get_initial(self):
        return {
            "held_on": timezone.localdate(),
            "chair": self.request.user.pk,
            "kind": self.request.GET.get("soort") or MeetingKind.TEAM,
        }

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                meeting = services_meetings.meeting_create(
                    organisation=self.request.scope.organisation, **data
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect("partners:meeting_list")
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("Het overleg is vastgelegd."))
        return redirect("partners:meeting_detail", meeting_pk=meeting.pk)


class MeetingObjectMixin(CaseworkMixin):
    action = Action.VIEW

    @cached_property
    def meeting(self):
        return selectors.meeting_for(
            scope=self.request.scope, pk=self.kwargs["meeting_pk"], action=self.action
        )


class MeetingDetailView(MeetingObjectMixin, TemplateView):
    """The agenda since the previous meeting, with the decisions recorded per item."""

    template_name = "partners/meeting_detail.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        _log_agenda(request, context["agenda"], "agenda teamoverleg")
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        meeting = self.meeting
        agenda = selectors.meeting_agenda(scope=scope, meeting=meeting, today=_day(meeting))
        decisions = list(selectors.meeting_decisions(scope=scope, meeting=meeting))
        by_code: dict[str, list] = {}
        for decision in decisions:
            by_code.setdefault(decision.item_code, []).append(decision)
        sections: list[tuple[str, list]] = []
        for item in agenda:
            if not sections or sections[-1][0] != item.section_title:
                sections.append((item.section_title, []))
            form = DecisionForm(initial={"item_code": item.code, "trajectory": item.trajectory_id})
            sections[-1][1].append((item, by_code.get(item.code, []), form))
        since, _until = selectors.agenda_period(scope=scope, meeting=meeting)
        return super().get_context_data(
            meeting=meeting,
            agenda=agenda,
            sections=sections,
            since=since,
            attendees=meeting.attendees.all(),
            **kwargs,
        )


class MeetingEditView(MeetingObjectMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = MeetingForm
    action = Action.CHANGE

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "instance": self.meeting,
            "colleagues": selectors.casework_colleagues(
                organisation=self.request.scope.organisation
            ),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=str(self.meeting), **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        attendees = data.pop("attendees")
        data.pop("version")
        try:
            services_meetings.meeting_update(
                meeting=self.meeting,
                expected_version=form.cleaned_data["version"],
                changes=data,
                attendees=attendees,
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("Het overleg is opgeslagen."))
        return redirect("partners:meeting_detail", meeting_pk=self.meeting.pk)


class DecisionCreateView(MeetingObjectMixin, View):
    """POST only: record a decision on one agenda item (it goes to the klantreis)."""

    http_method_names = ["post"]
    action = Action.CHANGE

    def post(self, request, meeting_pk):
        meeting = self.meeting
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Het besluit is niet opgeslagen: vul de tekst in."))
            return redirect("partners:meeting_detail", meeting_pk=meeting.pk)
        trajectory = get_visible_or_404(
            Trajectory.objects.visible_to(request.scope), pk=form.cleaned_data["trajectory"]
        )
        try:
            with once_per_token(form, user=request.user):
                services_meetings.decision_record(
                    scope=request.scope,
                    meeting=meeting,
                    trajectory=trajectory,
                    item_code=form.cleaned_data["item_code"],
                    text=form.cleaned_data["text"],
                    user=request.user,
                )
        except DuplicateSubmission as repeat:
            messages.info(request, repeat.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Het besluit is vastgelegd en staat op de klantreis."))
        return redirect("partners:meeting_detail", meeting_pk=meeting.pk)


class MinutesPdfView(MeetingObjectMixin, View):
    """The minutes, naming only trajectories every attendee may read."""

    def get(self, request, meeting_pk):
        meeting = self.meeting
        content = selectors.minutes(scope=request.scope, meeting=meeting, today=_day(meeting))
        shown = [item for item, _decisions in content["items"]]
        _log_agenda(request, shown, "notulen teamoverleg")
        # The decisions outside the agenda name their clients too.
        record_reference_access(
            request,
            [
                ("clients.client", d.trajectory.client_id, d.trajectory.client.display_name)
                for d in content["loose_decisions"]
            ],
            purpose="notulen teamoverleg",
        )
        return pdf_response(
            request,
            "partners/minutes_pdf.html",
            {"meeting": meeting, "attendees": meeting.attendees.all(), **content},
            filename=f"notulen-{meeting.get_kind_display()}-{meeting.held_on:%Y-%m-%d}.pdf",
        )
