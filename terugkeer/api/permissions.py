"""What a caller may do: casework roles for people; the client's scopes for systems."""

from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from terugkeer.core.roles import CASEWORK_ROLES, Role


def api_client_of(request):
    return getattr(request._request, "api_client", None)


class ApiAccess(BasePermission):
    """A view names its resource group (``scope_group``); reading needs ``read:<group>``, any
    other method ``write:<group>``. People need a casework role (writing: the coordinator's), or
    one of the view's ``person_roles``."""

    message = _("U heeft geen toegang tot dit onderdeel van de API.")

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        group = getattr(view, "scope_group", None)
        if group is None:
            return True  # schema and documentation
        reading = request.method in SAFE_METHODS
        api_client = api_client_of(request)
        if api_client is not None:
            needed = f"{'read' if reading else 'write'}:{group}"
            if not api_client.has_scope(needed):
                self.message = _("Deze koppeling heeft het recht '%(scope)s' niet.") % {
                    "scope": needed
                }
                return False
            return True
        scope = getattr(request, "scope", None)
        if scope is None or scope.role not in getattr(view, "person_roles", CASEWORK_ROLES):
            return False
        if not reading and not getattr(view, "object_checks_change", False):
            # A change that belongs to no trajectory yet (a melding): the coordinator's.
            return Role.COORDINATOR in scope.roles
        return True
