"""Who calls the API: a system with an OAuth2 bearer token, or a person with their session.

A token belongs to an :class:`ApiClient`; its scope is its organisation's, with the coordinator
role, acting as the client's service user (assigned to no trajectory, so shielded ones stay
invisible). A person's scope is the one ``ActiveOrganisationMiddleware`` set on the request.
"""

from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from terugkeer.api.models import ApiClient
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role


class ApiClientAuthentication(OAuth2Authentication):
    www_authenticate_realm = "terugkeer"

    def authenticate(self, request):
        # Tokens travel in the Authorization header only (never in the body or the query, RFC
        # 9700); without one the body is not parsed here, so a form POST meets the permission
        # check (403) before the parser (415).
        if not request.headers.get("Authorization", "").lower().startswith("bearer "):
            return None
        found = super().authenticate(request)
        if found is None:
            return None
        _user, token = found
        api_client = (
            ApiClient.objects.select_related("organisation", "service_user")
            .filter(application_id=token.application_id)
            .first()
        )
        if api_client is None or not api_client.is_usable():
            raise exceptions.AuthenticationFailed(
                _("Deze API-koppeling is verlopen of uitgeschakeld.")
            )
        user = api_client.service_user
        inner = request._request
        inner.api_client = api_client
        inner.organisation = api_client.organisation
        inner.scope = Scope(user=user, organisation=api_client.organisation, role=Role.COORDINATOR)
        return user, token


class VerifiedSessionAuthentication(SessionAuthentication):
    """A person logged in with both factors (the middleware sends others to the second factor)."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        request._request.api_client = None
        return found
