"""Partners' reports in the reports framework (``reports.registry.register_report``).

Like every report they count and never list persons: they start from the organisation of the
scope through ``reports.selectors.base`` (report roles only), not from ``visible_to``.

- ``verwijzingen``: referrals sent in the period per partner (sent, accepted, rejected, still
  unanswered, finished), the median days to an answer and to the end, and the outcomes.
- ``samenwerking``: Westland's evaluation question. Trajectories opened in the period: handled by
  the coordinator alone (no accepted referral), with the Sociaal Kernteam, with Exodus, with
  another partner (a referral accepted at some time); the casusregie per kind of partner of the
  accepted referrals; partner involvement per kind of partner; the achterblijvers of those
  trajectories by outcome (how many were helped).
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from terugkeer.core.access import Scope
from terugkeer.partners.choices import (
    LeftBehindOutcome,
    PartnerKind,
    ReferralOutcome,
    ReferralStatus,
)
from terugkeer.partners.models import Involvement, LeftBehind, Referral
from terugkeer.reports.framework import (
    Column,
    Kind,
    Report,
    ReportFilters,
    ReportResult,
    Table,
    percent,
    rounded,
)
from terugkeer.reports.registry import register_report
from terugkeer.reports.selectors.base import median_days, opened_in_period, trajectories

S = ReferralStatus
ACCEPTED_ONCE = (S.ACCEPTED, S.STARTED, S.FINISHED)


def _referrals(scope: Scope, filters: ReportFilters):
    return Referral.objects.filter(
        trajectory__in=trajectories(scope, filters),
        sent_on__range=(filters.start, filters.end),
    )


def referrals_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    referrals = _referrals(scope, filters)
    counted = (
        referrals.values("partner_id", "partner__name")
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=ACCEPTED_ONCE)),
            rejected=Count("pk", filter=Q(status=S.REJECTED)),
            waiting=Count("pk", filter=Q(status=S.SENT)),
            finished=Count("pk", filter=Q(status=S.FINISHED)),
        )
        .order_by("-sent", "partner__name")
    )
    rows = []
    for row in counted:
        of_partner = referrals.filter(partner_id=row["partner_id"])
        answer, answered = median_days(of_partner, start="sent_on", end="answered_on")
        lead_time, ended = median_days(of_partner, start="sent_on", end="finished_on")
        rows.append(
            {
                "partner": row["partner__name"],
                "sent": row["sent"],
                "accepted": row["accepted"],
                "accepted_share": percent(row["accepted"], row["sent"]),
                "rejected": row["rejected"],
                "waiting": row["waiting"],
                "finished": row["finished"],
                "answered": answered,
                "answer_days": rounded(answer),
                "ended": ended,
                "lead_days": rounded(lead_time),
            }
        )
    outcomes = dict(
        referrals.filter(status=S.FINISHED)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    finished_total = sum(outcomes.values())
    outcome_rows = [
        {
            "outcome": str(label),
            "count": outcomes.get(code, 0),
            "share": percent(outcomes.get(code, 0), finished_total),
            "total": finished_total,
        }
        for code, label in ReferralOutcome.choices
    ]
    return ReportResult(
        tables=[
            Table(
                "Verwijzingen per ketenpartner",
                [
                    Column("partner", "Ketenpartner", Kind.LABEL),
                    Column("sent", "Verstuurd"),
                    Column("accepted", "Geaccepteerd"),
                    Column(
                        "accepted_share",
                        "Aandeel geaccepteerd",
                        Kind.PERCENT,
                        "sent",
                        of="accepted",
                    ),
                    Column("rejected", "Afgewezen"),
                    Column("waiting", "Nog geen antwoord"),
                    Column("finished", "Afgerond"),
                    Column("answered", "Met antwoord"),
                    Column("answer_days", "Mediaan dagen tot antwoord", Kind.NUMBER, "answered"),
                    Column("ended", "Met einddatum"),
                    Column("lead_days", "Mediaan doorlooptijd (dagen)", Kind.NUMBER, "ended"),
                ],
                rows,
            ),
            Table(
                "Resultaat van afgeronde verwijzingen",
                [
                    Column("outcome", "Resultaat", Kind.LABEL),
                    Column("count", "Verwijzingen", additive=True),
                    Column("share", "Aandeel", Kind.PERCENT, "total", of="count"),
                ],
                outcome_rows,
                # The shares give away the total, so the counts add up to a known total.
                derivable_total=True,
            ),
        ]
    )


def _accepted_with(kind: str | None):
    accepted = Referral.objects.filter(trajectory=OuterRef("pk"), status__in=ACCEPTED_ONCE)
    if kind is not None:
        accepted = accepted.filter(partner__kind=kind)
    return Exists(accepted)


def collaboration_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    cohort = opened_in_period(scope, filters).annotate(
        any_partner=_accepted_with(None),
        with_skt=_accepted_with(PartnerKind.SOCIAL_CORE_TEAM),
        with_exodus=_accepted_with(PartnerKind.EXODUS),
    )
    figures = cohort.aggregate(
        total=Count("pk"),
        alone=Count("pk", filter=Q(any_partner=False)),
        skt=Count("pk", filter=Q(with_skt=True)),
        exodus=Count("pk", filter=Q(with_exodus=True)),
        other=Count("pk", filter=Q(any_partner=True, with_skt=False, with_exodus=False)),
    )
    total = figures["total"]
    handled = [
        ("Coördinator alleen (geen geaccepteerde verwijzing)", figures["alone"]),
        ("Met het Sociaal Kernteam", figures["skt"]),
        ("Met Exodus", figures["exodus"]),
        ("Met een andere ketenpartner (niet SKT of Exodus)", figures["other"]),
    ]
    accepted = Referral.objects.filter(trajectory__in=cohort.values("pk"), status__in=ACCEPTED_ONCE)
    lead_by_kind = dict(
        accepted.values_list("partner__kind").annotate(n=Count("trajectory", distinct=True))
    )
    involved = dict(
        Involvement.objects.filter(trajectory__in=cohort.values("pk"))
        .values_list("partner__kind")
        .annotate(n=Count("trajectory", distinct=True))
    )
    kind_rows = [
        {
            "kind": str(label),
            "lead": lead_by_kind.get(code, 0),
            "involved": involved.get(code, 0),
        }
        for code, label in PartnerKind.choices
    ]
    left = dict(
        LeftBehind.objects.filter(trajectory__in=cohort.values("pk"))
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    left_total = sum(left.values())
    left_rows = [
        {
            "value": str(label),
            "count": left.get(code, 0),
            "share": percent(left.get(code, 0), left_total),
            "total": left_total,
        }
        for code, label in LeftBehindOutcome.choices
    ]
    return ReportResult(
        tables=[
            Table(
                "Samenwerking: wie werkte aan het traject",
                [
                    Column("value", "Samenwerking", Kind.LABEL),
                    Column("count", "Trajecten"),
                    Column("share", "Aandeel", Kind.PERCENT, "total", of="count"),
                ],
                [
                    {"value": label, "count": n, "share": percent(n, total), "total": total}
                    for label, n in handled
                ],
                note=(
                    "Een traject met zowel het SKT als Exodus telt bij beide; de aandelen tellen "
                    "dan op tot meer dan 100%."
                ),
            ),
            Table(
                "Ketenpartners per soort",
                [
                    Column("kind", "Soort ketenpartner", Kind.LABEL),
                    Column("lead", "Trajecten met geaccepteerde verwijzing"),
                    Column("involved", "Trajecten met betrokkenheid"),
                ],
                kind_rows,
            ),
            Table(
                "Achterblijvers en wat voor hen is gedaan",
                [
                    Column("value", "Uitkomst", Kind.LABEL),
                    Column("count", "Achterblijvers", additive=True),
                    Column("share", "Aandeel", Kind.PERCENT, "total", of="count"),
                ],
                left_rows,
                derivable_total=True,
            ),
        ]
    )


REPORTS = (
    Report(
        slug="verwijzingen",
        title="Verwijzingen (warme overdracht) per ketenpartner",
        definition=(
            "Verwijzingen met een datum ‘verstuurd’ in de periode, per ketenpartner: verstuurd, "
            "geaccepteerd (ook als ze daarna gestart of afgerond zijn), afgewezen, nog zonder "
            "antwoord en afgerond. Mediaan dagen tot antwoord: van verstuurd tot geaccepteerd "
            "of afgewezen. Doorlooptijd: van verstuurd tot afgerond. Het resultaat is wat de "
            "ketenpartner bij het afronden heeft teruggekoppeld."
        ),
        compute=referrals_report,
    ),
    Report(
        slug="samenwerking",
        title="Samenwerking: coördinator alleen, met SKT of met Exodus",
        definition=(
            "Trajecten aangemeld in de periode. ‘Coördinator alleen’: zonder verwijzing die een "
            "ketenpartner heeft geaccepteerd. ‘Met het SKT’ of ‘met Exodus’: met ten minste één "
            "geaccepteerde verwijzing naar een ketenpartner van die soort (ook als die daarna is "
            "afgerond). Per soort ketenpartner ook het aantal trajecten waarin de partner als "
            "betrokken is vastgelegd, en de achterblijvers (huisgenoten met een eigen hulpvraag) "
            "van deze trajecten naar uitkomst."
        ),
        compute=collaboration_report,
    ),
)


def register() -> None:
    for report in REPORTS:
        register_report(report)
