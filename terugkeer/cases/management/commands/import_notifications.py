"""Import a notification file from the command line (for scheduled drops), atomically."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from terugkeer.accounts.models import Organisation
from terugkeer.cases import file_import, intake
from terugkeer.detention.importing import ImportFileError


class Command(BaseCommand):
    help = (
        "Importeert meldingen uit een CSV- of XLSX-bestand voor één organisatie, met dezelfde "
        "controles als de import in de browser. Met fouten wordt niets geïmporteerd, tenzij "
        "--alleen-geldige is gegeven. De afsluitcode is niet 0 als er fouten waren."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar het bestand (CSV of XLSX).")
        parser.add_argument(
            "--organisation", "--organisatie", required=True, help="Naam of id van de organisatie."
        )
        parser.add_argument(
            "--alleen-geldige",
            dest="valid_only",
            action="store_true",
            help="Importeer de geldige regels ook als andere regels fouten hebben.",
        )
        parser.add_argument(
            "--afgewezen", dest="rejected_path", help="Schrijf afgewezen regels naar dit CSV-pad."
        )

    def handle(self, *args, file: str, organisation: str, valid_only: bool, rejected_path, **opts):
        target = self._organisation(organisation)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        try:
            batch = file_import.import_batch_create(
                organisation=target, uploaded_by=None, filename=path.name, content=path.read_bytes()
            )
        except ImportFileError as error:
            raise CommandError(error.message) from error
        try:
            preview = file_import.notification_import(
                batch=batch, registered_by=None, valid_only=valid_only
            )
        except file_import.ImportRefused as refused:
            self._report_errors(batch, rejected_path)
            raise CommandError(refused.message) from refused
        batch.refresh_from_db()
        self.stdout.write(
            f"{path.name}: {batch.row_count} regels, {batch.created_count} nieuw, "
            f"{batch.skipped_count} al eerder ontvangen, {batch.rejected_count} afgewezen, "
            f"{preview.count(intake.Outcome.REVIEW)} ter beoordeling."
        )
        if batch.rejected_count:
            self._report_errors(batch, rejected_path)
            raise CommandError(f"{batch.rejected_count} regel(s) afgewezen.")

    def _organisation(self, value: str) -> Organisation:
        queryset = Organisation.objects.all()
        found = queryset.filter(pk=int(value)) if value.isdigit() else queryset.filter(name=value)
        organisation = found.first()
        if organisation is None:
            raise CommandError(f"Organisatie niet gevonden: {value}")
        return organisation

    def _report_errors(self, batch, rejected_path) -> None:
        from terugkeer.detention.importing import rejected_rows_csv

        parsed = file_import.batch_parsed(batch)
        preview = file_import.import_preview(organisation=batch.organisation, parsed=parsed)
        for item in preview.error_rows:
            for reason in item.reasons:
                self.stderr.write(reason)
        if rejected_path:
            rows = [r.row for r in preview.error_rows]
            extra = {r.row.line: r.reasons for r in preview.error_rows if not r.row.errors}
            Path(rejected_path).write_bytes(rejected_rows_csv(rows, extra))
