"""Inviting people to the organisation, and accepting an invitation (issue 11)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from terugkeer.accounts import invitations, selectors
from terugkeer.accounts.forms import InvitationAcceptNewForm, InvitationForm
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.roles import Role
from terugkeer.core.views import ScopedViewMixin


class InviteView(ScopedViewMixin, FormView):
    """The functioneel beheerder invites an e-mail address to the own organisation."""

    allowed_roles = frozenset({Role.FUNCTIONAL_ADMIN})
    template_name = "accounts/invite.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_invitations"] = selectors.invitations_open(
            organisation=self.request.scope.organisation
        )
        return context

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                invitation = invitations.invitation_create(
                    organisation=self.request.scope.organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=self.request.user,
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("accounts:invite")
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email},
        )
        return redirect("accounts:invite")


class InvitationAcceptView(View):
    """The link in the invitation e-mail (public: the signed token is the credential)."""

    template_name = "accounts/invitation_accept.html"

    def _render(self, request, **context):
        return render(request, self.template_name, context)

    def _refused(self, request, exc: invitations.InvitationRefused):
        return self._render(request, refusal=exc.message)

    def get(self, request, token):
        try:
            invitation = invitations.invitation_for_token(token)
        except invitations.InvitationRefused as exc:
            return self._refused(request, exc)
        return self._render(request, **self._context(request, invitation))

    def _context(self, request, invitation, form=None):
        context = {"invitation": invitation}
        if invitations.invitation_has_account(invitation):
            context["existing"] = True
            context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
            user = request.user
            if user.is_authenticated and user.email.lower() != invitation.email:
                context["refusal"] = invitations.OTHER_ACCOUNT.format(
                    email=invitation.email, current=user.email
                )
        else:
            context["form"] = form or InvitationAcceptNewForm(email=invitation.email)
        return context

    def post(self, request, token):
        try:
            invitation = invitations.invitation_for_token(token)
        except invitations.InvitationRefused as exc:
            return self._refused(request, exc)
        if invitations.invitation_has_account(invitation):
            return self._accept_existing(request, token, invitation)
        return self._accept_new(request, token, invitation)

    def _accept_existing(self, request, token, invitation):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        try:
            membership = invitations.invitation_accept_existing(token=token, user=request.user)
        except invitations.InvitationRefused as exc:
            return self._refused(request, exc)
        messages.success(
            request,
            _("U bent nu %(role)s bij %(org)s.")
            % {"role": membership.get_role_display().lower(), "org": membership.organisation},
        )
        return redirect("accounts:choose_organisation")

    def _accept_new(self, request, token, invitation):
        form = InvitationAcceptNewForm(request.POST, email=invitation.email)
        if not form.is_valid():
            return self._render(request, **self._context(request, invitation, form))
        try:
            invitations.invitation_accept_new(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except invitations.InvitationRefused as exc:
            return self._refused(request, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self._render(request, **self._context(request, invitation, form))
        if request.user.is_authenticated:
            logout(request)
        messages.success(
            request,
            _(
                "Uw account is aangemaakt. Log in met uw e-mailadres en wachtwoord en stel "
                "daarna de tweestapsverificatie in."
            ),
        )
        return redirect("accounts:login")
