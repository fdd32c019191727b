"""The organisation's catalogue of interventions and its budget (functioneel beheerder, chair)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from terugkeer.core.access import Action, get_visible_or_404
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.views import ScopedViewMixin
from terugkeer.interventions import selectors, services_reference
from terugkeer.interventions.access import REFERENCE_MANAGERS
from terugkeer.interventions.forms import (
    BudgetLineCreateForm,
    BudgetLineEditForm,
    TypeCreateForm,
    TypeEditForm,
)
from terugkeer.interventions.models import BudgetLine
from terugkeer.interventions.views_common import invalid


class ManagersMixin(ScopedViewMixin):
    allowed_roles = REFERENCE_MANAGERS


class CatalogueView(ManagersMixin, FormView):
    """The catalogue with a form to add a type."""

    template_name = "interventions/catalogue.html"
    form_class = TypeCreateForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            types=selectors.catalogue(scope=self.request.scope), **kwargs
        )

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                services_reference.intervention_type_create(
                    scope=self.request.scope,
                    **{k: form.cleaned_data[k] for k in services_reference.TYPE_FIELDS},
                )
        except (ValidationError, DuplicateSubmission) as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De soort interventie is toegevoegd."))
        return redirect("interventions:catalogue")


class TypeEditView(ManagersMixin, FormView):
    template_name = "interventions/form_page.html"
    form_class = TypeEditForm

    @cached_property
    def item(self):
        return selectors.type_for(scope=self.request.scope, pk=self.kwargs["type_pk"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Soort interventie bewerken"), **kwargs)

    def form_valid(self, form):
        try:
            services_reference.intervention_type_update(
                scope=self.request.scope,
                intervention_type=self.item,
                expected_version=form.cleaned_data["version"],
                changes={k: form.cleaned_data[k] for k in services_reference.TYPE_FIELDS},
            )
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De soort interventie is opgeslagen."))
        return redirect("interventions:catalogue")


class BudgetView(ManagersMixin, FormView):
    """A year's budget lines with their realisation, and a form to add a line."""

    template_name = "interventions/budget.html"
    form_class = BudgetLineCreateForm

    @cached_property
    def year(self) -> int:
        try:
            return int(self.request.GET.get("jaar", ""))
        except ValueError:
            return timezone.localdate().year

    def get_initial(self):
        return {"year": self.year}

    def get_form_kwargs(self):
        programmes = selectors.organisation_programmes(self.request.scope.organisation)
        return super().get_form_kwargs() | {"programmes": programmes}

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        years = sorted({*selectors.budget_years(scope=scope), self.year}, reverse=True)
        return super().get_context_data(
            year=self.year,
            years=years,
            rows=selectors.budget_rows(organisation=scope.organisation, year=self.year),
            **kwargs,
        )

    def form_valid(self, form):
        data = {k: form.cleaned_data[k] for k in services_reference.LINE_FIELDS}
        if form.by_project() is not None:
            data[services_reference.BY_PROJECT] = form.by_project()
        try:
            with once_per_token(form, user=self.request.user):
                services_reference.budget_line_create(scope=self.request.scope, **data)
        except (ValidationError, DuplicateSubmission) as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De kostenpost is toegevoegd."))
        return redirect(f"{reverse('interventions:budget')}?jaar={data['year']}")


class BudgetLineEditView(ManagersMixin, FormView):
    template_name = "interventions/form_page.html"
    form_class = BudgetLineEditForm

    @cached_property
    def item(self):
        return get_visible_or_404(
            BudgetLine.objects.visible_to(self.request.scope, action=Action.VIEW),
            pk=self.kwargs["line_pk"],
        )

    def get_form_kwargs(self):
        programmes = selectors.organisation_programmes(self.request.scope.organisation)
        return super().get_form_kwargs() | {"instance": self.item, "programmes": programmes}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Kostenpost bewerken"), **kwargs)

    def form_valid(self, form):
        changes = {k: form.cleaned_data[k] for k in services_reference.LINE_FIELDS}
        if form.by_project() is not None:
            changes[services_reference.BY_PROJECT] = form.by_project()
        try:
            services_reference.budget_line_update(
                scope=self.request.scope,
                line=self.item,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De kostenpost is opgeslagen."))
        return redirect(f"{reverse('interventions:budget')}?jaar={self.item.year}")
