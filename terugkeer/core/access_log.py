"""Writing the access log: every view of a dossier calls :func:`record_access`; every page that
lists clients calls :func:`record_list_access` (or uses :class:`ListAccessLogMixin`)."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from terugkeer.core.access import policy
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
    stated = policy.stated_reason(getattr(request, "scope", None), subject)
    if stated is not None and stated.reason:
        # A read beyond the reader's assignment (break the glass) carries its stated reason.
        purpose = _("%(purpose)s; reden: %(reason)s") % {
            "purpose": purpose or _("afgeschermd dossier"),
            "reason": stated.reason,
        }
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


def record_list_access(
    request: HttpRequest, subjects: Iterable[models.Model], *, page: str = "", purpose: str = ""
) -> list[AccessLogEntry]:
    """Write one access-log row per object a list page (or form) shows, in one query.

    For pages that show several clients at once: a worklist, search results, a form listing
    trajectories. Each object appears once, in the order given; an empty list writes nothing. Like
    :func:`record_access` it must run outside any transaction.
    """
    if _in_application_transaction():
        raise AccessLogInTransactionError(
            "record_list_access must run outside transaction.atomic so the rows survive a rollback"
        )
    unique: dict[tuple[type, object], models.Model] = {}
    for subject in subjects:
        unique.setdefault((type(subject), subject.pk), subject)
    return _bulk_record(
        request,
        [
            (ContentType.objects.get_for_model(subject), subject.pk, str(subject))
            for subject in unique.values()
        ],
        page=page,
        purpose=purpose,
    )


def record_reference_access(
    request: HttpRequest,
    references: Iterable[tuple[str, object, str]],
    *,
    page: str = "",
    purpose: str = "",
) -> list[AccessLogEntry]:
    """Like :func:`record_list_access`, for what a page shows of objects it holds no instance of.

    ``references`` are ``("app_label.model", pk, label)``: core's home page shows the signals'
    clients by name without importing the clients app. Each reference is logged once, in order.
    """
    if _in_application_transaction():
        raise AccessLogInTransactionError(
            "record_reference_access must run outside transaction.atomic so the rows survive"
        )
    unique: dict[tuple[str, object], str] = {}
    for label, pk, text in references:
        unique.setdefault((label.lower(), pk), text)
    types: dict[str, ContentType] = {}
    rows = []
    for (label, pk), text in unique.items():
        if label not in types:
            types[label] = ContentType.objects.get_by_natural_key(*label.split("."))
        rows.append((types[label], pk, text))
    return _bulk_record(request, rows, page=page, purpose=purpose)


def _bulk_record(request, rows, *, page: str, purpose: str) -> list[AccessLogEntry]:
    if not rows:
        return []
    match = getattr(request, "resolver_match", None)
    page = page or (match.view_name if match else "")
    path = request.get_full_path()[:500]
    return AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=request.user,
            organisation=request.organisation,
            subject_type=content_type,
            subject_id=str(pk),
            subject_label=label[:200],
            page=page,
            path=path,
            purpose=purpose[:200],
        )
        for content_type, pk, label in rows
    )


class ListAccessLogMixin:
    """For a ``ListView``: log the objects of the page shown (see :func:`record_list_access`).

    ``logged_subjects`` turns the page's objects into what is logged (e.g. a trajectory's client).
    """

    access_purpose = ""

    def logged_subjects(self, objects: Iterable[models.Model]) -> Iterable[models.Model]:
        return objects

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's own list: evaluating it here fills the cache the template then iterates.
        objects = context["object_list"]
        record_list_access(
            self.request, self.logged_subjects(objects), purpose=str(self.access_purpose)
        )
        return context


class LoggedRenderMixin:
    """For a page that shows a client's data: log every render of it.

    The GET logs before the page is built, and so does a POST that renders the page again (a form
    refused with its errors shows the same data); a POST that redirects shows nothing. A view
    defines :meth:`log_access`, usually one :func:`record_access` call.
    """

    def log_access(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define log_access()")

    def get(self, request, *args, **kwargs):
        self.log_access()
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.request.method not in ("GET", "HEAD"):
            self.log_access()
        return super().render_to_response(context, **response_kwargs)
