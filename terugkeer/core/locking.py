"""Optimistic locking for :class:`terugkeer.core.models.VersionedModel`."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class StaleObjectError(ValidationError):
    """The object changed since the user opened the form."""

    def __init__(self, current: VersionedModel) -> None:
        self.current = current
        super().__init__(
            _(
                "Iemand anders heeft dit gegeven intussen gewijzigd. Uw wijzigingen zijn niet "
                "opgeslagen; ze staan nog in het formulier. Open de pagina opnieuw om de nieuwste "
                "versie te zien en voer uw wijziging daarna opnieuw in."
            ),
            code="stale",
        )


def save_versioned(instance: M, *, expected_version: int, changes: dict[str, Any]) -> M:
    """Apply ``changes`` to ``instance`` if nobody saved it since ``expected_version``.

    The row is locked (``select_for_update``; SQLite serialises writers through its IMMEDIATE
    transactions) so check and write cannot interleave with another request. Saving through the
    model keeps django-simple-history's record of old and new values.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleObjectError(current)
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = expected_version + 1
        current.full_clean()
        current.save()
    return current
