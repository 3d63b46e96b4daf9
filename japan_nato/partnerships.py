"""Partnership instruments (``partnerships.csv``): NATO's frameworks for partners and the
instruments between Japan and NATO, counted over time (chapters 1 and 6)."""

from __future__ import annotations

import pandas as pd

from japan_nato.data import load
from japan_nato.evidence import Evidence
from japan_nato.figures import Chart, new_axes
from japan_nato.timeline import PALETTE, plot_timeline

KINDS = {"nato_framework": "NATO frameworks", "japan_instrument": "Japan-specific instruments"}


def cumulative(until: int) -> pd.DataFrame:
    """Instruments adopted so far, by kind, for each year with a new one, up to ``until``."""
    frame = load("partnerships")
    frame = frame[frame["date"].dt.year <= until]
    table = pd.crosstab(frame["date"].dt.year, frame["kind"]).cumsum()
    return table.reindex(columns=list(KINDS), fill_value=0)


def count_instruments(until: int | None = None, by: str = "kind") -> Evidence:
    """How many instruments there are (up to the end of ``until``), by ``by``: "kind",
    "scope", or "decade" and kind."""
    frame = load("partnerships")
    if until is not None:
        frame = frame[frame["date"].dt.year <= until]
    if by == "decade":
        decade = (frame["date"].dt.year // 10 * 10).rename("decade")
        table = pd.crosstab(decade, frame["kind"]).reindex(columns=list(KINDS), fill_value=0)
        rows = [[f"{d}s", *(str(v) for v in r)] for d, r in table.iterrows()]
        return Evidence(["Decade", *KINDS.values()], rows)
    if by == "scope":
        counts = frame.groupby(["kind", "scope"], observed=True).size()
        rows = [[KINDS.get(k, k), str(s), str(n)] for (k, s), n in counts.items()]
        return Evidence(["Kind", "Scope", "Instruments"], rows)
    counts = frame["kind"].astype(str).value_counts().reindex(list(KINDS), fill_value=0)
    return Evidence(["Kind", "Instruments"], [[KINDS[k], str(n)] for k, n in counts.items()])


def plot_instruments_so_far(until: int = 2014) -> Chart:
    """Two step lines: NATO frameworks and Japan-specific instruments adopted so far, with NATO's
    2010 Strategic Concept marked."""
    table = cumulative(until)
    fig, ax = new_axes(7, 3.4)
    table.plot(ax=ax, drawstyle="steps-post", style=["o-", "s--"], color=[PALETTE[0], PALETTE[6]])
    ax.axvline(2010, color="grey", linestyle=":")
    ax.set(xlabel="Year", ylabel="Instruments so far")
    ax.legend([*KINDS.values(), "2010 Strategic Concept"])
    last = table.iloc[-1]
    alt = (
        f"Step chart of partnership instruments adopted from {table.index[0]} to {until}: "
        f"{last['nato_framework']} NATO frameworks and {last['japan_instrument']} Japan-specific "
        "instruments by the end; a dotted line marks the 2010 Strategic Concept."
    )
    return Chart(fig, alt)


def plot_instruments() -> Chart:
    """Every partnership instrument on a time line, one row per kind."""
    frame = load("partnerships").rename(columns={"kind": "category"})
    chart = plot_timeline(frame, title="Partnership instruments by kind, 1990-2023")
    counts = frame["category"].astype(str).value_counts()
    first = {k: int(frame.loc[frame["category"] == k, "date"].dt.year.min()) for k in KINDS}
    chart.alt = (
        f"Timeline of {len(frame)} partnership instruments from {first['japan_instrument']} to "
        f"{int(frame['date'].dt.year.max())}, one row per kind: "
        + "; ".join(f"{KINDS[k]}: {counts.get(k, 0)}, the first in {first[k]}" for k in KINDS)
        + "."
    )
    return chart
