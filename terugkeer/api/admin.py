"""Beheer: the organisation's API clients (created with ``manage.py api_client_create``, which
shows the secret once; here a functional admin renames, limits, extends or switches them off)."""

from django.contrib import admin

from terugkeer.api.models import ApiClient
from terugkeer.core.admin_site import OrganisationScopedAdmin, admin_site


@admin.register(ApiClient, site=admin_site)
class ApiClientAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "expires_at", "is_active"]
    fields = ["organisation", "name", "scopes", "expires_at", "is_active", "client_id"]
    readonly_fields = ["organisation", "client_id"]

    @admin.display(description="client_id")
    def client_id(self, obj) -> str:
        return obj.application.client_id if obj and obj.application_id else ""

    def has_add_permission(self, request) -> bool:
        return False  # a secret is shown once, by the command
