"""The functioneel beheerder's pages: chain partners, their contact persons, the settings.
Casework reads the list and the details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.core.access import Action
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.roles import Role
from terugkeer.partners import selectors, services
from terugkeer.partners.choices import PartnerKind
from terugkeer.partners.forms import (
    ContactCreateForm,
    ContactForm,
    PartnerCreateForm,
    PartnerForm,
    SettingsForm,
)
from terugkeer.partners.models import PartnerSettings
from terugkeer.partners.views_common import ManagersMixin, ReadersMixin, show_refusal


class PartnerListView(ReadersMixin, TemplateView):
    template_name = "partners/partner_list.html"

    def get_context_data(self, **kwargs):
        partners = list(selectors.partners_for(scope=self.request.scope))
        by_kind = [
            (label, [p for p in partners if p.kind == kind]) for kind, label in PartnerKind.choices
        ]
        return super().get_context_data(
            by_kind=[(label, found) for label, found in by_kind if found],
            can_manage=self.request.scope.role == Role.FUNCTIONAL_ADMIN,
            answer_days=selectors.referral_answer_days(self.request.scope.organisation),
            **kwargs,
        )


class PartnerCreateView(ManagersMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = PartnerCreateForm
    extra_context = {"heading": _("Ketenpartner toevoegen")}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                partner = services.partner_create(
                    organisation=self.request.scope.organisation, **data
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect("partners:partner_list")
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De ketenpartner is toegevoegd."))
        return redirect("partners:partner_detail", partner_pk=partner.pk)


class PartnerObjectMixin:
    action = Action.VIEW

    @cached_property
    def partner(self):
        return selectors.partner_for(
            scope=self.request.scope, pk=self.kwargs["partner_pk"], action=self.action
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)


class PartnerDetailView(ReadersMixin, PartnerObjectMixin, TemplateView):
    template_name = "partners/partner_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contacts=self.partner.contacts.all(),
            can_manage=self.request.scope.role == Role.FUNCTIONAL_ADMIN,
            **kwargs,
        )


class PartnerEditView(ManagersMixin, PartnerObjectMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = PartnerForm
    action = Action.CHANGE

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.partner}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.partner.name, **kwargs)

    def form_valid(self, form):
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.partner_update(
                partner=self.partner,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De ketenpartner is opgeslagen."))
        return redirect("partners:partner_detail", partner_pk=self.partner.pk)


class ContactCreateView(ManagersMixin, PartnerObjectMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = ContactCreateForm
    action = Action.CHANGE

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Contactpersoon bij %(partner)s") % {"partner": self.partner.name},
            **kwargs,
        )

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            with once_per_token(form, user=self.request.user):
                services.contact_create(partner=self.partner, **data)
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("De contactpersoon is toegevoegd."))
        return redirect("partners:partner_detail", partner_pk=self.partner.pk)


class ContactEditView(ManagersMixin, FormView):
    template_name = "partners/form_page.html"
    form_class = ContactForm

    @cached_property
    def contact(self):
        return selectors.contact_for(
            scope=self.request.scope, pk=self.kwargs["contact_pk"], action=Action.CHANGE
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.contact}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=str(self.contact), **kwargs)

    def form_valid(self, form):
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.contact_update(
                contact=self.contact,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De contactpersoon is opgeslagen."))
        return redirect("partners:partner_detail", partner_pk=self.contact.partner_id)


class SettingsView(ManagersMixin, FormView):
    """The organisation's number of days for an answer on a referral."""

    template_name = "partners/form_page.html"
    form_class = SettingsForm
    extra_context = {"heading": _("Instellingen ketenpartners")}

    def get_form_kwargs(self):
        organisation = self.request.scope.organisation
        instance = PartnerSettings.objects.filter(organisation=organisation).first()
        return super().get_form_kwargs() | {
            "instance": instance or PartnerSettings(organisation=organisation)
        }

    def form_valid(self, form):
        try:
            services.settings_update(
                organisation=self.request.scope.organisation,
                referral_answer_days=form.cleaned_data["referral_answer_days"],
            )
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        messages.success(self.request, _("De instellingen zijn opgeslagen."))
        return redirect("partners:partner_list")
