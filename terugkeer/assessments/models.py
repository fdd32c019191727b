"""Instruments as versioned data (ZRM, C-toets), ZRM measurements and questionnaire responses."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.assessments.choices import InstrumentKind, ItemKind, MeasurementKind, ResponseMode
from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import TimeStampedModel, VersionedModel


class InstrumentQuerySet(models.QuerySet):
    def current(self, code: str) -> "Instrument":
        return self.filter(code=code, is_current=True).latest("version")


class Instrument(TimeStampedModel):
    """One version of an instrument (a matrix or a questionnaire) with its scale.

    A new version is a new row; old scores and answers keep pointing at the version they were given
    under, so they stay readable. ``scale`` lists the answer options ``[[value, label], ...]``;
    ``not_scored_label`` names the extra option that counts nowhere (niet gescoord / n.v.t.).
    """

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=InstrumentKind.choices)
    introduction = models.TextField(_("toelichting"), blank=True)
    closing = models.TextField(_("afsluiting"), blank=True)
    scale = models.JSONField(_("schaal"), default=list)
    not_scored_label = models.CharField(_("label 'geen score'"), max_length=60, blank=True)
    aggregate_only = models.BooleanField(
        _("alleen geaggregeerd rapporteren"),
        default=False,
        help_text=_("Tevredenheidsvragenlijsten: antwoorden worden alleen opgeteld getoond."),
    )
    is_current = models.BooleanField(_("huidige versie"), default=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="instrument_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (versie {self.version})"

    @property
    def scale_values(self) -> list[int]:
        return [value for value, _label in self.scale]

    def scale_label(self, value: int | None) -> str:
        if value is None:
            return self.not_scored_label
        return dict((v, label) for v, label in self.scale).get(value, str(value))


class Section(models.Model):
    """A section of a questionnaire (Contact, Deskundigheid, ...) in its print order."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("titel"), max_length=200)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="section_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class ItemQuerySet(models.QuerySet):
    def for_organisation(self, organisation) -> "ItemQuerySet":
        """The instrument's own items plus the optional ones this organisation added."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


class Item(models.Model):
    """A domain of a matrix or a question of a questionnaire.

    ``levels`` holds a short description per scale value (ZRM: ``{"1": "...", ..., "5": "..."}``);
    ``choices`` the options of a choice question. Items with an ``organisation`` are optional
    domains that organisation added to the instrument.
    """

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="items"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("onderdeel"),
        on_delete=models.CASCADE,
        related_name="items",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("toegevoegd door organisatie"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    code = models.SlugField(_("code"), max_length=60)
    text = models.CharField(_("tekst"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    optional = models.BooleanField(_("optioneel"), default=False)
    levels = models.JSONField(_("beschrijving per niveau"), default=dict, blank=True)
    choices = models.JSONField(_("keuzes"), default=list, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["instrument", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"],
                condition=Q(organisation__isnull=True),
                name="item_code_unique",
            ),
            models.UniqueConstraint(
                fields=["instrument", "organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="item_code_unique_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def level_list(self) -> list[tuple[int, str, str]]:
        """(value, scale label, description) for each scale value of the instrument."""
        return [
            (value, label, self.levels.get(str(value), ""))
            for value, label in self.instrument.scale
        ]


class OptionalDomain(Item):
    """Admin view on the optional ZRM domains an organisation added (same table as Item)."""

    class Meta:
        proxy = True
        verbose_name = _("extra ZRM-domein")
        verbose_name_plural = _("extra ZRM-domeinen")


class AssessmentSettings(VersionedModel):
    """Per organisation: after how many months the ZRM 1-meting is due."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="assessment_settings",
    )
    zrm_followup_months = models.PositiveSmallIntegerField(
        _("1-meting ZRM na (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Zoveel maanden na de 0-meting verschijnt het signaal dat de 1-meting kan."),
    )
    questionnaire_intro = models.TextField(
        _("eigen inleiding vragenlijsten"),
        blank=True,
        help_text=_(
            "Vervangt de standaardinleiding boven de C-toets. {organisatie} wordt de naam van "
            "uw organisatie."
        ),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("instellingen metingen")
        verbose_name_plural = _("instellingen metingen")

    def __str__(self) -> str:
        return str(self.organisation)


class CaseworkQuerySet(ScopedQuerySet):
    """Scores and answers of a trajectory; the access rule lives in ``assessments/access.py``."""


class Measurement(VersionedModel):
    """A ZRM measurement on a trajectory, scored with the client by a worker."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort meting"), max_length=20, choices=MeasurementKind.choices)
    measured_on = models.DateField(_("datum"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samen met de cliënt gescoord door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("ZRM-meting")
        verbose_name_plural = _("ZRM-metingen")
        ordering = ["trajectory", "measured_on", "pk"]
        indexes = [models.Index(fields=["organisation", "trajectory", "measured_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.measured_on:%d-%m-%Y}"


class DomainScore(models.Model):
    """The score (1–5, or empty: niet gescoord) and a short note for one domain of a measurement."""

    measurement = models.ForeignKey(
        Measurement, verbose_name=_("meting"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("domein"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("domeinscore")
        verbose_name_plural = _("domeinscores")
        ordering = ["measurement", "item__position", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "item"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="score_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.score if self.score is not None else '–'}"


class QuestionnaireResponse(TimeStampedModel):
    """A client's filled-in questionnaire, recorded by a worker from paper or on screen."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT
    )
    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("vragenlijst"), on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(_("ingevuld op"))
    mode = models.CharField(_("manier"), max_length=10, choices=ResponseMode.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")
        ordering = ["-answered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.instrument.name} {self.answered_on:%d-%m-%Y}"


class Answer(models.Model):
    """One answer: a scale value or grade (``value``), a text, or n.v.t. (both empty)."""

    response = models.ForeignKey(
        QuestionnaireResponse,
        verbose_name=_("ingevulde vragenlijst"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    item = models.ForeignKey(
        Item, verbose_name=_("vraag"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.SmallIntegerField(_("waarde"), null=True, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.value if self.value is not None else self.text}"
