from django.contrib import admin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.core.admin_site import (
    LabelledTabularInline,
    OrganisationScopedAdmin,
    ReferenceDataAdmin,
    TenantChoicesMixin,
    admin_site,
)

# A user's account fields are global: they hold in every organisation the user belongs to.
GLOBAL_ACCOUNT_FIELDS = ["email", "full_name", "phone", "is_active"]


def belongs_elsewhere(user: User, organisation) -> bool:
    """Whether ``user`` is also a member of an organisation other than ``organisation``."""
    return user.memberships.exclude(organisation=organisation).exists()


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ["name", "cbs_code"]
    search_fields = ["name", "cbs_code"]


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_lookup = "pk"
    list_display = ["name", "kind", "aftercare_months"]
    filter_horizontal = ["municipalities"]
    readonly_fields = ["version"]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        # The municipalities an organisation serves are set by the platform, not by the tenant.
        return [*self.readonly_fields, "kind", "municipalities"]

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser


class MembershipInline(TenantChoicesMixin, LabelledTabularInline):
    model = Membership
    extra = 1
    fields = ["organisation", "role", "also_coordinator", "is_active"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation=request.scope.organisation)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # TenantChoicesMixin limits the choices to the own organisation; preselect it.
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["initial"] = request.scope.organisation.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True


class TerugkeerUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class TerugkeerUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "phone", "is_active"]


@admin.register(User, site=admin_site)
class UserAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_lookup = "memberships__organisation"
    form = TerugkeerUserChangeForm
    add_form = TerugkeerUserCreationForm
    list_display = ["full_name", "email", "is_active", "last_login"]
    search_fields = ["full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = [(None, {"fields": ["email", "full_name", "phone", "is_active"]})]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "usable_password", "password1", "password2"]})
    ]

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        # A functional admin may not change (or lock out) an account another organisation
        # relies on too; only the memberships of the own organisation are theirs to manage.
        if (
            obj is not None
            and not request.user.is_superuser
            and belongs_elsewhere(obj, request.scope.organisation)
        ):
            return GLOBAL_ACCOUNT_FIELDS
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def has_add_permission(self, request) -> bool:
        # A functional admin invites people (accounts:invite): creating an account here would
        # tell them whether an address already has one elsewhere, and skip the invitee's consent.
        return request.user.is_superuser


@admin.register(Membership, site=admin_site)
class MembershipAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "also_coordinator", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user"]

    def has_add_permission(self, request) -> bool:
        # A functional admin adds people by inviting them (accounts:invite), never by
        # attaching an existing account of another organisation by its id.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return ["user", "organisation"]
        return super().get_readonly_fields(request, obj)


admin_site.site_url = "/"
admin_site.empty_value_display = _("(leeg)")
