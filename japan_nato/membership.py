"""NATO membership over time, from ``nato_members.csv``.

"Was this country a NATO member in that year?" is the question the paper's table of operations
raises again and again. A year is not a day, so the answer has three values: a member for the
whole year, joined during the year, or not (yet) a member.
"""

from __future__ import annotations

import pandas as pd

from japan_nato.figures import Chart, on_axes

MEMBER = "member"
JOINED = "joined that year"
NOT_MEMBER = "not a member"
UNKNOWN = "not in nato_members.csv"


def accession(members: pd.DataFrame, country: str) -> pd.Timestamp | None:
    """The date ``country`` joined NATO, or None if it never has (per the data)."""
    match = members.loc[members["country"] == country, "accession_date"]
    return None if match.empty else match.iloc[0]


def status_in_year(members: pd.DataFrame, country: str, year: int) -> str:
    """Membership of ``country`` during calendar ``year``: MEMBER, JOINED, NOT_MEMBER or UNKNOWN."""
    joined = accession(members, country)
    if joined is None:
        return UNKNOWN
    if joined.year < year:
        return MEMBER
    if joined.year == year:
        return JOINED
    return NOT_MEMBER


def is_member_on(members: pd.DataFrame, country: str, date) -> bool:
    """True if ``country`` was a member on ``date`` (a date or 'YYYY-MM-DD')."""
    joined = accession(members, country)
    return joined is not None and joined <= pd.Timestamp(date)


def members_in(members: pd.DataFrame, year: int) -> list[str]:
    """Countries that were members at the end of ``year``, in order of accession then name."""
    end = pd.Timestamp(year=int(year), month=12, day=31)
    rows = members[members["accession_date"] <= end].sort_values(["accession_date", "country"])
    return list(rows["country"])


def size_by_year(members: pd.DataFrame, first: int = 1949, last: int = 2024) -> pd.Series:
    """Number of members at the end of each year from ``first`` to ``last``."""
    joined = members["accession_date"].dt.year
    years = range(int(first), int(last) + 1)
    return pd.Series([int((joined <= y).sum()) for y in years], index=years, name="members")


class EnlargementChart:
    """NATO's size over time as a step line, with one year marked: the line is drawn once and only
    the marker and its label (``moving``) change on ``mark(year)``; ``layout`` never changes."""

    layout = ()

    def __init__(self, members: pd.DataFrame, ax, first: int = 1949, last: int = 2024):
        self.ax, self.first, self.last = ax, first, last
        self.sizes = size_by_year(members, first, last)
        ax.step(self.sizes.index, self.sizes.values, where="post", color="#332288", linewidth=2)
        self.line = ax.axvline(first, color="#CC6677", linestyle="--", linewidth=1.5)
        self.label = ax.annotate(
            "", xy=(first, 0), xytext=(8, -14), textcoords="offset points", fontsize=10
        )
        ax.set_xlabel("Year")
        ax.set_ylabel("Members at year end")
        ax.set_ylim(0, self.sizes.max() + 3)
        ax.set_title(f"NATO's membership, {first}-{last}", loc="left", y=1.0, pad=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        self.moving = [self.line, self.label]

    def mark(self, year: int) -> None:
        year = min(max(int(year), self.first), self.last)
        early = year < (self.first + self.last) / 2
        self.line.set_xdata([year, year])
        self.label.set_text(f"{year}: {self.sizes[year]} members")
        self.label.xy = (year, self.sizes[year])
        self.label.set_position((8, -14) if early else (-8, 8))
        self.label.set_horizontalalignment("left" if early else "right")


def plot_enlargement(
    members: pd.DataFrame, year: int, first: int = 1949, last: int = 2024, ax=None
) -> Chart:
    """NATO's size over time as a step line, with ``year`` marked and labelled.

    Draws on ``ax`` if given, else on a new figure.
    """
    fig, ax = on_axes(ax, 7, 3.2)
    EnlargementChart(members, ax, first, last).mark(year)
    sizes = size_by_year(members, first, last)
    alt = (
        f"Step line of NATO's members from {first} to {last}: {sizes[first]} in {first}, "
        f"{sizes[last]} in {last}. The year {year} is marked: {sizes[year]} members at its end."
    )
    return Chart(fig, alt)
