"""Widget callback latency: drive each widget 200 times and print p50 and p95 in milliseconds.

Run: ``python benchmarks/widgets.py``. Targets (issue 3): table-only updates under 30 ms at p95;
updates that redraw a plot under 150 ms at p95. This is a measurement, not a test.
"""

from __future__ import annotations

import random
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from japan_nato import load  # noqa: E402
from japan_nato.widgets import (  # noqa: E402
    MembershipChecker,
    OrderingExercise,
    PartnershipExplorer,
    TimelineExplorer,
)

N = 200


def timed(action, n: int = N) -> tuple[float, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    rng = random.Random(0)
    events, members = load("events"), load("nato_members")
    ops, parts = load("operations"), load("operation_participants")

    def year_range(lo, hi):
        a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        return (min(a, b), max(a, b))

    rows = []
    for plot in (False, True):
        kind = "plot redraw" if plot else "table only"
        target = 150 if plot else 30
        timeline = TimelineExplorer(events, plot=plot)
        rows.append(
            (
                "TimelineExplorer: years",
                kind,
                target,
                *timed(
                    lambda i, timeline=timeline: setattr(
                        timeline.years, "value", year_range(1945, 2024)
                    )
                ),
            )
        )
        checker = MembershipChecker(members, plot=plot)
        rows.append(
            (
                "MembershipChecker: year",
                kind,
                target,
                *timed(lambda i, checker=checker: setattr(checker.year, "value", 1945 + i % 80)),
            )
        )
        partner = PartnershipExplorer(ops, parts, members, plot=plot)
        rows.append(
            (
                "PartnershipExplorer: years",
                kind,
                target,
                *timed(
                    lambda i, partner=partner: setattr(
                        partner.years, "value", year_range(1991, 2010)
                    )
                ),
            )
        )
    ordering = OrderingExercise(events, n=6, seed=1)
    rows.append(("OrderingExercise: check", "table only", 30, *timed(lambda i: ordering.check())))

    print(
        f"{'widget: control':32} {'update':12} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  verdict"
    )
    for name, kind, target, p50, p95 in rows:
        verdict = "meets" if p95 < target else f"misses by {p95 - target:.0f} ms"
        print(f"{name:32} {kind:12} {p50:8.1f} {p95:8.1f} {target:8d}  {verdict}")


if __name__ == "__main__":
    main()
