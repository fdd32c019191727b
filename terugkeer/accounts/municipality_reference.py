"""The CBS list of municipalities: reading it from CSV and loading it into the database.

The list shipped with the code is ``data/gemeenten_2025.csv`` (the CBS municipal division of
1 January 2025). ``manage.py municipalities_update`` reads a newer list in the same format.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

REFERENCE_FILE = Path(__file__).parent / "data" / "gemeenten_2025.csv"
CODE_PATTERN = re.compile(r"^GM\d{4}$")
HEADER = ["code", "naam", "provincie"]


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province: str


def parse_municipalities(text: str) -> list[MunicipalityRow]:
    """Rows of a CBS list: ``code,naam[,provincie]``; ``#`` lines and the header are skipped.

    The first bad line raises a ValidationError naming its line number.
    """
    rows: list[MunicipalityRow] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in next(csv.reader([line]))]
        if [field.lower() for field in fields[:2]] == HEADER[:2]:
            continue
        if len(fields) not in (2, 3):
            raise ValidationError(
                f"Regel {number}: verwacht code,naam,provincie maar vond {len(fields)} kolommen."
            )
        code, name = fields[0].upper(), fields[1]
        province = fields[2] if len(fields) == 3 else ""
        if not CODE_PATTERN.match(code):
            raise ValidationError(
                f"Regel {number}: “{fields[0]}” is geen CBS-gemeentecode (vorm GM0000)."
            )
        if not name:
            raise ValidationError(f"Regel {number}: de naam van gemeente {code} ontbreekt.")
        if code in codes:
            raise ValidationError(f"Regel {number}: code {code} staat al op regel {codes[code]}.")
        if name.lower() in names:
            raise ValidationError(
                f"Regel {number}: naam “{name}” staat al op regel {names[name.lower()]}."
            )
        codes[code], names[name.lower()] = number, number
        rows.append(MunicipalityRow(code=code, name=name, province=province))
    if not rows:
        raise ValidationError("Het bestand bevat geen gemeenten.")
    return rows


def reference_rows() -> list[MunicipalityRow]:
    return parse_municipalities(REFERENCE_FILE.read_text(encoding="utf-8"))


def load_reference(municipality_model) -> None:
    """Idempotently add or update the shipped list (by code); never deletes or renumbers.

    Takes the model class so that the data migration can pass its historical model.
    """
    for row in reference_rows():
        municipality_model.objects.update_or_create(
            cbs_code=row.code,
            defaults={"name": row.name, "province": row.province, "is_active": True},
        )
