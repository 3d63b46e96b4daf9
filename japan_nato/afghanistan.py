"""Japan's aid to Afghanistan through NATO's Provincial Reconstruction Teams: the paper's undated
figures beside the Foreign Ministry's dated ones (chapter 5).

The paper gives 12 PRTs and 59 projects without a date (``afghanistan_support.csv``, af03 and
af04). The Ministry of Foreign Affairs of Japan gives 12 PRTs and 68 projects as of December 2009
(Diplomatic Bluebook 2010, chapter 2, section 4) and 16 PRTs and 100 projects as of December 2010
(Diplomatic Bluebook 2011, chapter 2, section 4), as the note on ``partnerships.csv`` row pt10
records.
"""

from __future__ import annotations

import pandas as pd

from japan_nato.data import load
from japan_nato.evidence import Evidence
from japan_nato.figures import Chart, new_axes
from japan_nato.timeline import PALETTE

#: The Foreign Ministry's dated counts (see the module docstring for the sources).
MOFA_COUNTS = {
    "MOFA, December 2009": (12, 68),
    "MOFA, December 2010": (16, 100),
}


def prt_counts() -> pd.DataFrame:
    """PRTs and projects: the paper's (undated) figures, then the Foreign Ministry's."""
    support = load("afghanistan_support").set_index("figure_id")
    paper = (int(support.loc["af03", "value"]), int(support.loc["af04", "value"]))
    rows = {"Paper (undated)": paper, **MOFA_COUNTS}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["PRTs", "projects"])


def show_prt_counts() -> Evidence:
    """:func:`prt_counts` as a table to read."""
    counts = prt_counts()
    rows = [[who, str(r["PRTs"]), str(r["projects"])] for who, r in counts.iterrows()]
    return Evidence(["Who says", "PRTs", "Projects"], rows)


def plot_prt_counts() -> Chart:
    """Paired bars: PRTs and projects, as the paper and the Foreign Ministry give them."""
    counts = prt_counts()
    fig, ax = new_axes(7, 3.4)
    counts[::-1].plot.barh(ax=ax, color=[PALETTE[1], PALETTE[0]], edgecolor="black")
    ax.set_xlabel("Number")
    parts = "; ".join(
        f"{who}: {r['PRTs']} PRTs, {r['projects']} projects" for who, r in counts.iterrows()
    )
    return Chart(fig, f"Bar chart of Japan's work with PRTs ({parts}).")
