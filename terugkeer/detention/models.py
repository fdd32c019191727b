"""Penitentiary institutions, detentions and the DJI/Justid notifications (meldingen)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel
from terugkeer.detention.choices import (
    ImportStatus,
    LegalTitle,
    NotificationKind,
    NotificationSource,
    NotificationStatus,
)


class PenitentiaryInstitution(models.Model):
    """A Dutch penitentiary institution (PI). National reference data."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    place = models.CharField(_("plaats"), max_length=100)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penitentiaire inrichting")
        verbose_name_plural = _("penitentiaire inrichtingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseworkQuerySet(ScopedQuerySet):
    """Detention and notification data; the access rules live in ``detention/access.py``."""


class Detention(VersionedModel):
    """One period of detention of a client. Registered from a notification or by hand."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.PROTECT,
        related_name="detentions",
    )
    institution = models.ForeignKey(
        PenitentiaryInstitution,
        verbose_name=_("inrichting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    dji_number = models.CharField(_("DJI-registratienummer"), max_length=30, blank=True)
    start_date = models.DateField(_("datum insluiting"))
    expected_end = models.DateField(_("verwachte ontslagdatum"), null=True, blank=True)
    actual_end = models.DateField(_("datum ontslag"), null=True, blank=True)
    legal_title = models.CharField(
        _("titel"), max_length=30, choices=LegalTitle.choices, default=LegalTitle.OTHER
    )
    pi_casemanager_name = models.CharField(_("casemanager PI"), max_length=150, blank=True)
    pi_casemanager_phone = models.CharField(_("telefoon casemanager PI"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("detentie")
        verbose_name_plural = _("detenties")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["organisation", "start_date"])]

    def __str__(self) -> str:
        return f"{self.client} – {self.start_date:%d-%m-%Y}"

    @property
    def release_date(self):
        return self.actual_end or self.expected_end

    @property
    def expected_days(self) -> int | None:
        end = self.actual_end or self.expected_end
        return (end - self.start_date).days if end else None


class ImportBatch(TimeStampedModel):
    """One uploaded notification file: kept between preview and confirmation, and as a record."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    file_sha256 = models.CharField(_("controlegetal"), max_length=64)
    content = models.BinaryField(_("inhoud"))
    # The rows as parsed at upload (ParsedFile.to_json), so a preview never parses the file again.
    parsed = models.JSONField(_("gelezen regels"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    valid_only = models.BooleanField(_("alleen geldige regels verwerkt"), default=False)
    row_count = models.PositiveIntegerField(_("regels"), default=0)
    created_count = models.PositiveIntegerField(_("nieuwe meldingen"), default=0)
    skipped_count = models.PositiveIntegerField(_("al eerder geïmporteerd"), default=0)
    rejected_count = models.PositiveIntegerField(_("afgewezen"), default=0)
    # A large file is confirmed by the background worker: when it was queued, how many rows it
    # has done (written by the worker per chunk), and why it refused, if it did.
    queued_at = models.DateTimeField(_("in de wachtrij gezet"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("regels verwerkt"), default=0)
    worker_message = models.CharField(_("melding van de verwerking"), max_length=500, blank=True)

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%d-%m-%Y %H:%M})"


class DetentionNotification(VersionedModel):
    """A melding from DJI/Justid (or registered by hand), with its values as they arrived.

    Every value can be corrected by hand (with history); ``raw`` keeps what arrived.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("soort melding"), max_length=20, choices=NotificationKind.choices)
    received_on = models.DateField(_("datum melding"))
    source = models.CharField(_("bron"), max_length=20, choices=NotificationSource.choices)
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("importbestand"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    import_line = models.PositiveIntegerField(_("regel in bestand"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fingerprint = models.CharField(_("kenmerk"), max_length=64, blank=True)
    raw = models.JSONField(_("ontvangen waarden"), default=dict, blank=True)
    # The values of the melding (correctable).
    bsn = models.CharField(_("BSN"), max_length=9)
    dji_number = models.CharField(_("DJI-registratienummer"), max_length=30, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    first_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, blank=True)
    institution_name = models.CharField(_("inrichting"), max_length=150, blank=True)
    detention_start = models.DateField(_("datum insluiting"), null=True, blank=True)
    expected_release = models.DateField(_("verwachte ontslagdatum"), null=True, blank=True)
    release_date = models.DateField(_("datum ontslag"), null=True, blank=True)
    legal_title = models.CharField(_("titel"), max_length=100, blank=True)
    pi_casemanager = models.CharField(_("casemanager PI"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What processing did with it.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PROCESSED,
    )
    review_reason = models.CharField(_("reden beoordeling"), max_length=300, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    detention = models.ForeignKey(
        Detention,
        verbose_name=_("detentie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "raw"])

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="notification_fingerprint_unique_per_organisation",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "bsn"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.surname} ({self.received_on:%d-%m-%Y})"
