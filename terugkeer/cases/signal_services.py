"""The daily signals: counts per organisation and the e-mail digest to each coordinator.

The digest is internal mail between colleagues of one organisation. It names clients by their
display name only (no BSN, birth date, address or case notes) and links to the dossier, where
the access log records who opened what.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from terugkeer.accounts.models import Organisation, User
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import Signal, signals_for


def organisation_scope(organisation: Organisation) -> Scope:
    """A background scope over the whole organisation, as its team chair sees it.

    Only for counting and for the digest service; never handed to a view. It carries no user,
    so nothing 'assigned to me' can match it.
    """
    return Scope(user=None, organisation=organisation, role=Role.TEAM_CHAIR)  # type: ignore[arg-type]


def signal_counts(*, organisation: Organisation, today: datetime.date) -> Counter[str]:
    """How many signals of each code the organisation has on ``today``."""
    return Counter(s.code for s in signals_for(scope=organisation_scope(organisation), today=today))


def digest_recipients(*, organisation: Organisation) -> list[User]:
    """Active users with an active coordinator membership and an e-mail address."""
    return list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.COORDINATOR,
            memberships__is_active=True,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("full_name", "pk")
    )


def signal_digest_body(*, user: User, signals: list[Signal], today: datetime.date) -> str:
    """The plain-text digest, in Dutch: one line per signal."""
    lines = [
        _("Beste %(name)s,") % {"name": user.get_short_name() or user.full_name},
        "",
        ngettext(
            "Op %(date)s vraagt %(n)d punt in uw trajecten aandacht:",
            "Op %(date)s vragen %(n)d punten in uw trajecten aandacht:",
            len(signals),
        )
        % {"date": date_format(today, "d-m-Y"), "n": len(signals)},
        "",
    ]
    # Absolute links need the site's address; without the (optional) setting the path is shown.
    base_url = getattr(settings, "TERUGKEER_BASE_URL", "").rstrip("/")
    for signal in signals:
        lines.append(f"- {signal.client_name}: {signal.title}")
        if signal.url:
            lines.append(f"  {base_url}{signal.url}")
    lines += [
        "",
        _(
            "Dit bericht is automatisch verstuurd door Terugkeer. "
            "Stuur het niet door buiten uw organisatie."
        ),
    ]
    return "\n".join(lines)


def signal_digest_send(*, organisation: Organisation, today: datetime.date) -> int:
    """E-mail each coordinator the signals of the trajectories they coordinate or substitute.

    Each coordinator's signals are computed in their own scope (so shielded cases of colleagues
    never appear). Coordinators without signals get no mail. Returns the number of mails sent.
    """
    sent = 0
    for user in digest_recipients(organisation=organisation):
        scope = Scope(user=user, organisation=organisation, role=Role.COORDINATOR)
        mine = [s for s in signals_for(scope=scope, today=today) if s.concerns(user.pk)]
        if not mine:
            continue
        subject = ngettext(
            "Terugkeer: %(n)d signaal op %(date)s",
            "Terugkeer: %(n)d signalen op %(date)s",
            len(mine),
        ) % {"n": len(mine), "date": date_format(today, "d-m-Y")}
        EmailMessage(
            subject=subject,
            body=signal_digest_body(user=user, signals=mine, today=today),
            to=[user.email],
        ).send()
        sent += 1
    return sent
