"""Core views: the home page and the health check, plus the role mixin every view uses."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from terugkeer.core import selectors
from terugkeer.core.access_log import record_reference_access
from terugkeer.core.home_panels import panels_for
from terugkeer.core.navigation import tiles_for
from terugkeer.core.roles import Role


class ScopedViewMixin(LoginRequiredMixin):
    """Requires a verified login, an active organisation and (optionally) one of ``allowed_roles``.

    A user without an active organisation is sent to choose one; a wrong role is a 403.
    Views then read data only through ``self.request.scope``.
    """

    allowed_roles: frozenset[Role] | None = None

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if getattr(request, "scope", None) is None:
            return redirect("accounts:choose_organisation")
        if self.allowed_roles is not None and request.scope.role not in self.allowed_roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HomeView(ScopedViewMixin, TemplateView):
    template_name = "core/home.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        signals = context["signals"]
        if signals is not None:
            # The signals name clients: log who was shown (one row each), before rendering.
            record_reference_access(
                request,
                [("clients.client", s.client_id, s.subject) for s in signals.team if s.client_id],
                purpose="signalen op de startpagina",
            )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tasks"] = tiles_for(scope=self.request.scope)
        context["role_description"] = selectors.role_description(self.request.scope.role)
        today = timezone.localdate()
        context["signals"] = selectors.home_signals(scope=self.request.scope, today=today)
        context["panels"] = panels_for(scope=self.request.scope, today=today)
        return context


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and its database is reachable."""
    selectors.database_ping()
    return JsonResponse({"status": "ok"})
