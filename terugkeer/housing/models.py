"""The organisation's own houses: the Instapwoning (places, stays, weekly checks) and the
Koconwoningen / convenantwoningen (allocations with a two-year evaluation)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel
from terugkeer.housing.choices import AllocationOutcome, LeavingReason, TestResult, UnitKind


class HousingUnitQuerySet(ScopedQuerySet):
    """The organisation's houses; the rule is in ``housing/access.py``."""


class HousingUnit(VersionedModel):
    """A house of the organisation: an Instapwoning with places, or a Koconwoning/convenantwoning.

    Reference data of the organisation, kept by the functioneel beheerder. ``capacity`` is the
    number of residents at the same time (three in Kocon's Instapwoning).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=UnitKind.choices)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, help_text=_("Bewoners tegelijk.")
    )
    house_rules = models.TextField(
        _("huisregels"),
        blank=True,
        help_text=_("De bewoner tekent deze huisregels bij het intrekken."),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = HousingUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("woning")
        verbose_name_plural = _("woningen")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="housing_unit_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="housing_unit_capacity"),
        ]

    def __str__(self) -> str:
        return self.name


class StayQuerySet(ScopedQuerySet):
    """Stays of the organisation; visible with their trajectory (``housing/access.py``)."""

    def current(self, on=None) -> "StayQuerySet":
        if on is None:
            return self.filter(ended_on__isnull=True)
        return self.filter(moved_in_on__lte=on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on)
        )


class Stay(VersionedModel):
    """A participant living in a house with places (the Instapwoning), from a trajectory.

    At most ``unit.capacity`` stays at the same time: ``services.stay_move_in`` takes a row lock
    on the unit before counting, so two coordinators saving at once cannot both take the last
    place. ``ended_on`` is the day they left (not living there any more from that day).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        HousingUnit, verbose_name=_("woning"), on_delete=models.PROTECT, related_name="stays"
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="+"
    )
    moved_in_on = models.DateField(_("ingetrokken op"))
    planned_end = models.DateField(_("geplande einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("vertrokken op"), null=True, blank=True)
    leaving_reason = models.CharField(
        _("reden van vertrek"), max_length=30, choices=LeavingReason.choices, blank=True
    )
    leaving_note = models.CharField(_("toelichting vertrek"), max_length=300, blank=True)
    house_rules_signed_on = models.DateField(_("huisregels getekend op"))
    moved_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = StayQuerySet.as_manager()

    class Meta:
        verbose_name = _("verblijf")
        verbose_name_plural = _("verblijven")
        ordering = ["-moved_in_on", "-pk"]
        indexes = [models.Index(fields=["unit", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.unit}: {self.moved_in_on:%d-%m-%Y}"


class StayChildQuerySet(ScopedQuerySet):
    organisation_field = "stay__organisation"


class HouseCheck(TimeStampedModel):
    """The weekly check of a resident by the trajectbegeleider (append-only)."""

    stay = models.ForeignKey(
        Stay, verbose_name=_("verblijf"), on_delete=models.PROTECT, related_name="checks"
    )
    checked_on = models.DateField(_("datum controle"))
    urine_test = models.CharField(
        _("urinetest"), max_length=20, choices=TestResult.choices, default=TestResult.NOT_TAKEN
    )
    alcohol_test = models.CharField(
        _("alcoholtest"), max_length=20, choices=TestResult.choices, default=TestResult.NOT_TAKEN
    )
    support_note = models.TextField(_("woonbegeleiding"), blank=True)
    incidents = models.TextField(_("incidenten"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecontroleerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = StayChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("wekelijkse controle")
        verbose_name_plural = _("wekelijkse controles")
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.stay}: {self.checked_on:%d-%m-%Y}"


class AllocationQuerySet(ScopedQuerySet):
    """Allocations of the organisation; visible with their trajectory."""

    def open(self) -> "AllocationQuerySet":
        return self.filter(outcome__in=["", AllocationOutcome.EXTENDED])


class HousingAllocation(VersionedModel):
    """A Koconwoning or convenantwoning let to a participant on conditions, for two years.

    The Indicatieteam (in Kocon's seed: De Brug, Brijder and GGZ Rivierduinen) sets the
    treatment plan; after two years the evaluation decides: definitive lease, extended (with a
    new evaluation date) or ended. One open allocation per house (a row lock in the service).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        HousingUnit, verbose_name=_("woning"), on_delete=models.PROTECT, related_name="allocations"
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="+"
    )
    corporation = models.CharField(_("woningcorporatie"), max_length=150)
    started_on = models.DateField(_("start huur"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    treatment_plan = models.TextField(_("behandelplan Indicatieteam"), blank=True)
    evaluation_on = models.DateField(_("evaluatiedatum"))
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=AllocationOutcome.choices, blank=True
    )
    outcome_on = models.DateField(_("datum uitkomst"), null=True, blank=True)
    outcome_note = models.CharField(_("toelichting uitkomst"), max_length=300, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing woning")
        verbose_name_plural = _("toewijzingen woningen")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.started_on:%d-%m-%Y}"
