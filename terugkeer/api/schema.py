"""OpenAPI: the OAuth2 client-credentials scheme of :class:`ApiClientAuthentication`."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiClientScheme(OpenApiAuthenticationExtension):
    target_class = "terugkeer.api.authentication.ApiClientAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        view = auto_schema.view
        group = getattr(view, "scope_group", None)
        if group is None:
            return {self.name: []}
        reading = auto_schema.method in ("GET", "HEAD", "OPTIONS")
        return {self.name: [f"{'read' if reading else 'write'}:{group}"]}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "OAuth2 client credentials; een koppeling maakt u met "
            "`manage.py api_client_create`.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token/",
                    "scopes": dict(settings.API_SCOPES),
                }
            },
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "terugkeer.api.authentication.VerifiedSessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
