"""Rate limit per API client (or per person), rate ``api_client`` in settings."""

from rest_framework.throttling import SimpleRateThrottle

from terugkeer.api.permissions import api_client_of


class ApiClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_cache_key(self, request, view):
        api_client = api_client_of(request)
        if api_client is not None:
            ident = f"client-{api_client.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
