"""The client: the person Terugkeer supports (cliënt, deelnemer, inwoner)."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.clients.choices import Household, Sex
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.core.validators import validate_bsn, validate_postcode


class ClientQuerySet(ScopedQuerySet):
    """Clients of the organisation; who sees which is the rule in ``clients/access.py``."""


class Client(VersionedModel):
    """A person with a dossier in one organisation. BSN is unique within the organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="clients",
    )
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    initials = models.CharField(_("voorletters"), max_length=20, blank=True)
    first_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"))
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente van inschrijving"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    household = models.CharField(
        _("samenstelling huishouden"),
        max_length=20,
        choices=Household.choices,
        default=Household.UNKNOWN,
    )
    minor_children = models.PositiveSmallIntegerField(
        _("aantal minderjarige kinderen"), null=True, blank=True
    )
    notes = models.TextField(_("notities"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["surname", "first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "bsn"], name="client_bsn_unique_per_organisation"
            )
        ]
        indexes = [
            models.Index(Lower("surname"), "organisation", name="client_surname_idx"),
            models.Index(fields=["organisation", "birth_date"], name="client_birth_date_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        given = self.first_names or self.initials
        family = f"{self.prefix} {self.surname}".strip()
        return f"{given} {family}".strip()
