from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import Municipality, User
from terugkeer.cases.models import DefaultCoordinator
from terugkeer.core.admin_site import OrganisationScopedAdmin, admin_site, is_functional_admin
from terugkeer.core.roles import Role


class DefaultCoordinatorForm(forms.ModelForm):
    """Checks the one-per-municipality rule for the admin's own organisation (not on the form)."""

    organisation = None  # set by DefaultCoordinatorAdmin.get_form for functional admins

    class Meta:
        model = DefaultCoordinator
        fields = ["municipality", "coordinator"]

    def clean(self):
        cleaned = super().clean()
        organisation = self.organisation or cleaned.get("organisation")
        municipality = cleaned.get("municipality")
        if organisation is not None and municipality is not None:
            taken = DefaultCoordinator.objects.filter(
                organisation=organisation, municipality=municipality
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "municipality",
                    _("Voor deze gemeente is al een standaardcoördinator ingesteld."),
                )
        return cleaned


@admin.register(DefaultCoordinator, site=admin_site)
class DefaultCoordinatorAdmin(OrganisationScopedAdmin):
    """Who receives new notifications per municipality; configuration, no personal data."""

    form = DefaultCoordinatorForm
    list_display = ["municipality", "coordinator"]
    list_select_related = ["municipality", "coordinator"]
    ordering = ["municipality__name"]

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["organisation", "municipality", "coordinator"]
        return ["municipality", "coordinator"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser and is_functional_admin(request):
            form.organisation = request.scope.organisation
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and is_functional_admin(request):
            organisation = request.scope.organisation
            if db_field.name == "municipality":
                kwargs["queryset"] = organisation.municipalities.order_by("name")
            elif db_field.name == "coordinator":
                kwargs["queryset"] = (
                    User.objects.filter(
                        memberships__organisation=organisation,
                        memberships__role=Role.COORDINATOR,
                        memberships__is_active=True,
                        is_active=True,
                    )
                    .distinct()
                    .order_by("full_name")
                )
        elif db_field.name == "municipality":
            kwargs["queryset"] = Municipality.objects.order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organisation = request.scope.organisation
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A mapping is configuration: the functional admin may remove it (notifications then
        # go to the queue).
        return self.has_module_permission(request)


from terugkeer.cases import plan_admin  # noqa: E402,F401
