"""What a melding would do (a read): ``classify_notification``."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Municipality, Organisation
from terugkeer.cases.intake.data import Classification, NotificationData, Outcome
from terugkeer.clients.models import Client
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.models import DetentionNotification
from terugkeer.detention.selectors import running_detention


def resolve_municipality(organisation: Organisation, value: str) -> Municipality | None:
    """The municipality named by ``value`` (CBS code or name) if the organisation serves it."""
    value = value.strip()
    if not value:
        return None
    return (
        organisation.municipalities.filter(Q(cbs_code__iexact=value) | Q(name__iexact=value))
        .order_by("pk")
        .first()
    )


class DatabaseLookups:
    """What classifying needs to know, asked of the database one melding at a time.

    A file's chunk uses ``batch.ChunkLookups`` instead: the same answers, read once per chunk.
    """

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation

    def fingerprint_seen(self, fingerprint: str) -> bool:
        return DetentionNotification.objects.filter(
            organisation=self.organisation, fingerprint=fingerprint
        ).exists()

    def municipality(self, value: str) -> Municipality | None:
        return resolve_municipality(self.organisation, value)

    def client(self, bsn: str) -> Client | None:
        return Client.objects.filter(organisation=self.organisation, bsn=bsn).first()


def classify_notification(
    *, organisation: Organisation, data: NotificationData, lookups=None
) -> Classification:
    """What registering ``data`` would do, without writing anything."""
    lookups = lookups or DatabaseLookups(organisation)
    if data.fingerprint and lookups.fingerprint_seen(data.fingerprint):
        return Classification(
            Outcome.DUPLICATE, _("Deze melding is al eerder ontvangen en wordt overgeslagen.")
        )
    municipality = lookups.municipality(data.municipality)
    if municipality is None:
        return Classification(
            Outcome.ERROR,
            _("Gemeente '%(value)s' wordt niet door uw organisatie bediend.")
            % {"value": data.municipality},
        )
    client = lookups.client(data.bsn)
    if client is not None and _identity_differs(client, data):
        return Classification(
            Outcome.REVIEW,
            # The reason is shown to whoever imports or reviews, who may not be allowed to see
            # this client (an afgeschermd case): it never names the known person.
            _(
                "Het BSN is al bekend bij een cliënt van uw organisatie, maar de melding noemt "
                "een andere naam of geboortedatum. De melding wordt niet samengevoegd en wacht op "
                "beoordeling."
            ),
            client=client,
            municipality=municipality,
        )
    if data.kind == NotificationKind.BEGIN:
        outcome = Outcome.KNOWN_CLIENT if client else Outcome.NEW_CLIENT
        return Classification(outcome, client=client, municipality=municipality)
    if client is None:
        return Classification(
            Outcome.REVIEW,
            _(
                "Er is geen cliënt met dit BSN; een %(kind)s-melding kan nergens aan gekoppeld "
                "worden."
            )
            % {"kind": NotificationKind(data.kind).label},
            municipality=municipality,
        )
    detention = running_detention(client, data.dji_number)
    if detention is None:
        return Classification(
            Outcome.REVIEW,
            _("De cliënt heeft geen lopende detentie waar deze melding bij hoort."),
            client=client,
            municipality=municipality,
        )
    return Classification(
        Outcome.KNOWN_CLIENT, client=client, municipality=municipality, detention=detention
    )


def _identity_differs(client: Client, data: NotificationData) -> bool:
    return client.surname.strip().lower() != data.surname.strip().lower() or (
        data.birth_date is not None and client.birth_date != data.birth_date
    )
