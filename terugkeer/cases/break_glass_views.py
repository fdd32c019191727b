"""The page that asks for a reason before a shielded dossier opens (break the glass).

It shows nothing of the person: not their name, not which trajectory. Casework that needs no
reason for this person (assigned, or the dossier is not shielded) is sent straight on.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from terugkeer.cases import break_glass
from terugkeer.clients.models import Client
from terugkeer.core.access import get_visible_or_404
from terugkeer.core.access_log import record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.forms import OneTimeFormMixin
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin


class BreakGlassForm(OneTimeFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        min_length=break_glass.REASON_MIN_LENGTH,
        max_length=break_glass.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Waarom moet u dit afgeschermde dossier nu inzien? Minstens %(min)s tekens."
        )
        % {"min": break_glass.REASON_MIN_LENGTH},
        error_messages={
            "required": gettext_lazy("Vul bij Reden in waarom u het dossier wilt inzien."),
            "min_length": gettext_lazy(
                "De reden is te kort: schrijf minstens %(limit_value)s tekens (nu %(show_value)s)."
            ),
            "max_length": gettext_lazy(
                "De reden is te lang: hoogstens %(limit_value)s tekens (nu %(show_value)s)."
            ),
        },
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < break_glass.REASON_MIN_LENGTH:
            raise forms.ValidationError(
                _("De reden is te kort: schrijf minstens %(n)s tekens.")
                % {"n": break_glass.REASON_MIN_LENGTH}
            )
        return reason


class BreakGlassView(ScopedViewMixin, FormView):
    allowed_roles = CASEWORK_ROLES
    template_name = "cases/break_glass.html"
    form_class = BreakGlassForm

    def dispatch(self, request, *args, **kwargs):
        if getattr(request, "scope", None) is None or not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if request.scope.role not in CASEWORK_ROLES:
            return super().dispatch(request, *args, **kwargs)  # the mixin answers 403
        # Not visible at all (another organisation, or hidden from an unassigned coordinator):
        # 404, as anywhere else; no reason opens what the policy does not grant.
        self.client = get_visible_or_404(
            Client.objects.visible_to(request.scope), pk=kwargs["client_pk"]
        )
        scope = request.scope
        if not break_glass.person_beyond_assignment(
            scope, self.client.pk
        ) or break_glass.reason_in_force(scope, self.client.pk):
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(
            wanted,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return wanted
        return reverse("clients:detail", args=[self.client.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(next=self.next_url(), hours=break_glass.BREAK_GLASS_HOURS)
        return context

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                break_glass.break_glass_open(
                    scope=self.request.scope, client=self.client, reason=form.cleaned_data["reason"]
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
            return redirect(self.next_url())
        # Outside the transaction, so the row survives; it carries the reason now in force.
        record_access(self.request, self.client, purpose=_("afgeschermd dossier geopend"))
        messages.success(
            self.request,
            _("Uw reden is vastgelegd. U kunt dit dossier %(hours)s uur inzien.")
            % {"hours": break_glass.BREAK_GLASS_HOURS},
        )
        return redirect(self.next_url())
