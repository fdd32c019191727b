"""Choices of the privacy app: the kinds of data-subject request and their status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    """The rights of AVG articles 15 to 18 and 21."""

    ACCESS = "inzage", _("Inzage (art. 15 AVG)")
    RECTIFICATION = "correctie", _("Correctie (art. 16 AVG)")
    ERASURE = "verwijdering", _("Verwijdering (art. 17 AVG)")
    RESTRICTION = "beperking", _("Beperking van de verwerking (art. 18 AVG)")
    OBJECTION = "bezwaar", _("Bezwaar (art. 21 AVG)")


class RequestStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    GRANTED = "toegewezen", _("Toegewezen")
    PARTLY_GRANTED = "deels_toegewezen", _("Gedeeltelijk toegewezen")
    REFUSED = "afgewezen", _("Afgewezen")


OPEN_STATUSES = frozenset({RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS})
DECIDED_STATUSES = frozenset(
    {RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED, RequestStatus.REFUSED}
)

# AVG art. 12(3): one month, extendable by at most two further months.
BASE_TERM_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


class RetentionKind(models.TextChoices):
    """The kinds of data a retention rule names (``PersonalDataSpec.retention_kind``)."""

    DOSSIER = "dossier", _("Het hele dossier")
    JUSTICE = "justice", _("Justitiegegevens (detenties en meldingen)")
