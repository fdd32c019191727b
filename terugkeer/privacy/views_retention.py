"""Retention pages for the privacy officer and the functional admin (Dutch UI).

No page shows a person: rules, counts per kind of data, trajectory numbers and months.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from terugkeer.core.access import Action, get_visible_or_404
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.views import ScopedViewMixin
from terugkeer.privacy import retention_services as services
from terugkeer.privacy.models_retention import RetentionRule, RetentionRun
from terugkeer.privacy.retention import preview
from terugkeer.privacy.retention_forms import (
    RetentionRuleConfirmForm,
    RetentionRuleEndForm,
    RetentionRuleForm,
)


class RetentionMixin(ScopedViewMixin):
    allowed_roles = services.RULE_ROLES


def _show_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class RetentionView(RetentionMixin, TemplateView):
    template_name = "privacy/retention.html"

    def get_context_data(self, **kwargs):
        scope = self.request.scope
        rules = RetentionRule.objects.visible_to(scope).select_related("created_by", "confirmed_by")
        runs = RetentionRun.objects.filter(organisation=scope.organisation).select_related(
            "rule", "started_by"
        )[:50]
        return super().get_context_data(rules=rules, runs=runs, **kwargs)


class RetentionRuleCreateView(RetentionMixin, FormView):
    template_name = "privacy/retention_form.html"
    form_class = RetentionRuleForm
    extra_context = {"title": _("Bewaarregel voorstellen")}

    def form_valid(self, form):
        try:
            with once_per_token(form, user=self.request.user):
                rule = services.retention_rule_propose(
                    scope=self.request.scope,
                    kind=form.cleaned_data["kind"],
                    months=form.cleaned_data["months"],
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("privacy:retention")
        except ValidationError as exc:
            _show_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "De bewaarregel is voorgesteld. Een tweede privacy officer of functioneel "
                "beheerder moet hem bevestigen voordat hij draait."
            ),
        )
        return redirect("privacy:retention_rule", rule_pk=rule.pk)


class RuleMixin(RetentionMixin):
    @cached_property
    def rule(self):
        rules = RetentionRule.objects.visible_to(self.request.scope, action=Action.VIEW)
        return get_visible_or_404(
            rules.select_related("created_by", "confirmed_by"), pk=self.kwargs["rule_pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(rule=self.rule, **kwargs)


class RetentionRuleView(RuleMixin, TemplateView):
    """The rule, its dry run (what would go today) and its runs."""

    template_name = "privacy/retention_rule.html"

    def get_context_data(self, **kwargs):
        rule = self.rule
        initial = {"version": rule.version}
        may_confirm = rule.active and not rule.confirmed
        return super().get_context_data(
            preview=preview(rule, today=timezone.localdate()),
            runs=rule.runs.select_related("started_by")[:50],
            own_proposal=rule.created_by_id == self.request.user.pk,
            confirm_form=RetentionRuleConfirmForm(initial=initial) if may_confirm else None,
            end_form=RetentionRuleEndForm(initial=initial) if rule.active else None,
            **kwargs,
        )


class RetentionRuleChangeView(RuleMixin, FormView):
    """POST target of the confirm and end forms (a GET shows the form alone)."""

    template_name = "privacy/retention_form.html"
    action = "confirm"

    def get_form_class(self):
        return RetentionRuleConfirmForm if self.action == "confirm" else RetentionRuleEndForm

    def get_initial(self):
        return {"version": self.rule.version}

    def get_context_data(self, **kwargs):
        title = (
            _("Bewaarregel bevestigen") if self.action == "confirm" else _("Bewaarregel beëindigen")
        )
        return super().get_context_data(title=title, **kwargs)

    def form_valid(self, form):
        change = (
            services.retention_rule_confirm
            if self.action == "confirm"
            else services.retention_rule_end
        )
        try:
            change(scope=self.request.scope, rule=self.rule, version=form.cleaned_data["version"])
        except (StaleObjectError, ValidationError) as exc:
            _show_errors(form, exc)
            return self.form_invalid(form)
        message = (
            _("De bewaarregel is bevestigd; de dagelijkse taak voert hem voortaan uit.")
            if self.action == "confirm"
            else _("De bewaarregel is beëindigd.")
        )
        messages.success(self.request, message)
        return redirect("privacy:retention_rule", rule_pk=self.rule.pk)
