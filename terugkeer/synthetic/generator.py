"""A synthetic dataset at national scale (or a fraction of it), written with bulk inserts.

Nothing here is a real person: names come from Faker ``nl_NL`` pools, BSNs are random numbers that
pass the elfproef. The same seed and ``today`` give the same data. Rows are written per chunk of
persons with ``bulk_create`` (no simple_history rows: bulk inserts send no signals).

The generator writes the spine (organisations and users in ``organisations``, clients in
``people``, each trajectory's life in ``life`` and ``plan``); the apps above it add their rows
through ``<app>/synthetic.py`` contributors (``terugkeer.core.synthetic_contract``), such as the
ZRM measurements of ``assessments``.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from terugkeer.accounts.models import Organisation
from terugkeer.cases.choices import Programme
from terugkeer.cases.models import (
    Action,
    Contact,
    Domain,
    DomainAssessment,
    DomainSnapshot,
    Goal,
    ProgrammeDefinition,
    StatusChange,
    Trajectory,
)
from terugkeer.clients.models import Client
from terugkeer.core.synthetic_contract import Contributor, SyntheticContext, TrajectoryLife
from terugkeer.detention.models import PenitentiaryInstitution
from terugkeer.synthetic.bulk import BulkWriter, GenerationReport, TableTiming
from terugkeer.synthetic.contributors import discover_contributors
from terugkeer.synthetic.life import Spine, trajectory_life
from terugkeer.synthetic.organisations import (
    OrganisationPlan,
    organisation_plans,
    write_municipalities,
    write_organisations,
    write_users,
)
from terugkeer.synthetic.people import (
    detention_counts,
    detention_starts,
    make_bsn,
    make_client,
    make_pools,
    totp_key,
)
from terugkeer.synthetic.scale import (
    BENCH_COORDINATOR_EMAIL,
    BENCH_POLICY_ADVISOR_EMAIL,
    BENCH_TEAM_CHAIR_EMAIL,
    ORGANISATION_SUFFIX,
    PERSONS_PER_CHUNK,
    SCALES,
    SYNTHETIC_PASSWORD,
    Scale,
)

__all__ = [
    "BENCH_COORDINATOR_EMAIL",
    "BENCH_POLICY_ADVISOR_EMAIL",
    "BENCH_TEAM_CHAIR_EMAIL",
    "ORGANISATION_SUFFIX",
    "SCALES",
    "SYNTHETIC_PASSWORD",
    "DatasetGenerator",
    "GenerationReport",
    "Scale",
    "TableTiming",
    "dataset_digest",
    "generate_dataset",
    "make_bsn",
    "synthetic_data_present",
    "totp_key",
]

# The spine's rows of a trajectory, in the order they are written (parents first).
_SPINE_CHILDREN = (StatusChange, Contact, DomainAssessment, DomainSnapshot, Goal, Action)


class DatasetGenerator:
    """Generates one dataset; ``run()`` writes it and returns the counts and timings."""

    def __init__(
        self,
        *,
        scale: Scale,
        seed: int = 2026,
        today: datetime.date | None = None,
        batch_size: int = 5_000,
        log: Callable[[str], None] | None = None,
        contributors: list[Contributor] | None = None,
    ) -> None:
        self.scale = scale
        self.seed = seed
        self.today = today or timezone.localdate()
        self.log = log or (lambda message: None)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.report = GenerationReport(scale=scale, seed=seed, today=self.today)
        self.contributors = discover_contributors() if contributors is None else contributors
        self.context = SyntheticContext(
            seed=seed,
            today=self.today,
            scale=scale,
            rng=random.Random(seed),  # noqa: S311 (synthetic data, not security)
            write=BulkWriter(self.report, batch_size=batch_size),
        )
        self._used_bsns: set[str] = set()

    def _hooks(self, name: str) -> list[tuple[Contributor, Callable]]:
        return [(c, getattr(c, name)) for c in self.contributors if getattr(c, name) is not None]

    def _spine(self) -> Spine:
        # Shares tuned so the totals land near the scale's targets.
        contacted = self.scale.notifications * 0.85
        programme = ProgrammeDefinition.objects.get(code=Programme.AFTERCARE)
        return Spine(
            rng=self.context.rng,
            today=self.today,
            pools=make_pools(self.fake),
            institutions=list(PenitentiaryInstitution.objects.order_by("pk")),
            programme=programme,
            domains=list(Domain.objects.filter(programme=programme).order_by("order")),
            contacts_per_contacted=self.scale.contacts / contacted,
        )

    def _generate_chunk(self, spine: Spine, plan: OrganisationPlan, counts: list[int]) -> None:
        context, write = self.context, self.context.write
        trajectory_hooks = self._hooks("trajectory")
        clients = [
            make_client(context.rng, spine.pools, plan, today=self.today, used_bsns=self._used_bsns)
            for _ in counts
        ]
        write(clients)
        lives: list[TrajectoryLife] = []
        pending: list[list] = [[] for _ in trajectory_hooks]
        for client, count in zip(clients, counts, strict=True):
            starts = detention_starts(context.rng, count, today=self.today, years=self.scale.years)
            for position, start in enumerate(starts):
                next_start = starts[position + 1] if position + 1 < count else None
                life = trajectory_life(spine, plan, client, start, next_start)
                lives.append(life)
                # Right after the spine's draws for this trajectory, in contributor order.
                for rows, (_contributor, hook) in zip(pending, trajectory_hooks, strict=True):
                    rows.append(hook(context, life))
        write([life.detention for life in lives])
        for life in lives:
            life.notification.detention_id = life.detention.pk
        write([life.notification for life in lives])
        write([life.trajectory for life in lives])
        through = Trajectory.notifications.through
        write(
            [
                through(
                    trajectory_id=life.trajectory.pk, detentionnotification_id=life.notification.pk
                )
                for life in lives
            ],
            label="cases.Trajectory_notifications",
        )
        for model in _SPINE_CHILDREN:
            write([row for life in lives for row in life.rows[model]])
        by_contributor = {
            id(c): rows for (c, _hook), rows in zip(trajectory_hooks, pending, strict=True)
        }
        for contributor, hook in self._hooks("chunk"):
            hook(context, lives, by_contributor.get(id(contributor), [None] * len(lives)))

    def run(self) -> GenerationReport:
        started = time.perf_counter()
        context = self.context
        spine = self._spine()
        for _contributor, hook in self._hooks("reference"):
            hook(context)
        with transaction.atomic():
            municipalities = write_municipalities(context, spine.pools)
            plans = organisation_plans(context, municipalities)
            write_organisations(context, plans, spine.programme)
            write_users(context, plans, spine.pools)
            for _contributor, hook in self._hooks("organisation"):
                for plan in plans:
                    hook(context, plan)
        self.log(
            f"organisaties, gemeenten en gebruikers klaar ({time.perf_counter() - started:.1f} s)"
        )
        for plan in plans:
            counts = detention_counts(context.rng, plan, years=self.scale.years)
            for offset in range(0, len(counts), PERSONS_PER_CHUNK):
                with transaction.atomic():
                    self._generate_chunk(spine, plan, counts[offset : offset + PERSONS_PER_CHUNK])
            self.log(
                f"{plan.organisation.name}: {plan.trajectories:,} trajecten "
                f"({time.perf_counter() - started:.1f} s)"
            )
        if connection.vendor == "postgresql":
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.report.tables["ANALYZE"].seconds += time.perf_counter() - t
        self.report.seconds = time.perf_counter() - started
        return self.report


def generate_dataset(
    *,
    scale: str,
    seed: int = 2026,
    today: datetime.date | None = None,
    log: Callable[[str], None] | None = None,
    contributors: list[Contributor] | None = None,
) -> GenerationReport:
    """Generate the dataset of ``scale`` (see ``SCALES``) into the default database.

    ``contributors`` defaults to every app's ``synthetic.py`` (``discover_contributors``).
    """
    return DatasetGenerator(
        scale=SCALES[scale], seed=seed, today=today, log=log, contributors=contributors
    ).run()


def synthetic_data_present() -> bool:
    return Organisation.objects.filter(name__endswith=ORGANISATION_SUFFIX).exists()


def dataset_digest(contributors: list[Contributor] | None = None) -> str:
    """A SHA-256 over what a seed decides (people, dates, statuses), independent of primary keys.

    The spine's persons, trajectories and contacts, then each contributor's ``digest()`` parts,
    then the organisations (last, so digests recorded before contributors existed still hold).
    """
    if contributors is None:
        contributors = discover_contributors()
    digest = hashlib.sha256()
    parts = [
        Client.objects.order_by("bsn").values_list(
            "bsn",
            "surname",
            "prefix",
            "first_names",
            "birth_date",
            "postcode",
            "municipality__cbs_code",
        ),
        Trajectory.objects.order_by("client__bsn", "opened_on").values_list(
            "client__bsn",
            "opened_on",
            "status",
            "first_contact_due",
            "first_contact_on",
            "released_on",
            "aftercare_end",
            "closed_on",
            "closing_reason",
            "coordinator__email",
        ),
        Contact.objects.order_by(
            "trajectory__client__bsn", "trajectory__opened_on", "date", "kind"
        ).values_list("trajectory__client__bsn", "date", "kind"),
    ]
    for contributor in contributors:
        if contributor.digest is not None:
            parts.extend(contributor.digest())
    parts.append(Organisation.objects.order_by("name").values_list("name", "aftercare_months"))
    for rows in parts:
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()
