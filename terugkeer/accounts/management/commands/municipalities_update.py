"""Bring the municipalities in line with a new CBS list (after municipal mergers).

``manage.py municipalities_update gemeenten_2026.csv [--dry-run]``: the file is the full list in
the format of ``terugkeer/accounts/data/gemeenten_2025.csv`` (``code,naam,provincie``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from terugkeer.accounts import services
from terugkeer.accounts.municipality_reference import parse_municipalities


class Command(BaseCommand):
    help = "Werk de gemeentelijst bij met een nieuwe CBS-lijst (nieuwe, hernoemde, opgeheven)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-bestand met de volledige CBS-lijst.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon de wijzigingen zonder iets op te slaan."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Kan het bestand {path} niet lezen: {exc}") from exc
        try:
            rows = parse_municipalities(text)
        except ValidationError as exc:
            raise CommandError(f"{path}: {' '.join(exc.messages)} Er is niets gewijzigd.") from exc
        changes = services.municipalities_update(rows=rows, dry_run=options["dry_run"])
        prefix = "Proefdraai, er is niets opgeslagen. " if options["dry_run"] else ""
        if not changes.any:
            self.stdout.write(f"{prefix}Geen wijzigingen: de {len(rows)} gemeenten kloppen al.")
            return
        self.stdout.write(
            f"{prefix}{len(changes.added)} toegevoegd, {len(changes.renamed)} hernoemd, "
            f"{len(changes.ended)} opgeheven, {len(changes.reactivated)} weer actief."
        )
        for label, items in (
            ("Toegevoegd", changes.added),
            ("Hernoemd", changes.renamed),
            ("Opgeheven (blijven bewaard, niet meer te kiezen)", changes.ended),
            ("Weer actief", changes.reactivated),
        ):
            for item in items:
                self.stdout.write(f"  {label}: {item}")
