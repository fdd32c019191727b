"""Budget lines (kostenposten) per organisation and year, against which payments are realised."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.interventions.choices import LineKind


class BudgetLineQuerySet(ScopedQuerySet):
    """The organisation's budget; the rule is in ``interventions/access.py``."""


class BudgetLine(VersionedModel):
    """One kostenpost of a year's begroting: the budgeted amount (and FTE for staff lines).

    The realisation is the sum of the payments booked on the line in its year plus what is
    entered by hand for what Terugkeer does not know (staff hours, rent, subsidies received).
    An organisation running more than one programme (Kocon: Nazorg and Re-integratie, financed
    separately on shared lines) enters the hand-made part per programme in
    ``manual_realisation_by_project``; ``manual_realisation`` is then the part not attributed.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    name = models.CharField(_("kostenpost"), max_length=200)
    group = models.CharField(
        _("groep"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: Arbeidskosten.")
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=LineKind.choices, default=LineKind.EXPENSE
    )
    budget_amount = models.DecimalField(_("begroot (EUR)"), max_digits=12, decimal_places=2)
    budget_fte = models.DecimalField(
        _("begroot (FTE)"), max_digits=5, decimal_places=3, null=True, blank=True
    )
    manual_realisation = models.DecimalField(
        _("realisatie handmatig (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("Wat Terugkeer niet uit betalingen kent: uren, huur, ontvangen subsidie."),
    )
    manual_realisation_by_project = models.JSONField(
        _("realisatie handmatig per project"),
        default=dict,
        blank=True,
        help_text=_("Per programmacode het bedrag als tekst met twee decimalen, bijv. 120.00."),
    )
    realised_fte = models.DecimalField(
        _("gerealiseerd (FTE)"), max_digits=5, decimal_places=3, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("begroting")
        ordering = ["year", "kind", "order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "name"], name="budget_line_name_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(budget_amount__gte=0), name="budget_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
