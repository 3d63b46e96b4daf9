"""The explorers as Vega-Lite charts: controls that work with no kernel, in the book and in JupyterLab.

Each function returns a :class:`VegaLiteChart`, a Vega-Lite 5 specification whose controls (sliders,
menus, a search box) are parameters bound to HTML inputs, so the chart redraws itself in the
reader's browser: on the static page, offline (the book loads Vega from its own files, see
``japan_nato.book``), and in JupyterLab, whose built-in Vega-Lite 5 renderer draws the same
specification.

The specifications are written here as plain dictionaries, one function per chart. They were built
with altair, whose import (with jsonschema's) made every chapter's first cell about half a second
slower; altair stays in the environment for the test that checks each specification against the
Vega-Lite schema it ships (tests/test_charts.py).

One source of truth: the rows a chart holds and the values it shows (dates at their precision,
NATO status in a year) come from the package's pure functions; only the filters run in the
browser, and they mirror :func:`japan_nato.timeline.filter_events`,
:func:`japan_nato.membership.members_in` and :func:`japan_nato.operations.select`. A browser test
sets the controls and checks that the chart draws exactly the rows the Python function returns.

Every drawn mark carries its row's id as its accessible description (``event_id``, country,
``operation_id:country``), which screen readers announce and the test reads.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from japan_nato import membership, operations, timeline
from japan_nato.book import CONTROLS_CSS, VEGA_LITE

#: The Vega-Lite version of the specifications: the one the book's vendored Vega-Lite draws
#: (vendor/SOURCES.txt) and altair's schema checks.
VEGA_LITE_VERSION = "5.20.1"

#: How vega-embed draws every chart, in the book and in JupyterLab alike: as SVG, so that every
#: mark keeps its accessible description, and without the actions menu, whose links lead to the
#: online Vega editor. The specification carries them (``usermeta``), where vega-embed reads them.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}

#: The controls' layout (``static/chart-controls.css``), which the book links. A notebook output
#: carries it too, in its metadata's options, for JupyterLab (vega-embed ignores CSS that comes
#: inside a specification, so it cannot travel in ``usermeta``).
CONTROLS_STYLE = CONTROLS_CSS.read_text(encoding="utf-8")

#: Width of the plotting area in pixels: fits the book's text column; narrower screens scroll.
WIDTH = 560
FIRST_YEAR, LAST_YEAR = 1945, 2024
ALL = "all"
#: What a timeline says when its settings show no event.
NOTHING_SHOWN = (
    "No event matches these settings: widen the years, tick a category or clear the search."
)

STATUS_STYLE = {  # the colours and shapes of operations.MatrixChart, so both figures agree
    membership.MEMBER: ("#332288", "circle", "NATO member all that year"),
    membership.JOINED: ("#DDCC77", "triangle-up", "joined NATO that year"),
    membership.NOT_MEMBER: ("#CC6677", "cross", "not yet a NATO member"),
    membership.UNKNOWN: ("#999999", "square", "not in nato_members.csv"),
}

Spec = dict[str, Any]


class VegaLiteChart:
    """A chart as its Vega-Lite specification (``spec``), shown by whatever displays it.

    Notebooks store the specification itself (not HTML that would fetch Vega from a CDN), with the
    embedding options in the output's metadata, where JupyterLab's own Vega renderer reads them; the
    book's script (``vendor/vega-charts.js``, see :mod:`japan_nato.book`) reads the same options
    from ``usermeta``. A reader whose front end cannot draw Vega-Lite sees what the chart shows, in
    words.
    """

    def __init__(self, spec: Spec):
        self.spec = spec

    def to_dict(self) -> Spec:
        return self.spec

    def __repr__(self) -> str:
        return (
            "Interactive chart (its controls work in the book and in JupyterLab): "
            + self.spec["description"]
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return (
            {VEGA_LITE: self.spec, "text/plain": repr(self)},
            {VEGA_LITE: {"embed_options": {**EMBED_OPTIONS, "defaultStyle": CONTROLS_STYLE}}},
        )


def _explorer(
    rows: pd.DataFrame, views: list[Spec], params: list[Spec], **top: Any
) -> VegaLiteChart:
    """Views stacked one above the other, sharing one table (``rows``) and the controls
    (``params``), on a white background (the charts stay readable in the book's dark theme).

    The chart is laid out again whenever a control changes what it shows (``resize``): a list or
    a set of dots that grows is drawn whole instead of being cut at the size the chart started
    with, and one that shrinks leaves no empty space above the controls."""
    return VegaLiteChart(
        {
            "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION}.json",
            "autosize": {"type": "pad", "resize": True},
            "config": {"background": "white", "padding": 10, "view": {"stroke": None}},
            "datasets": {"rows": rows.to_dict("records")},
            "data": {"name": "rows"},
            "params": params,
            "vconcat": views,
            "usermeta": {"embedOptions": EMBED_OPTIONS},
            **top,
        }
    )


def _field(name: str, kind: str, **more: Any) -> Spec:
    """An encoding of one column; ``kind`` is Vega-Lite's type ("nominal", "temporal", ...)."""
    return {"field": name, "type": kind, **more}


def _tooltip(*columns: tuple[str, str]) -> list[Spec]:
    """The tooltip's lines: (column, title) pairs."""
    return [_field(name, "nominal", title=title) for name, title in columns]


def _text_line(transform: list[Spec], column: str, **mark: Any) -> Spec:
    """One line of text computed in the browser (``column``), announced as it reads."""
    return {
        "transform": transform,
        "mark": {"type": "text", "align": "left", "fontSize": 14, "x": 0, **mark},
        "encoding": {"text": _field(column, "nominal"), "description": _field(column, "nominal")},
        "width": WIDTH,
        "height": 22,
    }


def _count_line(shown: str, counts: dict[str, str], line: str) -> Spec:
    """A line of text that counts the rows ``shown`` (a filter expression) lets through, and still
    speaks when it lets none through.

    Each of ``counts`` (name -> a 1-or-0 expression, which may use ``datum.shown``) is summed over
    every row and read off the first one; ``line`` (an expression) writes the sentence from them.
    An aggregate of the shown rows would give no row at all when nothing is shown, and the line
    would vanish with the data."""
    return _text_line(
        [
            {"calculate": f"({shown}) ? 1 : 0", "as": "shown"},
            *({"calculate": flag, "as": f"{name}_flag"} for name, flag in counts.items()),
            {
                "joinaggregate": [
                    {"op": "sum", "field": f"{name}_flag", "as": name} for name in counts
                ]
            },
            {"window": [{"op": "row_number", "as": "row"}]},
            {"filter": "datum.row == 1"},
            {"calculate": line, "as": "line"},
        ],
        "line",
    )


def _slider(name: str, label: str, value: int, first: int, last: int) -> Spec:
    return {
        "name": name,
        "value": int(value),
        "bind": {"input": "range", "min": int(first), "max": int(last), "step": 1, "name": label},
    }


def _year_controls(lo: int, hi: int, first: int, last: int) -> list[Spec]:
    return [
        _slider("from_year", "From year ", lo, first, last),
        _slider("to_year", "To year ", hi, first, last),
    ]


def _menu(name: str, label: str, value: str, options: list[str], labels: list[str]) -> Spec:
    """A drop-down menu; its first option is ``ALL`` (everything, or nothing chosen)."""
    return {
        "name": name,
        "value": value,
        "bind": {"input": "select", "options": [ALL, *options], "labels": labels, "name": label},
    }


# The year filter, written once for every chart: the range is read the right way round whichever
# slider is higher, as filter_events and operations.select do.
_IN_YEARS = "datum.year >= min(from_year, to_year) && datum.year <= max(from_year, to_year)"


def category_param(category: str) -> str:
    """The name of the tick box for one category ("show_diplomacy")."""
    return "show_" + "".join(ch if ch.isalnum() else "_" for ch in category)


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """The table a timeline chart holds: one row per event, with what its filters and tooltips need
    (the year, the date as precisely as it is known, a semicolon-fenced actor key and the lower-case
    text that the search box looks in, as filter_events does)."""
    return pd.DataFrame(
        {
            "event_id": events["event_id"].astype(str),
            "date": events["date"].dt.strftime("%Y-%m-%d"),
            "year": events["date"].dt.year.astype(int),
            "when": [
                timeline.display_date(d, p)
                for d, p in zip(events["date"], events["date_precision"], strict=True)
            ],
            "title": events["title"].astype(str),
            "category": events["category"].astype(str),
            "actor_key": ";"
            + events["actors"].fillna("").map(lambda c: ";".join(a.strip() for a in c.split(";")))
            + ";",
            "haystack": (events["title"].fillna("") + " " + events["description"].fillna(""))
            .str.lower()
            .astype(str),
            "source": events["source"].astype(str),
        }
    )


def timeline_explorer(
    events: pd.DataFrame, years: tuple[int, int] | None = None, title: str = ""
) -> VegaLiteChart:
    """The timeline with its controls: a year range, a tick box per category, an actor and a
    search box.

    The chart holds every event and starts on ``years``. Above the dots a line counts the events
    shown (or says that none match); below them a list names each one, so the result can be read
    without hovering (and by a screen reader).
    """
    lo, hi = sorted(years) if years else timeline.year_span(events)
    cats = timeline.categories(events)
    actors = timeline.actors(events)
    # One tick box per category, as the widget's multiple choice: unticking every box shows nothing.
    ticks = [
        {"name": category_param(c), "value": True, "bind": {"input": "checkbox", "name": f"{c} "}}
        for c in cats
    ]
    search = {
        "name": "search",
        "value": "",
        "bind": {"input": "search", "placeholder": "a word", "name": "Search "},
    }
    ticked = " || ".join(f"(datum.category == '{c}' && {category_param(c)})" for c in cats)
    shown = (
        f"{_IN_YEARS}"
        f" && ({ticked or 'false'})"
        " && (actor == 'all' || indexof(datum.actor_key, ';' + actor + ';') >= 0)"
        " && (trim(search) == '' || indexof(datum.haystack, lower(trim(search))) >= 0)"
    )
    dots = {
        "title": title or "The timeline",
        "transform": [{"filter": shown}],
        "mark": {"type": "point", "filled": True, "size": 70, "opacity": 0.9},
        "encoding": {
            "x": _field(
                "date",
                "temporal",
                title=None,
                axis={"format": "%Y", "tickCount": "year", "labelFontSize": 12},
            ),
            "y": _field("category", "nominal", title=None, sort=cats, axis={"labelFontSize": 12}),
            "color": _field(
                "category",
                "nominal",
                scale={"domain": cats, "range": timeline.PALETTE[: len(cats)]},
                legend=None,
            ),
            "shape": _field("category", "nominal", scale={"domain": cats}, legend=None),
            "description": _field("event_id", "nominal"),
            "tooltip": _tooltip(("when", "Date"), ("title", "Event"), ("source", "Source")),
        },
        "width": WIDTH,
        "height": {"step": 26},
    }
    count = _count_line(
        shown,
        {"events": "datum.shown"},
        f"datum.events == 0 ? '{NOTHING_SHOWN}' : "
        "datum.events + (datum.events == 1 ? ' event' : ' events') + ' shown'",
    )
    listing = {
        "title": "Events shown, earliest first",
        "transform": [
            {"filter": shown},
            {
                "window": [{"op": "row_number", "as": "row"}],
                "sort": [{"field": "date"}, {"field": "event_id"}],
            },
            {
                "calculate": "datum.when + ': ' + datum.title + ' (' + datum.event_id + ')'",
                "as": "line",
            },
        ],
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "middle",
            "fontSize": 12,
            "limit": WIDTH,
            "x": 0,
        },
        "encoding": {
            "y": _field("row", "ordinal", axis=None),
            "order": _field("row", "quantitative"),  # screen readers read the lines in date order
            "text": _field("line", "nominal"),
            "description": _field("line", "nominal"),
        },
        "width": WIDTH,
        "height": {"step": 18},
    }
    return _explorer(
        timeline_rows(events),
        [count, dots, listing],
        [
            *_year_controls(lo, hi, FIRST_YEAR, LAST_YEAR),
            *ticks,
            _menu("actor", "Actor ", ALL, actors, ["any actor", *actors]),
            search,
        ],
        spacing=18,
        description="Timeline of events by category; the list below it names every event shown.",
    )


def membership_rows(members: pd.DataFrame) -> pd.DataFrame:
    """One row per member country: accession date (ISO and as written) and year."""
    return pd.DataFrame(
        {
            "country": members["country"].astype(str),
            "date": members["accession_date"].dt.strftime("%Y-%m-%d"),
            "year": members["accession_date"].dt.year.astype(int),
            "joined": [timeline.display_date(d, "day") for d in members["accession_date"]],
        }
    ).sort_values(["date", "country"])


def membership_explorer(
    members: pd.DataFrame, year: int = 2024, country: str | None = None
) -> VegaLiteChart:
    """NATO's members at the end of a chosen year, and one chosen country's status in that year.

    The dots are the countries that were members on 31 December of the year (as
    :func:`japan_nato.membership.members_in`); the line above them answers "was this country a
    member in that year?" with :func:`japan_nato.membership.status_in_year`'s three answers.
    """
    rows = membership_rows(members)
    order = list(rows["country"])
    by_name = sorted(order)
    is_chosen = "datum.country == country"
    answer = _text_line(
        [
            {"filter": is_chosen},
            {
                "calculate": (
                    "datum.country + ' in ' + at_year + ': ' + (datum.year < at_year ? "
                    f"'{membership.MEMBER}' : datum.year == at_year ? '{membership.JOINED}' : "
                    f"'{membership.NOT_MEMBER}') + ' (joined ' + datum.joined + ')'"
                ),
                "as": "answer",
            },
        ],
        "answer",
        fontWeight="bold",
    )
    size = _text_line(
        [
            {"filter": "datum.year <= at_year"},
            {"aggregate": [{"op": "count", "as": "members"}]},
            {
                "calculate": "'At the end of ' + at_year + ': ' + datum.members + ' members'",
                "as": "line",
            },
        ],
        "line",
    )
    dots = {
        "title": "NATO's members at the end of the year",
        "transform": [{"filter": "datum.year <= at_year"}],
        "mark": {"type": "point", "filled": True, "size": 60},
        "encoding": {
            "x": _field(
                "date",
                "temporal",
                title="Date of joining",
                scale={"domain": ["1949-01-01", f"{LAST_YEAR}-12-31"]},
                axis={"format": "%Y", "labelFontSize": 12},
            ),
            "y": _field("country", "nominal", sort=order, title=None, axis={"labelFontSize": 11}),
            "color": {"condition": {"test": is_chosen, "value": "#CC6677"}, "value": "#332288"},
            "shape": {"condition": {"test": is_chosen, "value": "diamond"}, "value": "circle"},
            "description": _field("country", "nominal"),
            "tooltip": _tooltip(("country", "Country"), ("joined", "Joined")),
        },
        "width": WIDTH,
        "height": {"step": 14},
    }
    return _explorer(
        rows,
        [answer, size, dots],
        [
            _slider("at_year", "Year ", year, 1949, LAST_YEAR),
            _menu("country", "Country ", country or ALL, by_name, ["no country", *by_name]),
        ],
        spacing=8,
        description="NATO's members at the end of the chosen year, by date of joining.",
    )


def figure3_rows(ops: pd.DataFrame, participants: pd.DataFrame, members: pd.DataFrame):
    """One row per listing in the paper's Figure 3 with the country's NATO status in the year the
    paper gives (:func:`japan_nato.operations.membership_check`)."""
    check = operations.membership_check(ops, participants, members)
    labels = operations.label(ops).set_axis(ops["operation_id"])
    return check.assign(
        label=check["operation_id"].map(labels),
        year=check["year_deployed"].astype(int),
        listing=check["operation_id"] + ":" + check["country"],
        legend=check["status"].map({k: v[2] for k, v in STATUS_STYLE.items()}),
    )[["operation_id", "label", "year", "country", "status", "legend", "listing"]]


def figure3_explorer(
    ops: pd.DataFrame,
    participants: pd.DataFrame,
    members: pd.DataFrame,
    years: tuple[int, int] | None = None,
    operation: str | None = None,
) -> VegaLiteChart:
    """The paper's Figure 3 as a grid of operations and listed countries, each mark showing the
    country's NATO status in the year the paper gives; controls choose the years or one operation
    (as :func:`japan_nato.operations.select`). ``operation`` is the one to start on, if any."""
    rows = figure3_rows(ops, participants, members)
    first, last = int(ops["year_deployed"].min()), int(ops["year_deployed"].max())
    lo, hi = sorted(years) if years else (first, last)
    ordered = ops.sort_values("paper_row")
    op_labels = operations.label(ordered).tolist()
    shown = f"{_IN_YEARS} && (operation == 'all' || datum.operation_id == operation)"
    counts = rows["country"].value_counts()
    countries = sorted(counts.index, key=lambda c: (-counts[c], c))
    statuses = [s for s in STATUS_STYLE if s in set(rows["status"])]
    legends = [STATUS_STYLE[s][2] for s in statuses]
    summary = _count_line(
        shown,
        {
            "listings": "datum.shown",
            "not_yet": f"datum.shown && datum.status == '{membership.NOT_MEMBER}' ? 1 : 0",
        },
        "datum.listings + ' listings; ' + datum.not_yet + "
        "' name a country that was not yet a NATO member in the year given'",
    )
    grid = {
        "title": "The paper's Figure 3, checked",
        "transform": [{"filter": shown}],
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1},
        "encoding": {
            "x": _field(
                "country",
                "nominal",
                sort=countries,
                title=None,
                axis={"labelAngle": -50, "labelFontSize": 11},
            ),
            "y": _field("label", "nominal", sort=op_labels, title=None, axis={"labelFontSize": 11}),
            "color": _field(
                "legend",
                "nominal",
                title="NATO status in the year given",
                scale={"domain": legends, "range": [STATUS_STYLE[s][0] for s in statuses]},
                legend={"orient": "bottom", "columns": 2, "labelFontSize": 12, "labelLimit": 260},
            ),
            "shape": _field(
                "legend",
                "nominal",
                scale={"domain": legends, "range": [STATUS_STYLE[s][1] for s in statuses]},
            ),
            "description": _field("listing", "nominal"),
            "tooltip": _tooltip(
                ("label", "Operation"), ("country", "Country"), ("legend", "Status")
            ),
        },
        "width": {"step": 22},
        "height": {"step": 20},
    }
    return _explorer(
        rows,
        [summary, grid],
        [
            *_year_controls(lo, hi, first, last),
            _menu(
                "operation",
                "Operation ",
                operation or ALL,
                list(ordered["operation_id"]),
                ["every operation in these years", *op_labels],
            ),
        ],
        spacing=8,
        description=(
            "Grid of the operations in the paper's Figure 3 and the countries it lists, each "
            "marked with the country's NATO status in the year the paper gives."
        ),
    )
