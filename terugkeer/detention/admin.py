from django.contrib import admin

from terugkeer.core.admin_site import ReferenceDataAdmin, admin_site
from terugkeer.detention.models import PenitentiaryInstitution


@admin.register(PenitentiaryInstitution, site=admin_site)
class PenitentiaryInstitutionAdmin(ReferenceDataAdmin):
    list_display = ["name", "place", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "place"]
