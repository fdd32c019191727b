"""An intervention request (Bijlage 1), its course, conditions and payments."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from terugkeer.core.access import ScopedQuerySet
from terugkeer.core.models import VersionedModel
from terugkeer.interventions.choices import Decision, LoanDecision, MoneyForm, RequestStatus

AMOUNT = {"max_digits": 10, "decimal_places": 2}


class InterventionRequestQuerySet(ScopedQuerySet):
    """Requests of the organisation; visible with their trajectory (``interventions/access.py``)."""

    organisation_field = "trajectory__organisation"


class InterventionRequest(VersionedModel):
    """An alternatieve maatregel asked for one trajectory on the Bijlage 1 form.

    The casemanager fills it in and signs it (``requested_by``); a colleague with the right to
    approve signs or rejects it (``decided_by``, never the requester). After the decision the
    content is locked: a change is a new version (``previous``) that replaces this one.
    """

    trajectory = models.ForeignKey(
        "cases.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        related_name="intervention_requests",
    )
    intervention_type = models.ForeignKey(
        "interventions.InterventionType",
        verbose_name=_("soort interventie"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("vorige versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    form_version = models.PositiveSmallIntegerField(_("versie van de aanvraag"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.CONCEPT
    )
    money_form = models.CharField(
        _("vorm van het geld"), max_length=20, choices=MoneyForm.choices, default=MoneyForm.GIFT
    )
    amount = models.DecimalField(_("bedrag (EUR)"), default=0, **AMOUNT)
    # Casuïstiek (pre-filled from the dossier, editable).
    client_name = models.CharField(_("naam"), max_length=200)
    client_age = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    detention_start = models.DateField(_("begindatum detentie"), null=True, blank=True)
    detention_end = models.DateField(_("einddatum detentie"), null=True, blank=True)
    household = models.CharField(_("gezinssamenstelling"), max_length=200, blank=True)
    minor_children = models.CharField(_("minderjarige kinderen"), max_length=200, blank=True)
    housing = models.CharField(_("woonsituatie"), max_length=300, blank=True)
    income_source = models.CharField(_("bron van inkomen"), max_length=200, blank=True)
    income_amount = models.CharField(_("hoogte van inkomen"), max_length=100, blank=True)
    debts = models.CharField(_("schulden"), max_length=300, blank=True)
    debt_amount = models.CharField(_("hoogte schulden"), max_length=100, blank=True)
    debt_arrangement = models.CharField(_("regeling schulden"), max_length=300, blank=True)
    valid_id = models.CharField(_("geldig ID-bewijs"), max_length=100, blank=True)
    care_need = models.TextField(_("zorgvraag"), blank=True)
    particulars = models.TextField(_("bijzonderheden"), blank=True)
    partners_involved = models.TextField(_("betrokken partners"), blank=True)
    # Situatie.
    situation = models.TextField(_("korte situatieschets (problematiek en hulpvraag)"))
    guidance_given = models.TextField(
        _("welke begeleiding is geboden (hoe en wanneer per leefgebied)"), blank=True
    )
    measure = models.TextField(_("welke alternatieve maatregel is nodig"))
    reason = models.TextField(_("waarom is deze maatregel nodig"))
    obstacles = models.TextField(_("belemmeringen in regelgeving en/of wetgeving"), blank=True)
    cost_without_solution = models.TextField(_("wat zijn de 'kosten' zonder oplossing"), blank=True)
    cost_of_solution = models.TextField(_("wat kost de gekozen oplossing"), blank=True)
    client_wish = models.TextField(_("wat wil de cliënt, wat is de motivatie"), blank=True)
    # Signatures and decision.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casemanager (ondertekend)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collega (beoordeeld)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision = models.CharField(
        _("besluit collega"), max_length=20, choices=Decision.choices, blank=True
    )
    decision_note = models.TextField(_("toelichting beoordeling"), blank=True)
    end_reason = models.TextField(_("reden van intrekken of afronden"), blank=True)
    # A loan: forgiven or reclaimed at the end, and who decided.
    loan_until = models.DateField(_("lening loopt tot"), null=True, blank=True)
    loan_decision = models.CharField(
        _("besluit lening"), max_length=20, choices=LoanDecision.choices, blank=True
    )
    loan_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besluit genomen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    loan_decided_on = models.DateField(_("besluit genomen op"), null=True, blank=True)
    loan_decision_note = models.TextField(_("toelichting besluit"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = InterventionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanvraag alternatieve maatregel")
        verbose_name_plural = _("aanvragen alternatieve maatregelen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Four eyes, also below the service: the colleague who decides is not the requester.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="intervention_four_eyes",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="intervention_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.intervention_type} – {self.client_name}"


class RequestChildQuerySet(ScopedQuerySet):
    organisation_field = "request__trajectory__organisation"


class RequestStatusChange(models.Model):
    """One step in the course of a request (append-only): who, when, from, to, why."""

    request = models.ForeignKey(
        InterventionRequest,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("van"), max_length=20, choices=RequestStatus.choices)
    to_status = models.CharField(_("naar"), max_length=20, choices=RequestStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)
    reason = models.TextField(_("reden"), blank=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging aanvraag")
        verbose_name_plural = _("statuswijzigingen aanvragen")
        ordering = ["request", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"


class Condition(VersionedModel):
    """A condition of a request (a loan: what must hold to forgive it), checked on a date."""

    request = models.ForeignKey(
        InterventionRequest,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    description = models.CharField(_("voorwaarde"), max_length=300)
    check_on = models.DateField(_("controleren op"))
    checked_on = models.DateField(_("gecontroleerd op"), null=True, blank=True)
    met = models.BooleanField(_("nagekomen"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecontroleerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        ordering = ["check_on", "pk"]

    def __str__(self) -> str:
        return self.description


class Payment(models.Model):
    """An amount actually paid for a request, on a date, booked on a kostenpost."""

    request = models.ForeignKey(
        InterventionRequest,
        verbose_name=_("aanvraag"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.DecimalField(_("bedrag (EUR)"), **AMOUNT)
    paid_on = models.DateField(_("betaald op"))
    payee = models.CharField(_("betaald aan"), max_length=200, blank=True)
    cost_line = models.ForeignKey(
        "interventions.BudgetLine",
        verbose_name=_("kostenpost"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    note = models.CharField(_("omschrijving"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"€ {self.amount} op {self.paid_on:%d-%m-%Y}"
