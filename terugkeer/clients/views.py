"""Client pages: search, the dossier page and editing personal data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from terugkeer.clients import selectors, services
from terugkeer.clients.forms import ClientForm, ClientSearchForm
from terugkeer.clients.registry import sections_for
from terugkeer.clients.selectors import QueryKind
from terugkeer.core.access import Action
from terugkeer.core.access_log import ListAccessLogMixin, LoggedRenderMixin, record_access
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin


class ClientSearchView(ScopedViewMixin, ListAccessLogMixin, ListView):
    """One search box: name, BSN or birth date, within the active organisation.

    The clients found are logged, with the search in the logged address.
    """

    allowed_roles = CASEWORK_ROLES
    template_name = "clients/search.html"
    context_object_name = "clients"
    paginate_by = 25
    access_purpose = "cliënten zoeken"

    def get(self, request, *args, **kwargs):
        self.form = ClientSearchForm(request.GET or None)
        text = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        self.query = selectors.parse_client_query(text)
        if self.query.kind == QueryKind.INVALID_DATE:
            self.form.add_error("q", _("Deze datum bestaat niet. Gebruik dd-mm-jjjj."))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.client_search(scope=self.request.scope, query=self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["query"] = self.query
        context["searched"] = bool(self.query.text) and not self.form.errors
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context


class ClientDetailView(ScopedViewMixin, TemplateView):
    """The client page: personal data, then the sections other apps contribute (detentions, ...)."""

    allowed_roles = CASEWORK_ROLES
    template_name = "clients/detail.html"

    def get(self, request, *args, **kwargs):
        scope = request.scope
        client = selectors.client_for_dossier(scope=scope, pk=kwargs["client_pk"])
        # Outside any transaction, before rendering, so the read is logged even if rendering fails.
        record_access(request, client, purpose="dossier bekijken")
        context = self.get_context_data(
            client=client,
            sections=sections_for(scope=scope, client=client),
            can_change=scope.can(Action.CHANGE, client),
        )
        return self.render_to_response(context)


class ClientUpdateView(LoggedRenderMixin, ScopedViewMixin, FormView):
    """Edit the personal data of a client (optimistic locking)."""

    allowed_roles = CASEWORK_ROLES
    template_name = "clients/edit.html"
    form_class = ClientForm

    def get_client(self):
        if not hasattr(self, "client"):
            self.client = selectors.client_for_edit(
                scope=self.request.scope, pk=self.kwargs["client_pk"]
            )
        return self.client

    def log_access(self) -> None:
        record_access(self.request, self.get_client(), purpose="dossier bewerken")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_client()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["client"] = self.get_client()
        return context

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.client_update(
                client=self.client,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except StaleObjectError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De gegevens van de cliënt zijn opgeslagen."))
        return redirect("clients:detail", client_pk=self.client.pk)
