"""The worklists of coordinators and team chairs."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from terugkeer.cases import selectors
from terugkeer.cases.filters import TrajectoryFilter
from terugkeer.cases.pagination import DeferredJoinPaginator
from terugkeer.core.access_log import ListAccessLogMixin
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.core.views import ScopedViewMixin


class WorklistView(ScopedViewMixin, ListAccessLogMixin, ListView):
    """A paginated table of trajectories; subclasses choose the selector and the title.

    Every page shown logs the clients on it (the access log).
    """

    allowed_roles = CASEWORK_ROLES
    template_name = "cases/worklist.html"
    context_object_name = "trajectories"
    paginate_by = 50
    paginator_class = DeferredJoinPaginator
    title = ""
    caption = ""
    empty_text = ""

    def select(self):
        raise NotImplementedError

    def logged_subjects(self, objects):
        return [trajectory.client for trajectory in objects]

    def get_queryset(self):
        return self.select()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            title=self.title,
            caption=self.caption,
            empty_text=self.empty_text,
            query_string=params.urlencode(),
        )
        return context


class NewNotificationsView(WorklistView):
    title = _("Nieuwe meldingen")
    caption = _("Trajecten met status aangemeld: eerst de wachtrij, dan de vroegste termijn.")
    empty_text = _("Er zijn geen nieuwe meldingen.")
    access_purpose = _("werklijst nieuwe meldingen")

    def select(self):
        return selectors.new_notifications(scope=self.request.scope)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.request.scope
        # Taking or giving queue trajectories (the service holds the rule; this only offers it).
        if scope.role == Role.TEAM_CHAIR or Role.COORDINATOR in scope.roles:
            context["assign_to"] = selectors.assignable_coordinators(scope=scope)
            context["can_take"] = Role.COORDINATOR in scope.roles
        return context


class MyCaseloadView(WorklistView):
    title = _("Mijn caseload")
    caption = _("Uw lopende trajecten: eerst die met een te late eerste contact, dan op naam.")
    empty_text = _("U heeft geen lopende trajecten.")
    access_purpose = _("werklijst mijn caseload")

    def select(self):
        return selectors.my_caseload(scope=self.request.scope)


class AllTrajectoriesView(WorklistView):
    title = _("Alle trajecten")
    caption = _("Alle trajecten van uw organisatie, volgens de gekozen filters en sortering.")
    empty_text = _("Geen trajecten gevonden met deze filters.")
    access_purpose = _("werklijst alle trajecten")

    def select(self):
        self.filterset = TrajectoryFilter(
            self.request.GET or None,
            queryset=selectors.all_trajectories(scope=self.request.scope),
            request=self.request,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filterset.form
        context["filtered"] = bool(self.request.GET.keys() - {"page"})
        return context
