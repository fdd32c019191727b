"""Choices of the partners app: kinds of chain partner, referral status, meetings, documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    """What kind of organisation a ketenpartner is (issue 16's list)."""

    PI = "pi", _("Penitentiaire inrichting (PI)")
    PROBATION = "reclassering", _("Reclassering")
    SOCIAL_CORE_TEAM = "skt", _("Sociaal Kernteam")
    EXODUS = "exodus", _("Exodus")
    MENTAL_HEALTH = "ggz", _("GGZ")
    ADDICTION_CARE = "verslavingszorg", _("Verslavingszorg")
    SAFETY_HOUSE = "veiligheidshuis", _("Veiligheidshuis / Zorg- en Veiligheidshuis")
    POLICE = "politie", _("Politie")
    BUDGET_ADMINISTRATOR = "bewindvoerder", _("Bewindvoerder")
    HOUSING_CORPORATION = "woningcorporatie", _("Woningcorporatie")
    BENEFITS_AGENCY = "uitkeringsinstantie", _("Uitkeringsinstantie")
    DAY_ACTIVITIES = "dagbesteding", _("Dagbesteding")
    OTHER = "anders", _("Anders")


class ReferralStatus(models.TextChoices):
    """Warme overdracht: verstuurd → geaccepteerd / afgewezen → gestart → afgerond."""

    SENT = "verstuurd", _("verstuurd")
    ACCEPTED = "geaccepteerd", _("geaccepteerd")
    REJECTED = "afgewezen", _("afgewezen")
    STARTED = "gestart", _("gestart")
    FINISHED = "afgerond", _("afgerond")


class ReferralOutcome(models.TextChoices):
    """What came of a referral, as the partner reported back."""

    GOALS_MET = "doelen_bereikt", _("doelen bereikt")
    PARTLY = "deels", _("deels bereikt")
    DROPPED_OUT = "uitgevallen", _("cliënt uitgevallen")
    HANDED_BACK = "terug", _("terug naar coördinator")
    OTHER = "anders", _("anders")


class MeetingKind(models.TextChoices):
    TEAM = "teamoverleg", _("teamoverleg")
    CASE_REVIEW = "casusoverleg", _("casusoverleg")


class DocumentType(models.TextChoices):
    """What a document on a trajectory is (the list users choose from)."""

    DR_PLAN = "dr_plan", _("D&R-plan (DJI)")
    PROBATION_ADVICE = "reclasseringsadvies", _("Reclasseringsadvies")
    SIGNED_PLAN = "getekend_plan", _("Getekend plan van aanpak")
    ANNEX_1 = "bijlage_1", _("Bijlage 1")
    LETTER = "brief", _("Brief")
    OTHER = "anders", _("Anders")


class TaskStatus(models.TextChoices):
    """Where a task of the work during detention stands."""

    OPEN = "open", _("nog te doen")
    REQUESTED = "aangevraagd", _("aangevraagd / loopt")
    DONE = "geregeld", _("geregeld")
    NOT_NEEDED = "niet_nodig", _("niet nodig")


# The organisation's checklist when it has not made its own (seed 003, RCN Kennemerland).
DEFAULT_DETENTION_TASKS = (
    ("Inschrijven als woningzoekende", "woningcorporatie"),
    ("Uitkering opschorten", "uitkeringsinstantie"),
    ("Huur doorbetalen", "woningcorporatie"),
    ("Schulden inventariseren", "bewindvoerder"),
    ("Zorgverzekering regelen", "anders"),
    ("ID-bewijs aanvragen", "anders"),
)


class Relation(models.TextChoices):
    """Who is left behind (achterblijver) in the household."""

    PARTNER = "partner", _("partner")
    CHILD = "kind", _("kind")
    PARENT = "ouder", _("ouder")
    OTHER = "anders", _("ander huisgenoot")


class LeftBehindOutcome(models.TextChoices):
    OPEN = "", _("nog geen uitkomst")
    HELPED = "geholpen", _("geholpen")
    REFERRED = "doorverwezen", _("doorverwezen en opgepakt")
    DECLINED = "geen_hulp", _("geen hulp gewenst")
    UNREACHABLE = "niet_bereikt", _("niet bereikt")
