"""Choices of the housing app (Dutch labels for users)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    INSTAPWONING = "instapwoning", _("Instapwoning")
    KOCONWONING = "koconwoning", _("Koconwoning")
    COVENANT = "convenantwoning", _("Convenantwoning")


# Kinds of unit a resident stays in (with places and weekly checks) and kinds that are allocated.
STAY_KINDS = frozenset({UnitKind.INSTAPWONING})
ALLOCATION_KINDS = frozenset({UnitKind.KOCONWONING, UnitKind.COVENANT})


class LeavingReason(models.TextChoices):
    FOUND_HOME = "woning_gevonden", _("Eigen woning gevonden")
    KOCONWONING = "koconwoning", _("Doorgestroomd naar Koconwoning of convenantwoning")
    CARE = "opname_zorg", _("Opgenomen in een zorginstelling")
    RULES = "huisregels", _("Huisregels overtreden")
    DETAINED = "detentie", _("Opnieuw gedetineerd")
    OWN_CHOICE = "eigen_keuze", _("Eigen keuze vertrokken")
    OTHER = "anders", _("Anders")


class TestResult(models.TextChoices):
    NOT_TAKEN = "niet_afgenomen", _("Niet afgenomen")
    NEGATIVE = "negatief", _("Negatief (schoon)")
    POSITIVE = "positief", _("Positief")
    REFUSED = "geweigerd", _("Geweigerd")


class AllocationOutcome(models.TextChoices):
    DEFINITIVE = "definitieve_huur", _("Definitieve huur")
    EXTENDED = "verlengd", _("Verlengd")
    ENDED = "beeindigd", _("Beëindigd")
