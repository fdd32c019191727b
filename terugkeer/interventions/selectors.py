"""Reads of the interventions app, all through ``visible_to(scope)``.

``request_prefill`` fills the casuïstiek block of Bijlage 1 from the dossier (client, detention,
triage notes per basisvoorwaarde); the casemanager corrects it on the form.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst

from terugkeer.cases.models import DomainAssessment, ProgrammeDefinition, Trajectory
from terugkeer.cases.selectors import READ_ONLY_MESSAGE
from terugkeer.core.access import Action, Scope, get_visible_or_404, require_stated_reason
from terugkeer.interventions.choices import GiftStatus, LineKind
from terugkeer.interventions.models import (
    BudgetLine,
    Condition,
    EmergencyGift,
    InterventionRequest,
    InterventionType,
    Payment,
)

ZERO = Decimal("0.00")


def age_on(birth_date: datetime.date | None, today: datetime.date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def request_prefill(*, scope: Scope, trajectory: Trajectory, today=None) -> dict:
    """Initial values of the casuïstiek block, read from the dossier the scope may see."""
    today = today or timezone.localdate()
    client = trajectory.client
    detention = trajectory.detention
    notes = {
        a.domain.code: a
        for a in DomainAssessment.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("domain")
    }

    def note(code: str) -> str:
        assessment = notes.get(code)
        return assessment.note if assessment else ""

    id_assessment = notes.get("id_bewijs")
    valid_id = ""
    if id_assessment is not None:
        valid_id = "ja" if id_assessment.status == "geregeld" else id_assessment.note or "nee"
    partners = []
    if trajectory.lead:
        partners.append(f"casusregie: {trajectory.get_lead_display()}")
    if trajectory.probation_supervision:
        partners.append("reclassering (toezicht)")
    return {
        "client_name": client.display_name,
        "client_age": age_on(client.birth_date, today),
        "detention_start": detention.start_date if detention else None,
        "detention_end": (detention.actual_end or detention.expected_end) if detention else None,
        "household": client.get_household_display() if client.household else "",
        "minor_children": str(client.minor_children) if client.minor_children is not None else "",
        "housing": note("huisvesting"),
        "income_source": note("werk_inkomen"),
        "debts": note("schulden"),
        "valid_id": valid_id,
        "care_need": note("zorg"),
        "partners_involved": "; ".join(partners),
    }


def active_types(*, scope: Scope) -> QuerySet[InterventionType]:
    return InterventionType.objects.visible_to(scope).active()


def catalogue(*, scope: Scope) -> QuerySet[InterventionType]:
    return InterventionType.objects.visible_to(scope)


def type_for(*, scope: Scope, pk: int, action: str = Action.VIEW) -> InterventionType:
    return get_visible_or_404(InterventionType.objects.visible_to(scope, action=action), pk=pk)


def _for(model, *, scope: Scope, pk: int, action: str, related: tuple):
    """404 if the scope cannot see the row, 403 (with the reason) if it may read but not act."""
    row = get_visible_or_404(model.objects.visible_to(scope).select_related(*related), pk=pk)
    if (
        action != Action.VIEW
        and not model.objects.visible_to(scope, action=action).filter(pk=pk).exists()
    ):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return require_stated_reason(scope, row)  # break the glass: a shielded person's row


def request_for(*, scope: Scope, pk: int, action: str = Action.VIEW) -> InterventionRequest:
    return _for(
        InterventionRequest,
        scope=scope,
        pk=pk,
        action=action,
        related=(
            "trajectory__client",
            "trajectory__organisation",
            "intervention_type",
            "requested_by",
            "decided_by",
            "loan_decided_by",
        ),
    )


def gift_for(*, scope: Scope, pk: int, action: str = Action.VIEW) -> EmergencyGift:
    return _for(
        EmergencyGift,
        scope=scope,
        pk=pk,
        action=action,
        related=("trajectory__client", "requested_by", "decided_by", "municipality"),
    )


def condition_for(*, scope: Scope, pk: int, action: str = Action.VIEW) -> Condition:
    return _for(
        Condition, scope=scope, pk=pk, action=action, related=("request__trajectory__client",)
    )


def with_paid(requests: QuerySet[InterventionRequest]) -> QuerySet[InterventionRequest]:
    """Requests with their type, signatories and what was paid (``paid``), newest first."""
    return (
        requests.select_related("intervention_type", "requested_by", "decided_by")
        .annotate(
            paid=Coalesce(
                Sum("payments__amount"), Value(ZERO), output_field=DecimalField(max_digits=12)
            )
        )
        .order_by("-created_at", "-pk")
    )


def trajectory_requests(*, scope: Scope, trajectory_ids) -> QuerySet[InterventionRequest]:
    return with_paid(
        InterventionRequest.objects.visible_to(scope).filter(trajectory_id__in=list(trajectory_ids))
    )


def trajectory_gifts(*, scope: Scope, trajectory_ids) -> QuerySet[EmergencyGift]:
    return (
        EmergencyGift.objects.visible_to(scope)
        .filter(trajectory_id__in=list(trajectory_ids))
        .select_related("requested_by", "decided_by")
    )


def request_payments(*, scope: Scope, request: InterventionRequest) -> QuerySet[Payment]:
    return (
        Payment.objects.visible_to(scope)
        .filter(request=request)
        .select_related("cost_line", "registered_by")
    )


def request_conditions(*, scope: Scope, request: InterventionRequest) -> QuerySet[Condition]:
    return Condition.objects.visible_to(scope).filter(request=request).select_related("checked_by")


def cost_lines(*, scope: Scope, year: int | None = None) -> QuerySet[BudgetLine]:
    lines = BudgetLine.objects.visible_to(scope).filter(kind=LineKind.EXPENSE)
    return lines.filter(year=year) if year is not None else lines


def budget_years(*, scope: Scope) -> list[int]:
    return list(
        BudgetLine.objects.visible_to(scope)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def organisation_programmes(organisation) -> list[tuple[str, str]]:
    """The programmes the organisation runs, as (code, name): its projects in the budget."""
    return list(
        ProgrammeDefinition.objects.filter(organisations=organisation)
        .order_by("code")
        .values_list("code", "name")
    )


def booked_by_line_and_programme(*, organisation, year: int) -> dict[int, dict[str, Decimal]]:
    """Per line of the year and per programme of the trajectory: payments and paid gifts booked
    on it in that year (one grouped query each)."""
    totals: dict[int, dict[str, Decimal]] = {}
    payments = (
        Payment.objects.filter(
            cost_line__organisation=organisation, cost_line__year=year, paid_on__year=year
        )
        .values("cost_line", programme=F("request__trajectory__programme"))
        .annotate(total=Sum("amount"))
        .order_by()
    )
    gifts = (
        EmergencyGift.objects.filter(
            cost_line__organisation=organisation,
            cost_line__year=year,
            status=GiftStatus.PAID,
            paid_on__year=year,
        )
        .values("cost_line", programme=F("trajectory__programme"))
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in [*payments, *gifts]:
        line = totals.setdefault(row["cost_line"], {})
        code = row["programme"] or ""
        line[code] = line.get(code, ZERO) + row["total"]
    return totals


def realisation_by_line(*, organisation, year: int) -> dict[int, Decimal]:
    """Per line of the year: payments and paid gifts booked on it in that year (two queries)."""
    booked = booked_by_line_and_programme(organisation=organisation, year=year)
    return {pk: sum(parts.values(), ZERO) for pk, parts in booked.items()}


def manual_by_project(line: BudgetLine) -> dict[str, Decimal]:
    """The hand-made realisation per programme code as Decimals (stored as text)."""
    return {code: Decimal(amount) for code, amount in line.manual_realisation_by_project.items()}


def budget_rows(*, organisation, year: int) -> list[dict]:
    """The year's lines with their realisation (payments + gifts + by hand) and what is left.

    ``by_programme``: per programme of the organisation, what was booked on trajectories of that
    programme plus its hand-made part; ``unattributed``: the rest (``manual_realisation``, and
    booked or entered amounts of a programme the organisation no longer runs). Their sum is
    ``realised``. ``previous_budget``: the same kostenpost's budget a year earlier, or None.
    """
    booked = booked_by_line_and_programme(organisation=organisation, year=year)
    codes = [code for code, _name in organisation_programmes(organisation)]
    previous = dict(
        BudgetLine.objects.filter(organisation=organisation, year=year - 1).values_list(
            "name", "budget_amount"
        )
    )
    rows = []
    for line in BudgetLine.objects.filter(organisation=organisation, year=year):
        parts = booked.get(line.pk, {})
        by_hand = manual_by_project(line)
        booked_total = sum(parts.values(), ZERO)
        manual = line.manual_realisation + sum(by_hand.values(), ZERO)
        realised = booked_total + manual
        by_programme = {code: parts.get(code, ZERO) + by_hand.get(code, ZERO) for code in codes}
        rows.append(
            {
                "line": line,
                "booked": booked_total,
                "manual": manual,
                "realised": realised,
                "by_programme": by_programme,
                "unattributed": realised - sum(by_programme.values(), ZERO),
                "previous_budget": previous.get(line.name),
                "difference": line.budget_amount - realised,
                "share": (realised * 100 / line.budget_amount) if line.budget_amount else None,
            }
        )
    return rows


def conditions_due(*, scope: Scope, today: datetime.date, within_days: int = 7):
    """Unchecked conditions whose check date is within ``within_days`` (or past)."""
    return (
        Condition.objects.visible_to(scope)
        .filter(checked_on__isnull=True, check_on__lte=today + datetime.timedelta(within_days))
        .exclude(request__status__in=["afgerond", "ingetrokken", "vervangen", "afgewezen"])
        .select_related(
            "request__trajectory__client",
            "request__intervention_type",
        )
        .order_by("check_on", "pk")
    )


CASE_FIELDS = (
    "client_age",
    "client_name",
    "detention_start",
    "detention_end",
    "household",
    "minor_children",
    "housing",
    "income_source",
    "income_amount",
    "debts",
    "debt_amount",
    "debt_arrangement",
    "valid_id",
    "care_need",
    "particulars",
    "partners_involved",
)
SITUATION_FIELDS = (
    "situation",
    "guidance_given",
    "measure",
    "reason",
    "obstacles",
    "cost_without_solution",
    "cost_of_solution",
    "client_wish",
)


def form_blocks(item: InterventionRequest) -> list[tuple[str, list[tuple[str, object]]]]:
    """The two blocks of Bijlage 1 as (label, value) rows, for the page and the PDF."""

    def rows(fields):
        out = []
        for name in fields:
            field = InterventionRequest._meta.get_field(name)
            value = getattr(item, name)
            if isinstance(value, datetime.date):
                value = f"{value:%d-%m-%Y}"
            out.append(
                (capfirst(str(field.verbose_name)), value if value not in ("", None) else "–")
            )
        return out

    return [("Casuïstiek", rows(CASE_FIELDS)), ("Situatie", rows(SITUATION_FIELDS))]
