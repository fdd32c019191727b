"""The admin ("Beheer") for the functioneel beheerder, scoped to the active organisation."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from terugkeer.core.models import VersionedModel
from terugkeer.core.roles import Role


def is_functional_admin(request) -> bool:
    scope = getattr(request, "scope", None)
    return scope is not None and scope.role == Role.FUNCTIONAL_ADMIN


class TerugkeerAdminSite(admin.AdminSite):
    site_header = _("Terugkeer – beheer")
    site_title = _("Terugkeer beheer")
    index_title = _("Beheer van uw organisatie")

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated and user.is_verified()):
            return False
        return user.is_superuser or is_functional_admin(request)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # A logged-in user without the role gets a 403, not the admin's own login form.
            user = request.user
            if user.is_authenticated and user.is_verified() and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        guarded.admin_site = self
        return guarded

    def login(self, request, extra_context=None):
        """Use the application's login (with its second factor) instead of the admin's."""
        return redirect(f"{reverse('accounts:login')}?next={request.GET.get('next', '/beheer/')}")


def restrict_choices_to_tenant(queryset, request):
    """Limit the choices of a foreign-key or many-to-many field to the admin's organisation.

    Widgets filter what they offer, but a form field accepts any id of its queryset, so the
    queryset itself must hold only the organisation's own rows: the organisation itself, its
    members and rows it owns. National reference data (municipalities, PIs, domains) stays
    selectable. Platform superusers are not restricted.
    """
    if request.user.is_superuser:
        return queryset
    scope = getattr(request, "scope", None)
    if scope is None:
        return queryset.none()
    model = queryset.model
    if model._meta.label_lower == "accounts.organisation":
        return queryset.filter(pk=scope.organisation.pk)
    if model is get_user_model():
        return queryset.filter(memberships__organisation=scope.organisation).distinct()
    field_names = {f.name for f in model._meta.get_fields()}
    if "organisation" in field_names:
        return queryset.filter(organisation=scope.organisation)
    return queryset


class TenantChoicesMixin:
    """Every foreign-key and many-to-many field of an admin form offers only the tenant's rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and hasattr(formfield, "queryset"):
            formfield.queryset = restrict_choices_to_tenant(formfield.queryset, request)
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and hasattr(formfield, "queryset"):
            formfield.queryset = restrict_choices_to_tenant(formfield.queryset, request)
        return formfield


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose fields carry their label (``aria-label``): the column header alone
    labels nothing for a screen reader (axe "label", critical)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)  # adds the "delete" checkbox
                for field in form.fields.values():
                    # A foreign key's select sits inside the admin's "add another" wrapper.
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.attrs.setdefault("aria-label", str(field.label))

        return Labelled


class VersionBumpMixin:
    """An admin save of a versioned row raises its version, like every other write path.

    Without it a form opened before the admin edit (the organisation settings, say) would
    overwrite the admin's change without a conflict message. The row is locked while the
    current version is read.
    """

    def save_model(self, request, obj, form, change):
        # Its own transaction: the history "revert" view saves outside the admin's one.
        with transaction.atomic():
            if change and isinstance(obj, VersionedModel):
                current = (
                    type(obj)
                    ._default_manager.select_for_update()
                    .values_list("version", flat=True)
                    .get(pk=obj.pk)
                )
                obj.version = current + 1
            super().save_model(request, obj, form, change)


class OrganisationScopedAdmin(VersionBumpMixin, TenantChoicesMixin, admin.ModelAdmin):
    """A ModelAdmin that shows and edits only rows of the active organisation.

    Superusers see everything; a functional admin sees ``organisation_lookup`` = own organisation.
    Rights come from the role, not from Django's per-model permissions.
    """

    organisation_lookup = "organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if not is_functional_admin(request):
            return queryset.none()
        return queryset.filter(
            **{self.organisation_lookup: request.scope.organisation.pk}
        ).distinct()

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Objects outside the scope answer 404, like everywhere else (not a redirect).
        raise Http404

    def _require_in_scope(self, request, object_id) -> None:
        # django-simple-history's history views look objects up outside get_queryset (falling
        # back to historical rows), which would show another organisation's history.
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        if request.method == "POST" and not request.user.is_superuser:
            # A revert saves every field of the old version, read-only ones too (another
            # tenant's account fields, the organisation's kind): functional admins only read.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser or is_functional_admin(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class ReferenceDataAdmin(VersionBumpMixin, SimpleHistoryAdmin):
    """National reference data shared by all organisations (PIs, municipalities).

    For platform administrators only: a tenant's functional admin neither changes what every
    organisation relies on nor reads its history, which names other tenants' admins.
    """

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


admin_site = TerugkeerAdminSite(name="admin")
