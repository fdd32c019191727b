"""The plan van aanpak (begeleidingsplan): goals per domain and actions; plan templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.cases.choices import PlanAnchor, Programme
from terugkeer.cases.models.dossier import TrajectoryChildQuerySet
from terugkeer.cases.models.trajectory import Domain, Trajectory
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel


class Goal(VersionedModel):
    """A goal of the plan, usually for one domain."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="goals"
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("domein"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.CharField(_("doel"), max_length=300)
    achieved_on = models.DateField(_("bereikt op"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["domain__order", "pk"]

    def __str__(self) -> str:
        return self.description


class Action(VersionedModel):
    """An action of the plan: what, who, by when, and when it was done."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="actions"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("domein"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(
        _("wie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld cliënt, coördinator of een ketenpartner."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitvoerder (gebruiker)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["done_on", "due_date", "pk"]
        indexes = [models.Index(fields=["trajectory", "done_on", "due_date"])]

    def __str__(self) -> str:
        return self.description


class PlanTemplateQuerySet(ScopedQuerySet):
    """An organisation's plan templates; the access rule lives in ``cases/access.py``."""


class PlanTemplate(TimeStampedModel):
    """An organisation's standard way of working for a programme, as a list of actions."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE
    )
    programme = models.CharField(_("programma"), max_length=20, choices=Programme.choices)
    name = models.CharField(_("naam"), max_length=150)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = PlanTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("plansjabloon")
        verbose_name_plural = _("plansjablonen")
        ordering = ["programme", "name"]

    def __str__(self) -> str:
        return self.name


class PlanTemplateAction(models.Model):
    """An action of a template; its due date is an offset from the detention start or release."""

    template = models.ForeignKey(
        PlanTemplate, verbose_name=_("sjabloon"), on_delete=models.CASCADE, related_name="actions"
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("domein"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(_("wie"), max_length=150, blank=True)
    anchor = models.CharField(
        _("termijn vanaf"), max_length=20, choices=PlanAnchor.choices, default=PlanAnchor.RELEASE
    )
    offset_days = models.SmallIntegerField(
        _("dagen"),
        default=0,
        help_text=_("Negatief is ervóór: −21 is drie weken vóór de vrijlating."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("sjabloonactie")
        verbose_name_plural = _("sjabloonacties")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return self.description
