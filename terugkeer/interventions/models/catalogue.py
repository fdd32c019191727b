"""The catalogue of alternative interventions an organisation funds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.interventions.choices import DomainCode


class InterventionTypeQuerySet(ScopedQuerySet):
    """The organisation's catalogue; the rule is in ``interventions/access.py``."""

    def active(self) -> "InterventionTypeQuerySet":
        return self.filter(active=True)


class InterventionType(VersionedModel):
    """One kind of alternatieve maatregel (huur doorbetalen, jobcoach, …), with its domain."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    name = models.CharField(_("naam"), max_length=150)
    domain_code = models.CharField(
        _("basisvoorwaarde"), max_length=30, choices=DomainCode.choices, default=DomainCode.OTHER
    )
    description = models.TextField(_("toelichting"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = InterventionTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("soort interventie")
        verbose_name_plural = _("catalogus interventies")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="intervention_type_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name
