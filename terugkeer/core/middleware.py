"""Request/response rules that hold for every page of the application."""

from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode

from terugkeer.core.access import ReasonRequired


class NoStoreMiddleware:
    """Pages for a logged-in user show personal data: no browser or proxy keeps a copy.

    Dossier, client, PDF, CSV and XLSX responses (and every other page behind the login) get
    ``Cache-Control: no-store``; static files are served before this by WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class ReasonRequiredMiddleware:
    """A read that needs a stated reason first (``core.access.ReasonRequired``, break the glass)
    is answered with a redirect to the page asking for it; the page asked for comes back as
    ``next``. Whatever the view had computed is dropped, so nothing of the object is shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReasonRequired):
            return None
        return HttpResponseRedirect(
            f"{exception.url}?{urlencode({'next': request.get_full_path()})}"
        )
