"""The privacy app's models: the organisation's alert thresholds and data-subject requests.

The access log itself (``core.AccessLogEntry``) stays in core: every app writes it, and moving
the model would need state migrations across layers.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel
from terugkeer.privacy.choices import MAX_EXTENSION_MONTHS, RequestKind, RequestStatus


class PrivacySettings(TimeStampedModel):
    """Per organisation: when access is unusual enough to alert the privacy officer.

    Managed by the functioneel beheerder in the admin; without a row the defaults apply.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="privacy_settings",
    )
    max_unassigned_per_day = models.PositiveIntegerField(
        _("maximaal aantal niet-toegewezen dossiers per dag"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=_(
            "Opent een gebruiker op één dag méér verschillende dossiers van cliënten aan wie hij "
            "niet is toegewezen, dan krijgt de privacy officer een melding."
        ),
    )
    working_hours_start = models.TimeField(_("werktijd van"), default=datetime.time(7, 0))
    working_hours_end = models.TimeField(_("werktijd tot"), default=datetime.time(19, 0))

    class Meta:
        verbose_name = _("privacy-instellingen")
        verbose_name_plural = _("privacy-instellingen")

    def __str__(self) -> str:
        return str(_("Privacy-instellingen van %(org)s") % {"org": self.organisation})


class SubjectRequestQuerySet(ScopedQuerySet):
    pass


class SubjectRequest(VersionedModel):
    """A request of a data subject (AVG art. 15–18, 21) and how it was handled.

    ``deadline`` is kept by the services: one calendar month after receipt plus the extension
    (at most two months, with a reason).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.PROTECT,
        related_name="subject_requests",
    )
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("ontvangen op"))
    description = models.TextField(_("omschrijving van het verzoek"), blank=True)
    deadline = models.DateField(_("uiterste antwoorddatum"))
    extension_months = models.PositiveSmallIntegerField(
        _("verlenging (maanden)"),
        default=0,
        validators=[MaxValueValidator(MAX_EXTENSION_MONTHS)],
    )
    extension_reason = models.TextField(_("reden van verlenging"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    decision = models.TextField(_("besluit"), blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandeld door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek van betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.received_on:%d-%m-%Y}"


class ResearchExportQuerySet(ScopedQuerySet):
    pass


class ResearchExport(models.Model):
    """The log of one pseudonymised research export: who, when, why, which period, how many rows.

    The rows themselves and the HMAC key that made the pseudonyms are never stored: the key lives
    only while the export is built, so pseudonyms cannot be linked back or across exports.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geëxporteerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("geëxporteerd op"), auto_now_add=True)
    purpose = models.CharField(_("doel"), max_length=300)
    start = models.DateField(_("periode van"))
    end = models.DateField(_("periode tot en met"))
    programme = models.CharField(_("programma"), max_length=20, blank=True)
    row_count = models.PositiveIntegerField(_("aantal rijen"))

    objects = ResearchExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderzoeksexport")
        verbose_name_plural = _("onderzoeksexports")
        ordering = ["-exported_at", "-pk"]

    def __str__(self) -> str:
        return str(
            _("Onderzoeksexport %(start)s – %(end)s")
            % {"start": f"{self.start:%d-%m-%Y}", "end": f"{self.end:%d-%m-%Y}"}
        )


# Retention's models live in their own module (this one is long enough).
from terugkeer.privacy.models_retention import (  # noqa: E402, F401
    AnonymisedClient,
    RetentionRule,
    RetentionRun,
)
