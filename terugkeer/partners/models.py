"""Chain partners (ketenpartners), their involvement in trajectories, warm referrals, team
meetings with their decisions, and documents on a trajectory."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.cases.choices import CaseLead
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel
from terugkeer.partners.choices import (
    DocumentType,
    MeetingKind,
    PartnerKind,
    ReferralOutcome,
    ReferralStatus,
)
from terugkeer.partners.storage import private_documents

DEFAULT_REFERRAL_ANSWER_DAYS = 10


class PartnerSettings(models.Model):
    """An organisation's limits for chain work (defaults apply without a row)."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="partner_settings",
    )
    referral_answer_days = models.PositiveSmallIntegerField(
        _("antwoord op een verwijzing binnen (dagen)"),
        default=DEFAULT_REFERRAL_ANSWER_DAYS,
        help_text=_("Kalenderdagen; daarna verschijnt het signaal 'verwijzing zonder antwoord'."),
    )

    class Meta:
        verbose_name = _("instellingen ketenpartners")
        verbose_name_plural = _("instellingen ketenpartners")

    def __str__(self) -> str:
        return str(self.organisation)


class PartnerQuerySet(ScopedQuerySet):
    """An organisation's chain partners; the rule is in ``partners/access.py``."""


class Partner(VersionedModel):
    """A ketenpartner of an organisation: the reclassering, the SKT, Exodus, a GGZ team …"""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=PartnerKind.choices)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_partner_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartnerChildQuerySet(ScopedQuerySet):
    organisation_field = "partner__organisation"


class ContactPerson(VersionedModel):
    """Someone to call at a partner (the PI casemanager, the reclasseringswerker …)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("ketenpartner"), on_delete=models.CASCADE, related_name="contacts"
    )
    full_name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PartnerChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.partner})"


class TrajectoryOwnedQuerySet(ScopedQuerySet):
    """Rows of a trajectory: visible exactly when the trajectory is (see ``access.py``)."""


class Involvement(VersionedModel):
    """A partner's part in a trajectory: role, since and until when, and conditions."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="partner_involvements",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("ketenpartner"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("rol"), max_length=200, help_text=_("Bijvoorbeeld: toezicht."))
    started_on = models.DateField(_("betrokken sinds"))
    ended_on = models.DateField(_("betrokken tot"), null=True, blank=True)
    conditions = models.TextField(
        _("voorwaarden en afspraken"),
        blank=True,
        help_text=_("Bijvoorbeeld de bijzondere voorwaarden van het toezicht."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid ketenpartner")
        verbose_name_plural = _("betrokkenheid ketenpartners")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.role}"


class Referral(VersionedModel):
    """A warme overdracht to a partner, with who takes the casusregie and what came of it.

    The status is denormalised from the append-only ``ReferralStatusChange`` rows; the dates of
    each step are kept on the referral for lists and reports.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="partner_referrals",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("ketenpartner"), on_delete=models.PROTECT, related_name="referrals"
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reden van verwijzing"))
    handed_over = models.TextField(
        _("wat is overgedragen"), help_text=_("Informatie, documenten, afspraken.")
    )
    lead = models.CharField(_("casusregie na acceptatie"), max_length=20, choices=CaseLead.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_on = models.DateField(_("verstuurd op"))
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    finished_on = models.DateField(_("afgerond op"), null=True, blank=True)
    rejection_reason = models.CharField(_("reden afwijzing"), max_length=300, blank=True)
    outcome = models.CharField(
        _("resultaat"), max_length=20, choices=ReferralOutcome.choices, blank=True
    )
    result = models.TextField(_("teruggekoppeld resultaat"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TrajectoryOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwijzing (warme overdracht)")
        verbose_name_plural = _("verwijzingen (warme overdracht)")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_status_display()})"


class ReferralChildQuerySet(ScopedQuerySet):
    organisation_field = "referral__organisation"


class ReferralStatusChange(models.Model):
    """One step of a referral (append-only): who, when, from, to, why."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("verwijzing"), on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(
        _("van"), max_length=20, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("naar"), max_length=20, choices=ReferralStatus.choices)
    effective_on = models.DateField(_("datum"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = ReferralChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging verwijzing")
        verbose_name_plural = _("statuswijzigingen verwijzingen")
        ordering = ["referral", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class TeamMeetingQuerySet(ScopedQuerySet):
    """An organisation's team meetings; the rule is in ``partners/access.py``."""


class TeamMeeting(VersionedModel):
    """A teamoverleg (every three weeks in Kocon) or a casusoverleg to learn from a case."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    kind = models.CharField(
        _("soort overleg"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.TEAM
    )
    held_on = models.DateField(_("datum"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezig"), related_name="+", blank=True
    )
    topic = models.CharField(
        _("onderwerp"),
        max_length=200,
        blank=True,
        help_text=_("Bij een casusoverleg: recidive, fraude of escalatie."),
    )
    notes = models.TextField(_("algemene notities"), blank=True)
    lessons = models.TextField(_("geleerde lessen"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TeamMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamoverleg")
        verbose_name_plural = _("teamoverleggen")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d-%m-%Y}"


class MeetingChildQuerySet(ScopedQuerySet):
    organisation_field = "meeting__organisation"


class MeetingDecision(TimeStampedModel):
    """A decision or note on one agenda item, written back to the trajectory's klantreis."""

    meeting = models.ForeignKey(
        TeamMeeting, verbose_name=_("overleg"), on_delete=models.CASCADE, related_name="decisions"
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="meeting_decisions",
    )
    item_code = models.CharField(_("agendapunt"), max_length=50)
    text = models.TextField(_("besluit of notitie"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit teamoverleg")
        verbose_name_plural = _("besluiten teamoverleg")
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.item_code}"


class Document(TimeStampedModel):
    """A file on a trajectory, kept in private storage and served only through a checked view."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    doc_type = models.CharField(_("soort document"), max_length=30, choices=DocumentType.choices)
    title = models.CharField(_("titel"), max_length=200)
    received_on = models.DateField(_("datum document"))
    file = models.FileField(
        _("bestand"), storage=private_documents, upload_to="documenten/%Y/", blank=True
    )
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandssoort"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Removed (a wrong file, the wrong dossier, a newer version): the file is deleted from the
    # storage; the row stays as a trace of what was there, who removed it and why.
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwijderd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    removal_reason = models.CharField(_("reden verwijderen"), max_length=300, blank=True)

    objects = TrajectoryOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.title


# The work during detention lives in its own module (this one is long enough).
from terugkeer.partners.models_detention import (  # noqa: E402, F401
    ChecklistItem,
    DetentionTask,
    LeftBehind,
)
