"""The privacy officer's access-log pages: the viewer with its filters and exports, and
'wie heeft dit dossier ingezien' per client."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, View

from terugkeer.core.access_log import record_access
from terugkeer.core.downloads import file_response
from terugkeer.core.roles import Role
from terugkeer.core.validators import validate_bsn
from terugkeer.core.views import ScopedViewMixin
from terugkeer.privacy import log_exports, selectors
from terugkeer.privacy.filters import AccessLogFilter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PrivacyOfficerMixin(ScopedViewMixin):
    """The privacy officer's pages: every other role gets 403."""

    allowed_roles = frozenset({Role.PRIVACY_OFFICER})


class FilteredLogMixin(PrivacyOfficerMixin):
    def get_filter(self) -> AccessLogFilter:
        if not hasattr(self, "_filter"):
            self._filter = AccessLogFilter(
                self.request.GET or None,
                queryset=selectors.access_log_for(scope=self.request.scope),
                request=self.request,
            )
        return self._filter

    def filtered(self):
        log_filter = self.get_filter()
        if log_filter.is_bound and not log_filter.is_valid():
            return log_filter.queryset.none()
        return log_filter.qs


class AccessLogView(FilteredLogMixin, ListView):
    """Who looked at which dossier, filtered; paginated, newest first."""

    template_name = "privacy/access_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["filter"] = self.get_filter()
        context["query_string"] = params.urlencode()
        context["client_type_id"] = selectors.client_type().pk
        return context


class AccessLogExportView(FilteredLogMixin, View):
    """The viewer's filtered rows as CSV or XLSX (``kind`` from the URL)."""

    kind = "csv"

    def get(self, request, *args, **kwargs):
        entries = self.filtered()
        stamp = timezone.localdate().isoformat()
        if self.kind == "xlsx":
            return file_response(
                log_exports.log_xlsx(entries),
                content_type=XLSX,
                filename=f"toegangslogboek-{stamp}.xlsx",
            )
        return file_response(
            log_exports.log_csv(entries),
            content_type="text/csv; charset=utf-8",
            filename=f"toegangslogboek-{stamp}.csv",
        )


class ClientAccessLogView(PrivacyOfficerMixin, ListView):
    """'Wie heeft dit dossier ingezien': reads of the client and of its trajectories."""

    template_name = "privacy/client_access_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.client = selectors.client_for(scope=request.scope, pk=kwargs["client_pk"])
        # The page names the client: reading it is itself a read of the dossier.
        record_access(request, self.client, purpose="wie heeft dit dossier ingezien")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.client_access_log(scope=self.request.scope, client=self.client)

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.client, **kwargs)


class BsnLookupForm(forms.Form):
    bsn = forms.CharField(label=gettext_lazy("BSN van de cliënt"), max_length=9, min_length=9)

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        validate_bsn(bsn)
        return bsn


class ClientLookupView(PrivacyOfficerMixin, View):
    """Find the client a question is about by BSN, then show who read their dossier."""

    def get(self, request, *args, **kwargs):
        form = BsnLookupForm(request.GET)
        if not form.is_valid():
            for error in form.errors.get("bsn", []):
                messages.error(request, _("BSN: %(error)s") % {"error": error})
            return redirect("privacy:index")
        client = selectors.client_by_bsn(scope=request.scope, bsn=form.cleaned_data["bsn"])
        if client is None:
            messages.error(request, _("Er is geen cliënt met dit BSN in uw organisatie."))
            return redirect("privacy:index")
        return redirect("privacy:client_log", client_pk=client.pk)
