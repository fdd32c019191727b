"""``make load``: a bounded mixed workload of concurrent simulated users over real HTTP.

    python tools/load.py --users 50 --seconds 60 --scale small

Starts a throwaway PostgreSQL cluster with a generated dataset and gunicorn with several workers
on 127.0.0.1. Each simulated user (a thread with its own cookie jar) logs in once with password
and TOTP, then browses worklists, opens dossiers, searches, registers contacts through the
contact form and opens reports, until the time or the request budget is spent. Reports
throughput, latency percentiles and errors, and checks that every contact the server accepted is
in the database (no lost writes). Exits 0 only with zero errors and zero lost writes.
"""

from __future__ import annotations

import argparse
import datetime
import random
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

from bench_common import (
    PROJECT_DIR,
    Browser,
    dataset_environment,
    dump_json,
    gunicorn,
    login,
    machine_info,
    summary,
)

WEIGHTS = {
    "worklist": 30,
    "dossier": 30,
    "search": 10,
    "contact": 15,
    "report": 10,
    "home": 5,
}


def create_load_users(count: int, seed: int) -> list[str]:
    """Coordinators of the largest organisation for the load run (one login each)."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from terugkeer.accounts.models import Membership, User
    from terugkeer.core.roles import Role
    from terugkeer.synthetic.generator import (
        BENCH_COORDINATOR_EMAIL,
        SYNTHETIC_PASSWORD,
        totp_key,
    )

    organisation = Membership.objects.get(user__email=BENCH_COORDINATOR_EMAIL).organisation
    password = make_password(SYNTHETIC_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"load-{n:03d}@load.synthetisch.terugkeer.nl",
                full_name=f"Load {n:03d}",
                password=password,
            )
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=organisation, role=Role.COORDINATOR) for u in users]
    )
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(user=u, name="load", confirmed=True, key=totp_key(seed, u.email))
            for u in users
        ]
    )
    return [u.email for u in users]


def targets(seed: int) -> dict:
    from django.utils import timezone

    from terugkeer.accounts.models import Membership
    from terugkeer.cases.models import Trajectory
    from terugkeer.clients.models import Client
    from terugkeer.synthetic.generator import BENCH_COORDINATOR_EMAIL

    organisation = Membership.objects.get(user__email=BENCH_COORDINATOR_EMAIL).organisation
    trajectories = Trajectory.objects.filter(organisation=organisation, shielded=False)
    rng = random.Random(seed)  # noqa: S311
    all_pks = list(trajectories.values_list("pk", flat=True))
    open_pks = list(trajectories.open().values_list("pk", flat=True))
    surnames = list(
        Client.objects.filter(organisation=organisation)
        .values_list("surname", flat=True)
        .distinct()[:50]
    )
    today = timezone.localdate()
    try:
        from terugkeer.reports.registry import REPORTS

        start = today.replace(year=today.year - 1)
        reports = [f"/rapportages/{slug}/?start={start}&end={today}" for slug in REPORTS]
    except ImportError:
        reports = []
    return {
        "pages": max(1, (len(all_pks) + 49) // 50),
        "dossiers": rng.sample(all_pks, min(500, len(all_pks))),
        "open": open_pks or all_pks,
        "surnames": surnames,
        "reports": reports,
        "today": today,
    }


class LoadRun:
    def __init__(
        self, *, port: int, plan: dict, deadline: float, budget: int, marker: str, think: float
    ):
        self.think = think
        self.port = port
        self.plan = plan
        self.deadline = deadline
        self.budget = budget
        self.marker = marker
        self.lock = threading.Lock()
        self.sent = 0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.error_samples: list[str] = []
        self.contacts_accepted = 0
        self.login_ms: list[float] = []

    def _take(self) -> bool:
        with self.lock:
            if self.sent >= self.budget or time.time() >= self.deadline:
                return False
            self.sent += 1
            return True

    def _record(self, action: str, status: int, wall_ms: float, expected: tuple[int, ...]):
        with self.lock:
            self.latencies[action].append(wall_ms)
            if status not in expected:
                self.errors[f"{action}: HTTP {status}"] += 1

    def user(self, email: str, password: str, seed: int, start_gate: threading.Barrier):
        rng = random.Random(seed)  # noqa: S311
        browser = Browser(self.port, timeout=120)
        try:
            started = time.perf_counter()
            login(browser, email, password)
            with self.lock:
                self.login_ms.append((time.perf_counter() - started) * 1000)
        except Exception as exc:
            with self.lock:
                self.errors[f"login: {type(exc).__name__}"] += 1
                self.error_samples.append(f"{email}: {exc}")
            start_gate.abort()
            return
        try:
            start_gate.wait(timeout=300)
        except threading.BrokenBarrierError:
            return
        actions = [a for a in WEIGHTS if a != "report" or self.plan["reports"]]
        weights = [WEIGHTS[a] for a in actions]
        while self._take():
            if self.think:
                time.sleep(rng.uniform(0, 2 * self.think))  # a person reads before clicking on
            action = rng.choices(actions, weights=weights)[0]
            try:
                self._act(browser, action, rng)
            except Exception as exc:  # a refused connection or a timeout is an error too
                with self.lock:
                    self.errors[f"{action}: {type(exc).__name__}"] += 1
                    if len(self.error_samples) < 20:
                        self.error_samples.append(f"{action}: {exc!r}")
                browser = Browser(self.port, timeout=120, cookies=browser.cookies)

    def _act(self, browser: Browser, action: str, rng: random.Random) -> None:
        plan = self.plan
        if action == "worklist":
            path = rng.choice(
                [
                    "/trajecten/nieuw/",
                    "/trajecten/mijn-caseload/",
                    "/trajecten/",
                    f"/trajecten/?page={rng.randint(1, plan['pages'])}",
                ]
            )
        elif action == "dossier":
            pk = rng.choice(plan["dossiers"])
            path = rng.choice(
                [
                    f"/trajecten/{pk}/",
                    f"/trajecten/{pk}/contacten/",
                    f"/trajecten/{pk}/basisvoorwaarden/",
                ]
            )
        elif action == "search":
            path = "/clienten/?" + urlencode({"q": rng.choice(plan["surnames"])})
        elif action == "report":
            path = rng.choice(plan["reports"])
        elif action == "home":
            path = "/"
        else:
            pk = rng.choice(plan["open"])
            response = browser.post_form(
                f"/trajecten/{pk}/contacten/",
                {
                    "kind": rng.choice(["telefoon", "huisbezoek", "video"]),
                    "date": plan["today"].isoformat(),
                    "place": "",
                    "participants": "",
                    "notes": f"{self.marker} {uuid.uuid4().hex[:8]}",
                },
            )
            self._record("contact", response.status, response.wall_ms, (302,))
            if response.status == 302:
                with self.lock:
                    self.contacts_accepted += 1
            return
        response = browser.request("GET", path)
        self._record(action, response.status, response.wall_ms, (200,))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="small", choices=["tiny", "small", "medium", "national"])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a user waits between requests"
    )
    parser.add_argument("--results-dir", default=str(PROJECT_DIR / "bench" / "results"))
    args = parser.parse_args()

    with dataset_environment(scale=args.scale, seed=args.seed) as environment:
        from terugkeer.cases.models import Contact
        from terugkeer.synthetic.generator import SYNTHETIC_PASSWORD

        emails = create_load_users(args.users, args.seed)
        plan = targets(args.seed)
        marker = f"load-run-{uuid.uuid4().hex[:12]}"
        with gunicorn(environment.env, workers=args.workers) as server:
            print(
                f"== {args.users} users, {args.seconds} s, at most {args.max_requests} requests, "
                f"gunicorn {args.workers} workers on 127.0.0.1:{server.port}",
                flush=True,
            )
            run = LoadRun(
                port=server.port,
                plan=plan,
                deadline=float("inf"),
                budget=args.max_requests,
                marker=marker,
                think=args.think,
            )
            gate = threading.Barrier(
                args.users, action=lambda: setattr(run, "deadline", time.time() + args.seconds)
            )
            threads = [
                threading.Thread(
                    target=run.user,
                    args=(email, SYNTHETIC_PASSWORD, args.seed + n, gate),
                    daemon=True,
                )
                for n, email in enumerate(emails)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + 600)
            started_at = run.deadline - args.seconds
            elapsed = max(0.001, min(time.time(), run.deadline) - started_at)
            memory = server.peak_rss_mb()
        stored = Contact.objects.filter(notes__startswith=marker).count()
        lost = run.contacts_accepted - stored
        all_latencies = [v for values in run.latencies.values() for v in values]
        requests = len(all_latencies)
        errors = sum(run.errors.values())
        result = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "scale": args.scale,
            "users": args.users,
            "seconds": args.seconds,
            "workers": args.workers,
            "think_seconds": args.think,
            "machine": machine_info(),
            "requests": requests,
            "throughput_rps": round(requests / elapsed, 1),
            "latency_ms": {**summary(all_latencies), **percentiles(all_latencies)},
            "by_action": {
                action: {"requests": len(values), **summary(values), **percentiles(values)}
                for action, values in sorted(run.latencies.items())
            },
            "login_ms": summary(run.login_ms),
            "errors": dict(run.errors),
            "error_samples": run.error_samples,
            "contacts_accepted": run.contacts_accepted,
            "contacts_stored": stored,
            "lost_writes": lost,
            "memory_mb": memory,
        }
        print(f"\nrequests {requests} in {elapsed:.1f} s: {result['throughput_rps']} req/s")
        print(f"{'action':10} {'n':>6} {'p50':>8} {'p90':>8} {'p95':>8} {'p99':>8} {'max':>8}")
        for action, row in [
            *result["by_action"].items(),
            ("all", {"requests": requests, **result["latency_ms"]}),
        ]:
            print(
                f"{action:10} {row['requests']:>6} {row['p50']:>8.1f} {row['p90']:>8.1f} "
                f"{row['p95']:>8.1f} {row['p99']:>8.1f} {row['max']:>8.1f}"
            )
        print(f"logins: {len(run.login_ms)} (median {result['login_ms']['median']} ms)")
        print(f"errors: {errors} {dict(run.errors) or ''}")
        for sample in run.error_samples[:5]:
            print(f"   {sample}")
        print(f"contacts accepted {run.contacts_accepted}, stored {stored}, lost writes {lost}")
        print(f"peak RSS worker max {memory['worker_max']} MB")
        path = (
            Path(args.results_dir)
            / f"{datetime.date.today().isoformat()}-{args.scale}-load-{args.users}.json"
        )
        dump_json(path, result)
        print(f"results written to {path}")
        return 0 if errors == 0 and lost == 0 else 1


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0}

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99)}


if __name__ == "__main__":
    raise SystemExit(main())
