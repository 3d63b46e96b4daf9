"""The explorers on the static page: Vega-Lite charts whose own controls redraw them in the browser,
with no kernel and no network, drawing exactly the rows the package's Python functions return.

The book is built once (``built_book``) and served on 127.0.0.1; every request for another address
is refused and recorded. Each drawn mark carries its row's id as its accessible description
(``japan_nato.charts``), which is what these tests read.
"""

from __future__ import annotations

import pytest

from japan_nato import charts, load, membership, operations, timeline
from tests.conftest import SCREENSHOTS, open_page

CHAPTERS = [
    "01_global_partners",
    "02_roots_1945_1989",
    "03_after_the_cold_war",
    "04_after_9_11",
    "05_afghanistan_collaboration",
    "06_formalising_partnership",
    "07_motives",
    "08_challenges_road_ahead",
    "09_after_the_paper",
    "10_reading_critically",
]
EVENTS = load("events")
MEMBERS = load("nato_members")
OPS = load("operations")
PARTS = load("operation_participants")

DRAWN = """async el => {
    await el.vegaView.runAsync();
    return [...el.querySelectorAll('[aria-roledescription="point"]')]
        .map(mark => mark.getAttribute('aria-label'));
}"""
TEXTS = """async el => {
    await el.vegaView.runAsync();
    return [...el.querySelectorAll('[aria-roledescription="text mark"]')]
        .map(mark => mark.getAttribute('aria-label'));
}"""

#: The marks (dots and lines of text) that lie outside the drawn chart, where a reader cannot see
#: them: a chart that kept the size it started with would cut off what a control added.
CUT_OFF = """async el => {
    await el.vegaView.runAsync();
    const box = el.querySelector('svg').getBoundingClientRect();
    return [...el.querySelectorAll(
        '[aria-roledescription="point"], [aria-roledescription="text mark"]')]
        .filter(mark => {
            const r = mark.getBoundingClientRect();
            return r.top < box.top - 1 || r.bottom > box.bottom + 1
                || r.left < box.left - 1 || r.right > box.right + 1;
        })
        .map(mark => mark.getAttribute('aria-label'));
}"""


def open_offline(browser, url: str, width: int = 1280):
    """A page on the local book, and the requests for any other address (refused)."""
    page, failures = open_page(browser, url, width=width)
    return page, left_the_book(failures)


def left_the_book(failures: list[str]) -> list[str]:
    return [f for f in failures if f.startswith("outside ")]


def control(chart, label: str):
    """The input or menu of the chart's control named ``label``."""
    return chart.locator("label", has_text=label).locator("input, select").first


def move(slider, value: int) -> None:
    """Set a range input as dragging it would: its value, then the event Vega listens to."""
    slider.evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


def set_range(chart, label: str, value: int) -> None:
    move(control(chart, label), value)


def set_timeline(chart, years, ticked=None, actor="all", search="") -> None:
    set_range(chart, "From year", years[0])
    set_range(chart, "To year", years[1])
    for category in timeline.categories(EVENTS):
        box = control(chart, category)
        box.set_checked(ticked is None or category in ticked)
    control(chart, "Actor").select_option(actor)
    control(chart, "Search").fill(search)


@pytest.mark.parametrize("page", [f"notebooks/{c}" for c in CHAPTERS])
def test_every_chapter_has_a_chart_its_controls_redraw_offline(book_page, page):
    chapter = page.removeprefix("notebooks/")
    view, failures = book_page(page)
    chart = view.locator("div.japan-nato-vega").first
    before = chart.evaluate(DRAWN)
    first_range = chart.locator("input[type=range]").first
    low, high = int(first_range.get_attribute("min")), int(first_range.get_attribute("max"))
    start = int(first_range.input_value())
    # Move the first slider to the other end of its range: the chart must draw something else.
    move(first_range, high if start - low < high - start else low)
    after = chart.evaluate(DRAWN)
    chart.scroll_into_view_if_needed()
    view.screenshot(path=str(SCREENSHOTS / f"chart_{chapter[:2]}.png"))
    assert before, f"{chapter}: the chart draws nothing at first"
    assert after != before, f"{chapter}: moving the slider changed nothing"
    away = left_the_book(failures)
    assert away == [], f"{chapter}: requests outside the book: {away}"


TIMELINE_SETTINGS = [
    ((1990, 2024), ["partnership"], "Japan", ""),
    ((1945, 2024), None, "NATO", "summit"),
    ((2009, 2011), None, "all", "PIRACY "),
    ((2014, 1990), ["diplomacy", "aid"], "all", ""),
    ((1945, 2024), ["crisis"], "Japan", "Ö"),
    ((1990, 2024), [], "all", ""),
    ((1945, 2024), None, "all", ""),  # more than the chart starts with: drawn whole
]


def test_the_timeline_draws_exactly_the_events_filter_events_returns(site, browser):
    page, outside = open_offline(browser, f"{site}/notebooks/01_global_partners.html")
    chart = page.locator("div.japan-nato-vega").first
    for years, ticked, actor, search in TIMELINE_SETTINGS:
        set_timeline(chart, years, ticked, actor, search)
        drawn = chart.evaluate(DRAWN)
        expected = timeline.filter_events(
            EVENTS,
            years=years,
            categories=ticked,
            actor=None if actor == "all" else actor,
            text=search,
        )["event_id"].tolist()
        assert sorted(drawn) == sorted(expected), (years, ticked, actor, search)
        count, *listed = chart.evaluate(TEXTS)
        assert [line.rsplit("(", 1)[-1].rstrip(")") for line in listed] == expected
        n = len(expected)
        said = f"{n} event{'' if n == 1 else 's'} shown" if n else charts.NOTHING_SHOWN
        assert count == said, (years, ticked, actor, search)
        assert chart.evaluate(CUT_OFF) == [], (years, ticked, actor, search)
    page.close()
    assert outside == []


@pytest.mark.parametrize("year", [1949, 1982, 1999, 2004, 2023, 2024])
def test_the_membership_chart_draws_the_members_at_the_end_of_the_year(site, browser, year):
    page, _ = open_offline(browser, f"{site}/notebooks/08_challenges_road_ahead.html")
    chart = page.locator("div.japan-nato-vega").first
    set_range(chart, "Year", year)
    control(chart, "Country").select_option("Estonia")
    drawn = chart.evaluate(DRAWN)
    texts = chart.evaluate(TEXTS)
    cut_off = chart.evaluate(CUT_OFF)
    page.close()
    expected = membership.members_in(MEMBERS, year)
    assert sorted(drawn) == sorted(expected)
    assert cut_off == [], f"in {year} the chart cuts off {cut_off}"
    status = membership.status_in_year(MEMBERS, "Estonia", year)
    assert any(t.startswith(f"Estonia in {year}: {status} (joined 29 March 2004)") for t in texts)
    assert f"At the end of {year}: {len(expected)} members" in texts


@pytest.mark.parametrize(
    "years, operation",
    [((1991, 2010), None), ((1991, 1999), None), ((1991, 2010), "op05"), ((2010, 2010), "op01")],
)
def test_figure3_draws_exactly_the_listings_of_the_chosen_operations(
    site,
    browser,
    years,
    operation,
):
    # Chapter 4's chart starts on one operation (Cambodia): choosing more must draw them whole.
    page, _ = open_offline(browser, f"{site}/notebooks/04_after_9_11.html")
    chart = page.locator("div.japan-nato-vega").first
    set_range(chart, "From year", years[0])
    set_range(chart, "To year", years[1])
    control(chart, "Operation").select_option(operation or "all")
    drawn = chart.evaluate(DRAWN)
    texts = chart.evaluate(TEXTS)
    cut_off = chart.evaluate(CUT_OFF)
    page.close()
    assert cut_off == [], f"the chart cuts off {cut_off}"
    chosen = operations.select(OPS, years=years, operation_id=operation)
    check = operations.membership_check(chosen, PARTS, MEMBERS)
    expected = (check["operation_id"] + ":" + check["country"]).tolist()
    assert sorted(drawn) == sorted(expected)
    # The line above the grid counts them, and still speaks when nothing is shown (op01 in 2010).
    not_yet = int((check["status"] == membership.NOT_MEMBER).sum())
    assert f"{len(expected)} listings; {not_yet} name a country that was not yet" in texts[0]
