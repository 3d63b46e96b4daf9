"""Widget update latency: drive every live control 200 times and print p50 and p95 in milliseconds.

Run: ``python benchmarks/widgets.py``. Each row is one control a reader moves (slider, dropdown,
multi-select, search box), timed from setting its value to the widget having drawn
what it shows, plot included. Target: p95 at most 100 ms on the 2-core machine. A measurement, not
a test; ``python benchmarks/run.py`` prints these rows too.
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
    PartnershipExplorer,
    TimelineExplorer,
)

N = 200
TARGET_MS = 100
WORDS = ["", "Japan", "NATO", "Afghanistan", "summit", "law", "visit", "ISAF", "xyz", "refuel"]


def timed(action, n: int = N) -> tuple[float, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def rows() -> list[tuple[str, float, float]]:
    """(widget: control, p50 ms, p95 ms) for every live update."""
    rng = random.Random(0)
    events, members = load("events"), load("nato_members")
    ops, parts = load("operations"), load("operation_participants")

    def year_range(lo, hi):
        a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        return (min(a, b), max(a, b))

    timeline = TimelineExplorer(events)
    categories = list(timeline.categories.options)
    actors = list(timeline.actor.options)
    checker = MembershipChecker(members)
    countries = list(checker.country.options)
    partner = PartnershipExplorer(ops, parts, members)
    operations = [value for _, value in partner.operation.options]
    actions = {
        "TimelineExplorer: years slider": lambda i: setattr(
            timeline.years, "value", year_range(1945, 2024)
        ),
        "TimelineExplorer: categories": lambda i: setattr(
            timeline.categories, "value", tuple(rng.sample(categories, rng.randint(0, 5)))
        ),
        "TimelineExplorer: actor dropdown": lambda i: setattr(
            timeline.actor, "value", actors[i % len(actors)]
        ),
        "TimelineExplorer: search box": lambda i: setattr(
            timeline.search, "value", WORDS[i % len(WORDS)]
        ),
        "MembershipChecker: year slider": lambda i: setattr(checker.year, "value", 1945 + i % 80),
        "MembershipChecker: country dropdown": lambda i: setattr(
            checker.country, "value", countries[i % len(countries)]
        ),
        "PartnershipExplorer: years slider": lambda i: setattr(
            partner.years, "value", year_range(1991, 2010)
        ),
        "PartnershipExplorer: operation dropdown": lambda i: setattr(
            partner.operation, "value", operations[i % len(operations)]
        ),
    }
    return [(name, *timed(action)) for name, action in actions.items()]


def main() -> None:
    print(f"{'widget: control':40} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  verdict")
    for name, p50, p95 in rows():
        verdict = "meets" if p95 <= TARGET_MS else f"MISSES by {p95 - TARGET_MS:.0f} ms"
        print(f"{name:40} {p50:8.1f} {p95:8.1f} {'<= ' + str(TARGET_MS):>8}  {verdict}")


if __name__ == "__main__":
    main()
