"""The recovery activities: the Kaartenproject (monthly cards, only with consent) and group
activities (walks, sport, cooking, budget coaching) with their attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel


class TrajectoryRowQuerySet(ScopedQuerySet):
    """Rows of a trajectory; visible with it (``activities/access.py``)."""


class CardSubscription(TimeStampedModel):
    """One change of a participant's consent for the monthly card (append-only).

    The consent on a day is the latest change on or before that day; without any change there
    is no consent. Rows are never edited: withdrawing adds a row.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="+"
    )
    change = models.CharField(_("wijziging"), max_length=20, choices=ConsentChange.choices)
    on = models.DateField(_("datum"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TrajectoryRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming kaartenproject")
        verbose_name_plural = _("toestemmingen kaartenproject")
        ordering = ["trajectory", "on", "pk"]
        indexes = [models.Index(fields=["trajectory", "on"])]

    def __str__(self) -> str:
        return f"{self.trajectory}: {self.get_change_display()} {self.on:%d-%m-%Y}"


class CardMailing(TimeStampedModel):
    """The card of one month sent to one participant, with the address it went to."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    address = models.TextField(_("verzonden naar"))
    sent_on = models.DateField(_("verzonden op"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verzonden door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TrajectoryRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzonden kaart")
        verbose_name_plural = _("verzonden kaarten")
        ordering = ["-month", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "month"], name="one_card_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.trajectory}: {self.month:%m-%Y}"


class ActivitySessionQuerySet(ScopedQuerySet):
    """Sessions of the organisation; the rule is in ``activities/access.py``."""


class ActivitySession(TimeStampedModel):
    """One meeting of a group activity: a walk, a sports hour, a cooking workshop."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("soort activiteit"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("omschrijving"), max_length=150, blank=True)
    held_on = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=150, blank=True)
    partner = models.CharField(
        _("partnervereniging"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld de wandelvereniging of sportschool."),
    )
    mentors = models.ManyToManyField(
        "mentoring.Mentor", verbose_name=_("aanwezige mentoren"), blank=True, related_name="+"
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ActivitySessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d-%m-%Y}"


class AttendanceQuerySet(ScopedQuerySet):
    organisation_field = "session__organisation"


class Attendance(models.Model):
    """A participant present at a session."""

    session = models.ForeignKey(
        ActivitySession,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="+"
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["session", "trajectory"], name="attend_once")
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.trajectory}"
