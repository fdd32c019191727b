"""Write the synthetic sample notification files meldingen-voorbeeld.csv and .xlsx.

Run from the repository root: ``.venv/bin/python -m terugkeer.detention.sample.make_sample``.
Every person is made up (Faker nl_NL, fixed seed); the BSNs pass the elfproef but belong to no one
we know of. The output is the same on every run, so the committed files only change on purpose.
"""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from faker import Faker
from openpyxl.styles import Font

from terugkeer.core.validators import is_valid_bsn

HERE = Path(__file__).resolve().parent
SEED = 20261102
# Dates are relative to this day, not to today, so the files do not change between runs.
REFERENCE_DATE = datetime.date(2026, 11, 2)

HEADINGS = [
    "Soort melding",
    "BSN",
    "DJI-registratienummer",
    "Achternaam",
    "Tussenvoegsel",
    "Voornamen",
    "Geboortedatum",
    "Geslacht",
    "Inrichting",
    "Datum insluiting",
    "Verwachte ontslagdatum",
    "Datum ontslag",
    "Titel",
    "Casemanager PI",
    "Gemeente",
]
MUNICIPALITIES = [
    "Leidschendam-Voorburg",
    "GM1916",
    "Katwijk",
    "GM0537",
    "Haarlem",
    "GM0392",
    "Velsen",
    "GM0453",
]
INSTITUTIONS = [
    "PI Haaglanden locatie Den Haag",
    "PI Alphen aan den Rijn",
    "PI Zwaag",
    "PI Nieuwegein",
    "PI Krimpen aan den IJssel",
    "PI Heerhugowaard",
]
TITLES = ["Preventieve hechtenis", "Gevangenisstraf", "Vervangende hechtenis", "ISD-maatregel"]
# Mostly new detentions, as in a real weekly file.
KINDS = ["begin detentie"] * 8 + ["einde detentie"] * 2 + ["verlof", "overplaatsing"]
PREFIXES = ("van der ", "van den ", "van de ", "van ", "de ", "den ", "ter ", "ten ", "te ")


def valid_bsn(fake: Faker, *, leading_zero: bool = False) -> str:
    while True:
        first = "0" if leading_zero else str(fake.random_int(1, 9))
        candidate = first + f"{fake.random_int(0, 99_999_999):08d}"
        if is_valid_bsn(candidate):
            return candidate


def split_surname(fake: Faker) -> tuple[str, str]:
    """(tussenvoegsel, achternaam), e.g. ("van der", "Veen"); skips Faker's historic names."""
    while True:
        name = fake.last_name()
        for prefix in PREFIXES:
            rest = name[len(prefix) :]
            if name.startswith(prefix) and " " not in rest:
                return prefix.strip(), rest
        if " " not in name and "," not in name:
            return "", name


def make_rows() -> list[dict[str, object]]:
    fake = Faker("nl_NL")
    fake.seed_instance(SEED)
    rows = []
    for index, kind in enumerate(KINDS):
        male = fake.random_int(1, 10) <= 9  # most detainees are men
        prefix, surname = split_surname(fake)
        first_names = " ".join(
            (fake.first_name_male() if male else fake.first_name_female())
            for _ in range(fake.random_int(1, 2))
        )
        birth = fake.date_between(datetime.date(1962, 1, 1), datetime.date(2005, 12, 31))
        start = REFERENCE_DATE - datetime.timedelta(days=fake.random_int(2, 120))
        expected = start + datetime.timedelta(days=fake.random_int(14, 540))
        released = None
        if kind == "einde detentie":
            released = REFERENCE_DATE - datetime.timedelta(days=fake.random_int(0, 1))
        rows.append(
            {
                "Soort melding": kind,
                "BSN": valid_bsn(fake, leading_zero=index == 3),
                "DJI-registratienummer": f"{fake.random_int(1_000_000, 9_999_999)}",
                "Achternaam": surname,
                "Tussenvoegsel": prefix,
                "Voornamen": first_names,
                "Geboortedatum": birth,
                "Geslacht": "M" if male else "V",
                "Inrichting": INSTITUTIONS[index % len(INSTITUTIONS)],
                "Datum insluiting": start,
                "Verwachte ontslagdatum": expected,
                "Datum ontslag": released,
                "Titel": TITLES[fake.random_int(0, len(TITLES) - 1)],
                "Casemanager PI": fake.name(),
                "Gemeente": MUNICIPALITIES[index % len(MUNICIPALITIES)],
            }
        )
    return rows


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def write_csv(rows: list[dict[str, object]], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([as_text(row[h]) for h in HEADINGS])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(rows: list[dict[str, object]], path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Meldingen"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[h] for h in HEADINGS])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(cell.value, str):
                cell.number_format = "@"  # keeps the leading zero of a BSN
    for index, heading in enumerate(HEADINGS, start=1):
        width = max(len(heading), *(len(as_text(row[heading])) for row in rows)) + 2
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    fixed = datetime.datetime.combine(REFERENCE_DATE, datetime.time())
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.properties.creator = "Terugkeer (synthetische voorbeeldgegevens)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_with_fixed_timestamps(buffer.getvalue(), fixed))


def _with_fixed_timestamps(data: bytes, moment: datetime.datetime) -> bytes:
    """The same zip with every member and the "modified" property dated ``moment``.

    openpyxl stamps both with the current time on save; fixing them makes reruns byte-identical.
    """
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            target.writestr(info, content)
    return output.getvalue()


def main() -> None:
    rows = make_rows()
    write_csv(rows, HERE / "meldingen-voorbeeld.csv")
    write_xlsx(rows, HERE / "meldingen-voorbeeld.xlsx")


if __name__ == "__main__":
    main()
