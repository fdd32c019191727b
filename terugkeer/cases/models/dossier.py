"""What happens in a trajectory: contacts, triage of the domains and the monitor snapshots."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.cases.choices import ContactKind, SnapshotMoment, TriageStatus
from terugkeer.cases.models.trajectory import Domain, Trajectory
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel


class TrajectoryChildQuerySet(ScopedQuerySet):
    """Rows owned by a trajectory: visible exactly when it is (rule in ``cases/access.py``)."""

    organisation_field = "trajectory__organisation"


class Contact(TimeStampedModel):
    """A contactmoment with a note (gespreksverslag)."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=150, blank=True)
    participants = models.CharField(_("met wie"), max_length=200, blank=True)
    notes = models.TextField(_("gespreksverslag"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["trajectory", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"


class DomainAssessment(VersionedModel):
    """Triage of one domain (basisvoorwaarde or leefgebied): is there a need, and is it arranged?"""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="domain_assessments",
    )
    domain = models.ForeignKey(Domain, verbose_name=_("domein"), on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=20, choices=TriageStatus.choices, default=TriageStatus.UNKNOWN
    )
    note = models.TextField(_("toelichting"), blank=True)
    health_insurance = models.BooleanField(
        _("zorgverzekering loopt"),
        null=True,
        blank=True,
        help_text=_("Alleen bij het domein zorg."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("triage per domein")
        verbose_name_plural = _("triage per domein")
        ordering = ["domain__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "domain"], name="one_assessment_per_domain"
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.get_status_display()}"


class DomainSnapshot(models.Model):
    """The status of each domain captured at intake, at release and at the end of aftercare."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="snapshots"
    )
    moment = models.CharField(_("moment"), max_length=20, choices=SnapshotMoment.choices)
    domain = models.ForeignKey(Domain, verbose_name=_("domein"), on_delete=models.PROTECT)
    status = models.CharField(_("status"), max_length=20, choices=TriageStatus.choices)
    health_insurance = models.BooleanField(_("zorgverzekering loopt"), null=True, blank=True)
    taken_on = models.DateField(_("vastgelegd op"))

    objects = TrajectoryChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("momentopname basisvoorwaarde")
        verbose_name_plural = _("momentopnamen basisvoorwaarden")
        ordering = ["trajectory", "moment", "domain__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "moment", "domain"], name="one_snapshot_per_moment_domain"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} {self.domain}: {self.status}"
