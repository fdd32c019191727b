"""The work during detention (its dossier tab, from the organisation's checklist) and the
achterblijvers (on the Ketenpartners tab)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.cases.selectors import READ_ONLY_MESSAGE
from terugkeer.core.access import Action, get_visible_or_404
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.partners import selectors, services_detention
from terugkeer.partners.forms import LeftBehindCreateForm, LeftBehindForm, TaskForm
from terugkeer.partners.models import DetentionTask, LeftBehind
from terugkeer.partners.views_common import CaseworkMixin, show_refusal


class DetentionTasksView(DossierTabMixin, TemplateView):
    """GET: the tasks of the current detention; POST: make the checklist from the template."""

    template_name = "partners/detention_tasks.html"
    tab_name = "partners:detention_tasks"

    def get_context_data(self, **kwargs):
        trajectory = self.get_trajectory()
        tasks = (
            DetentionTask.objects.visible_to(self.request.scope)
            .filter(trajectory=trajectory)
            .select_related("partner", "detention")
        )
        return super().get_context_data(
            tasks=tasks,
            settled=sum(task.is_settled for task in tasks),
            template=services_detention.checklist_template(trajectory.organisation),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()  # the change action: 404 / 403 first
        try:
            created = services_detention.checklist_create(trajectory=trajectory)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("%(n)s taken toegevoegd aan de checklist.") % {"n": len(created)}
            )
        return redirect("partners:detention_tasks", trajectory_pk=trajectory.pk)


class TaskUpdateView(LoggedRenderMixin, CaseworkMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = TaskForm

    @cached_property
    def task(self):
        found = get_visible_or_404(
            DetentionTask.objects.visible_to(self.request.scope).select_related("trajectory"),
            pk=self.kwargs["task_pk"],
        )
        if not self.request.scope.can(Action.CHANGE, found):
            raise PermissionDenied(READ_ONLY_MESSAGE)
        return found

    def log_access(self) -> None:
        record_access(self.request, self.task.trajectory, purpose="taak tijdens detentie bijwerken")

    def post(self, request, *args, **kwargs):
        self.task  # noqa: B018 - 404/403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partners": selectors.partners_for(scope=self.request.scope, active_only=True)
        }

    def get_initial(self):
        task = self.task
        return {
            "status": task.status,
            "partner": task.partner_id,
            "done_on": task.done_on,
            "note": task.note,
            "version": task.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.task.title, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services_detention.task_update(
                task=self.task,
                expected_version=data["version"],
                status=data["status"],
                partner=data["partner"],
                note=data["note"],
                done_on=data["done_on"],
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De taak is bijgewerkt."))
        return redirect("partners:detention_tasks", trajectory_pk=self.task.trajectory_id)


class LeftBehindCreateView(DossierTabMixin, FormView):
    template_name = "partners/tab_form.html"
    form_class = LeftBehindCreateForm
    tab_name = "partners:trajectory"
    writes = True
    extra_context = {"heading": _("Achterblijver vastleggen")}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partners": selectors.partners_for(scope=self.request.scope, active_only=True)
        }

    def form_valid(self, form):
        trajectory = self.get_trajectory()
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services_detention.left_behind_create(trajectory=trajectory, **data)
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("De achterblijver is vastgelegd."))
        return redirect("partners:trajectory", trajectory_pk=trajectory.pk)


class LeftBehindEditView(LoggedRenderMixin, CaseworkMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = LeftBehindForm

    @cached_property
    def left_behind(self):
        found = get_visible_or_404(
            LeftBehind.objects.visible_to(self.request.scope).select_related("trajectory"),
            pk=self.kwargs["left_behind_pk"],
        )
        if not self.request.scope.can(Action.CHANGE, found):
            raise PermissionDenied(READ_ONLY_MESSAGE)
        return found

    def log_access(self) -> None:
        record_access(self.request, self.left_behind.trajectory, purpose="achterblijver bijwerken")

    def post(self, request, *args, **kwargs):
        self.left_behind  # noqa: B018 - 404/403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "instance": self.left_behind,
            "partners": selectors.partners_for(scope=self.request.scope, active_only=True),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Achterblijver"), **kwargs)

    def form_valid(self, form):
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services_detention.left_behind_update(
                left_behind=self.left_behind,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De achterblijver is bijgewerkt."))
        return redirect("partners:trajectory", trajectory_pk=self.left_behind.trajectory_id)
