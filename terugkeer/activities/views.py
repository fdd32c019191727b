"""Activities pages: the Kaartenproject (the month's list, PDFs, marking sent), consent on the
dossier tab, and group activity sessions."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from terugkeer.activities import selectors, services
from terugkeer.activities.forms import CardsSentForm, ConsentForm, MonthForm, SessionForm
from terugkeer.cases.dossier import DossierTabMixin, refuse_casework_change
from terugkeer.core.access_log import LoggedRenderMixin, record_list_access
from terugkeer.core.downloads import pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.mentoring.choices import MentorStatus
from terugkeer.mentoring.models import Mentor

TAB = "activities:trajectory"


def _invalid(view, form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
    return view.form_invalid(form)


class CaseworkMixin(ScopedViewMixin):
    allowed_roles = CASEWORK_ROLES


class MonthMixin(CaseworkMixin):
    """The month of the card list: ``?maand=jjjj-mm``, this month without it."""

    @cached_property
    def month(self) -> datetime.date:
        today = timezone.localdate()
        if "maand" not in self.request.GET:
            return today.replace(day=1)
        form = MonthForm(self.request.GET)
        if form.is_valid() and form.cleaned_data["maand"] <= today:
            return form.cleaned_data["maand"].replace(day=1)
        messages.warning(
            self.request,
            _("Maand: kies een maand tot en met deze maand (jjjj-mm). U ziet deze maand."),
        )
        return today.replace(day=1)

    @cached_property
    def rows(self):
        return selectors.card_list(
            scope=self.request.scope, month=self.month, today=timezone.localdate()
        )

    def log_rows(self, purpose: str) -> None:
        record_list_access(
            self.request, [row.trajectory.client for row in self.rows], purpose=purpose
        )

    def month_context(self) -> dict:
        previous = (self.month - datetime.timedelta(days=1)).replace(day=1)
        following = selectors.month_end(self.month) + datetime.timedelta(days=1)
        return {
            "month": self.month,
            "rows": self.rows,
            "query": f"?maand={self.month:%Y-%m}",
            "previous": f"?maand={previous:%Y-%m}",
            "following": f"?maand={following:%Y-%m}" if following <= timezone.localdate() else "",
        }


class CardListView(LoggedRenderMixin, MonthMixin, FormView):
    """The month's list: who gets a card, at which address, and whether it was sent."""

    template_name = "activities/card_list.html"
    form_class = CardsSentForm

    def log_access(self) -> None:
        self.log_rows("kaartenlijst")

    def post(self, request, *args, **kwargs):
        refuse_casework_change(request)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"rows": self.rows}

    def get_initial(self):
        today = timezone.localdate()
        return {"sent_on": min(today, selectors.month_end(self.month))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.month_context(), **kwargs)

    def form_valid(self, form):
        try:
            sent = services.cards_mark_sent(
                scope=self.request.scope,
                month=self.month,
                trajectory_ids=[int(pk) for pk in form.cleaned_data["trajectories"]],
                user=self.request.user,
                sent_on=form.cleaned_data["sent_on"],
            )
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(
            self.request, _("%(count)s kaarten als verzonden vastgelegd.") % {"count": len(sent)}
        )
        return redirect(reverse("activities:card_list") + f"?maand={self.month:%Y-%m}")


class CardPdfView(MonthMixin, View):
    """The month's list (``lijst``) or address labels (``etiketten``) as a PDF."""

    template_name = ""
    filename = ""

    def get(self, request, *args, **kwargs):
        self.log_rows(f"kaartenproject {self.filename}")
        month_label = date_format(self.month, "F Y")
        return pdf_response(
            request,
            self.template_name,
            {"rows": self.rows, "month": self.month, "month_label": month_label},
            filename=f"kaartenproject-{self.filename}-{self.month:%Y-%m}.pdf",
        )


class TrajectoryActivitiesView(DossierTabMixin, TemplateView):
    """Dossier tab: Kaartenproject consent and cards, and the activities attended."""

    template_name = "activities/trajectory.html"
    tab_name = TAB

    def get_context_data(self, **kwargs):
        scope, trajectory = self.request.scope, self.get_trajectory()
        history = list(selectors.consent_history(scope=scope, trajectory=trajectory))
        return super().get_context_data(
            consents=history,
            consent_now=selectors.has_consent(trajectory.pk, timezone.localdate()),
            mailings=selectors.trajectory_mailings(scope=scope, trajectory=trajectory),
            attendances=selectors.trajectory_attendance(scope=scope, trajectory=trajectory),
            **kwargs,
        )


class ConsentView(DossierTabMixin, FormView):
    template_name = "activities/consent_form.html"
    form_class = ConsentForm
    tab_name = TAB
    writes = True

    def get_initial(self):
        return {"on": timezone.localdate()}

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = form.cleaned_data
        try:
            with once_per_token(form, user=self.request.user):
                services.consent_record(
                    trajectory=trajectory,
                    user=self.request.user,
                    change=data["change"],
                    on=data["on"],
                    note=data["note"],
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect(TAB, trajectory_pk=trajectory.pk)
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De toestemming voor het kaartenproject is vastgelegd."))
        return redirect(TAB, trajectory_pk=trajectory.pk)


class SessionListView(CaseworkMixin, TemplateView):
    template_name = "activities/session_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessions=selectors.sessions_for(scope=self.request.scope)[:200], **kwargs
        )


class SessionDetailView(CaseworkMixin, TemplateView):
    template_name = "activities/session_detail.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        record_list_access(
            request,
            [a.trajectory.client for a in context["attendances"]],
            purpose="deelnemers van een activiteit",
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        session = selectors.session_for(scope=scope, pk=self.kwargs["session_pk"])
        return super().get_context_data(
            session=session,
            attendances=list(selectors.session_attendance(scope=scope, session=session)),
            mentors=session.mentors.all(),
            **kwargs,
        )


class SessionCreateView(LoggedRenderMixin, CaseworkMixin, FormView):
    template_name = "activities/session_form.html"
    form_class = SessionForm

    def post(self, request, *args, **kwargs):
        refuse_casework_change(request)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        scope = self.request.scope
        return super().get_form_kwargs() | {
            "participants": selectors.participant_choices(scope=scope),
            "mentors": Mentor.objects.visible_to(scope).exclude(status=MentorStatus.STOPPED),
        }

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def log_access(self) -> None:
        record_list_access(
            self.request,
            [t.client for t in selectors.participant_choices(scope=self.request.scope)],
            purpose="aanwezigheid activiteit vastleggen",
        )

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                session = services.session_record(
                    organisation=self.request.scope.organisation, user=self.request.user, **data
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("activities:session_list")
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, _("De activiteit is vastgelegd."))
        return redirect("activities:session_detail", session_pk=session.pk)
