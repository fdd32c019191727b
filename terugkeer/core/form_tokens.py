"""One-time form tokens against double-clicked creates.

A create form carries a random ``form_token`` (``terugkeer.core.forms.OneTimeFormMixin``). The view
runs the creating service inside :func:`submitted_once`, which records the token in the same
transaction: the unique constraint on :class:`~terugkeer.core.models.UsedFormToken` lets exactly
one submission of a token through, whether the second comes later or at the same moment (it then
waits for the first to commit and fails the constraint). If the service refuses, the whole
transaction rolls back and the token can be submitted again.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terugkeer.core.forms import FORM_TOKEN_FIELD, FORM_TOKEN_MAX_AGE
from terugkeer.core.models import UsedFormToken


class DuplicateSubmission(Exception):
    """This form was already submitted and processed; nothing was created a second time."""

    def __init__(self) -> None:
        self.message = _(
            "Dit formulier is al verstuurd en verwerkt (bijvoorbeeld door een dubbele klik). "
            "Er is niets dubbel vastgelegd."
        )
        super().__init__(self.message)


@contextmanager
def submitted_once(token: str, *, user) -> Iterator[None]:
    """Run the block once per ``token``: raises :class:`DuplicateSubmission` on a repeat."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                UsedFormToken.objects.create(token=token, user=user)
        except IntegrityError as exc:
            raise DuplicateSubmission() from exc
        yield


def once_per_token(form, *, user):
    """:func:`submitted_once` for a form issued with a token; no guard for a form without one
    (the same view edits an existing row: the version guards it)."""
    if FORM_TOKEN_FIELD in form.fields:
        return submitted_once(form.cleaned_data[FORM_TOKEN_FIELD], user=user)
    return nullcontext()


def used_form_tokens_purge(*, now: datetime.datetime) -> int:
    """Delete the used tokens older than a token may be (plus a day's margin); returns how many.

    A token that old is refused by the form anyway, so forgetting it cannot let a second
    submission through."""
    cutoff = now - FORM_TOKEN_MAX_AGE - datetime.timedelta(days=1)
    deleted, _per_model = UsedFormToken.objects.filter(used_at__lt=cutoff).delete()
    return deleted
