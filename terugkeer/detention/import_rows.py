"""Checking one row of a notification file: values, lengths, dates and the fingerprint.

Every problem is a Dutch sentence naming the line and the field (docs/import.md, "Messages").
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from terugkeer.core.validators import is_valid_bsn, normalise_bsn
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.import_fields import (
    _KIND_LOOKUP,
    _SEX_LOOKUP,
    DATE_FIELDS,
    FIELDS,
    MAX_AGE,
    MAX_LENGTHS,
    _cell_text,
    _fold,
    _show_date,
    label,
    parse_date,
)

FINGERPRINT_VERSION = "v1"


@dataclass(frozen=True)
class ParsedRow:
    """One notification as read from the file, with the problems found in it."""

    line: int
    kind: str
    bsn: str
    dji_number: str
    surname: str
    prefix: str
    first_names: str
    birth_date: datetime.date | None
    sex: str
    institution: str
    detention_start: datetime.date | None
    expected_release: datetime.date | None
    release_date: datetime.date | None
    legal_title: str
    pi_casemanager: str
    municipality: str
    raw: dict[str, str]
    errors: list[str]
    fingerprint: str

    @property
    def is_valid(self) -> bool:
        return not self.errors


def parse_fields(line: int, fields: Mapping[str, object], today: datetime.date) -> ParsedRow:
    """One melding given by field name (``kind``, ``bsn``, ... as in ``FIELDS``), checked as a row.

    The same checks, messages (naming ``line``) and fingerprint as a row of a file; fields not in
    ``FIELDS`` are ignored, a missing field is an empty cell. For callers that receive meldingen
    other than as a file (the API).
    """
    names = list(FIELDS)
    values = [fields.get(name) for name in names]
    texts = [_cell_text(value) for value in values]
    columns = {name: index for index, name in enumerate(names)}
    return _parse_row(line, values, texts, columns, list(names), today)


def _parse_row(
    line: int,
    values: list[object],
    texts: list[str],
    columns: dict[str, int],
    keys: list[str | None],
    today: datetime.date,
) -> ParsedRow:
    errors: list[str] = []

    def error(message: str, **params: object) -> None:
        errors.append(message % {"line": line, **params})

    raw = {key: (texts[i] if i < len(texts) else "") for i, key in enumerate(keys) if key}
    if any(texts[len(keys) :]):
        error(
            _(
                "Regel %(line)s: de regel heeft meer kolommen dan de kopregel; "
                "staat er een scheidingsteken in een naam?"
            )
        )

    def value(name: str) -> object:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    def text(name: str) -> str:
        index = columns.get(name)
        return texts[index] if index is not None and index < len(texts) else ""

    # Kind: a file without the column holds only begin notifications.
    kind_text = text("kind")
    kind = NotificationKind.BEGIN.value if not kind_text else ""
    if kind_text:
        found = _KIND_LOOKUP.get(_fold(kind_text))
        if found is None:
            error(
                _(
                    "Regel %(line)s: %(field)s '%(value)s' is onbekend "
                    "(gebruik begin detentie, einde detentie, verlof of overplaatsing)."
                ),
                field=label("kind"),
                value=kind_text,
            )
        else:
            kind = found.value

    bsn = ""
    bsn_text = text("bsn")
    if not bsn_text:
        error(_("Regel %(line)s: %(field)s ontbreekt."), field=label("bsn"))
    else:
        digits = normalise_bsn(bsn_text)
        if len(digits) != 9 or not digits.isdigit():
            error(
                _("Regel %(line)s: BSN '%(value)s' bestaat niet uit 8 of 9 cijfers."),
                value=bsn_text,
            )
        elif not is_valid_bsn(digits):
            error(_("Regel %(line)s: BSN %(value)s voldoet niet aan de elfproef."), value=digits)
        else:
            bsn = digits

    # Required values, in the order of the usual columns.
    required = ["surname", "birth_date"]
    if kind != NotificationKind.END.value:
        required.append("institution")
    required.append("municipality")
    for name in required:
        if not text(name):
            error(_("Regel %(line)s: %(field)s ontbreekt."), field=label(name))
    if kind == NotificationKind.BEGIN.value and not text("detention_start"):
        error(
            _("Regel %(line)s: %(field)s ontbreekt (verplicht bij een melding begin detentie)."),
            field=label("detention_start"),
        )
    if kind == NotificationKind.END.value and not text("release_date"):
        error(
            _("Regel %(line)s: %(field)s ontbreekt (verplicht bij een melding einde detentie)."),
            field=label("release_date"),
        )

    dates: dict[str, datetime.date | None] = {}
    for name in DATE_FIELDS:
        try:
            dates[name] = parse_date(value(name))
        except ValueError:
            dates[name] = None
            error(
                _(
                    "Regel %(line)s: %(field)s '%(value)s' is geen geldige datum "
                    "(gebruik dd-mm-jjjj)."
                ),
                field=label(name),
                value=text(name),
            )

    sex_text = text("sex")
    sex = _SEX_LOOKUP.get(_fold(sex_text), "") if sex_text else ""
    if sex_text and not sex:
        error(
            _("Regel %(line)s: %(field)s '%(value)s' is onbekend (gebruik M, V of X)."),
            field=label("sex"),
            value=sex_text,
        )

    for name, limit in MAX_LENGTHS.items():
        if len(text(name)) > limit:
            error(
                _("Regel %(line)s: %(field)s is te lang (maximaal %(limit)s tekens)."),
                field=label(name),
                limit=limit,
            )

    _check_dates(dates, today, error)

    return ParsedRow(
        line=line,
        kind=kind,
        bsn=bsn,
        dji_number=text("dji_number"),
        surname=text("surname"),
        prefix=text("prefix"),
        first_names=text("first_names"),
        birth_date=dates["birth_date"],
        sex=sex,
        institution=text("institution"),
        detention_start=dates["detention_start"],
        expected_release=dates["expected_release"],
        release_date=dates["release_date"],
        legal_title=text("legal_title"),
        pi_casemanager=text("pi_casemanager"),
        municipality=text("municipality"),
        raw=raw,
        errors=errors,
        fingerprint=_fingerprint(kind or kind_text, bsn or bsn_text, dates, text),
    )


def _check_dates(
    dates: dict[str, datetime.date | None], today: datetime.date, error: Callable[..., None]
) -> None:
    birth, start = dates["birth_date"], dates["detention_start"]
    expected, released = dates["expected_release"], dates["release_date"]

    show = _show_date
    if birth and birth > today:
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt in de toekomst."),
            field=label("birth_date"),
            value=show(birth),
        )
    if birth and birth < today.replace(year=today.year - MAX_AGE, day=1):
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt meer dan %(years)s jaar terug."),
            field=label("birth_date"),
            value=show(birth),
            years=MAX_AGE,
        )
    if birth and start and birth > start:
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt na de %(other)s %(other_value)s."),
            field=label("birth_date"),
            value=show(birth),
            other=label("detention_start"),
            other_value=show(start),
        )
    if start and start > today + datetime.timedelta(days=365):
        error(
            _("Regel %(line)s: %(field)s %(value)s ligt meer dan een jaar in de toekomst."),
            field=label("detention_start"),
            value=show(start),
        )
    for name, date in (("expected_release", expected), ("release_date", released)):
        if date and start and date < start:
            error(
                _("Regel %(line)s: %(field)s %(value)s ligt vóór de %(other)s %(other_value)s."),
                field=label(name),
                value=show(date),
                other=label("detention_start"),
                other_value=show(start),
            )


def _fingerprint(
    kind: str, bsn: str, dates: dict[str, datetime.date | None], text: Callable[[str], str]
) -> str:
    """The same notification gives the same fingerprint, from CSV or XLSX, on any re-import."""

    def date_part(name: str) -> str:
        date = dates[name]
        # An unreadable date keeps its text, so two different mistakes are not "the same row".
        return date.isoformat() if date else ("!" + text(name) if text(name) else "")

    content = [
        FINGERPRINT_VERSION,
        kind,
        bsn,
        re.sub(r"\s", "", text("dji_number")).upper(),
        *(date_part(name) for name in DATE_FIELDS),
        " ".join(text("institution").casefold().split()),
        " ".join(text("municipality").casefold().split()),
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def typed_fingerprint(
    *,
    kind: str,
    bsn: str,
    dji_number: str,
    dates: dict[str, datetime.date | None],
    institution: str,
    municipality: str,
) -> str:
    """The fingerprint of a melding typed in by hand: the recipe of a file row, from its values."""
    texts = {"dji_number": dji_number, "institution": institution, "municipality": municipality}
    return _fingerprint(kind, bsn, {name: dates.get(name) for name in DATE_FIELDS}, texts.get)
