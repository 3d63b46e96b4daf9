"""Thin ipywidgets layers over the pure functions in timeline, membership and operations.

Each explorer exposes its controls and what it currently shows as attributes, so a test can set
``explorer.years.value = (1990, 2000)`` and read ``explorer.table`` or ``explorer.message`` exactly
as a student would see them. No control setting raises: an empty result shows a clear message.
Text that comes from data is HTML-escaped wherever it becomes HTML.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as w
import pandas as pd
import PIL.Image
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from japan_nato import membership, operations, timeline

NOTHING = "Nothing matches these settings. Widen the years or tick more boxes."


def _html_table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, classes="jn-table")


class _Canvas:
    """One figure a widget redraws on every update, shown as an <img> with alt text.

    The figure, its chart and the chart's artists live as long as the widget (no pyplot, fixed
    margins). The chart names the artists that change on an update (``chart.moving``) and a key of
    everything else (``chart.layout``); while the layout holds, a redraw restores the rendered
    background and draws only the moving artists (blitting), so the tick labels, legend and grid
    that make most of the drawing cost are not drawn again. The image is drawn at its display size
    (``DPI`` x inches), no larger; an <img> in an HTML widget carries alt text and shows the same in
    a live session and in the static book.
    """

    DPI = 80

    def __init__(
        self,
        width: float,
        height: float,
        left: float = 0.12,
        bottom: float = 0.14,
        right: float = 0.98,
    ):
        self.figure = Figure(figsize=(width, height), dpi=self.DPI)
        self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=0.9)
        self.canvas = FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self.view = w.HTML()
        self.chart = None
        self._background = None
        self._layout: object = None

    def hold(self, chart):
        """Draw ``chart`` (built on ``self.ax``) from now on; returns it."""
        for artist in chart.moving:
            artist.set_animated(True)  # left out of full draws, drawn on top of the background
        self.chart = chart
        return chart

    def show(self, alt: str) -> None:
        if self._background is None or self.chart.layout != self._layout:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._layout = self.chart.layout
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in self.chart.moving:
            artist.draw(renderer)
        buffer = io.BytesIO()
        image = PIL.Image.frombuffer(
            "RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        self.view.value = (
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">'
        )


class _Explorer:
    """Common shape: ``widget`` (what is displayed), ``message`` (one line), ``table`` (DataFrame)."""

    widget: w.Widget

    def _ipython_display_(self):
        display(self.widget)


class TimelineExplorer(_Explorer):
    """Filter the timeline by years, categories, actor and free text; see a table, a chart and a count."""

    def __init__(
        self, events: pd.DataFrame, years: tuple[int, int] | None = None, plot: bool = True
    ):
        self.events = events
        lo, hi = timeline.year_span(events)
        self.years = w.IntRangeSlider(
            value=years or (lo, hi),
            min=lo,
            max=hi,
            description="Years",
            continuous_update=False,
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        offered = timeline.categories(events)
        self.categories = w.SelectMultiple(
            options=offered,
            value=offered,
            description="Categories",
            rows=6,
        )
        self.actor = w.Dropdown(
            options=["(any)", *timeline.actors(events)], value="(any)", description="Actor"
        )
        self.search = w.Text(
            value="", placeholder="word in title or description", description="Search"
        )
        self.status = w.HTML()
        self.table_html = w.HTML()
        self.canvas = _Canvas(8, 4.2, left=0.15)
        self.chart = self.canvas.hold(timeline.TimelineChart(offered, self.canvas.ax))
        self.plot = self.canvas.view
        self.with_plot = plot
        for control in (self.years, self.categories, self.actor, self.search):
            control.observe(self._update, names="value")
        controls = w.VBox(
            [self.years, w.HBox([self.categories, w.VBox([self.actor, self.search])])]
        )
        self.widget = w.VBox(
            [controls, self.status, self.plot, self.table_html]
            if plot
            else [controls, self.status, self.table_html]
        )
        self.table = events.iloc[:0]
        self.message = ""
        self._update()

    def _update(self, change=None):
        actor = None if self.actor.value == "(any)" else self.actor.value
        found = timeline.filter_events(
            self.events,
            years=self.years.value,
            categories=self.categories.value,
            actor=actor,
            text=self.search.value,
        )
        self.table = timeline.event_table(found)
        if found.empty:
            self.message = NOTHING
            self.table_html.value = ""
        else:
            n = len(found)
            start, end = sorted(self.years.value)
            self.message = f"{n} event{'s' if n != 1 else ''} between {start} and {end}."
            self.table_html.value = _html_table(self.table)
        self.status.value = f"<b>{html.escape(self.message)}</b>"
        if self.with_plot:
            alt = f"Timeline chart: {self.message} One marker per event, one row per category."
            self.chart.update(found, years=self.years.value)
            self.canvas.show(alt)


class MembershipChecker(_Explorer):
    """Pick a country and a year: member or not, and since when; a chart of NATO's size follows the year."""

    def __init__(
        self, members: pd.DataFrame, country: str = "Poland", year: int = 1996, plot: bool = True
    ):
        self.members = members
        countries = sorted(members["country"])
        self.country = w.Dropdown(
            options=countries,
            value=country if country in countries else (countries[0] if countries else None),
            description="Country",
        )
        self.year = w.IntSlider(
            value=year, min=1945, max=2024, description="Year", continuous_update=False
        )
        self.status = w.HTML()
        self.canvas = _Canvas(7, 3.2)
        self.chart = self.canvas.hold(membership.EnlargementChart(members, self.canvas.ax))
        self.plot = self.canvas.view
        self.with_plot = plot
        self.country.observe(self._update, names="value")
        self.year.observe(self._update, names="value")
        self.widget = w.VBox([w.HBox([self.country, self.year]), self.status, self.plot])
        self.message = ""
        self.table = pd.DataFrame()
        self._update()

    def _update(self, change=None):
        if self.members.empty:
            self.message = "There is no membership data to check."
            self.table = pd.DataFrame({"members at the end of the year": []})
            self.status.value = f"<b>{html.escape(self.message)}</b>"
            return
        country, year = self.country.value, int(self.year.value)
        state = membership.status_in_year(self.members, country, year)
        joined = membership.accession(self.members, country)
        since = "" if joined is None else joined.strftime("%d %B %Y").lstrip("0")
        self.message = {
            membership.MEMBER: f"In {year}, {country} was a NATO member (since {since}).",
            membership.JOINED: f"{country} joined NATO during {year}, on {since}.",
            membership.NOT_MEMBER: f"In {year}, {country} was not yet a NATO member (it joined on {since}).",
        }.get(state, f"{country} is not in the membership data.")
        self.table = pd.DataFrame(
            {"members at the end of the year": membership.members_in(self.members, year)}
        )
        self.status.value = f"<b>{html.escape(self.message)}</b> NATO had {len(self.table)} members at the end of {year}."
        if self.with_plot:
            alt = f"Step chart of NATO's membership from 1949 to 2024, marking {year}: {len(self.table)} members."
            self.chart.mark(year)
            self.canvas.show(alt)


class PartnershipExplorer(_Explorer):
    """The paper's table of operations: choose years or one operation, see who served beside Japan
    and whether each country was a NATO member in the year the paper gives."""

    def __init__(
        self,
        ops: pd.DataFrame,
        participants: pd.DataFrame,
        members: pd.DataFrame,
        plot: bool = True,
    ):
        self.ops, self.participants, self.members = ops, participants, members
        years = ops["year_deployed"]
        lo, hi = (1991, 2010) if ops.empty else (int(years.min()), int(years.max()))
        self.years = w.IntRangeSlider(
            value=(lo, hi), min=lo, max=hi, description="Years", continuous_update=False
        )
        choices = [("(all in these years)", "")] + [
            (f"{r.place} ({r.year_deployed})", r.operation_id)
            for r in ops.sort_values("paper_row").itertuples()
        ]
        self.operation = w.Dropdown(options=choices, value="", description="Operation")
        self.status = w.HTML()
        self.table_html = w.HTML()
        self.canvas = _Canvas(9, 7, left=0.17, bottom=0.25, right=0.72)
        universe = operations.membership_check(ops, participants, members)
        self.chart = self.canvas.hold(operations.MatrixChart(self.canvas.ax, universe))
        self.plot = self.canvas.view
        self.with_plot = plot
        self.years.observe(self._update, names="value")
        self.operation.observe(self._update, names="value")
        self.widget = w.VBox(
            [w.HBox([self.years, self.operation]), self.status, self.plot, self.table_html]
        )
        self.message = ""
        self._update()

    def _update(self, change=None):
        chosen = operations.select(
            self.ops, years=self.years.value, operation_id=self.operation.value or None
        )
        check = operations.membership_check(chosen, self.participants, self.members)
        self.table = check
        unlisted = chosen[chosen["participants_kind"] != "listed"]
        notes = "".join(
            f"<br>{html.escape(r.place)} ({r.year_deployed}): the paper lists no countries, only "
            f"&ldquo;{html.escape(r.participants_as_printed)}&rdquo;."
            for r in unlisted.itertuples()
        )
        if chosen.empty:
            self.message = "No operation in the paper's table matches these years."
        elif check.empty:
            self.message = "The paper names no individual countries for this selection."
        else:
            not_yet = int((check["status"] == membership.NOT_MEMBER).sum())
            self.message = (
                f"{len(chosen)} operation(s), {check['country'].nunique()} countries listed; "
                f"{not_yet} listing(s) name a country that was not yet a NATO member that year."
            )
        self.status.value = f"<b>{html.escape(self.message)}</b>{notes}"
        self.table_html.value = _html_table(check) if not check.empty else ""
        if self.with_plot:
            alt = f"Grid of countries by operation, each cell marking NATO membership in the year given. {self.message}"
            self.chart.update(check)
            self.canvas.show(alt)
