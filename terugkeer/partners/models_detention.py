"""Work during detention (seed 003) and the household left behind (achterblijvers, seed 002)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.partners.choices import LeftBehindOutcome, PartnerKind, Relation, TaskStatus


class ChecklistItem(models.Model):
    """One line of an organisation's template for the work during detention."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE
    )
    title = models.CharField(_("taak"), max_length=200)
    partner_kind = models.CharField(
        _("meestal met"), max_length=30, choices=PartnerKind.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("checklistregel detentie")
        verbose_name_plural = _("checklist detentie (sjabloon)")
        ordering = ["organisation", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class DetentionTaskQuerySet(ScopedQuerySet):
    """Tasks of a trajectory: visible exactly when the trajectory is (see ``access.py``)."""


class DetentionTask(VersionedModel):
    """A task to arrange during one detention, with the partner doing it and its status."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="detention_tasks",
    )
    detention = models.ForeignKey(
        "detention.Detention",
        verbose_name=_("detentie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("taak"), max_length=200)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("ketenpartner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_on = models.DateField(_("geregeld op"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = DetentionTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("taak tijdens detentie")
        verbose_name_plural = _("taken tijdens detentie")
        ordering = ["detention", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["detention", "title"], name="one_task_per_title_and_detention"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_settled(self) -> bool:
        return self.status in (TaskStatus.DONE, TaskStatus.NOT_NEEDED)


class LeftBehind(VersionedModel):
    """An achterblijver: a household member left behind (partner, child) with their own
    support question, a referral to a partner and what came of it (seed 002 §2.2)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="left_behind",
    )
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    description = models.CharField(
        _("wie"),
        max_length=100,
        blank=True,
        help_text=_("Zo min mogelijk: bijvoorbeeld ‘dochter, 8 jaar’. Geen BSN."),
    )
    support_question = models.TextField(_("eigen hulpvraag"))
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("verwezen naar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referred_on = models.DateField(_("verwezen op"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=LeftBehindOutcome.choices, blank=True, default=""
    )
    outcome_on = models.DateField(_("uitkomst op"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = DetentionTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("achterblijver")
        verbose_name_plural = _("achterblijvers")
        ordering = ["trajectory", "pk"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} ({self.trajectory_id})"
