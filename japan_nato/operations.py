"""The paper's table of operations (its Figure 3), rebuilt from data and checked against membership.

The tables record what the paper prints; the functions here only reshape and compare. Whether a
listed country was really a NATO member in the year the paper gives is a question for the reader,
answered from ``nato_members.csv``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from japan_nato.membership import JOINED, MEMBER, NOT_MEMBER, status_in_year


def label(operations: pd.DataFrame) -> pd.Series:
    """A short column label per operation: 'Cambodia 1991'."""
    return operations["place"].str.replace("Countries Affected By ", "", regex=False) + " " + operations[
        "year_deployed"
    ].astype(str)


def select(operations: pd.DataFrame, years: tuple[int, int] | None = None, operation_id: str | None = None):
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
    order = [op for op in operations.sort_values("paper_row")["operation_id"] if op in matrix.columns]
    matrix = matrix[order]
    matrix.columns = label(operations.set_index("operation_id").loc[order].reset_index()).tolist()
    counts = matrix.sum(axis=1)
    return matrix.loc[sorted(matrix.index, key=lambda c: (-counts[c], c))]


def membership_check(operations: pd.DataFrame, participants: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per (operation, listed country): the year the paper gives and the country's NATO
    status in that year (member / joined that year / not a member)."""
    merged = participants.merge(
        operations[["operation_id", "paper_row", "place", "year_deployed"]], on="operation_id"
    )
    merged["status"] = [
        status_in_year(members, c, y) for c, y in zip(merged["country"], merged["year_deployed"], strict=True)
    ]
    columns = ["operation_id", "place", "year_deployed", "country", "country_as_printed", "status"]
    return merged.sort_values(["paper_row", "position"])[columns].reset_index(drop=True)


_STATUS_CODE = {NOT_MEMBER: 1, JOINED: 2, MEMBER: 3}


def plot_matrix(check: pd.DataFrame, title: str = "") -> Figure:
    """Heat map of a membership check: countries down, operations across, cells coloured by status.

    Colours (blue = member, yellow = joined that year, red-purple = not a member) are also
    written as letters in the cells, so the chart reads without colour.
    """
    if check.empty:
        fig, ax = plt.subplots(figsize=(6, 1.5), layout="constrained")
        ax.text(0.5, 0.5, "No listed countries match", ha="center", va="center")
        ax.set_axis_off()
        return fig
    check = check.assign(column=check["place"].str.replace("Countries Affected By ", "") + " " + check["year_deployed"].astype(str))
    columns = list(dict.fromkeys(check["column"]))
    grid = check.pivot_table(index="country", columns="column", values="status", aggfunc="first")
    grid = grid.reindex(columns=columns)
    counts = grid.notna().sum(axis=1)
    grid = grid.loc[sorted(grid.index, key=lambda c: (-counts[c], c))]
    codes = grid.apply(lambda col: col.map(_STATUS_CODE)).fillna(0).to_numpy(dtype=float)
    cmap = ListedColormap(["#ffffff", "#882255", "#DDCC77", "#88CCEE"])
    height = 0.28 * len(grid) + 2.2
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(columns) + 3), height), layout="constrained")
    ax.imshow(codes, cmap=cmap, vmin=0, vmax=3, aspect="auto")
    letters = {1: "N", 2: "J", 3: "M"}
    for (i, j), code in pd.DataFrame(codes).stack().items():
        if code:
            ax.text(j, i, letters[int(code)], ha="center", va="center", fontsize=8,
                    color="white" if code == 1 else "black")
    ax.set_xticks(range(len(columns)), columns, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), grid.index, fontsize=8)
    ax.set_title(title or "M = NATO member that year, J = joined that year, N = not a member", loc="left", fontsize=10)
    return fig
