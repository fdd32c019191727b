"""The research export's one write: the log row of who exported what, when and why."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.privacy.models import ResearchExport
from terugkeer.privacy.research import build_table

# Policy advisors already read the aggregated reports and ask for research data; the privacy
# officer (FG) checks exports and may hand one to the WODC monitor. Casework roles have the
# dossiers themselves and need no pseudonymised copy; see docs/privacy.md.
RESEARCH_EXPORT_ROLES = frozenset({Role.POLICY_ADVISOR, Role.PRIVACY_OFFICER})


def research_export_create(
    *,
    scope: Scope,
    purpose: str,
    start: datetime.date,
    end: datetime.date,
    programme: str | None = None,
) -> ResearchExport:
    """Build a pseudonymised export of the organisation's trajectories opened in the period and
    log it. The rows are on ``export.table`` (never stored), the key is discarded on return."""
    if scope is None or scope.role not in RESEARCH_EXPORT_ROLES:
        raise PermissionDenied
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("Doel: vul in waarvoor de export nodig is.")})
    if end < start:
        raise ValidationError({"end": _("Periode tot en met: ligt vóór de begindatum.")})
    key = secrets.token_bytes(32)
    table = build_table(
        organisation=scope.organisation,
        start=start,
        end=end,
        programme=programme or "",
        today=timezone.localdate(),
        key=key,
    )
    del key
    with transaction.atomic():
        export = ResearchExport.objects.create(
            organisation=scope.organisation,
            exported_by=scope.user,
            purpose=purpose[:300],
            start=start,
            end=end,
            programme=programme or "",
            row_count=len(table.rows),
        )
    export.table = table
    return export
