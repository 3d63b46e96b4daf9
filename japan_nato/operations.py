"""The paper's table of operations (its Figure 3), rebuilt from data and checked against membership.

The tables record what the paper prints; the functions here only reshape and compare. Whether a
listed country was really a NATO member in the year the paper gives is a question for the reader,
answered from ``nato_members.csv``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from japan_nato.figures import Chart, empty_chart, on_axes
from japan_nato.membership import JOINED, MEMBER, NOT_MEMBER, UNKNOWN


def label(operations: pd.DataFrame) -> pd.Series:
    """A short column label per operation: 'Cambodia 1991'."""
    return (
        operations["place"].str.replace("Countries Affected By ", "", regex=False)
        + " "
        + operations["year_deployed"].astype(str)
    )


def select(
    operations: pd.DataFrame, years: tuple[int, int] | None = None, operation_id: str | None = None
):
    """Operations deployed within ``years`` (inclusive), or the one ``operation_id``."""
    rows = operations
    if years is not None:
        start, end = sorted(int(y) for y in years)
        rows = rows[(rows["year_deployed"] >= start) & (rows["year_deployed"] <= end)]
    if operation_id:
        rows = rows[rows["operation_id"] == operation_id]
    return rows.sort_values("paper_row")


def countries_of(participants: pd.DataFrame, operation_id: str) -> list[str]:
    """The countries the paper lists for one operation, in the paper's order."""
    rows = participants[participants["operation_id"] == operation_id].sort_values("position")
    return list(rows["country"])


def participation_matrix(operations: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    """Country x operation table of booleans: True where the paper lists the country.

    Only operations whose participants the paper lists by name appear; rows are sorted by how
    many operations a country appears in, then by name.
    """
    listed = participants[participants["operation_id"].isin(operations["operation_id"])]
    if listed.empty:
        return pd.DataFrame(dtype=bool)
    matrix = pd.crosstab(listed["country"], listed["operation_id"]).astype(bool)
    order = [
        op for op in operations.sort_values("paper_row")["operation_id"] if op in matrix.columns
    ]
    matrix = matrix[order]
    matrix.columns = label(operations.set_index("operation_id").loc[order].reset_index()).tolist()
    counts = matrix.sum(axis=1)
    return matrix.loc[sorted(matrix.index, key=lambda c: (-counts[c], c))]


def membership_check(
    operations: pd.DataFrame, participants: pd.DataFrame, members: pd.DataFrame
) -> pd.DataFrame:
    """One row per (operation, listed country): the year the paper gives and the country's NATO
    status in that year (member / joined that year / not a member), as in
    :func:`japan_nato.membership.status_in_year`."""
    merged = participants.merge(
        operations[["operation_id", "paper_row", "place", "year_deployed"]], on="operation_id"
    ).merge(members[["country", "accession_date"]], on="country", how="left")
    joined = merged["accession_date"].dt.year
    year = merged["year_deployed"]
    merged["status"] = UNKNOWN
    merged.loc[joined > year, "status"] = NOT_MEMBER
    merged.loc[joined == year, "status"] = JOINED
    merged.loc[joined < year, "status"] = MEMBER
    columns = ["operation_id", "place", "year_deployed", "country", "country_as_printed", "status"]
    return merged.sort_values(["paper_row", "position"])[columns].reset_index(drop=True)


_STYLE = {  # status: (colour, marker, legend label); shape and colour both carry the status
    MEMBER: ("#332288", "o", "NATO member all that year"),
    JOINED: ("#DDCC77", "^", "joined NATO that year"),
    NOT_MEMBER: ("#CC6677", "X", "not yet a NATO member"),
    UNKNOWN: ("#999999", "s", "not in nato_members.csv"),
}


class MatrixChart:
    """Countries down, operations across, for every listing in ``universe`` (a
    :func:`membership_check` table): the grid, its labels and legend are drawn once. ``update(check)``
    marks the listings of ``check`` in the colour and shape of their NATO status; the rest of the
    grid stays in pale grey, so a selection is seen within the whole table.

    ``moving`` are the artists an update changes; ``layout`` never changes (a widget redraws only
    the moving parts).
    """

    layout = ()

    def __init__(self, ax, universe: pd.DataFrame, title: str = ""):
        self.ax = ax
        column = label(universe) if len(universe) else pd.Series(dtype=str)
        self.columns = list(dict.fromkeys(column))
        counts = universe["country"].value_counts()
        self.countries = sorted(counts.index, key=lambda c: (-counts[c], c))
        self.x = {c: i for i, c in enumerate(self.columns)}
        self.y = {c: i for i, c in enumerate(self.countries)}
        ax.scatter(
            *self._positions(universe).T,
            c="#e6e6e6",
            marker="o",
            s=30,
            zorder=2,
            label="listed, outside the selection",
        )
        self.dots = {
            status: ax.scatter(
                [],
                [],
                c=colour,
                marker=marker,
                s=60,
                edgecolors="black",
                linewidths=0.5,
                label=text,
                zorder=3,
            )
            for status, (colour, marker, text) in _STYLE.items()
        }
        self.moving = list(self.dots.values())
        if universe.empty:
            empty_chart(ax, "No listed countries match")
            return
        ax.set_xticks(range(len(self.columns)), self.columns, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(len(self.countries)), self.countries, fontsize=8)
        ax.set_xlim(-0.6, len(self.columns) - 0.4)
        ax.set_ylim(len(self.countries) - 0.4, -0.6)
        ax.grid(color="#eeeeee", zorder=0)
        present = [s for s in _STYLE if (universe["status"] == s).any()]
        ax.legend(
            handles=[self.dots[s] for s in present],
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            fontsize=8,
            frameon=False,
        )
        ax.set_title(
            title or "Countries the paper lists beside Japan, and their NATO status that year",
            loc="left",
            fontsize=10,
            y=1.0,
            pad=8,
        )

    def _positions(self, check: pd.DataFrame) -> np.ndarray:
        if check.empty:
            return np.empty((0, 2))
        x = label(check).map(self.x).to_numpy(dtype=float)
        y = check["country"].map(self.y).to_numpy(dtype=float)
        return np.column_stack([x, y])

    def update(self, check: pd.DataFrame) -> None:
        """Mark the listings of ``check`` (rows of the universe) by their status."""
        points = self._positions(check)
        for status, dots in self.dots.items():
            dots.set_offsets(points[(check["status"] == status).to_numpy()])


def plot_matrix(check: pd.DataFrame, title: str = "", ax=None) -> Chart:
    """Countries down, operations across: one marker where the paper lists a country, its shape and
    colour showing whether the country was a NATO member in the year the paper gives."""
    fig, ax = on_axes(ax, 8, 0.28 * max(check["country"].nunique(), 1) + 2.6)
    MatrixChart(ax, check, title).update(check)
    statuses = "; ".join(f"{s}: {n}" for s, n in check["status"].value_counts().items() if n)
    alt = (
        f"Chart of the paper's Figure 3: {check['country'].nunique()} countries down, "
        f"{check['operation_id'].nunique()} operations across, one marker per listing "
        f"({len(check)} listings; {statuses})."
    )
    return Chart(fig, alt)


def plot_participation(matrix: pd.DataFrame, title: str = "", ax=None) -> Chart:
    """Draw a :func:`participation_matrix`: a square where the paper lists a country (row) for an
    operation (column); countries named most often come first."""
    fig, ax = on_axes(ax, 7, 0.26 * max(len(matrix), 1) + 2.4)
    if matrix.empty:
        return Chart(empty_chart(ax, "No listed countries"), "An empty chart: no listed countries.")
    rows, cols = matrix.to_numpy().nonzero()
    ax.scatter(cols, rows, marker="s", s=80, color="#332288", zorder=3)
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(matrix)), matrix.index, fontsize=8)
    ax.set_xlim(-0.6, matrix.shape[1] - 0.4)
    ax.set_ylim(len(matrix) - 0.4, -0.6)
    ax.grid(color="#dddddd", zorder=0)
    ax.set_axisbelow(True)
    ax.set_title(
        title or "Countries the paper lists beside Japan, by operation", loc="left", fontsize=10
    )
    most = ", ".join(f"{c} ({n})" for c, n in matrix.sum(axis=1).head(3).items())
    alt = (
        f"Grid of {len(matrix)} countries by {matrix.shape[1]} operations of the paper's Figure 3, "
        f"a square where the paper lists the country. Named most often: {most}."
    )
    return Chart(fig, alt)


#: The timeline event that records each deployment of Figure 3, by operation (the book's reading
#: of the record; ``events.csv`` gives each event's sources). Chapter 10 compares their years.
RECORD_EVENTS = {
    "op01": "ev033",
    "op02": "ev034",
    "op03": "ev036",
    "op04": "ev040",
    "op05": "ev047",
    "op06": "ev052",
    "op07": "ev054",
    "op08": "ev058",
    "op09": "ev060",
    "op10": "ev065",
    "op11": "ev070",
    "op12": "ev071",
    "op13": "ev080",
    "op14": "ev081",
}
