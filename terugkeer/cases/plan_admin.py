"""Plan templates in the admin: the functional admin maintains the ways of working."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from terugkeer.cases.models import Domain, PlanTemplate, PlanTemplateAction
from terugkeer.core.admin_site import (
    LabelledTabularInline,
    OrganisationScopedAdmin,
    admin_site,
    is_functional_admin,
)


def _may_edit(request) -> bool:
    return request.user.is_superuser or is_functional_admin(request)


class PlanTemplateActionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        programme = self.instance.programme
        for form in self.forms:
            domain = form.cleaned_data.get("domain") if hasattr(form, "cleaned_data") else None
            if domain is not None and programme and domain.programme.code != programme:
                form.add_error(
                    "domain", _("Dit domein hoort niet bij het programma van het sjabloon.")
                )
                raise ValidationError(_("Kies bij elke actie een domein van het programma."))


class PlanTemplateActionInline(LabelledTabularInline):
    model = PlanTemplateAction
    formset = PlanTemplateActionFormSet
    extra = 1
    fields = ["order", "domain", "description", "owner", "anchor", "offset_days"]
    ordering = ["order", "pk"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "domain":
            kwargs["queryset"] = Domain.objects.select_related("programme").order_by(
                "programme__code", "order"
            )
            formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
            formfield.label_from_instance = lambda d: f"{d.programme.name}: {d.name}"
            return formfield
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Rights come from the role (as in OrganisationScopedAdmin), not from per-model permissions.
    def has_view_permission(self, request, obj=None) -> bool:
        return _may_edit(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return _may_edit(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return _may_edit(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return _may_edit(request)


@admin.register(PlanTemplate, site=admin_site)
class PlanTemplateAdmin(OrganisationScopedAdmin):
    """A template's actions get their due dates from the detention start, release or today."""

    inlines = [PlanTemplateActionInline]
    list_display = ["name", "programme", "is_active"]
    list_filter = ["programme", "is_active"]
    search_fields = ["name"]

    def get_fields(self, request, obj=None):
        fields = ["programme", "name", "is_active"]
        return ["organisation", *fields] if request.user.is_superuser else fields

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organisation = request.scope.organisation
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A template is configuration; actions already copied into plans are not affected.
        return self.has_module_permission(request)
