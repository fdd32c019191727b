"""Forms of retention: proposing a rule, and the version-carrying confirm and end forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terugkeer.core.forms import OneTimeFormMixin, VersionedForm
from terugkeer.privacy.choices import RetentionKind
from terugkeer.privacy.models_retention import MAX_RETENTION_MONTHS


class RetentionRuleForm(OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort gegevens"), choices=RetentionKind.choices)
    months = forms.IntegerField(
        label=_("Bewaartermijn in maanden na afsluiting van het laatste traject"),
        min_value=1,
        max_value=MAX_RETENTION_MONTHS,
        help_text=_("Bijvoorbeeld 60 voor vijf jaar."),
    )


class RetentionRuleConfirmForm(VersionedForm):
    """Confirming a rule (four eyes): nothing to fill in but the version."""


class RetentionRuleEndForm(VersionedForm):
    """Ending a rule: nothing to fill in but the version."""
