"""OpenAPI: the OAuth2 client-credentials scheme, and the problem-details answers of every view."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from terugkeer.api.problems import PROBLEM_CONTENT_TYPE


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text="Het veld, bijv. `[1].bsn`.")
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem-details body (``application/problem+json``), in Dutch."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = ProblemErrorSerializer(many=True)
    instance = serializers.CharField(required=False)


# Answers every resource may give: no or a bad token, a role or scope short, the rate limit.
EVERY_OPERATION = (401, 403, 429)


def problem_statuses(method: str, *, writes_version: bool) -> tuple[int, ...]:
    """The problem statuses an operation can answer besides :data:`EVERY_OPERATION`."""
    found = {400, 404}  # filters, page sizes and bodies are checked; a list's cursor may be stale
    if method in ("POST", "PATCH", "PUT"):
        found |= {415, 422}
    if writes_version:
        found |= {412, 428}
    return tuple(sorted(found))


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the problem-details answers (docs/api.md, Errors)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        view = self.view
        if direction != "response" or getattr(view, "scope_group", None) is None:
            return responses  # the schema and its documentation are public
        statuses = problem_statuses(
            self.method,
            writes_version=self.method != "GET" and getattr(view, "object_checks_change", False),
        )
        for code in sorted({*EVERY_OPERATION, *statuses}):
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    ProblemSerializer, str(code), media_types=[PROBLEM_CONTENT_TYPE]
                ),
            )
        return responses


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


def notifications_body_hook(result, generator, request, public):
    """POST /notifications/ takes one melding (an object) or a non-empty list of them; the
    serializer can say neither, so the schema says it after generation (a postprocessing hook)."""
    operation = result["paths"].get("/api/v1/notifications/", {}).get("post")
    if operation is not None:
        media = operation["requestBody"]["content"]["application/json"]
        item = media["schema"]["items"]
        media["schema"] = {"oneOf": [item, {"type": "array", "minItems": 1, "items": item}]}
    return result
