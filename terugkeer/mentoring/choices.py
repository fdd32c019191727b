"""Choices of the mentoring app: the mentor pipeline, match endings and kinds of contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorStatus(models.TextChoices):
    REGISTERED = "aangemeld", _("aangemeld")
    INTRODUCTION = "kennismaking", _("kennismaking")
    VOG_REQUESTED = "vog_aangevraagd", _("VOG aangevraagd")
    IN_TRAINING = "in_training", _("in training")
    ACTIVE = "actief", _("actief")
    STOPPED = "gestopt", _("gestopt")


# The pipeline in order: a mentor only moves forward along it (or stops, from any step).
PIPELINE = (
    MentorStatus.REGISTERED,
    MentorStatus.INTRODUCTION,
    MentorStatus.VOG_REQUESTED,
    MentorStatus.IN_TRAINING,
    MentorStatus.ACTIVE,
)


class MatchEndReason(models.TextChoices):
    GOALS_MET = "doelen_bereikt", _("doelen bereikt")
    PARTICIPANT_STOPPED = "deelnemer_stopt", _("deelnemer stopt")
    MENTOR_STOPPED = "mentor_stopt", _("mentor stopt")
    NO_CLICK = "geen_klik", _("geen klik")
    TRAJECTORY_CLOSED = "traject_afgesloten", _("traject afgesloten")
    OTHER = "anders", _("anders")


class ContactKind(models.TextChoices):
    MEETING = "afspraak", _("afspraak (samen)")
    WALK = "wandeling", _("wandeling of activiteit")
    PHONE = "telefoon", _("telefonisch")
    VIDEO = "video", _("beeldbellen")
    MESSAGE = "bericht", _("app of bericht")
    NONE = "geen_contact", _("geen contact gelukt")


class ContactMood(models.TextChoices):
    GOOD = "goed", _("goed")
    FAIR = "redelijk", _("redelijk")
    HARD = "moeizaam", _("moeizaam")
