"""``manage.py export_report``: the UI's export files from the command line, suppressed."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from terugkeer.accounts.models import Municipality
from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.clients.choices import Sex
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.detention.tests.factories import (
    DetentionFactory,
    DetentionNotificationFactory,
    PenitentiaryInstitutionFactory,
)

D = datetime.date
PERIOD = ["--start=2025-03-01", "--end=2025-03-31"]


@pytest.fixture
def westland(db):
    """Two begin notifications in March 2025 (a man and a woman), one in April, one elsewhere."""
    westland = Municipality.objects.get(cbs_code="GM1783")
    organisation = OrganisationFactory(name="Gemeente Westland", municipalities=[westland])
    institution = PenitentiaryInstitutionFactory(name="PI Haaglanden")
    for sex, received in (
        (Sex.MALE, D(2025, 3, 3)),
        (Sex.FEMALE, D(2025, 3, 20)),
        (Sex.MALE, D(2025, 4, 1)),
    ):
        client = ClientFactory(organisation=organisation, municipality=westland, sex=sex)
        detention = DetentionFactory(client=client, institution=institution, start_date=received)
        DetentionNotificationFactory(
            detention=detention, municipality=westland, received_on=received, sex=sex
        )
    other = OrganisationFactory(name="Gemeente Elders")
    DetentionNotificationFactory(
        detention=DetentionFactory(client=ClientFactory(organisation=other)),
        received_on=D(2025, 3, 5),
    )
    return organisation


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


SUPPRESSION = (
    "Let op;\"aantallen onder de 5 personen zijn weergegeven als <5; om te voorkomen dat zo'n "
    "aantal uit een totaal is terug te rekenen, staat ook een tweede cel in dezelfde rij of "
    'kolom op <5"'
)
DEFINITION = (
    'Definitie;"Aantal meldingen ‘begin detentie’ van DJI/Justid met een datum melding in de '
    "periode, per maand (per jaar bij een periode langer dan twee jaar), per gemeente, per "
    "inrichting en naar geslacht. Ook handmatig geregistreerde meldingen en meldingen die nog "
    'beoordeeld moeten worden tellen mee; einde-, verlof- en overplaatsingsmeldingen niet."'
)


def test_csv_to_stdout_is_the_suppressed_report(westland, capfdbinary):
    call_command(
        "export_report", "meldingen", "--organisation=gemeente-westland", *PERIOD, "--format=csv"
    )
    content = capfdbinary.readouterr().out.decode("utf-8")
    # March: a man and a woman (April and the other organisation do not count); as a policy
    # advisor sees it, every count under 5 is "<5" (the zeros stay).
    assert content.split("\r\n") == [
        "\ufeffMeldingen",
        "Organisatie;Gemeente Westland",
        "Periode;01-03-2025 t/m 31-03-2025",
        SUPPRESSION,
        "",
        "Meldingen per maand",
        "Periode;Totaal;Man;Vrouw;Anders / onbekend",
        "03-2025;<5;<5;<5;0",
        "Totaal;<5;<5;<5;0",
        "",
        "Meldingen per gemeente",
        "Gemeente;Totaal;Man;Vrouw;Anders / onbekend",
        "Westland;<5;<5;<5;0",
        "",
        "Meldingen per inrichting",
        "Inrichting;Totaal;Man;Vrouw;Anders / onbekend",
        "PI Haaglanden;<5;<5;<5;0",
        "",
        DEFINITION,
        "",
    ]


def test_xlsx_and_pdf_go_to_the_output_file(westland, tmp_path):
    xlsx, pdf = tmp_path / "meldingen.xlsx", tmp_path / "meldingen.pdf"
    export(
        "meldingen",
        "--organisation=Gemeente Westland",
        *PERIOD,
        "--format=xlsx",
        f"--output={xlsx}",
    )
    workbook = load_workbook(xlsx)
    sheet = workbook[workbook.sheetnames[0]]
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert ["03-2025", "<5", "<5", "<5", 0] in values
    export(
        "meldingen", "--organisation=gemeente-westland", *PERIOD, "--format=pdf", f"--output={pdf}"
    )
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["onbekend", "--organisation=gemeente-westland", *PERIOD, "--format=csv"],
            "Rapport “onbekend” bestaat niet. Kies uit: ",
        ),
        (
            ["meldingen", "--organisation=gemeente-nergens", *PERIOD, "--format=csv"],
            "--organisation: organisatie “gemeente-nergens” bestaat niet. Bekend: ",
        ),
        (
            [
                "meldingen",
                "--organisation=gemeente-westland",
                "--start=2025-13-01",
                "--end=2025-03-31",
                "--format=csv",
            ],
            "--start: “2025-13-01” is geen geldige datum; gebruik JJJJ-MM-DD.",
        ),
        (
            [
                "meldingen",
                "--organisation=gemeente-westland",
                "--start=2025-03-01",
                "--end=31-03-2025",
                "--format=csv",
            ],
            "--end: “31-03-2025” is geen geldige datum; gebruik JJJJ-MM-DD.",
        ),
        (
            [
                "meldingen",
                "--organisation=gemeente-westland",
                "--start=2025-03-31",
                "--end=2025-03-01",
                "--format=csv",
            ],
            "--end: De einddatum ligt voor de begindatum.",
        ),
        (
            ["meldingen", "--organisation=gemeente-westland", *PERIOD, "--format=docx"],
            "--format: “docx” kan niet; kies csv, xlsx of pdf.",
        ),
        (
            ["meldingen", "--organisation=gemeente-westland", *PERIOD, "--format=xlsx"],
            "--output: een xlsx-bestand kan niet naar stdout; geef een bestand.",
        ),
    ],
)
def test_bad_arguments_get_a_dutch_message_naming_them(westland, args, message):
    with pytest.raises(CommandError) as error:
        export(*args)
    assert str(error.value).startswith(message)
