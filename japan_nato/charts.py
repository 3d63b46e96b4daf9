"""The explorers as Vega-Lite charts: controls that work with no kernel, in the book and in JupyterLab.

Each function returns an Altair chart whose controls (sliders, menus, a search box) are Vega-Lite
parameters bound to HTML inputs, so the chart redraws itself in the reader's browser: on the
static page, offline (the book loads Vega from its own files, see ``japan_nato.book``), and in
JupyterLab, whose built-in Vega-Lite 5 renderer draws the same specification.

One source of truth: the rows a chart holds and the values it shows (dates at their precision,
NATO status in a year) come from the package's pure functions; only the filters run in the
browser, and they mirror :func:`japan_nato.timeline.filter_events`,
:func:`japan_nato.membership.members_in` and :func:`japan_nato.operations.select`. A browser test
sets the controls and checks that the chart draws exactly the rows the Python function returns.

Every drawn mark carries its row's id as its accessible description (``event_id``, country,
``operation_id:country``), which screen readers announce and the test reads.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from japan_nato import membership, operations, timeline

#: How vega-embed draws every chart, in the book and in JupyterLab alike: as SVG, so that every
#: mark keeps its accessible description, and without the actions menu, whose links lead to the
#: online Vega editor.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}

# Notebooks store the Vega-Lite specification itself (not HTML that would fetch Vega from a CDN),
# with the embedding options in the output's metadata, where JupyterLab's own Vega renderer reads
# them; the book's MyST-NB plugin (japan_nato.book) reads the same options from the specification.
alt.renderers.enable("mimetype", embed_options=EMBED_OPTIONS)

#: Width of the plotting area in pixels: fits the book's text column; narrower screens scroll.
WIDTH = 560
FIRST_YEAR, LAST_YEAR = 1945, 2024
ALL = "all"

STATUS_STYLE = {  # the colours and shapes of operations.MatrixChart, so both figures agree
    membership.MEMBER: ("#332288", "circle", "NATO member all that year"),
    membership.JOINED: ("#DDCC77", "triangle-up", "joined NATO that year"),
    membership.NOT_MEMBER: ("#CC6677", "cross", "not yet a NATO member"),
    membership.UNKNOWN: ("#999999", "square", "not in nato_members.csv"),
}


def _finish(chart):
    """White background (the charts stay readable in the book's dark theme), room to breathe, and
    the embedding options."""
    return (
        chart.properties(usermeta={"embedOptions": EMBED_OPTIONS})
        .configure(background="white", padding=10)
        .configure_view(stroke=None)
    )


def _year_controls(lo: int, hi: int, first: int, last: int) -> tuple[alt.Parameter, alt.Parameter]:
    start = alt.param(
        name="from_year",
        value=int(lo),
        bind=alt.binding_range(min=first, max=last, step=1, name="From year "),
    )
    end = alt.param(
        name="to_year",
        value=int(hi),
        bind=alt.binding_range(min=first, max=last, step=1, name="To year "),
    )
    return start, end


def _menu(name: str, label: str, everything: str, options: list[str]) -> alt.Parameter:
    return alt.param(
        name=name,
        value=ALL,
        bind=alt.binding_select(options=[ALL, *options], labels=[everything, *options], name=label),
    )


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
) -> alt.VConcatChart:
    """The timeline with its controls: a year range, a tick box per category, an actor and a
    search box.

    The chart holds every event and starts on ``years``; below the dots, a list names each event
    drawn, so the result can be read without hovering (and by a screen reader).
    """
    lo, hi = sorted(years) if years else timeline.year_span(events)
    rows = timeline_rows(events)
    cats = timeline.categories(events)
    start, end = _year_controls(lo, hi, FIRST_YEAR, LAST_YEAR)
    # One tick box per category, as the widget's multiple choice: unticking every box shows nothing.
    ticks = [
        alt.param(name=category_param(c), value=True, bind=alt.binding_checkbox(name=f"{c} "))
        for c in cats
    ]
    actor = _menu("actor", "Actor ", "any actor", timeline.actors(events))
    search = alt.param(
        name="search",
        value="",
        bind=alt.binding(input="search", placeholder="a word", name="Search "),
    )
    ticked = " || ".join(f"(datum.category == '{c}' && {category_param(c)})" for c in cats)
    shown = (
        f"{_IN_YEARS}"
        f" && ({ticked or 'false'})"
        " && (actor == 'all' || indexof(datum.actor_key, ';' + actor + ';') >= 0)"
        " && (trim(search) == '' || indexof(datum.haystack, lower(trim(search))) >= 0)"
    )
    base = alt.Chart(rows).transform_filter(shown)
    dots = (
        base.mark_point(filled=True, size=70, opacity=0.9)
        .encode(
            x=alt.X(
                "date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelFontSize=12)
            ),
            y=alt.Y("category:N", title=None, sort=cats, axis=alt.Axis(labelFontSize=12)),
            color=alt.Color(
                "category:N",
                scale=alt.Scale(domain=cats, range=timeline.PALETTE[: len(cats)]),
                legend=None,
            ),
            shape=alt.Shape("category:N", scale=alt.Scale(domain=cats), legend=None),
            description=alt.Description("event_id:N"),
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(26), title=title or "The timeline")
    )
    listing = (
        base.transform_window(row="row_number()", sort=[{"field": "date"}, {"field": "event_id"}])
        .transform_calculate(line="datum.when + ': ' + datum.title + ' (' + datum.event_id + ')'")
        .mark_text(align="left", baseline="middle", fontSize=12, limit=WIDTH, x=0)
        .encode(
            y=alt.Y("row:O", axis=None),
            order=alt.Order("row:Q"),  # the list's lines stay in date order for screen readers
            text="line:N",
            description=alt.Description("line:N"),
        )
        .properties(width=WIDTH, height=alt.Step(18), title="Events shown, earliest first")
    )
    return _finish(
        alt.vconcat(dots, listing, spacing=18)
        .add_params(start, end, *ticks, actor, search)
        .properties(
            description="Timeline of events by category; the list below it names every event shown."
        )
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
) -> alt.VConcatChart:
    """NATO's members at the end of a chosen year, and one chosen country's status in that year.

    The dots are the countries that were members on 31 December of the year (as
    :func:`japan_nato.membership.members_in`); the line above them answers "was this country a
    member in that year?" with :func:`japan_nato.membership.status_in_year`'s three answers.
    """
    rows = membership_rows(members)
    order = list(rows["country"])
    chosen_year = alt.param(
        name="at_year",
        value=int(year),
        bind=alt.binding_range(min=1949, max=LAST_YEAR, step=1, name="Year "),
    )
    chosen = alt.param(
        name="country",
        value=country or ALL,
        bind=alt.binding_select(
            options=[ALL, *sorted(order)], labels=["no country", *sorted(order)], name="Country "
        ),
    )
    answer = (
        alt.Chart(rows)
        .transform_filter("datum.country == country")
        .transform_calculate(
            answer=(
                "datum.country + ' in ' + at_year + ': ' + (datum.year < at_year ? "
                f"'{membership.MEMBER}' : datum.year == at_year ? '{membership.JOINED}' : "
                f"'{membership.NOT_MEMBER}') + ' (joined ' + datum.joined + ')'"
            )
        )
        .mark_text(align="left", fontSize=14, fontWeight="bold", x=0)
        .encode(text="answer:N", description=alt.Description("answer:N"))
        .properties(width=WIDTH, height=22)
    )
    size = (
        alt.Chart(rows)
        .transform_filter("datum.year <= at_year")
        .transform_aggregate(members="count()")
        .transform_calculate(line="'At the end of ' + at_year + ': ' + datum.members + ' members'")
        .mark_text(align="left", fontSize=14, x=0)
        .encode(text="line:N", description=alt.Description("line:N"))
        .properties(width=WIDTH, height=22)
    )
    dots = (
        alt.Chart(rows)
        .transform_filter("datum.year <= at_year")
        .mark_point(filled=True, size=60)
        .encode(
            x=alt.X(
                "date:T",
                title="Date of joining",
                scale=alt.Scale(domain=["1949-01-01", f"{LAST_YEAR}-12-31"]),
                axis=alt.Axis(format="%Y", labelFontSize=12),
            ),
            y=alt.Y("country:N", sort=order, title=None, axis=alt.Axis(labelFontSize=11)),
            color=alt.condition(
                "datum.country == country", alt.value("#CC6677"), alt.value("#332288")
            ),
            shape=alt.condition(
                "datum.country == country", alt.value("diamond"), alt.value("circle")
            ),
            description=alt.Description("country:N"),
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("joined:N", title="Joined"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(14), title="NATO's members at the end of the year")
    )
    return _finish(
        alt.vconcat(answer, size, dots, spacing=8)
        .add_params(chosen_year, chosen)
        .properties(description="NATO's members at the end of the chosen year, by date of joining.")
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
) -> alt.VConcatChart:
    """The paper's Figure 3 as a grid of operations and listed countries, each mark showing the
    country's NATO status in the year the paper gives; controls choose the years or one operation
    (as :func:`japan_nato.operations.select`). ``operation`` is the one to start on, if any."""
    rows = figure3_rows(ops, participants, members)
    first, last = int(ops["year_deployed"].min()), int(ops["year_deployed"].max())
    lo, hi = sorted(years) if years else (first, last)
    start, end = _year_controls(lo, hi, first, last)
    ordered = ops.sort_values("paper_row")
    op_labels = operations.label(ordered).tolist()
    chosen = alt.param(
        name="operation",
        value=operation or ALL,
        bind=alt.binding_select(
            options=[ALL, *ordered["operation_id"]],
            labels=["every operation in these years", *op_labels],
            name="Operation ",
        ),
    )
    shown = f"{_IN_YEARS} && (operation == 'all' || datum.operation_id == operation)"
    counts = rows["country"].value_counts()
    countries = sorted(counts.index, key=lambda c: (-counts[c], c))
    statuses = [s for s in STATUS_STYLE if s in set(rows["status"])]
    base = alt.Chart(rows).transform_filter(shown)
    summary = (
        base.transform_calculate(not_member=f"datum.status == '{membership.NOT_MEMBER}' ? 1 : 0")
        .transform_aggregate(listings="count()", not_yet="sum(not_member)")
        .transform_calculate(
            line="datum.listings + ' listings; ' + datum.not_yet + "
            "' name a country that was not yet a NATO member in the year given'"
        )
        .mark_text(align="left", fontSize=14, x=0)
        .encode(text="line:N", description=alt.Description("line:N"))
        .properties(width=WIDTH, height=22)
    )
    grid = (
        base.mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=alt.X(
                "country:N",
                sort=countries,
                title=None,
                axis=alt.Axis(labelAngle=-50, labelFontSize=11),
            ),
            y=alt.Y("label:N", sort=op_labels, title=None, axis=alt.Axis(labelFontSize=11)),
            color=alt.Color(
                "legend:N",
                title="NATO status in the year given",
                scale=alt.Scale(
                    domain=[STATUS_STYLE[s][2] for s in statuses],
                    range=[STATUS_STYLE[s][0] for s in statuses],
                ),
                legend=alt.Legend(orient="bottom", columns=2, labelFontSize=12, labelLimit=260),
            ),
            shape=alt.Shape(
                "legend:N",
                scale=alt.Scale(
                    domain=[STATUS_STYLE[s][2] for s in statuses],
                    range=[STATUS_STYLE[s][1] for s in statuses],
                ),
            ),
            description=alt.Description("listing:N"),
            tooltip=[
                alt.Tooltip("label:N", title="Operation"),
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("legend:N", title="Status"),
            ],
        )
        .properties(width=alt.Step(22), height=alt.Step(20), title="The paper's Figure 3, checked")
    )
    return _finish(
        alt.vconcat(summary, grid, spacing=8)
        .add_params(start, end, chosen)
        .properties(
            description=(
                "Grid of the operations in the paper's Figure 3 and the countries it lists, each "
                "marked with the country's NATO status in the year the paper gives."
            )
        )
    )
