"""The dossier's shared view plumbing: the tab bar, scoped trajectory lookup and access log.

Every tab view of a trajectory (here and in other modules) subclasses :class:`DossierTabMixin`:
it looks the trajectory up through ``Trajectory.objects.visible_to(scope)`` (another
organisation's or a shielded one is a 404), writes the access log on every GET, and provides
``trajectory``, ``dossier_tabs`` and ``tab_title`` to ``cases/dossier/base.html``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from terugkeer.cases import registry
from terugkeer.cases.models import Trajectory
from terugkeer.cases.selectors import INTAKE_READ_ONLY_MESSAGE, refusal_message, trajectory_for
from terugkeer.core.access import Action
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.core.views import ScopedViewMixin

# The tabs of cases itself; programme apps add theirs with ``cases.registry.register_tab``.
for _order, (_name, _title) in enumerate(
    [
        ("dossier:overview", _("Overzicht")),
        ("dossier:triage", _("Basisvoorwaarden")),
        ("plan:detail", _("Plan van aanpak")),
        ("dossier:contacts", _("Contacten")),
        ("dossier:timeline", _("Klantreis")),
    ]
):
    registry.register_tab(_name, _title, order=(_order + 1) * 10)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def refuse_casework_change(request) -> None:
    """A change that belongs to no trajectory yet (a melding, an import, a new trajectory) is
    casework too: the coordinator's, or a team chair's who is also a coordinator (403 otherwise).
    Reading stays open to the roles the view allows."""
    scope = getattr(request, "scope", None)
    if request.method in SAFE_METHODS or scope is None or scope.role not in CASEWORK_ROLES:
        return
    if Role.COORDINATOR not in scope.roles:
        raise PermissionDenied(INTAKE_READ_ONLY_MESSAGE)


@dataclass(frozen=True)
class Tab:
    title: str
    url: str
    current: bool


class DossierTabMixin(LoggedRenderMixin, ScopedViewMixin):
    allowed_roles = CASEWORK_ROLES
    tab_name = ""  # the URL name of this tab
    purpose = _("dossier bekijken")

    writes = False  # a form page: even its GET needs the change action

    def request_action(self) -> str:
        """What the request does: reading (GET, HEAD) or changing (a form page, any POST)."""
        if self.writes or self.request.method not in SAFE_METHODS:
            return Action.CHANGE
        return Action.VIEW

    def get_trajectory(self) -> Trajectory:
        """The trajectory, if the scope may do this request's action with it.

        Not visible: 404. Visible but not changeable (a team chair who is not also a
        coordinator, posting): 403 with the reason, since the reader already knows it exists.
        """
        if not hasattr(self, "_trajectory"):
            self._trajectory = trajectory_for(
                self.request.scope, self.kwargs["trajectory_pk"], action=self.request_action()
            )
        return self._trajectory

    def can_change(self) -> bool:
        return self.request.scope.can(Action.CHANGE, self.get_trajectory())

    def log_access(self) -> None:
        record_access(self.request, self.get_trajectory(), purpose=str(self.purpose))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.get_trajectory()
        tabs = []
        for tab in registry.dossier_tabs():
            try:
                url = reverse(tab.url_name, args=[trajectory.pk])
            except NoReverseMatch:  # a module that is not installed
                continue
            tabs.append(Tab(str(tab.title), url, tab.url_name == self.tab_name))
        context.update(
            trajectory=trajectory,
            can_change=self.can_change(),
            read_only_message=refusal_message(trajectory),
            dossier_tabs=tabs,
            tab_title=next((t.title for t in tabs if t.current), ""),
        )
        return context
