"""Shared base models and the access log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-change timestamps."""

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A model edited with optimistic locking.

    ``version`` goes up by one on every save through :func:`terugkeer.core.locking.save_versioned`;
    an edit made against an older version is refused instead of silently overwriting a colleague.
    """

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class AccessLogEntry(models.Model):
    """One read of personal data: who, when, in which organisation, what object, which page, why.

    Rows are written in autocommit mode (see :func:`terugkeer.core.access_log.record_access`), so a
    later rollback of the request's work does not remove them. They are never updated.
    """

    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="access_log_entries",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="access_log_entries",
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("soort gegeven"), on_delete=models.PROTECT
    )
    subject_id = models.CharField(_("id van het gegeven"), max_length=64)
    subject_label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    page = models.CharField(_("pagina"), max_length=120)
    path = models.CharField(_("adres"), max_length=500)
    purpose = models.CharField(_("doel"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inzage in het logboek")
        verbose_name_plural = _("toegangslogboek")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-created_at"]),
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user} {self.page} {self.subject_label}"


class UsedFormToken(models.Model):
    """A one-time form token that was submitted: the form's rows were created once, under it.

    Inserted in the same transaction as the rows the form creates (see
    :mod:`terugkeer.core.form_tokens`), so a failed save frees the token again and a second
    submission of the same token, sequential or concurrent, hits the unique constraint.
    """

    token = models.CharField(_("formuliersleutel"), max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    used_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("verstuurde formuliersleutel")
        verbose_name_plural = _("verstuurde formuliersleutels")

    def __str__(self) -> str:
        return f"{self.token[:6]}… ({self.used_at:%Y-%m-%d %H:%M})"
