"""Login, two-factor, choosing the active organisation and organisation settings."""

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts import selectors, services
from terugkeer.accounts.forms import EmailAuthenticationForm, OrganisationSettingsForm, TokenForm
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import Role
from terugkeer.core.views import ScopedViewMixin


def _safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self):
        target = reverse("accounts:two_factor")
        next_url = self.get_redirect_url()
        return f"{target}?next={next_url}" if next_url else target


class LogoutView(auth_views.LogoutView):
    pass


class TwoFactorVerifyView(LoginRequiredMixin, FormView):
    """Second step of the login: the TOTP code of an enrolled device."""

    template_name = "accounts/two_factor.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_verified():
            return redirect(_safe_next(request, reverse("core:home")))
        self.device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
        if self.device is None:
            return redirect("accounts:two_factor_setup")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_code"] = services.totp_demo_code(self.device)
        context["next"] = _safe_next(self.request, "")
        return context

    def form_valid(self, form):
        if not services.totp_device_verify(device=self.device, token=form.cleaned_data["token"]):
            form.add_error(
                "token", _("Deze code klopt niet of is verlopen. Probeer de nieuwste code.")
            )
            return self.form_invalid(form)
        self.request.session.cycle_key()
        otp_login(self.request, self.device)
        return redirect(_safe_next(self.request, reverse("core:home")))


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """First login: enrol an authenticator app by scanning a QR code, then confirm with a code."""

    template_name = "accounts/two_factor_setup.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
            return redirect("accounts:two_factor")
        self.device = services.totp_device_for_enrolment(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qr = segno.make(self.device.config_url, error="m")
        context["qr_svg"] = qr.svg_inline(scale=5, dark="#1a1a1a", light="#ffffff")
        secret = self.device.config_url.split("secret=")[1].split("&")[0]
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["demo_code"] = services.totp_demo_code(self.device)
        return context

    def form_valid(self, form):
        if not services.totp_device_confirm(device=self.device, token=form.cleaned_data["token"]):
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
            return self.form_invalid(form)
        self.device.refresh_from_db()
        self.request.session.cycle_key()
        otp_login(self.request, self.device)
        messages.success(self.request, _("Tweestapsverificatie is ingesteld."))
        return redirect("core:home")


class ChooseOrganisationView(LoginRequiredMixin, TemplateView):
    """A user with several memberships picks the organisation to work in."""

    template_name = "accounts/choose_organisation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.memberships_of(user=self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        try:
            organisation_id = int(request.POST.get("organisation", ""))
        except ValueError:
            organisation_id = 0
        membership = services.active_organisation_set(
            session=request.session, user=request.user, organisation_id=organisation_id
        )
        messages.info(request, _("U werkt nu voor %(org)s.") % {"org": membership.organisation})
        return redirect("core:home")


class OrganisationSettingsView(ScopedViewMixin, FormView):
    """The functioneel beheerder edits the organisation's settings (optimistic locking)."""

    allowed_roles = frozenset({Role.FUNCTIONAL_ADMIN})
    template_name = "accounts/organisation_settings.html"
    form_class = OrganisationSettingsForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = selectors.organisation_for_settings(
            organisation=self.request.scope.organisation
        )
        return kwargs

    def form_valid(self, form):
        organisation = form.instance
        try:
            services.organisation_update_settings(
                organisation=organisation,
                expected_version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                aftercare_months=form.cleaned_data["aftercare_months"],
            )
        except StaleObjectError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De instellingen zijn opgeslagen."))
        return redirect("accounts:organisation_settings")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation link: set a first password (Django's reset token, valid once)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False
