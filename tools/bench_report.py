"""Render a ``bench/results/*.json`` file as the Markdown table used in docs/performance.md.

python tools/bench_report.py bench/results/2026-11-27-medium.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _ms(value: float) -> str:
    return f"{value:,.0f}"


def render(data: dict) -> str:
    machine = data["machine"]
    floor = data["floor_ms"]
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}, "
        f"Python {machine['python']}, Django {machine['django']}, {machine['postgresql']}; "
        f"gunicorn {data['gunicorn_workers']} workers. "
        f"Generation: {data['generation']['seconds']} s "
        f"(including the command's start-up). Floor (login page): median {floor['median']} ms, "
        f"p95 {floor['p95']} ms.",
        "",
        "| page | n | median ms | p95 ms | max ms | server median ms | queries | × floor (median) "
        "| target (issue) | HTTP |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["results"]:
        wall, queries = row["wall_ms"], row["queries"]
        count = (
            str(queries["min"])
            if queries["min"] == queries["max"]
            else f"{queries['min']}–{queries['max']}"
        )
        if row["group"] == "import" and row["name"].endswith("total"):
            count = ""
        ratio = row.get("ratio_to_floor", {}).get("median")
        target = row.get("target")
        verdict = ""
        if target:
            limit = f"{target['ms'] / 1000:g} s" if target["ms"] >= 1000 else f"{target['ms']:g} ms"
            verdict = f"{target['stat']} < {limit}: " + ("met" if target["met"] else "**missed**")
        lines.append(
            f"| {row['name']} | {row['runs']} | {_ms(wall['median'])} | {_ms(wall['p95'])} | "
            f"{_ms(wall['max'])} | {_ms(row['server_ms']['median'])} | {count} | "
            f"{ratio if ratio is not None else ''} | {verdict} | "
            f"{','.join(str(s) for s in row['statuses'])} |"
        )
    memory = data["memory_mb"]
    lines.append(
        f"| peak RSS, largest gunicorn worker | | {memory['worker_max']} MB | | | | | | "
        f"< 300 MB: {'met' if memory['met'] else '**missed**'} | |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(render(json.loads(Path(name).read_text())))
        print()
