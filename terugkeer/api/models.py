"""API clients (systems with OAuth2 client credentials) and answers of idempotent creates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.core.models import TimeStampedModel

# Resource groups a client may be given, read or write (docs/api.md, "Scopes").
SCOPE_CHOICES = (
    ("read:casework", _("lezen: cliënten, detenties, trajecten, metingen, mentorkoppelingen")),
    ("write:casework", _("wijzigen: trajecten")),
    ("read:intake", _("lezen: meldingen")),
    ("write:intake", _("aanleveren: meldingen")),
    ("read:reports", _("lezen: rapportages (geaggregeerd)")),
)
SCOPES = frozenset(code for code, _label in SCOPE_CHOICES)


def validate_scopes(value) -> None:
    """A list of known scopes (the admin edits them as JSON)."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_('Geef de rechten als een lijst, bijv. ["read:casework"].'))
    unknown = sorted(set(value) - SCOPES)
    if unknown:
        raise ValidationError(
            _("Onbekende rechten: %(unknown)s (kies uit %(known)s).")
            % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(SCOPES))}
        )


class ApiClient(TimeStampedModel):
    """A system of one organisation that calls the API with OAuth2 client credentials.

    It acts as a coordinator of its organisation who is assigned to no trajectory (so shielded
    trajectories are invisible to it), through its own service user, which has no membership.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="api_clients",
    )
    name = models.CharField(_("naam"), max_length=100)
    scopes = models.JSONField(_("rechten"), default=list, blank=True, validators=[validate_scopes])
    expires_at = models.DateTimeField(_("geldig tot"))
    is_active = models.BooleanField(_("actief"), default=True)
    application = models.OneToOneField(
        "oauth2_provider.Application",
        verbose_name=_("OAuth2-applicatie"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("servicegebruiker"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="api_client_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def is_usable(self, now=None) -> bool:
        return self.is_active and self.expires_at > (now or timezone.now())

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class IdempotencyRecord(models.Model):
    """The first response to a create sent with an ``Idempotency-Key``: a repeat gets it again."""

    owner = models.CharField(_("aanvrager"), max_length=80)  # "client:<pk>" or "user:<pk>"
    key = models.CharField(_("sleutel"), max_length=200)
    request_hash = models.CharField(_("kenmerk verzoek"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("statuscode"), default=0)
    response_body = models.JSONField(_("antwoord"), null=True, blank=True)
    response_hash = models.CharField(_("kenmerk antwoord"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotentiesleutel")
        verbose_name_plural = _("idempotentiesleutels")
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="api_idempotency_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.key}"
