"""Request middleware: enforce the second factor and attach the active organisation and scope."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

from terugkeer.accounts import selectors
from terugkeer.accounts.services import ACTIVE_ORGANISATION_SESSION_KEY
from terugkeer.core.access import scope_for

# Views a user who passed the password but not yet the second factor may reach.
_HALF_LOGGED_IN_VIEWS = frozenset(
    {
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:logout",
        "accounts:login",
        "set_language",
        "core:health",
    }
)


class TwoFactorRequiredMiddleware:
    """A password alone reaches nothing but the second-factor pages (and logout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if request.path.startswith(settings.STATIC_URL):
                return self.get_response(request)
            try:
                view_name = resolve(request.path_info).view_name
            except Resolver404:
                view_name = ""
            if view_name not in _HALF_LOGGED_IN_VIEWS:
                return redirect("accounts:two_factor")
        return self.get_response(request)


class ActiveOrganisationMiddleware:
    """Sets ``request.membership``, ``request.organisation`` and ``request.scope`` (or None).

    The active organisation is kept in the session; a user with one membership gets it
    automatically; with several, they choose (the header shows which one is active).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None
        request.organisation = None
        request.scope = None
        user = request.user
        if user.is_authenticated and user.is_verified():
            memberships = selectors.memberships_of(user=user)
            request.memberships = memberships
            chosen = request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
            membership = next((m for m in memberships if m.organisation_id == chosen), None)
            if membership is None and len(memberships) == 1:
                membership = memberships[0]
                request.session[ACTIVE_ORGANISATION_SESSION_KEY] = membership.organisation_id
            if membership is not None:
                request.membership = membership
                request.organisation = membership.organisation
                request.scope = scope_for(user, membership)
        return self.get_response(request)
