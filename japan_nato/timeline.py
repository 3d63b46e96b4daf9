"""The Japan-NATO timeline: filtering events and drawing them.

Pure functions on the ``events`` table (see ``load("events")``); the timeline explorer widget
calls them, and tests call them directly.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from japan_nato.figures import Chart, empty_chart, on_axes, years_text

# Paul Tol's "muted" scheme plus a dark grey and black: distinguishable with the common colour-vision
# deficiencies, and dark enough to see on white.
# Marker shapes repeat the category, so colour is never the only cue.
PALETTE = [
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#777777",
    "#000000",
]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*"]


def categories(events: pd.DataFrame) -> list[str]:
    """The categories to offer: the schema's vocabulary in its order, or, for a table built by
    hand with plain strings, the values it holds, sorted."""
    column = events["category"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return list(column.cat.categories)
    return sorted(column.dropna().astype(str).unique())


def year_span(events: pd.DataFrame, default: tuple[int, int] = (1945, 2024)) -> tuple[int, int]:
    """First and last year in the table, or ``default`` for an empty table."""
    if events.empty:
        return default
    years = events["date"].dt.year
    return int(years.min()), int(years.max())


def actors(events: pd.DataFrame) -> list[str]:
    """Every actor named in the ``actors`` column (semicolon-separated), sorted."""
    names = {a.strip() for cell in events["actors"].dropna() for a in cell.split(";")}
    return sorted(n for n in names if n)


def filter_events(
    events: pd.DataFrame,
    years: tuple[int, int] | None = None,
    categories: Iterable[str] | None = None,
    actor: str | None = None,
    text: str = "",
    scope: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Events within ``years`` (inclusive), of the given categories, involving ``actor``,
    whose title or description contains ``text`` (case-insensitive), in date order.

    ``None`` or an empty value means "no filter" for every argument except ``categories``:
    an empty list of categories selects nothing, as a student who unticks every box expects.
    A reversed year range is read as the same range the right way round.
    """
    mask = pd.Series(True, index=events.index)
    if years is not None:
        start, end = sorted(int(y) for y in years)
        year = events["date"].dt.year
        mask &= (year >= start) & (year <= end)
    if categories is not None:
        mask &= events["category"].isin(list(categories))
    if scope is not None:
        mask &= events["scope"].isin(list(scope))
    if actor:
        mask &= (
            events["actors"]
            .fillna("")
            .map(lambda cell: actor in [a.strip() for a in cell.split(";")])
        )
    if text and text.strip():
        needle = text.strip().lower()
        haystack = (events["title"].fillna("") + " " + events["description"].fillna("")).str.lower()
        mask &= haystack.str.contains(needle, regex=False)
    return events[mask].sort_values(["date", "event_id"])


def count_by_category(events: pd.DataFrame) -> pd.Series:
    """Number of events per category, every declared category listed (zeros included)."""
    return events["category"].value_counts(sort=False).rename("events")


def display_date(date: pd.Timestamp, precision: str) -> str:
    """A date written only as precisely as it is known: '15 April 2013', 'July 1990', '1979'."""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return date.strftime("%B %Y")
    return f"{date.day} {date.strftime('%B %Y')}"


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs, dates shown at their precision."""
    shown = events.assign(
        when=[
            display_date(d, p)
            for d, p in zip(events["date"], events["date_precision"], strict=True)
        ]
    )
    shown["actors"] = shown["actors"].str.replace(";", ", ", regex=False)
    return shown[["when", "title", "category", "actors", "scope"]].reset_index(drop=True)


class TimelineChart:
    """The timeline figure, kept between updates: one scatter artist per category, whose points,
    lanes and limits change while the artists stay (a widget redraws it on every control change).

    ``update(events, years=...)`` shows the given events on an axis spanning ``years`` (or the
    events' own span). ``moving`` are the artists that change on every update and ``layout`` a key
    of everything else, so a widget can redraw only the moving parts while the layout holds.
    """

    def __init__(self, categories: list[str], ax):
        self.ax = ax
        self.categories = list(categories)
        self.dots = {
            category: ax.scatter(
                [],
                [],
                color=PALETTE[i % len(PALETTE)],
                marker=MARKERS[i % len(MARKERS)],
                s=45,
                edgecolor="black",
                linewidth=0.5,
                label=category,
                zorder=3,
            )
            for i, category in enumerate(self.categories)
        }
        ax.xaxis_date()
        ax.grid(axis="x", color="#dddddd", zorder=0)
        ax.set_xlabel("Year")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        self.empty = ax.text(
            0.5, 0.5, "No events match", ha="center", va="center", transform=ax.transAxes
        )
        self.moving = [*self.dots.values(), ax.title]
        self.layout: tuple = ()

    def update(
        self, events: pd.DataFrame, title: str = "", years: tuple[int, int] | None = None
    ) -> None:
        ax = self.ax
        ax.set_axis_on() if len(events) else ax.set_axis_off()
        self.empty.set_visible(events.empty)
        used = [c for c in self.categories if (events["category"] == c).any()]
        when = mdates.date2num(events["date"])
        for category, dots in self.dots.items():
            chosen = (events["category"] == category).to_numpy()
            lane = used.index(category) if category in used else 0
            dots.set_offsets(np.column_stack([when[chosen], np.full(chosen.sum(), lane)]))
        if years is not None:
            start, end = sorted(int(y) for y in years)
            lo = mdates.date2num(pd.Timestamp(year=start, month=1, day=1))
            hi = mdates.date2num(pd.Timestamp(year=end, month=12, day=31))
        elif len(events):
            lo, hi = when.min(), when.max()
        else:
            lo, hi = ax.get_xlim()
        pad = max((hi - lo) * 0.03, 120)
        layout = (lo, hi, tuple(used), events.empty)
        if layout != self.layout:  # limits and tick labels change only when these do
            ax.set_xlim(lo - pad, hi + pad)
            ax.set_yticks(range(len(used)), used)
            ax.set_ylim(-0.7, len(used) - 0.3)
            self.layout = layout
        n = len(events)
        ax.set_title(title or f"{n} event{'s' if n != 1 else ''}", loc="left", y=1.0, pad=8)


def plot_timeline(events: pd.DataFrame, title: str = "", ax=None) -> Chart:
    """One marker per event on a lane per category; colour and shape both show the category.

    Returns the figure with its text alternative (a :class:`~japan_nato.figures.Chart`). An empty table gives an empty chart that says so, not an error.
    """
    known = categories(events) if len(events) else []
    fig, ax = on_axes(ax, 8, 0.35 * max(len(known), 4) + 1.2)
    if events.empty:
        return Chart(empty_chart(ax, "No events match"), "An empty timeline: no events match.")
    TimelineChart(known, ax).update(events, title)
    return Chart(fig, timeline_alt(events, title))


def timeline_alt(events: pd.DataFrame, title: str = "") -> str:
    """What a timeline of ``events`` shows, in a sentence: span, count, and events per category."""
    start, end = year_span(events)
    counts = count_by_category(events)
    lanes = "; ".join(f"{c}: {n}" for c, n in counts.items() if n)
    lead = f"{title}. " if title else ""
    return (
        f"{lead}Timeline of {len(events)} events from {years_text(start, end)}, one row per "
        f"category ({lanes})."
    )
