"""The sizes of a synthetic dataset and the fixed names of its bench users."""

from __future__ import annotations

from dataclasses import dataclass

SYNTHETIC_PASSWORD = "Terugkeer-synthetisch-2026"  # noqa: S105 (synthetic users only)
EMAIL_DOMAIN = "synthetisch.terugkeer.nl"
ORGANISATION_SUFFIX = " (synthetisch)"
BENCH_COORDINATOR_EMAIL = f"coordinator@bench.{EMAIL_DOMAIN}"
BENCH_TEAM_CHAIR_EMAIL = f"teamvoorzitter@bench.{EMAIL_DOMAIN}"
BENCH_POLICY_ADVISOR_EMAIL = f"beleid@bench.{EMAIL_DOMAIN}"
# At national scale the bench coordinator holds about 3,500 of the largest organisation's 30,000.
BENCH_CASELOAD_SHARE = 3_500 / 30_000
PERSONS_PER_CHUNK = 2_000


@dataclass(frozen=True)
class Scale:
    """The size of a dataset. National is the issue's target; the others are fractions of it."""

    name: str
    notifications: int  # = detentions = trajectories
    clients: int
    organisations: int
    municipalities: int
    largest_share: float  # share of all trajectories held by the largest organisation
    contacts: int
    measurements: int  # ZRM measurements (the assessments contributor aims at it)
    years: int = 10


SCALES = {
    "tiny": Scale("tiny", 300, 200, 4, 12, 0.4, 1_500, 200),
    "small": Scale("small", 3_000, 2_000, 40, 342, 0.1, 15_000, 2_000),
    "medium": Scale("medium", 30_000, 20_000, 40, 342, 0.1, 150_000, 20_000),
    "national": Scale("national", 300_000, 200_000, 40, 342, 0.1, 1_500_000, 200_000),
}


def split_sizes(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    sizes = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (sizes[i] - raw[i], i))
    for i in order[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes
