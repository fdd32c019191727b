"""Beheer: the organisation's thresholds for unusual access (the functioneel beheerder's)."""

from django.contrib import admin

from terugkeer.core.admin_site import OrganisationScopedAdmin, admin_site, is_functional_admin
from terugkeer.privacy.models import PrivacySettings


@admin.register(PrivacySettings, site=admin_site)
class PrivacySettingsAdmin(OrganisationScopedAdmin):
    list_display = [
        "organisation",
        "max_unassigned_per_day",
        "working_hours_start",
        "working_hours_end",
    ]

    def get_fields(self, request, obj=None):
        fields = ["max_unassigned_per_day", "working_hours_start", "working_hours_end"]
        return ["organisation", *fields] if request.user.is_superuser else fields

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser and is_functional_admin(request):
            obj.organisation = request.scope.organisation
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request) -> bool:
        if not super().has_add_permission(request):
            return False
        if request.user.is_superuser:
            return True
        return not PrivacySettings.objects.filter(organisation=request.scope.organisation).exists()
