"""The evidence, shown whole: the student-facing calls that put rows of ``data/`` on the page.

A chapter's visible code cells read as sentences built from these calls
(``show_events("ev041", "ev042")``, ``notes("ev045", "ev079")``); chapter 0 lists them. Each returns
an :class:`Evidence` object that Jupyter shows as a readable HTML table or list (every text whole and
wrapped, never cut with "...", readable at phone width, styled inline so it reads the same in the
book and in JupyterLab) and, wherever only text is shown, as the same content in plain text.

Selecting and checking rows is left to the pure functions of the subject modules (``timeline``,
``membership``, ``operations``) wherever they hold the rule; this module picks rows by id or by
those functions, counts what it shows, and lays it out. Every call is tested in
``tests/test_evidence.py`` or guarded through a chapter's checked output (nbval).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from japan_nato.data import DataError, catalogue, columns, load
from japan_nato.data import try_edit as data_try_edit
from japan_nato.membership import JOINED, NOT_MEMBER, accession, size_by_year
from japan_nato.operations import (
    RECORD_EVENTS,
    membership_check,
    participation_matrix,
    select,
)
from japan_nato.timeline import display_date, filter_events

#: Inline styles: no colours of their own (text and borders follow the page's theme, light or dark,
#: in the book and in JupyterLab alike), wrapping long text instead of widening the page.
TABLE_STYLE = (
    "border-collapse:collapse;width:100%;max-width:100%;table-layout:auto;"
    "font-size:0.95em;line-height:1.4;margin:0.5em 0"
)
CELL_STYLE = (
    "text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere;"
    "padding:0.3em 0.6em 0.3em 0;border-bottom:1px solid rgba(128,128,128,0.45)"
)
LIST_STYLE = "margin:0.5em 0;line-height:1.45"
TERM_STYLE = "font-weight:bold;margin-top:0.6em"
DEFINITION_STYLE = "margin:0.15em 0 0.4em 1.2em;white-space:normal;overflow-wrap:anywhere"
WIDTH = 88  # plain-text line length


@dataclass
class Evidence:
    """Rows to read: a table (``kind="table"``) or a list of titled notes (``kind="list"``).

    ``rows`` are lists of strings, one per column in ``columns``. A list shows the first column as
    the title of each entry and the others, labelled, beneath it.
    """

    columns: list[str]
    rows: list[list[str]]
    kind: str = "table"
    caption: str = ""
    empty: str = "Nothing matches."
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = []
        if not self.rows:
            parts.append(f"<p><em>{esc(self.empty)}</em></p>")
        elif self.kind == "table":
            head = "".join(
                f'<th scope="col" style="{CELL_STYLE}">{esc(c)}</th>' for c in self.columns
            )
            body = "".join(
                "<tr>" + "".join(f'<td style="{CELL_STYLE}">{esc(v)}</td>' for v in row) + "</tr>"
                for row in self.rows
            )
            caption = (
                f'<caption style="text-align:left;font-weight:bold;caption-side:top;color:inherit">'
                f"{esc(self.caption)}</caption>"
                if self.caption
                else ""
            )
            parts.append(
                f'<table class="japan-nato-evidence" style="{TABLE_STYLE}">{caption}'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
        else:
            if self.caption:
                parts.append(f"<p><strong>{esc(self.caption)}</strong></p>")
            items = []
            for row in self.rows:
                described = [
                    f'<dd style="{DEFINITION_STYLE}">'
                    + (f"<em>{esc(label)}:</em> " if label else "")
                    + f"{esc(value)}</dd>"
                    for label, value in zip(self.columns[1:], row[1:], strict=True)
                    if value
                ]
                blank = f'<dd style="{DEFINITION_STYLE}"><em>(nothing recorded)</em></dd>'
                items += [f'<dt style="{TERM_STYLE}">{esc(row[0])}</dt>', *(described or [blank])]
            parts.append(
                f'<dl class="japan-nato-evidence" style="{LIST_STYLE}">{"".join(items)}</dl>'
            )
        parts.extend(f"<p>{esc(n)}</p>" for n in self.notes)
        return '<div class="japan-nato-evidence-block">' + "".join(parts) + "</div>"

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        if not self.rows:
            lines.append(self.empty)
        elif self.kind == "table":
            lines.append(" | ".join(self.columns))
            for row in self.rows:
                line = " | ".join(row)
                lines.append(textwrap.fill(line, WIDTH, subsequent_indent="    "))
        else:
            for row in self.rows:
                lines.append(textwrap.fill(row[0], WIDTH))
                for label, value in zip(self.columns[1:], row[1:], strict=True):
                    if value:
                        text = f"{label}: {value}" if label else value
                        lines.append(
                            textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="  ")
                        )
        lines.extend(textwrap.fill(n, WIDTH) for n in self.notes)
        return "\n".join(lines)


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _when(frame: pd.DataFrame) -> list[str]:
    return [display_date(d, p) for d, p in zip(frame["date"], frame["date_precision"], strict=True)]


def table(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> Evidence:
    """Any table, whole: the chosen ``columns`` (all by default), every text in full."""
    columns = list(columns or frame.columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r}; the table has {list(frame.columns)}")
    rows = [[_text(v) for v in row] for row in frame[columns].itertuples(index=False)]
    return Evidence(columns, rows)


# -- the timeline -------------------------------------------------------------------------------


def _events_by_id(ids: Iterable[str]) -> pd.DataFrame:
    events = load("events").set_index("event_id", drop=False)
    ids = list(ids)
    unknown = [i for i in ids if i not in events.index]
    if unknown:
        raise DataError(f"events.csv: no event with event_id {unknown[0]!r}.")
    return events.loc[ids]


def events(
    *event_ids: str,
    years: tuple[int, int] | None = None,
    categories: Iterable[str] | None = None,
    actor: str | None = None,
    both: bool = False,
    text: str = "",
    scope: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The timeline's rows: the named events in the order given, or else the events that match
    (``both``: involving Japan and NATO together), in date order."""
    if event_ids:
        return _events_by_id(event_ids)
    frame = load("events")
    if both:
        frame = filter_events(filter_events(frame, actor="Japan"), actor="NATO")
    return filter_events(frame, years, categories, actor, text, scope).reset_index(drop=True)


def show_events(
    *event_ids: str,
    years: tuple[int, int] | None = None,
    categories: Iterable[str] | None = None,
    actor: str | None = None,
    both: bool = False,
    text: str = "",
    scope: Iterable[str] | None = None,
    details: bool = False,
    show_scope: bool = False,
) -> Evidence:
    """Events as a table: when, what, and which event (its id), with the source; with
    ``details``, the note on each event too; with ``show_scope``, whether the paper names it
    ("paper") or the book adds it ("context", "after_paper"). Choose events by id, or by the filters of
    :func:`japan_nato.timeline.filter_events` (``both``: events involving Japan and NATO)."""
    frame = events(
        *event_ids,
        years=years,
        categories=categories,
        actor=actor,
        both=both,
        text=text,
        scope=scope,
    )
    columns = ["When", "Event", "Id"] + (["Scope"] if show_scope else []) + ["Source"]
    columns += ["Note"] if details else []
    rows = [
        [when, row.title, row.event_id]
        + ([str(row.scope)] if show_scope else [])
        + [_text(row.source)]
        + ([_text(row.note)] if details else [])
        for when, row in zip(_when(frame), frame.itertuples(), strict=True)
    ]
    return Evidence(columns, rows, empty="No events match.")


def count_events(
    years: tuple[int, int] | None = None,
    categories: Iterable[str] | None = None,
    actor: str | None = None,
    both: bool = False,
    scope: Iterable[str] | None = None,
    by: str = "scope",
) -> Evidence:
    """How many events match, in all and by ``by`` ("scope", "category" or "year"); only the
    values that occur are listed."""
    frame = events(years=years, categories=categories, actor=actor, both=both, scope=scope)
    key = frame["date"].dt.year if by == "year" else frame[by].astype(str)
    counts = key.value_counts().sort_index()
    rows = [["all events", str(len(frame))]] + [[str(k), str(n)] for k, n in counts.items() if n]
    label = {"scope": "Scope", "category": "Category", "year": "Year"}[by]
    return Evidence([label, "Events"], rows)


# -- notes on any row ---------------------------------------------------------------------------

#: Which table an id belongs to, by its prefix, and how to title its entry.
_ID_TABLES = {
    "ev": ("events", "event_id", "title"),
    "pt": ("partnerships", "instrument_id", "name"),
    "af": ("afghanistan_support", "figure_id", "measure"),
    "op": ("operations", "operation_id", "place"),
    "law": ("security_laws", "law_id", "name"),
}


def _row(row_id: str) -> tuple[str, pd.Series]:
    for prefix, (name, key, _title) in _ID_TABLES.items():
        if row_id.startswith(prefix) and row_id[len(prefix) :].isdigit():
            frame = load(name).set_index(key, drop=False)
            if row_id not in frame.index:
                raise DataError(f"{name}.csv: no row with {key} {row_id!r}.")
            return prefix, frame.loc[row_id]
    known = ", ".join(f"{p}..." for p in _ID_TABLES)
    raise DataError(f"{row_id!r} is not an id this book uses ({known}).")


def notes(*row_ids: str) -> Evidence:
    """The whole note and source of each row named (events ``ev``, instruments ``pt``, the
    paper's Afghanistan figures ``af``, Figure 3's operations ``op``, laws ``law``), in order."""
    rows = []
    for row_id in row_ids:
        prefix, row = _row(row_id)
        title = row[_ID_TABLES[prefix][2]]
        if "date_precision" in row.index and "date" in row.index:
            title = f"{display_date(row['date'], row['date_precision'])}: {title}"
        elif prefix == "law":
            title = f"{row['enacted'].year}: {title}"
        elif prefix == "op":
            title = f"{title} ({row['year_deployed']})"
        note = _text(row.get("note", "")) or _text(row.get("as_stated", ""))
        if prefix == "af":
            note = f"{_text(row['value'])} {_text(row['unit'])}. The paper: “{_text(row['as_stated'])}”"
        rows.append([f"{title} [{row_id}]", note, _text(row.get("source", ""))])
    return Evidence(["Entry", "", "Source"], rows, kind="list")


def show_terms(*terms: str) -> Evidence:
    """Glossary entries, whole: the term, what it stands for, its definition and source."""
    glossary = load("glossary").set_index("term", drop=False)
    unknown = [t for t in terms if t not in glossary.index]
    if unknown:
        raise DataError(f"glossary.csv: no term {unknown[0]!r}.")
    rows = [
        [
            f"{t} ({_text(glossary.loc[t, 'expansion'])})"
            if _text(glossary.loc[t, "expansion"])
            else t,
            _text(glossary.loc[t, "definition"]),
            _text(glossary.loc[t, "source"]),
        ]
        for t in terms
    ]
    return Evidence(["Term", "", "Source"], rows, kind="list")


# -- partnership instruments ----------------------------------------------------------------------


def show_instruments(
    *instrument_ids: str,
    kind: str | None = None,
    until: int | None = None,
    scope: str | None = None,
) -> Evidence:
    """Partnership instruments (``partnerships.csv``) as a table, in date order: by id, or
    those of a ``kind`` ("nato_framework", "japan_instrument"), up to the year ``until``, of a
    ``scope``."""
    frame = load("partnerships")
    if instrument_ids:
        frame = frame.set_index("instrument_id", drop=False).loc[list(instrument_ids)]
    else:
        if kind:
            frame = frame[frame["kind"] == kind]
        if until is not None:
            frame = frame[frame["date"].dt.year <= until]
        if scope:
            frame = frame[frame["scope"] == scope]
        frame = frame.sort_values(["date", "instrument_id"])
    rows = [
        [when, row.name, row.instrument_id, str(row.kind).replace("_", " ")]
        for when, row in zip(_when(frame), frame.itertuples(), strict=True)
    ]
    return Evidence(["When", "Instrument", "Id", "Kind"], rows, empty="No instruments match.")


def days_before(later_id: str, *earlier_ids: str) -> Evidence:
    """How many days each earlier event came before the event ``later_id``. Only events dated to
    the day are counted: a month or a year is never turned into an invented day."""
    chosen = _events_by_id([*earlier_ids, later_id])
    vague = chosen[chosen["date_precision"] != "day"]
    if len(vague):
        first = vague.iloc[0]
        raise DataError(
            f"events.csv: {first['event_id']} is dated only to the {first['date_precision']}; "
            "a count of days needs dates known to the day."
        )
    later = chosen.loc[later_id]
    when = display_date(later["date"], "day")
    rows = [
        [
            display_date(row["date"], "day"),
            row["title"],
            row["event_id"],
            f"{(later['date'] - row['date']).days} days before {when}",
        ]
        for _, row in chosen.drop(index=later_id).iterrows()
    ]
    return Evidence(["When", "Event", "Id", "Gap"], rows, caption=f"Before: {later['title']}")


# -- NATO's members -------------------------------------------------------------------------------


def joined_between(first: int, last: int) -> Evidence:
    """The countries that joined NATO from ``first`` to ``last`` (inclusive), with their dates,
    and NATO's size at the end of the year before and of ``last``."""
    members = load("nato_members")
    year = members["accession_date"].dt.year
    joined = members[(year >= first) & (year <= last)].sort_values(["accession_date", "country"])
    sizes = size_by_year(members, 1948, max(last, 1949))
    rows = [
        [row.country, f"{row.accession_date.day} {row.accession_date:%B %Y}"]
        for row in joined.itertuples()
    ]
    before = f"Members at the end of {first - 1}: {sizes[first - 1]}. " if first > 1949 else ""
    caption = f"{before}Members at the end of {last}: {sizes[last]}."
    return Evidence(["Country", "Joined on"], rows, caption=caption, empty="No country joined.")


# -- the paper's figures and its Figure 3 ---------------------------------------------------------


def show_paper_figures(*figure_ids: str, section: str | None = None) -> Evidence:
    """The paper's own numbers (``afghanistan_support.csv``): by id, or those of a paper
    ``section`` (e.g. "s16"), with the paper's wording beside each."""
    frame = load("afghanistan_support")
    if figure_ids:
        frame = frame.set_index("figure_id", drop=False).loc[list(figure_ids)]
    elif section:
        frame = frame[frame["paper_section"] == section]
    rows = [
        [row.figure_id, row.measure, f"{_text(row.value)} {row.unit}", row.as_stated, row.period]
        for row in frame.itertuples()
    ]
    return Evidence(["Id", "Measure", "Value", "The paper's words", "When"], rows)


def show_operations() -> Evidence:
    """The paper's Figure 3 as printed, one row per operation, every list of countries whole."""
    ops = load("operations").sort_values("paper_row")
    rows = [
        [
            str(row.paper_row),
            row.place,
            "UN" if row.un_mission else "non-UN",
            row.japan_role,
            str(row.year_deployed),
            row.participants_as_printed,
        ]
        for row in ops.itertuples()
    ]
    return Evidence(
        ["Row", "Place", "Mission", "Japan's role", "Year", "NATO members listed"], rows
    )


def count_listings(most: int = 3) -> Evidence:
    """What Figure 3 holds: operations, rows by kind of list, distinct countries named, and the
    ``most`` countries named most often."""
    ops, participants = load("operations"), load("operation_participants")
    kinds = ops["participants_kind"].astype(str).value_counts().sort_index()
    matrix = participation_matrix(ops, participants)
    often = ", ".join(f"{c} ({n})" for c, n in matrix.sum(axis=1).head(most).items())
    rows = [["operations", str(len(ops))]]
    rows += [[f"rows whose list is of kind '{k}'", str(n)] for k, n in kinds.items()]
    rows += [
        ["distinct countries named", str(participants["country"].nunique())],
        [f"named most often (the top {most})", often],
    ]
    return Evidence(["In Figure 3", "Count"], rows)


def countries_listed(operation_id: str) -> Evidence:
    """The countries Figure 3 lists for one operation, in the paper's order and spelling."""
    ops = load("operations").set_index("operation_id")
    if operation_id not in ops.index:
        raise DataError(f"operations.csv: no operation with operation_id {operation_id!r}.")
    participants = load("operation_participants")
    rows = participants[participants["operation_id"] == operation_id].sort_values("position")
    op = ops.loc[operation_id]
    return Evidence(
        ["#", "As printed", "Country"],
        [[str(r.position), r.country_as_printed, r.country] for r in rows.itertuples()],
        caption=f"{op['place']} ({op['year_deployed']}), in the paper's order",
    )


def figure3_check(operation_id: str) -> Evidence:
    """Was each country Figure 3 lists for ``operation_id`` a NATO member in the year the paper
    gives? One row per country, with the date it joined."""
    ops = load("operations")
    chosen = select(ops, operation_id=operation_id)
    if chosen.empty:
        raise DataError(f"operations.csv: no operation with operation_id {operation_id!r}.")
    members = load("nato_members")
    check = membership_check(chosen, load("operation_participants"), members)
    year = int(chosen["year_deployed"].iloc[0])
    rows = []
    for row in check.itertuples():
        joined = accession(members, row.country)
        when = f"{joined.day} {joined:%B %Y}" if joined is not None else "never"
        rows.append([row.country, str(row.status), when])
    caption = f"{chosen['place'].iloc[0]}, {year}: each listed country's status that year"
    return Evidence(["Country", f"In {year}", "Joined NATO"], rows, caption=caption)


def count_members(*years: int) -> Evidence:
    """NATO's number of members at the end of each of ``years``."""
    sizes = size_by_year(load("nato_members"))
    return Evidence(["End of", "Members"], [[str(y), str(sizes[y])] for y in years])


def paper_time_span() -> Evidence:
    """When the paper's story stops and when its sources were written: the last event it dates,
    and the years of the works in its reference list."""
    events = load("events")
    dated = events[events["scope"] == "paper"].sort_values("date")
    last = dated.iloc[-1]
    years = sorted(int(y) for y in load("references")["year"].unique())
    rows = [
        [
            "the last event the paper dates",
            f"{display_date(last['date'], last['date_precision'])} ({last['event_id']})",
        ],
        ["the years of its references", ", ".join(str(y) for y in years)],
    ]
    return Evidence(["The paper", "When"], rows)


def _figure3_records() -> list[tuple]:
    """Each row of Figure 3, in the paper's order, with the timeline event that records it."""
    ops = load("operations").sort_values("paper_row")
    events = load("events").set_index("event_id", drop=False)
    return [(op, events.loc[RECORD_EVENTS[op.operation_id]]) for op in ops.itertuples()]


def figure3_beside_record() -> Evidence:
    """Each row of Figure 3 beside the timeline event that records the deployment: the paper's
    year next to the record's date."""
    rows = [
        [
            str(op.paper_row),
            op.place,
            str(op.year_deployed),
            display_date(event["date"], event["date_precision"]),
            f"{event['title']} ({event['event_id']})",
        ]
        for op, event in _figure3_records()
    ]
    return Evidence(["Row", "Place", "Paper's year", "Record", "Event"], rows)


def figure3_year_differences() -> Evidence:
    """The rows of Figure 3 whose year differs from the year of the event that records them."""
    rows = [
        [op.place, str(op.year_deployed), str(event["date"].year)]
        for op, event in _figure3_records()
        if event["date"].year != int(op.year_deployed)
    ]
    return Evidence(["Place", "Paper", "Record"], rows, empty="Every year agrees.")


def figure3_not_members() -> Evidence:
    """Figure 3's listings of a country that was not yet a NATO member in the year the paper
    gives, with counts of those and of countries that joined that very year."""
    ops = load("operations")
    members = load("nato_members")
    check = membership_check(ops, load("operation_participants"), members)
    wrong = check[check["status"] == NOT_MEMBER].sort_values(["place", "country"])
    joined = int((check["status"] == JOINED).sum())
    rows = [[f"{r.place} {r.year_deployed}", r.country] for r in wrong.itertuples()]
    caption = (
        f"Listings naming a country not yet in NATO that year: {len(wrong)}. "
        f"Listings naming a country that joined NATO that year: {joined}."
    )
    return Evidence(["Operation", "Country"], rows, caption=caption)


def show_references() -> Evidence:
    """The paper's reference list as printed: position, citation, work and title."""
    refs = load("references").sort_values("position")
    rows = [[str(r.position), r.citation_key, r.work_id, r.title] for r in refs.itertuples()]
    return Evidence(["#", "Cited as", "Work", "Title"], rows)


def count_references() -> Evidence:
    """How many entries the paper's reference list has, how many distinct works they name, and
    which works it lists more than once."""
    refs = load("references").sort_values("position")
    keys = refs.groupby("work_id", sort=True)["citation_key"].agg(list)
    repeated = keys[keys.str.len() > 1]
    rows = [[" | ".join(k), str(len(k))] for k in repeated]
    caption = f"Reference entries: {len(refs)}. Distinct works: {refs['work_id'].nunique()}."
    return Evidence(["Entries for one work", "Times"], rows, caption=caption)


# -- the datasets themselves ----------------------------------------------------------------------


def show_datasets() -> Evidence:
    """Every dataset of the book: file, size and what it holds (``data/datapackage.json``)."""
    return table(catalogue())


def show_columns(name: str) -> Evidence:
    """The columns of dataset ``name``: type, whether required, allowed values, meaning."""
    return table(columns(name))


def count_rows(*names: str) -> Evidence:
    """How many rows each named dataset has."""
    return Evidence(["Dataset", "Rows"], [[n, str(len(load(n)))] for n in names])


def try_edit(name: str, line: int, column: str, value: str) -> Evidence:
    """What loading would say if ``line`` of dataset ``name`` had ``value`` in ``column``: the
    edit is made in a temporary copy of ``data/``, never in the book's files
    (:func:`japan_nato.data.try_edit`)."""
    message = data_try_edit(name, line, column, value)
    return Evidence(["What loading would say"], [[message]])


def show_dataset(name: str, columns: Sequence[str] | None = None) -> Evidence:
    """Every row of dataset ``name`` in file order, with its line in the CSV file (the header is
    line 1), the chosen ``columns`` whole."""
    frame = load(name)
    shown = table(frame, columns)
    lines = [str(i + 2) for i in range(len(frame))]
    return Evidence(
        ["Line", *shown.columns], [[n, *r] for n, r in zip(lines, shown.rows, strict=True)]
    )
