"""Shared plumbing of the interventions pages: the row a page is about, errors onto the form."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from terugkeer.core.access import Action
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.form_tokens import DuplicateSubmission
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.interventions import selectors


def invalid(view, form, exc: Exception):
    """A refusal of the service onto the form (nothing was saved); the input is kept."""
    if isinstance(exc, (StaleObjectError, DuplicateSubmission)):
        form.add_error(None, exc.message)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
    return view.form_invalid(form)


class CaseworkObjectMixin(LoggedRenderMixin, ScopedViewMixin):
    """A page about one row of a trajectory: 404 outside the scope, 403 when it may be read but
    not acted on. ``action`` is what the page does (a form page asks it for its GET too);
    every GET writes the access log for the trajectory."""

    allowed_roles = CASEWORK_ROLES
    action = Action.VIEW
    purpose = gettext_lazy("alternatieve maatregel bekijken")
    lookup = staticmethod(selectors.request_for)
    pk_kwarg = "request_pk"

    @cached_property
    def item(self):
        action = self.action
        if self.request.method == "POST" and action == Action.VIEW:
            action = Action.CHANGE
        return self.lookup(scope=self.request.scope, pk=self.kwargs[self.pk_kwarg], action=action)

    def trajectory(self):
        return (
            self.item.trajectory
            if hasattr(self.item, "trajectory")
            else self.item.request.trajectory
        )

    def log_access(self) -> None:
        record_access(self.request, self.trajectory(), purpose=str(self.purpose))

    def post(self, request, *args, **kwargs):
        self.item  # noqa: B018 - a 404 or 403 before the form is read
        if not hasattr(super(), "post"):  # a page without a form: 405, as Django answers
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, trajectory=self.trajectory(), **kwargs)
