from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    """The programme codes; their names and domain sets are data (``cases.Programme``)."""

    AFTERCARE = "nazorg", _("Nazorg ex-gedetineerden")
    REINTEGRATION = "reintegratie", _("Re-integratie ex-verslaafden")


class TrajectoryStatus(models.TextChoices):
    """The states of both programmes (DESIGN.md section 4); the workflow module says which apply."""

    REGISTERED = "aangemeld", _("aangemeld")
    IN_CONTACT = "in_contact", _("in contact")
    INTAKE = "intake", _("intake")
    PLAN = "plan", _("plan van aanpak")
    AFTERCARE = "nazorg", _("nazorg")
    GUIDANCE_PLAN = "begeleidingsplan", _("begeleidingsplan")
    GUIDANCE = "begeleiding", _("begeleiding")
    CLOSED = "afgesloten", _("afgesloten")


OPEN_STATUSES = [s for s in TrajectoryStatus if s != TrajectoryStatus.CLOSED]


class ClosingReason(models.TextChoices):
    GOALS_MET = "doelen_bereikt", _("doelen bereikt")
    DECLINED = "afgezien", _("afgezien door cliënt")
    UNREACHABLE = "niet_bereikbaar", _("niet bereikbaar")
    MOVED = "verhuisd", _("verhuisd")
    DECEASED = "overleden", _("overleden")
    WRONGLY_NOTIFIED = "onterecht_aangemeld", _("onterecht aangemeld")
    RECIDIVISM = "recidive", _("recidive")
    TRANSFERRED = "overgedragen", _("overgedragen")


class Category(models.IntegerChoices):
    """Wegingskader: 2 and 3 advise a persoonsgerichte aanpak (PGA)."""

    ONE = 1, _("categorie 1")
    TWO = 2, _("categorie 2")
    THREE = 3, _("categorie 3")


class CaseLead(models.TextChoices):
    """Casusregie: who leads the case."""

    COORDINATOR = "coordinator", _("nazorgcoördinator")
    SOCIAL_CORE_TEAM = "skt", _("Sociaal Kernteam")
    EXODUS = "exodus", _("Exodus")
    PROBATION = "reclassering", _("reclassering")
    OTHER = "anders", _("anders")


class Source(models.TextChoices):
    """How a trajectory came in."""

    NOTIFICATION = "melding", _("melding DJI/Justid")
    SELF_REFERRAL = "zelfmelding", _("zelfmelding")
    PARTNER_REFERRAL = "verwijzing", _("verwijzing door ketenpartner")
    OTHER = "anders", _("anders")


class OfferStatus(models.TextChoices):
    NOT_MADE = "", _("nog niet gedaan")
    MADE = "gedaan", _("aanbod gedaan")
    ACCEPTED = "geaccepteerd", _("aanbod geaccepteerd")
    DECLINED = "afgewezen", _("aanbod afgewezen")


class ContactKind(models.TextChoices):
    PI_VISIT = "pi_bezoek", _("PI-bezoek")
    HOME_VISIT = "huisbezoek", _("huisbezoek")
    PHONE = "telefoon", _("telefoon")
    VIDEO = "video", _("video")
    LETTER = "brief", _("brief")
    PARTNER_MEETING = "ketenpartner", _("overleg met ketenpartner")


# Trajectory fields that belong to nazorg only (casusregie, reclasseringstoezicht): a
# re-integratie trajectory neither shows nor edits them.
AFTERCARE_ONLY_FIELDS = ("lead", "probation_supervision")


# Contacts with the client themself count as "first contact"; a partner meeting does not.
CLIENT_CONTACT_KINDS = frozenset(
    {
        ContactKind.PI_VISIT,
        ContactKind.HOME_VISIT,
        ContactKind.PHONE,
        ContactKind.VIDEO,
        ContactKind.LETTER,
    }
)


class TriageStatus(models.TextChoices):
    UNKNOWN = "onbekend", _("onbekend")
    NO_NEED = "geen_hulpvraag", _("geen hulpvraag")
    NEED = "hulpvraag", _("hulpvraag")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    ARRANGED = "geregeld", _("geregeld")
    REFUSED = "geweigerd", _("ondersteuning geweigerd")


# A basisvoorwaarde counts as arranged for release readiness when nothing is left to do.
SETTLED_TRIAGE = frozenset({TriageStatus.NO_NEED, TriageStatus.ARRANGED, TriageStatus.REFUSED})
# A help request that is still open: closing with "doelen bereikt" then asks for a note.
OPEN_NEED_TRIAGE = frozenset({TriageStatus.NEED, TriageStatus.IN_PROGRESS})


class SnapshotMoment(models.TextChoices):
    """The three moments of the national nazorg monitor."""

    INTAKE = "intake", _("bij intake")
    RELEASE = "vrijlating", _("bij vrijlating")
    END = "einde", _("bij einde nazorg")


class PlanAnchor(models.TextChoices):
    """What a template action's due date is counted from."""

    DETENTION_START = "insluiting", _("datum insluiting")
    RELEASE = "vrijlating", _("(verwachte) vrijlating")
    PLAN_START = "start", _("toepassen van het sjabloon")
