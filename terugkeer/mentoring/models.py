"""Volunteer mentors, their matches with participants, conversation reports and mentor meetings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.mentoring.choices import ContactKind, ContactMood, MatchEndReason, MentorStatus

DEFAULT_REPORT_MAX_DAYS = 10
DEFAULT_VOG_VALID_MONTHS = 36
DEFAULT_MEETING_INTERVAL_WEEKS = 6


class MentoringSettings(models.Model):
    """An organisation's limits for its mentor programme (defaults apply without a row)."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="mentoring_settings",
    )
    report_max_days = models.PositiveSmallIntegerField(
        _("uiterlijk dagen tussen gespreksverslagen"),
        default=DEFAULT_REPORT_MAX_DAYS,
        help_text=_("Kalenderdagen; daarna verschijnt het signaal 'verslag ontbreekt'."),
    )
    vog_valid_months = models.PositiveSmallIntegerField(
        _("VOG geldig (maanden)"), default=DEFAULT_VOG_VALID_MONTHS
    )
    meeting_interval_weeks = models.PositiveSmallIntegerField(
        _("mentorenvergadering elke (weken)"), default=DEFAULT_MEETING_INTERVAL_WEEKS
    )
    weekly_reminder = models.BooleanField(
        _("wekelijkse herinnering per e-mail aan mentoren"),
        default=False,
        help_text=_("Zonder persoonsgegevens: alleen een link naar 'Mijn deelnemers'."),
    )

    class Meta:
        verbose_name = _("instellingen mentoring")
        verbose_name_plural = _("instellingen mentoring")

    def __str__(self) -> str:
        return str(self.organisation)


class MentorQuerySet(ScopedQuerySet):
    """An organisation's mentors; the rule is in ``mentoring/access.py``."""


class Mentor(VersionedModel):
    """A volunteer mentor of an organisation, linked to the user they log in with."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker (rol mentor)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentor_profiles",
    )
    full_name = models.CharField(_("naam"), max_length=200)
    registered_on = models.DateField(_("aangemeld op"), default=timezone.localdate)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    availability = models.CharField(
        _("beschikbaarheid"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: dinsdagavond en zaterdag."),
    )
    max_matches = models.PositiveSmallIntegerField(_("maximaal aantal deelnemers"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=MentorStatus.choices, default=MentorStatus.REGISTERED
    )
    stopped_on = models.DateField(_("gestopt op"), null=True, blank=True)
    stop_reason = models.CharField(_("reden van stoppen"), max_length=300, blank=True)
    vog_date = models.DateField(_("datum VOG"), null=True, blank=True)
    agreement_signed_on = models.DateField(
        _("vrijwilligersovereenkomst getekend op"), null=True, blank=True
    )
    trainings = models.TextField(
        _("gevolgde trainingen en intervisie"),
        blank=True,
        help_text=_("Eén per regel, met datum."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MentorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentoren")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_mentor_per_user_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class MentorChildQuerySet(ScopedQuerySet):
    organisation_field = "mentor__organisation"


class MentorStatusChange(models.Model):
    """One step of a mentor through the pipeline (append-only)."""

    mentor = models.ForeignKey(
        Mentor, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("van"), max_length=20, choices=MentorStatus.choices)
    to_status = models.CharField(_("naar"), max_length=20, choices=MentorStatus.choices)
    changed_on = models.DateField(_("datum"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = MentorChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging mentor")
        verbose_name_plural = _("statuswijzigingen mentoren")
        ordering = ["mentor", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.mentor}: {self.from_status} → {self.to_status}"


class MentorMatchQuerySet(ScopedQuerySet):
    """Matches of the organisation; the rule is in ``mentoring/access.py``."""

    def active(self) -> "MentorMatchQuerySet":
        return self.filter(ended_on__isnull=True)


class MentorMatch(VersionedModel):
    """A mentor walking beside one participant's trajectory, with what the participant shares.

    One active match per trajectory (a partial unique constraint); a mentor may have several.
    The ``shared_*`` fields are the only ways of reaching the participant the mentor sees.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="matches"
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="mentor_matches",
    )
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(
        _("reden van beëindigen"), max_length=30, choices=MatchEndReason.choices, blank=True
    )
    shared_phone = models.CharField(_("telefoon (gedeeld met mentor)"), max_length=30, blank=True)
    shared_email = models.EmailField(_("e-mailadres (gedeeld met mentor)"), blank=True)
    shared_contact_note = models.CharField(
        _("hoe bereikbaar (afgesproken met deelnemer)"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: liefst via WhatsApp, niet vóór 10 uur."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekoppeld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MentorMatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling mentor")
        verbose_name_plural = _("koppelingen mentoren")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(ended_on__isnull=True),
                name="one_active_mentor_match_per_trajectory",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="mentor_match_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.started_on:%d-%m-%Y}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class MentorReportQuerySet(ScopedQuerySet):
    """Conversation reports; the rule is in ``mentoring/access.py``."""


class MentorReport(VersionedModel):
    """A gespreksverslag: the mentor's report of one contact, and the casemanager's reaction."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    match = models.ForeignKey(
        MentorMatch, verbose_name=_("koppeling"), on_delete=models.PROTECT, related_name="reports"
    )
    met_on = models.DateField(_("datum contact"))
    contact_kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    mood = models.CharField(_("hoe ging het"), max_length=20, choices=ContactMood.choices)
    summary = models.TextField(_("verslag"), blank=True)
    goal_progress = models.TextField(_("voortgang op de doelen"), blank=True)
    worries = models.TextField(_("zorgen"), blank=True)
    wants_casemanager_contact = models.BooleanField(_("casemanager graag contact"), default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    feedback = models.TextField(_("reactie casemanager"), blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reactie van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback_at = models.DateTimeField(_("reactie op"), null=True, blank=True)
    for_team_meeting = models.BooleanField(_("bespreken in teamoverleg"), default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MentorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("gespreksverslag mentor")
        verbose_name_plural = _("gespreksverslagen mentoren")
        ordering = ["-met_on", "-pk"]
        indexes = [models.Index(fields=["match", "-met_on"])]

    def __str__(self) -> str:
        return f"{self.match.mentor} {self.met_on:%d-%m-%Y}"


class MentorMeetingQuerySet(ScopedQuerySet):
    """Mentor meetings of the organisation; the rule is in ``mentoring/access.py``."""


class MentorMeeting(VersionedModel):
    """A mentorenvergadering (every six weeks): who came, what was discussed, what follows."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    held_on = models.DateField(_("datum"))
    attendees = models.ManyToManyField(
        Mentor, verbose_name=_("aanwezig"), blank=True, related_name="meetings"
    )
    topics = models.TextField(_("onderwerpen"), blank=True)
    notes = models.TextField(_("aantekeningen"), blank=True)
    follow_ups = models.TextField(_("afspraken en vervolg"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[attendees])

    objects = MentorMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorenvergadering")
        verbose_name_plural = _("mentorenvergaderingen")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('Mentorenvergadering')} {self.held_on:%d-%m-%Y}"
