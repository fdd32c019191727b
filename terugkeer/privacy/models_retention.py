"""Retention: the organisation's rules, the record of each run and which clients were done.

None of these rows holds data about a client: a run keeps counts per model and the numbers of
the anonymised trajectories; :class:`AnonymisedClient` only that (and when) a client's data of a
kind was anonymised, so the daily task does not do it again.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.privacy.choices import RetentionKind

MAX_RETENTION_MONTHS = 1200


class RetentionRuleQuerySet(ScopedQuerySet):
    pass


class RetentionRule(VersionedModel):
    """How long an organisation keeps one kind of data after the client's last trajectory closed.

    The first run needs a second person: ``created_by`` proposes, ``confirmed_by`` (another
    privacy officer or functional admin) confirms; only confirmed, active rules run.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("soort gegevens"), max_length=20, choices=RetentionKind.choices)
    months = models.PositiveSmallIntegerField(
        _("bewaartermijn (maanden na afsluiting)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_MONTHS)],
    )
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    objects = RetentionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewaarregel")
        verbose_name_plural = _("bewaarregels")
        ordering = ["kind", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                condition=models.Q(active=True),
                name="retention_rule_one_active_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.months} mnd"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_by_id is not None


class RetentionRun(models.Model):
    """One run of a rule: when, by whom (empty: the daily task), and counts per model."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    rule = models.ForeignKey(
        RetentionRule, verbose_name=_("bewaarregel"), on_delete=models.PROTECT, related_name="runs"
    )
    run_on = models.DateField(_("peildatum"))
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    dry_run = models.BooleanField(_("proefdraaien"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client_count = models.PositiveIntegerField(_("cliënten"), default=0)
    counts = models.JSONField(_("rijen per soort"), default=dict, blank=True)
    trajectory_ids = models.JSONField(_("trajectnummers"), default=list, blank=True)

    class Meta:
        verbose_name = _("bewaarrun")
        verbose_name_plural = _("bewaarruns")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule} ({self.run_on:%d-%m-%Y})"


class AnonymisedClient(models.Model):
    """That (and when) one kind of a client's data was anonymised; no data of the client."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("cliënt"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort gegevens"), max_length=20, choices=RetentionKind.choices)
    run = models.ForeignKey(
        RetentionRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="clients"
    )

    class Meta:
        verbose_name = _("geanonimiseerde cliënt")
        verbose_name_plural = _("geanonimiseerde cliënten")
        constraints = [
            models.UniqueConstraint(fields=["client", "kind"], name="anonymised_client_once")
        ]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.kind}"
