"""Organisations (the tenants), the municipalities they serve, users and their memberships."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.accounts.choices import OrganisationKind
from terugkeer.core.models import TimeStampedModel, VersionedModel
from terugkeer.core.roles import Role

cbs_code_validator = RegexValidator(
    r"^GM\d{4}$", _("Een CBS-gemeentecode heeft de vorm GM0000, bijvoorbeeld GM1916.")
)


class Municipality(models.Model):
    """A Dutch municipality (gemeente), identified by its CBS code. Reference data."""

    name = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    province = models.CharField(_("provincie"), max_length=50, blank=True)
    # A municipality that merged away stays (clients and trajectories refer to it) but is no
    # longer offered for new organisations; see ``manage.py municipalities_update``.
    is_active = models.BooleanField(_("bestaat nog"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(VersionedModel):
    """The tenant: a municipal team, a foundation or a regional point. It owns its data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("bediende gemeenten"),
        related_name="organisations",
        blank=True,
    )
    aftercare_months = models.PositiveSmallIntegerField(
        _("duur nazorg na vrijlating (maanden)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with e-mail, password and a TOTP second factor.

    What a user may see follows from their memberships, not from Django permissions; only platform
    superusers (``createsuperuser``) use ``is_staff``/``is_superuser``.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("platformbeheerder"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Membership(TimeStampedModel):
    """A user's role in one organisation. A user may belong to several organisations."""

    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    also_coordinator = models.BooleanField(
        _("ook coördinator"),
        default=False,
        help_text=_(
            "Alleen voor een teamvoorzitter die ook zelf casussen begeleidt: die mag dan "
            "casuïstiek wijzigen als een coördinator. Zonder dit vinkje leest de teamvoorzitter "
            "alle casussen en keurt goed, maar wijzigt niets."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_role_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(TimeStampedModel):
    """An invitation by e-mail address to join an organisation with a role (issue 11).

    No membership exists until the invitee accepts through the mailed link: an existing account
    accepts while logged in as that account, a new address creates its account on acceptance.
    The link carries a signed token naming the invitation; it works once and until ``expires_at``.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"
