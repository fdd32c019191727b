"""The catalogue of reports. Each definition text is what users read above the figures;
docs/reports.md explains the same definitions for developers and auditors.

The nazorg reports below are the spine's own; a programme app adds its reports with
``register_report`` from its ``AppConfig.ready`` (they then appear in the index, get a page and
the XLSX/CSV exports, and join the evaluation pack), never by editing this module.
"""

from __future__ import annotations

from terugkeer.reports.framework import Report
from terugkeer.reports.selectors import intake, needs, outcomes

REPORTS: dict[str, Report] = {
    report.slug: report
    for report in [
        Report(
            slug="meldingen",
            title="Meldingen",
            definition=(
                "Aantal meldingen ‘begin detentie’ van DJI/Justid met een datum melding in de "
                "periode, per maand (per jaar bij een periode langer dan twee jaar), per gemeente, "
                "per inrichting en naar geslacht. Ook handmatig geregistreerde meldingen en "
                "meldingen die nog beoordeeld moeten worden tellen mee; einde-, verlof- en "
                "overplaatsingsmeldingen niet."
            ),
            compute=intake.notifications_report,
            filters=("municipality",),
        ),
        Report(
            slug="uitstroom",
            title="Uitstroom en unieke inwoners",
            definition=(
                "Uitstroom: detenties met een datum ontslag (werkelijke vrijlating) in de periode, "
                "per jaar van vrijlating. Unieke inwoners: het aantal verschillende personen "
                "daarachter. Het verschil zijn mensen die in hetzelfde jaar meer dan eens zijn "
                "vrijgelaten (herhaalde detentie). Gemeente: de gemeente van inschrijving van de "
                "cliënt."
            ),
            compute=intake.outflow_report,
            filters=("municipality",),
        ),
        Report(
            slug="bereik",
            title="Bereik, tijdigheid en deelname",
            definition=(
                "Trajecten aangemeld in de periode. Bereikt: er is contact met de cliënt zelf "
                "geweest (PI-bezoek, huisbezoek, telefoon, video of brief) tijdens de detentie of "
                "binnen 30 dagen na vrijlating. Tijdigheid: van de trajecten met een eerste "
                "contact, het aandeel waarbij dat contact binnen vijf werkdagen na de melding "
                "viel (feestdagen tellen niet mee). Deelname: van de trajecten waarin een aanbod "
                "is gedaan, het aandeel waarin het aanbod is geaccepteerd."
            ),
            compute=intake.reach_report,
        ),
        Report(
            slug="hulpvragen",
            title="Hulpvragen per basisvoorwaarde",
            definition=(
                "Trajecten aangemeld in de periode (programma Nazorg, tenzij een ander programma "
                "is gekozen). Een domein telt als hulpvraag als de triage ‘hulpvraag’, ‘in "
                "behandeling’ of ‘geregeld’ is. Per domein het aantal trajecten met een hulpvraag, "
                "het aantal trajecten met hulpvragen op meer dan één domein, en (niet voor "
                "beleidsadviseurs) een regel per traject."
            ),
            compute=needs.help_requests_report,
        ),
        Report(
            slug="basisvoorwaarden",
            title="Basisvoorwaarden bij intake, vrijlating en einde nazorg",
            definition=(
                "Trajecten Nazorg aangemeld in de periode, op de drie momenten van de landelijke "
                "nazorgmonitor: de momentopname bij het einde van de intake, bij vrijlating en bij "
                "het einde van de nazorg. Een basisvoorwaarde is niet op orde bij triage "
                "‘hulpvraag’, ‘in behandeling’ of ‘ondersteuning geweigerd’; ‘zonder "
                "zorgverzekering’ telt wie als zonder zorgverzekering is vastgelegd. Het aandeel "
                "is van de trajecten met een momentopname op dat moment. De verschuiving "
                "vergelijkt per traject twee opeenvolgende momenten."
            ),
            compute=needs.basic_conditions_report,
            filters=("municipality", "coordinator"),
        ),
        Report(
            slug="zrm",
            title="Voortgang Zelfredzaamheid-Matrix",
            definition=(
                "Trajecten aangemeld in de periode met twee of meer ZRM-metingen. Vergeleken "
                "worden de eerste en de laatste meting. Totaalscore: de som van de gescoorde "
                "domeinen. Vooruit, gelijk of achteruit wordt bepaald op de gemiddelde score per "
                "gescoord domein, zodat een niet gescoord domein de uitkomst niet vertekent."
            ),
            compute=outcomes.zrm_report,
        ),
        Report(
            slug="doorlooptijden",
            title="Doorlooptijden en redenen van afsluiting",
            definition=(
                "Mediaan in kalenderdagen tussen melding (datum aanmelding), eerste contact, "
                "vrijlating en afsluiting, voor trajecten aangemeld in de periode die beide datums "
                "hebben. Redenen van afsluiting: trajecten afgesloten in de periode."
            ),
            compute=outcomes.lead_times_report,
        ),
        Report(
            slug="casusregie",
            title="Casusregie en verwijzingen",
            definition=(
                "Trajecten aangemeld in de periode naar casusregie (coördinator, Sociaal "
                "Kernteam, Exodus, reclassering, anders), naar herkomst (melding, zelfmelding, "
                "verwijzing door een ketenpartner, met de ketenpartner uit de toelichting), naar "
                "categorie van het wegingskader, en met reclasseringstoezicht."
            ),
            compute=outcomes.case_lead_report,
        ),
        Report(
            slug="recidive",
            title="Recidive",
            definition=(
                "Trajecten met een vrijlating in de periode, per jaar van vrijlating en per "
                "onderzoeksgroep (bijvoorbeeld projectgroep en vergelijkingsgroep, vast te leggen "
                "op het traject). Recidive: een nieuwe melding ‘begin detentie’ voor dezelfde BSN "
                "binnen 730 dagen (2 jaar) of 548 dagen (1,5 jaar) na de vrijlating. Het aandeel "
                "telt alleen trajecten waarvan die termijn vandaag voorbij is."
            ),
            compute=outcomes.recidivism_report,
        ),
    ]
}


def register_report(report: Report) -> Report:
    """Add a programme app's report to the catalogue (after the spine's, in registration order).

    A slug is a URL and a file name: registering one twice is a programming error.
    """
    if report.slug in REPORTS and REPORTS[report.slug] is not report:
        raise ValueError(f"report slug {report.slug!r} is already registered")
    REPORTS[report.slug] = report
    return report
