"""The form to hand over a caseload (or part of it) to another coordinator."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import User
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role


class TrajectoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Trajectory) -> str:
        programme, status = obj.get_programme_display(), obj.get_status_display()
        return f"{obj.client.display_name} – {programme} ({status})"


class ReassignForm(forms.Form):
    """From whom, to whom, and (optionally) which trajectories; none ticked means all open ones.

    A coordinator may only hand over their own caseload: the 'from' choice holds only them.
    """

    from_user = forms.ModelChoiceField(
        label=_("Van coördinator"), queryset=User.objects.none(), empty_label=None
    )
    to_user = forms.ModelChoiceField(label=_("Naar coördinator"), queryset=User.objects.none())
    trajectories = TrajectoryChoiceField(
        label=_("Trajecten"),
        queryset=Trajectory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink niets aan om alle lopende trajecten over te dragen."),
    )

    def __init__(
        self,
        *args,
        scope: Scope,
        coordinators: QuerySet[User],
        trajectories: QuerySet[Trajectory],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.scope = scope
        own_only = scope.role != Role.TEAM_CHAIR
        self.fields["from_user"].queryset = (
            coordinators.filter(pk=scope.user.pk) if own_only else coordinators
        )
        self.fields["to_user"].queryset = coordinators
        self.fields["trajectories"].queryset = trajectories

    def clean(self):
        data = super().clean()
        from_user, to_user = data.get("from_user"), data.get("to_user")
        if from_user and to_user and from_user == to_user:
            self.add_error("to_user", _("Kies een andere coördinator dan de huidige."))
        if from_user:
            foreign = [t for t in data.get("trajectories", []) if t.coordinator_id != from_user.pk]
            if foreign:
                self.add_error(
                    "trajectories",
                    _("Kies alleen trajecten van de coördinator van wie u overdraagt."),
                )
        return data


class QueueAssignForm(forms.Form):
    """Trajectories from the queue to one coordinator: "aan mij" (``take`` = one trajectory, or
    ``to=me`` for the ticked ones) or to the chosen colleague."""

    trajectory = forms.ModelMultipleChoiceField(
        label=_("Trajecten"),
        queryset=Trajectory.objects.none(),
        required=False,
    )
    take = forms.ModelChoiceField(queryset=Trajectory.objects.none(), required=False)
    to = forms.ChoiceField(choices=[("me", "me"), ("user", "user")], required=False)
    to_user = forms.ModelChoiceField(
        label=_("Toewijzen aan"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, queue: QuerySet[Trajectory], coordinators: QuerySet[User], **kw):
        super().__init__(*args, **kw)
        self.fields["trajectory"].queryset = queue
        self.fields["take"].queryset = queue
        self.fields["to_user"].queryset = coordinators

    def clean(self):
        data = super().clean()
        if data.get("take"):
            data["chosen"], data["to"] = [data["take"]], "me"
        else:
            data["chosen"] = list(data.get("trajectory") or [])
        if not data["chosen"] and not self.errors:
            raise forms.ValidationError(_("Kies ten minste één traject om toe te wijzen."))
        if data.get("to") != "me" and not data.get("to_user") and not self.errors:
            self.add_error("to_user", _("Kies aan wie u de trajecten toewijst."))
        return data
