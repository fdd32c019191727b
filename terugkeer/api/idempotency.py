"""``Idempotency-Key`` on creates: the same key from the same caller gets the first answer again.

The key is claimed in the transaction of the create itself (a unique row per caller and key), so
two requests with one key at the same moment create once; the loser waits for the row lock of
the winner (PostgreSQL) or for the writer lock (SQLite) and then answers 409.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.api.models import IdempotencyRecord
from terugkeer.api.permissions import api_client_of
from terugkeer.api.problems import Problem

HEADER = "Idempotency-Key"
# How long a key is remembered: a repeat within this time gets the first answer; the daily run
# (``manage.py run_daily``) forgets older keys.
RETENTION = datetime.timedelta(days=30)


def owner_of(request) -> str:
    api_client = api_client_of(request)
    return f"client:{api_client.pk}" if api_client else f"user:{request.user.pk}"


def request_hash(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotency_key(request) -> str | None:
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return None
    if len(key) > 200:
        raise Problem(
            400,
            _("De Idempotency-Key is te lang (ten hoogste 200 tekens)."),
            [{"field": HEADER, "detail": _("Ten hoogste 200 tekens.")}],
        )
    return key


def replayed(request, key: str) -> IdempotencyRecord | None:
    """The stored answer for ``key``; a different request with the same key is refused (422)."""
    record = IdempotencyRecord.objects.filter(owner=owner_of(request), key=key).first()
    if record is None:
        return None
    if record.request_hash != request_hash(request):
        raise Problem(
            422,
            _("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
            [{"field": HEADER, "detail": _("Gebruik een nieuwe sleutel voor een nieuw verzoek.")}],
        )
    return record


@contextmanager
def claimed(request, key: str | None):
    """Inside the create's transaction: claim ``key``; ``store(status, body)`` keeps the answer."""
    if key is None:
        yield lambda status, body: None
        return
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                owner=owner_of(request), key=key, request_hash=request_hash(request)
            )
    except IntegrityError as exc:
        raise Problem(409, _("Dit verzoek wordt al verwerkt; probeer het zo opnieuw.")) from exc

    def store(status: int, body) -> None:
        text = json.dumps(body, sort_keys=True, default=str)
        record.status_code = status
        record.response_body = json.loads(text)
        record.response_hash = hashlib.sha256(text.encode()).hexdigest()
        record.save(update_fields=["status_code", "response_body", "response_hash"])

    yield store


def idempotency_records_purge(now: datetime.datetime) -> int:
    """Forget the keys claimed more than :data:`RETENTION` before ``now``; the number removed."""
    removed, _by_model = IdempotencyRecord.objects.filter(created_at__lt=now - RETENTION).delete()
    return removed


def idempotency_records_daily(today: datetime.date) -> list[str]:
    """The daily job (``core.daily_jobs``): purge the old keys, say how many went."""
    removed = idempotency_records_purge(timezone.now())
    return [f"Oude idempotentiesleutels (API) opgeruimd: {removed}"]
