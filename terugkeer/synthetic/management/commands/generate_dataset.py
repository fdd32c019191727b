"""Generate a synthetic dataset: ``manage.py generate_dataset --scale small --seed 2026``."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from terugkeer.synthetic.generator import (
    BENCH_COORDINATOR_EMAIL,
    BENCH_POLICY_ADVISOR_EMAIL,
    BENCH_TEAM_CHAIR_EMAIL,
    SCALES,
    SYNTHETIC_PASSWORD,
    generate_dataset,
    synthetic_data_present,
)


class Command(BaseCommand):
    help = (
        "Genereert een synthetische dataset (geen echte personen) op schaal tiny, small, medium "
        "of national, met bulk-inserts, en toont de tijd per tabel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde (deterministisch).")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Peildatum jjjj-mm-dd (standaard vandaag); de tien jaar eindigen op deze datum.",
        )

    def handle(self, *args, scale: str, seed: int, today, **options):
        if synthetic_data_present():
            raise CommandError(
                "Deze database bevat al een synthetische dataset; genereer in een lege database."
            )
        report = generate_dataset(
            scale=scale, seed=seed, today=today, log=lambda line: self.stdout.write(line)
        )
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            f"\nBench-logins (wachtwoord {SYNTHETIC_PASSWORD}): {BENCH_COORDINATOR_EMAIL}, "
            f"{BENCH_TEAM_CHAIR_EMAIL}, {BENCH_POLICY_ADVISOR_EMAIL}"
        )
