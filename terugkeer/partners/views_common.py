"""Shared plumbing of the partners views: role mixins and showing a service's refusal."""

from django.core.exceptions import ValidationError

from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.partners.access import PARTNER_MANAGERS, PARTNER_READERS


def show_refusal(view, form, exc: ValidationError):
    """Put a service's Dutch message on the form: on its field when the form has it."""
    if isinstance(exc, StaleObjectError):
        form.add_error(None, exc.message)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
    return view.form_invalid(form)


class ReadersMixin(ScopedViewMixin):
    allowed_roles = PARTNER_READERS


class ManagersMixin(ScopedViewMixin):
    allowed_roles = PARTNER_MANAGERS


class CaseworkMixin(ScopedViewMixin):
    allowed_roles = CASEWORK_ROLES
