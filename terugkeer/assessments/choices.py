from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentKind(models.TextChoices):
    MATRIX = "matrix", _("matrix (score per domein)")
    QUESTIONNAIRE = "vragenlijst", _("vragenlijst")


class ItemKind(models.TextChoices):
    """How an item is answered."""

    SCALE = "schaal", _("schaal van het instrument")
    GRADE = "rapportcijfer", _("rapportcijfer 1–10")
    CHOICE = "keuze", _("keuze uit opties")
    NUMBER = "getal", _("getal")
    OPEN = "open", _("open antwoord")


class MeasurementKind(models.TextChoices):
    BASELINE = "0-meting", _("0-meting")
    FOLLOW_UP = "1-meting", _("1-meting")
    LATER = "vervolgmeting", _("vervolgmeting")


class ResponseMode(models.TextChoices):
    PAPER = "papier", _("overgenomen van papier")
    SCREEN = "scherm", _("samen op het scherm ingevuld")


ZRM_CODE = "zrm"
C_TOETS_CODE = "c-toets"
