from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    BEGIN = "begin", _("begin detentie")
    END = "einde", _("einde detentie")
    LEAVE = "verlof", _("verlof")
    TRANSFER = "overplaatsing", _("overplaatsing")


class NotificationSource(models.TextChoices):
    MANUAL = "handmatig", _("handmatig geregistreerd")
    IMPORT = "import", _("bestand (import)")


class NotificationStatus(models.TextChoices):
    PROCESSED = "verwerkt", _("verwerkt")
    REVIEW = "beoordelen", _("te beoordelen")
    RESOLVED = "afgehandeld", _("beoordeeld en afgehandeld")


class LegalTitle(models.TextChoices):
    PRE_TRIAL = "preventieve_hechtenis", _("preventieve hechtenis")
    PRISON_SENTENCE = "gevangenisstraf", _("gevangenisstraf")
    SUBSTITUTE = "vervangende_hechtenis", _("vervangende hechtenis")
    ISD = "isd", _("ISD-maatregel")
    TBS = "tbs", _("tbs (passant)")
    OTHER = "overig", _("overig / onbekend")


class ImportStatus(models.TextChoices):
    PREVIEW = "voorbeeld", _("voorbeeld, nog niet verwerkt")
    CONFIRMED = "verwerkt", _("verwerkt")
    CANCELLED = "geannuleerd", _("geannuleerd")
