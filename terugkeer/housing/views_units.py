"""The houses: list and page with occupancy for casework and the functioneel beheerder, and the
beheerder's forms to add and change a house (places, house rules)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.core.access import Action
from terugkeer.core.access_log import record_list_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.forms import issue_form_token
from terugkeer.core.views import ScopedViewMixin
from terugkeer.housing import selectors, services
from terugkeer.housing.access import UNIT_MANAGERS, UNIT_READERS
from terugkeer.housing.forms import UnitForm
from terugkeer.housing.views import invalid


class UnitListView(ScopedViewMixin, TemplateView):
    template_name = "housing/unit_list.html"
    allowed_roles = UNIT_READERS

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        return super().get_context_data(
            units=selectors.units_for(scope=scope),
            can_manage=scope.role in UNIT_MANAGERS,
            **kwargs,
        )


class UnitDetailView(ScopedViewMixin, TemplateView):
    """A house: places taken now, the residents (casework only), occupancy per month."""

    template_name = "housing/unit_detail.html"
    allowed_roles = UNIT_READERS

    @cached_property
    def unit(self):
        return selectors.unit_for(scope=self.request.scope, pk=self.kwargs["unit_pk"])

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        record_list_access(
            request,
            [stay.trajectory.client for stay in context["residents"]],
            purpose="bewoners van een woning",
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        scope, today = self.request.scope, timezone.localdate()
        residents = list(selectors.residents(scope=scope, unit=self.unit))
        return super().get_context_data(
            unit=self.unit,
            residents=residents,
            occupied=selectors.occupancy_now(unit=self.unit, today=today),
            months=selectors.occupancy_by_month(unit=self.unit, today=today),
            can_manage=scope.role in UNIT_MANAGERS,
            **kwargs,
        )


class UnitCreateView(ScopedViewMixin, FormView):
    template_name = "housing/unit_form.html"
    form_class = UnitForm
    allowed_roles = UNIT_MANAGERS

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        issue_form_token(form)
        return form

    def form_valid(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.UNIT_EDITABLE_FIELDS}
        try:
            with once_per_token(form, user=self.request.user):
                unit = services.unit_create(organisation=self.request.scope.organisation, **fields)
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("housing:unit_list")
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De woning is toegevoegd."))
        return redirect("housing:unit_detail", unit_pk=unit.pk)


class UnitEditView(ScopedViewMixin, FormView):
    template_name = "housing/unit_form.html"
    form_class = UnitForm
    allowed_roles = UNIT_MANAGERS

    @cached_property
    def unit(self):
        return selectors.unit_for(
            scope=self.request.scope, pk=self.kwargs["unit_pk"], action=Action.CHANGE
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.unit}

    def post(self, request, *args, **kwargs):
        self.unit  # noqa: B018 - a 404 before the form is read
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def form_valid(self, form):
        # The model form wrote the input onto the instance: save from a fresh copy.
        changes = {k: v for k, v in form.cleaned_data.items() if k in services.UNIT_EDITABLE_FIELDS}
        unit = selectors.unit_for(scope=self.request.scope, pk=self.unit.pk, action=Action.CHANGE)
        try:
            services.unit_update(
                unit=unit, expected_version=form.cleaned_data["version"], changes=changes
            )
        except ValidationError as exc:
            return invalid(self, form, exc)
        messages.success(self.request, _("De woning is opgeslagen."))
        return redirect("housing:unit_detail", unit_pk=unit.pk)
