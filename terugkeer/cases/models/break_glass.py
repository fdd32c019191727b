"""Break the glass: a stated reason to read a shielded person's dossier without being assigned."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import ScopedQuerySet


class BreakGlassAccessQuerySet(ScopedQuerySet):
    """The record of reasons stated; the privacy officer reviews it (``cases/access.py``)."""

    def in_force(self, *, user, client_id, now) -> "BreakGlassAccessQuerySet":
        return self.filter(user=user, client_id=client_id, expires_at__gt=now)


class BreakGlassAccess(models.Model):
    """A user's stated reason for reading the dossier of a client with a shielded (afgeschermd)
    trajectory they are not assigned to; it opens that person's dossier to them until
    ``expires_at``. Written by ``cases.break_glass.break_glass_open`` only, never changed."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="break_glass_accesses",
    )
    reason = models.CharField(_("reden"), max_length=150)
    opened_at = models.DateTimeField(_("geopend op"))
    expires_at = models.DateTimeField(_("geldig tot"))

    objects = BreakGlassAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage van een afgeschermd dossier met reden")
        verbose_name_plural = _("inzagen van afgeschermde dossiers met reden")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["user", "client", "expires_at"])]

    def __str__(self) -> str:
        moment = f"{self.opened_at:%d-%m-%Y %H:%M}"
        return str(_("Afgeschermd dossier geopend op %(at)s") % {"at": moment})
