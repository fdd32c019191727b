"""Writing the access log: every view of a dossier calls :func:`record_access`."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.http import HttpRequest

from terugkeer.core.models import AccessLogEntry


class AccessLogInTransactionError(RuntimeError):
    """record_access was called inside a transaction, where a rollback would erase the row."""


def _in_application_transaction() -> bool:
    # The test runner wraps each test in atomic blocks marked ``_from_testcase``; those don't count.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def record_access(
    request: HttpRequest, subject: models.Model, *, page: str = "", purpose: str = ""
) -> AccessLogEntry:
    """Write one access-log row for ``request.user`` reading ``subject``.

    Called outside any transaction (ATOMIC_REQUESTS is off), so the row is committed at once and
    survives a rollback of work the view does afterwards. Calling it inside ``atomic`` is a
    programming error and raises, rather than silently producing a row that could vanish.
    """
    if _in_application_transaction():
        raise AccessLogInTransactionError(
            "record_access must run outside transaction.atomic so the row survives a rollback"
        )
    match = getattr(request, "resolver_match", None)
    return AccessLogEntry.objects.create(
        user=request.user,
        organisation=request.organisation,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        page=page or (match.view_name if match else ""),
        path=request.get_full_path()[:500],
        purpose=purpose[:200],
    )
