"""Forms of the plan van aanpak tab: goals, actions, deleting, completing, templates."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.cases.models import Action, Goal, PlanTemplate, Trajectory
from terugkeer.cases.services import domains_of
from terugkeer.core.forms import (
    VERSION_FIELD,
    DateInput,
    OneTimeFormMixin,
    VersionedForm,
    VersionedModelForm,
    issue_form_token,
)

DATE_INPUT = DateInput()


class _PlanItemForm(VersionedModelForm):
    """Shared: domains of the trajectory's programme; the version when editing, a one-time token
    when creating."""

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        if not self.instance.pk:
            del self.fields[VERSION_FIELD]
            issue_form_token(self)
        domain_pks = [d.pk for d in domains_of(trajectory)]
        self.fields["domain"].queryset = (
            self.fields["domain"].queryset.filter(pk__in=domain_pks).order_by("order")
        )
        self.fields["domain"].empty_label = _("geen domein")


class GoalForm(_PlanItemForm):
    class Meta:
        model = Goal
        fields = ["domain", "description", "achieved_on"]
        widgets = {"achieved_on": DATE_INPUT}


class ActionForm(_PlanItemForm):
    class Meta:
        model = Action
        fields = ["goal", "domain", "description", "owner", "due_date", "done_on"]
        widgets = {"due_date": DATE_INPUT, "done_on": DATE_INPUT}
        help_texts = {"domain": _("Leeg laten: het domein van het gekozen doel.")}

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, trajectory=trajectory, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(trajectory=trajectory).select_related(
            "domain"
        )
        self.fields["goal"].empty_label = _("geen doel")


class VersionForm(VersionedForm):
    """Deleting or completing: only the version the user saw."""


class TemplateApplyForm(OneTimeFormMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Sjabloon"),
        queryset=PlanTemplate.objects.none(),
        empty_label=None,
        help_text=_("De acties van het sjabloon worden aan het plan toegevoegd, met termijnen."),
    )

    def __init__(self, *args, scope, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = PlanTemplate.objects.visible_to(scope).filter(
            programme=trajectory.programme, is_active=True
        )


class PlanAgreeForm(VersionedForm):
    """Client and coordinator agreed the plan; the status follows (plan van aanpak, begeleiding)."""

    agreed_on = forms.DateField(
        label=_("Plan akkoord op"),
        initial=timezone.localdate,
        widget=DateInput(),
    )

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", trajectory.version)
