"""Beheer: the ZRM follow-up period and the organisation's optional ZRM domains."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from terugkeer.assessments.choices import ZRM_CODE, ItemKind
from terugkeer.assessments.definitions import ZRM_SCALE
from terugkeer.assessments.models import AssessmentSettings, Instrument, OptionalDomain
from terugkeer.core.admin_site import OrganisationScopedAdmin, admin_site, is_functional_admin


class OwnOrganisationMixin:
    """Functional admins create rows for their active organisation only."""

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser and is_functional_admin(request):
            obj.organisation = request.scope.organisation
        super().save_model(request, obj, form, change)


@admin.register(AssessmentSettings, site=admin_site)
class AssessmentSettingsAdmin(OwnOrganisationMixin, OrganisationScopedAdmin):
    list_display = ["organisation", "zrm_followup_months"]

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["organisation", "zrm_followup_months", "questionnaire_intro"]
        return ["zrm_followup_months", "questionnaire_intro"]

    def has_add_permission(self, request) -> bool:
        if not super().has_add_permission(request):
            return False
        if request.user.is_superuser:
            return True
        return not AssessmentSettings.objects.filter(
            organisation=request.scope.organisation
        ).exists()


class OptionalDomainForm(forms.ModelForm):
    """An extra ZRM domain with a short description per level (stored in ``levels``)."""

    class Meta:
        model = OptionalDomain
        fields = ["text", "code", "position"]

    level_1 = forms.CharField(label=_("Niveau 1 (acute problematiek)"), max_length=200)
    level_2 = forms.CharField(label=_("Niveau 2 (niet zelfredzaam)"), max_length=200)
    level_3 = forms.CharField(label=_("Niveau 3 (beperkt zelfredzaam)"), max_length=200)
    level_4 = forms.CharField(label=_("Niveau 4 (voldoende zelfredzaam)"), max_length=200)
    level_5 = forms.CharField(label=_("Niveau 5 (volledig zelfredzaam)"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, _label in ZRM_SCALE:
            self.fields[f"level_{value}"].initial = (self.instance.levels or {}).get(str(value), "")

    organisation = None  # set by OptionalDomainAdmin.get_form

    def clean_code(self):
        code = self.cleaned_data["code"]
        organisation = self.organisation or self.instance.organisation
        taken = OptionalDomain.objects.filter(
            organisation=organisation, code=code, instrument__code=ZRM_CODE
        ).exclude(pk=self.instance.pk)
        if (
            taken.exists()
            or OptionalDomain.objects.filter(
                organisation__isnull=True, code=code, instrument__code=ZRM_CODE
            ).exists()
        ):
            raise forms.ValidationError(_("Deze code is al in gebruik."))
        return code

    def save(self, commit=True):
        self.instance.levels = {
            str(value): self.cleaned_data[f"level_{value}"] for value, _label in ZRM_SCALE
        }
        if self.instance.instrument_id is None:
            self.instance.instrument = Instrument.objects.current(ZRM_CODE)
        self.instance.kind = ItemKind.SCALE
        self.instance.optional = True
        return super().save(commit)


@admin.register(OptionalDomain, site=admin_site)
class OptionalDomainAdmin(OwnOrganisationMixin, OrganisationScopedAdmin):
    """Extra domains an organisation scores in addition to the thirteen of the ZRM."""

    form = OptionalDomainForm
    list_display = ["text", "code", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisation__isnull=False)

    def get_fields(self, request, obj=None):
        return ["text", "code", "position", *[f"level_{v}" for v, _label in ZRM_SCALE]]

    def has_add_permission(self, request) -> bool:
        # Needs an active organisation to own the domain (a platform superuser has none).
        return is_functional_admin(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.organisation = request.scope.organisation if is_functional_admin(request) else None
        return form
