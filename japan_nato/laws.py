"""Japan's security laws since 1992 (``security_laws.csv``): counted by decade and by area, and
drawn. The paper says the Diet passed "over 20" such laws after 1992 (chapter 3) and looks ahead
to Article 9 (chapter 8); these are the counts those chapters weigh.
"""

from __future__ import annotations

import pandas as pd

from japan_nato.data import load
from japan_nato.evidence import Evidence
from japan_nato.figures import Chart, new_axes
from japan_nato.timeline import PALETTE

#: The paper's last dated event: the Individual Partnership and Cooperation Programme, 6 May 2014.
PAPER_ENDS = pd.Timestamp("2014-05-06")


def by_decade(laws: pd.DataFrame) -> pd.Series:
    """Laws enacted per decade (1990 = 1990-1999), every decade from the first to the last."""
    decade = laws["enacted"].dt.year // 10 * 10
    return decade.value_counts().sort_index().rename("laws")


def count_laws(until: int | None = None, by: str = "decade") -> Evidence:
    """How many security laws (enacted up to the end of ``until``, if given): in all, the first
    and last year, and per decade (``by="decade"``) or per area (``by="area"``), largest first."""
    laws = load("security_laws")
    if until is not None:
        laws = laws[laws["enacted"].dt.year <= until]
    everything = ["all laws", str(len(laws))]
    if by == "area":
        counts = laws["area"].astype(str).value_counts().sort_index()
        counts = counts.sort_values(ascending=False, kind="stable")
        rows = [[area, str(n)] for area, n in counts.items() if n]
        return Evidence(["Area", "Laws"], [everything, *rows])
    span = [
        ["first enacted", str(laws["enacted"].min().year)],
        ["last enacted", str(laws["enacted"].max().year)],
    ]
    rows = [[f"{d}s", str(n)] for d, n in by_decade(laws).items()]
    return Evidence(["Measure", "Laws"], [everything, *span, *rows])


def plot_laws_by_decade() -> Chart:
    """A bar per decade: how many security laws the Diet enacted in it."""
    counts = by_decade(load("security_laws"))
    fig, ax = new_axes(6, 3)
    ax.bar([f"{d}s" for d in counts.index], counts.to_numpy(), color="#332288")
    ax.set(xlabel="Decade", ylabel="Laws enacted", title="Security laws by decade")
    listed = ", ".join(f"{n} in the {d}s" for d, n in counts.items())
    return Chart(fig, f"Bar chart of Japan's security laws by decade: {listed}.")


def by_area(laws: pd.DataFrame) -> pd.DataFrame:
    """Laws per area, split at the paper's end: columns "to May 2014" and "after May 2014"."""
    after = (laws["enacted"] > PAPER_ENDS).map({False: "to May 2014", True: "after May 2014"})
    table = pd.crosstab(laws["area"], after)
    return table.reindex(columns=["to May 2014", "after May 2014"], fill_value=0)


def count_laws_by_area() -> Evidence:
    """Laws per area, before and after the paper's end (6 May 2014), and which came after."""
    laws = load("security_laws")
    table = by_area(laws)
    rows = [
        [str(area), str(row["to May 2014"]), str(row["after May 2014"])]
        for area, row in table.iterrows()
    ]
    later = laws[laws["enacted"] > PAPER_ENDS].sort_values("enacted")
    return Evidence(
        ["Area", "To May 2014", "After May 2014"],
        rows,
        notes=["Enacted after 6 May 2014: " + ", ".join(later["law_id"]) + "."],
    )


def plot_laws_by_area() -> Chart:
    """Stacked bars per area: laws up to the paper's end and after it."""
    table = by_area(load("security_laws"))
    fig, ax = new_axes(7, 3.6)
    table.plot.barh(stacked=True, ax=ax, color=[PALETTE[0], PALETTE[5]], edgecolor="black").set(
        xlabel="Number of laws", ylabel=""
    )
    parts = "; ".join(
        f"{area}: {row['to May 2014']} to May 2014, {row['after May 2014']} after"
        for area, row in table.iterrows()
    )
    return Chart(fig, f"Stacked bar chart of Japan's security laws by area ({parts}).")


def show_laws(area: str | None = None) -> Evidence:
    """Security laws, in order of enactment, whole names (of one ``area`` if given)."""
    laws = load("security_laws").sort_values(["enacted", "law_id"])
    if area:
        laws = laws[laws["area"] == area]
    rows = [
        [str(row.enacted.year), row.name, row.law_id, str(row.area)] for row in laws.itertuples()
    ]
    return Evidence(["Year", "Law", "Id", "Area"], rows, empty="No laws match.")
