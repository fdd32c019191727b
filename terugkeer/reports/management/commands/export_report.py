"""Write a report file for scheduled delivery (cron), the same file as the UI's export button.

``manage.py export_report meldingen --organisation gemeente-westland --start 2026-01-01
--end 2026-01-31 --format xlsx --output /srv/levering/meldingen-2026-01.xlsx``

The report is computed as a policy advisor of the organisation sees it: aggregate figures with
small cells suppressed ("<5") and no per-trajectory tables. CSV may go to stdout; XLSX and PDF
need ``--output``.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import slugify

from terugkeer.accounts.models import Organisation
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.reports.exports import report_csv, report_xlsx, reports_pdf
from terugkeer.reports.forms import ReportFilterForm
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.selectors import rendered_report

FORMATS = ("csv", "xlsx", "pdf")
# The aggregate role the file is made for: never one that sees unsuppressed figures.
EXPORT_ROLE = Role.POLICY_ADVISOR


def organisation_by_slug(value: str) -> Organisation:
    """The organisation whose name slugifies to ``value`` (so its name works too), or its id."""
    wanted = slugify(value)
    matches = [
        o
        for o in Organisation.objects.order_by("pk")
        if slugify(o.name) == wanted or str(o.pk) == value.strip()
    ]
    if len(matches) != 1:
        known = ", ".join(sorted(slugify(o.name) for o in Organisation.objects.all()))
        reason = "is niet eenduidig" if matches else "bestaat niet"
        raise CommandError(f"--organisation: organisatie “{value}” {reason}. Bekend: {known}.")
    return matches[0]


def parse_date(value: str, argument: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"{argument}: “{value}” is geen geldige datum; gebruik JJJJ-MM-DD."
        ) from exc


class Command(BaseCommand):
    help = "Exporteer een rapport (CSV, XLSX of PDF) met kleine aantallen afgeschermd."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Rapport: " + ", ".join(REPORTS) + ".")
        parser.add_argument(
            "--organisation",
            required=True,
            help="Organisatie: slug van de naam, de naam of het id.",
        )
        parser.add_argument("--start", required=True, help="Begindatum, JJJJ-MM-DD.")
        parser.add_argument("--end", required=True, help="Einddatum (tot en met), JJJJ-MM-DD.")
        parser.add_argument("--format", required=True, help="csv, xlsx of pdf.")
        parser.add_argument("--output", help="Bestand om naar te schrijven (anders stdout).")

    def handle(self, *args, **options):
        report = REPORTS.get(options["slug"])
        if report is None:
            raise CommandError(
                f"Rapport “{options['slug']}” bestaat niet. Kies uit: {', '.join(REPORTS)}."
            )
        fmt = options["format"].lower()
        if fmt not in FORMATS:
            raise CommandError(f"--format: “{options['format']}” kan niet; kies csv, xlsx of pdf.")
        if fmt != "csv" and not options["output"]:
            raise CommandError(
                f"--output: een {fmt}-bestand kan niet naar stdout; geef een bestand."
            )
        start = parse_date(options["start"], "--start")
        end = parse_date(options["end"], "--end")
        organisation = organisation_by_slug(options["organisation"])
        form = ReportFilterForm(
            {"start": start.isoformat(), "end": end.isoformat()},
            organisation=organisation,
            today=timezone.localdate(),
            fields=(),
        )
        if not form.is_valid():
            problems = "; ".join(
                f"--{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            raise CommandError(problems)
        scope = Scope(user=AnonymousUser(), organisation=organisation, role=EXPORT_ROLE)
        rendered = rendered_report(
            report,
            scope=scope,
            filters=form.to_filters(),
            filter_labels=form.labels(),
            today=timezone.localdate(),
        )
        if fmt == "csv":
            content = report_csv(rendered)
        elif fmt == "xlsx":
            content = report_xlsx(rendered)
        else:
            content = reports_pdf([rendered], title=report.title, request=None)
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise CommandError(f"--output: kan {path} niet schrijven: {exc}") from exc
            self.stderr.write(f"{report.title} ({fmt}) geschreven naar {path}.")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
