"""A Noodfonds gift (seed 000 §6.5): one-off, at most € 750, never a loan, four eyes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.interventions.choices import EMERGENCY_GIFT_MAX, GiftStatus


class EmergencyGiftQuerySet(ScopedQuerySet):
    """Gifts of the organisation; visible with their trajectory (``interventions/access.py``)."""

    organisation_field = "trajectory__organisation"


class EmergencyGift(VersionedModel):
    """A one-off gift from the Noodfonds to a resident in acute financial need.

    Once per client: a second gift is refused by the service and, below it, by the unique
    constraint (a rejected request does not count). The amount never exceeds € 750.
    """

    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="emergency_gifts",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.PROTECT,
        related_name="emergency_gifts",
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("woongemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=10, decimal_places=2)
    need = models.TextField(_("acute financiële nood"))
    no_legal_provision = models.TextField(_("waarom geen wettelijke voorziening (nog) helpt"))
    status = models.CharField(
        _("status"), max_length=20, choices=GiftStatus.choices, default=GiftStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("aangevraagd op"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting beoordeling"), blank=True)
    paid_on = models.DateField(_("uitbetaald op"), null=True, blank=True)
    cost_line = models.ForeignKey(
        "interventions.BudgetLine",
        verbose_name=_("kostenpost"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = EmergencyGiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("gift Noodfonds")
        verbose_name_plural = _("giften Noodfonds")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=~Q(status=GiftStatus.REJECTED),
                name="emergency_gift_once_per_client",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=EMERGENCY_GIFT_MAX),
                name="emergency_gift_at_most_750",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="emergency_gift_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"Noodfonds € {self.amount} ({self.requested_on:%d-%m-%Y})"
