"""Errors as RFC 9457 problem details (``application/problem+json``), in Dutch, naming fields."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet aangemeld"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Antwoordformaat niet beschikbaar"),
    409: _("Conflict"),
    412: _("Gewijzigd door een ander"),
    415: _("Formaat niet ondersteund"),
    422: _("Verzoek niet te verwerken"),
    428: _("Versie ontbreekt"),
    429: _("Te veel verzoeken"),
}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "If-Match ontbreekt."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "De versie in If-Match is niet de huidige."
    default_code = "precondition_failed"


class Problem(exceptions.APIException):
    """A refusal with a status, a detail and the fields it is about."""

    def __init__(self, status_code: int, detail: str, errors: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.errors = errors or []


def _title(status_code: int) -> str:
    return str(TITLES.get(status_code, _("Fout")))


def _flatten(data, prefix: str = "") -> list[dict]:
    """DRF's nested validation errors as ``[{"field": "a.b[0]", "detail": "..."}]``."""
    found: list[dict] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = prefix if key == "non_field_errors" else (f"{prefix}.{key}" if prefix else key)
            found += _flatten(value, name)
    elif isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            found += [{"field": prefix or None, "detail": str(item)} for item in data]
        else:
            for index, item in enumerate(data):
                found += _flatten(item, f"{prefix}[{index}]")
    else:
        found.append({"field": prefix or None, "detail": str(data)})
    return found


def problem_response(
    status_code: int, detail: str, *, errors: list[dict] | None = None, instance: str = ""
) -> Response:
    body = {
        "type": "about:blank",
        "title": _title(status_code),
        "status": status_code,
        "detail": detail,
        "errors": errors or [],
    }
    if instance:
        body["instance"] = instance
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Dit gegeven bestaat niet of u heeft er geen toegang toe."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, Problem):
        errors = exc.errors
        detail = str(exc.detail)
    elif isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = _("De invoer is niet in orde; zie 'errors'.")
    else:
        errors = []
        detail = str(exc.detail) if hasattr(exc, "detail") else _title(response.status_code)
    problem = problem_response(response.status_code, detail, errors=errors, instance=instance)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
