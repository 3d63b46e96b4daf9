"""Readable by everyone: every page of the built book as a reader opens it (its assets load, every
image has a text alternative, and an axe-core audit finds nothing serious, in the light and the
dark theme), and the controls of a chapter reached and operated with the keyboard alone.

axe-core is the engine accessibility tools share (axe-playwright-python bundles it, so nothing is
downloaded). The audit runs the WCAG 2.0-2.2 A and AA rules and axe's best practices, and fails on
any violation axe rates serious or critical, naming the page, theme, rule and element.

Each page is a test of its own, so the two processes share the walk (the root conftest.py keeps a
page's tests together). A page is opened once: loaded in the light theme and audited, then switched
to the dark theme with the theme's own button, as a reader does, and audited again; the tests of
that page read what was found.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from axe_playwright_python.sync_playwright import Axe

from japan_nato.browser import settle
from tests.conftest import SCREENSHOTS, WAIT, open_page
from tests.test_book import toc_files

RULES = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}
PAGES = [*toc_files(), "search", "genindex"]
THEMES = ["light", "dark"]


class Visit(NamedTuple):
    """What a reader's browser met on one page in one theme."""

    theme: str  # the theme the page was drawn in
    failed_requests: list[str]  # requests that failed, or left the book, while it loaded
    without_alt: list[str]  # images with no text alternative
    serious: list[str]  # axe violations rated serious or critical, one line per element


#: The theme's own button cycles light, auto and dark (pydata-sphinx-theme): a reader clicks it
#: until the page is dark.
TO_DARK = 3


@pytest.fixture(scope="session")
def visit(book_page):
    """``visit(page)``: the page as a reader who chose the light theme opens it (drawn in it from the
    start and settled, so the audit reads the colours a reader sees, never a frame of a fade), then
    switched to the dark theme with the theme's own button and settled again; what it holds in each
    theme is recorded, once per page in this process. A light screenshot is saved."""
    axe, seen = Axe(), {}

    def look(page, failures: list[str]) -> Visit:
        without_alt = page.eval_on_selector_all(
            "img",
            "els => els.filter(e => !(e.getAttribute('alt') || '').trim())"
            ".map(e => e.src.slice(0, 80))",
        )
        serious = [
            f"{rule['id']} ({rule['impact']}) at {node['target']}: {node['html'][:120]}"
            for rule in axe.run(page, options=RULES).response["violations"]
            if rule["impact"] in ("serious", "critical")
            for node in rule["nodes"]
        ]
        theme = page.evaluate("document.documentElement.dataset.theme")
        return Visit(theme, failures, without_alt, serious)

    def visit(name: str) -> dict[str, Visit]:
        if name not in seen:
            page, failures = book_page(name)
            failures = list(failures)  # as loaded (axe asks for stylesheets a reader never does)
            page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '_')}.png"))
            light = look(page, failures)
            for _ in range(TO_DARK):
                mode = page.evaluate("document.documentElement.dataset.mode")
                if page.evaluate("document.documentElement.dataset.theme") == "dark":
                    break
                page.locator(".theme-switch-button:visible").first.click()
                page.wait_for_function(
                    "mode => document.documentElement.dataset.mode !== mode", arg=mode
                )
            # The reader moves on: the button's "Color mode" tooltip (shown on hover and focus)
            # fades out and goes, so the audit never reads it mid-fade.
            page.mouse.move(0, 0)
            page.evaluate("document.activeElement.blur()")
            page.wait_for_function("!document.querySelector('.tooltip')")
            settle(page)
            seen[name] = {"light": light, "dark": look(page, [])}
        return seen[name]

    return visit


@pytest.mark.parametrize("page", PAGES)
def test_the_page_loads_its_assets_and_every_image_has_alt_text(visit, page):
    found = visit(page)["light"]
    assert found.failed_requests == [], f"{page}: {found.failed_requests}"
    assert found.without_alt == [], f"{page}: images without alt text: {found.without_alt}"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("page", PAGES)
def test_the_page_has_no_serious_or_critical_accessibility_violation(visit, page, theme):
    found = visit(page)[theme]
    assert found.theme == theme, f"{page}: drawn in the {found.theme!r} theme, not {theme!r}"
    assert found.serious == [], f"{page} ({theme}):\n" + "\n".join(found.serious)


CONTROLS = """() => [...document.querySelectorAll(
    'main input:not([type=hidden]), main select, main button, main textarea, main summary')]
    .filter(el => !el.disabled && (el.offsetParent !== null || el.classList.contains('sr-only')))
    .filter(el => {  // inside a closed <details> (a folded code cell) only its summary is shown
        const closed = el.closest('details:not([open])');
        return !closed || closed.querySelector(':scope > summary') === el;
    })"""

FOCUS_RING = """el => {
    const shown = el.classList.contains('sr-only') ? el.closest('.MCButton') || el : el;
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
}"""


KEY = """el => el.type === 'radio' ? 'radio group ' + el.name : el.outerHTML"""


def test_every_control_of_a_chapter_is_reached_by_tab_and_shows_where_the_focus_is(
    site,
    browser,
):
    # A group of radio buttons (a self-check's choices) is one Tab stop; arrows move within it.
    page, _ = open_page(browser, f"{site}/notebooks/02_roots_1945_1989.html")
    controls = page.evaluate_handle(CONTROLS)
    wanted = set(page.evaluate(f"list => list.map({KEY})", controls))
    reached, without_ring = set(), []
    page.locator("body").focus()
    for _ in range(len(wanted) + 400):
        page.keyboard.press("Tab")
        if not page.evaluate("list => list.includes(document.activeElement)", controls):
            continue
        key = page.evaluate(f"({KEY})(document.activeElement)")
        if key not in reached:
            reached.add(key)
            settle(page)  # a focus ring may fade in: read it once its transition has ended
            if not page.evaluate(f"({FOCUS_RING})(document.activeElement)"):
                without_ring.append(key)
        if reached == wanted:
            break
    page.close()
    assert len(wanted) > 20, f"only {len(wanted)} controls found"
    assert wanted - reached == set(), f"not reached by Tab: {[k[:120] for k in wanted - reached]}"
    assert without_ring == [], f"no visible focus: {[k[:120] for k in without_ring]}"


def test_a_chapter_is_operated_with_the_keyboard_alone(site, browser):
    page, _ = open_page(browser, f"{site}/notebooks/02_roots_1945_1989.html")
    chart = page.locator("div.japan-nato-vega").first
    drawn = """async el => { await el.vegaView.runAsync();
        return el.querySelectorAll('[aria-roledescription="point"]').length; }"""
    before = chart.evaluate(drawn)
    # The timeline: the "From year" slider by arrow keys, a category tick box by Space.
    chart.locator("label", has_text="From year").locator("input").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    after_slider = chart.evaluate(drawn)
    chart.locator("label", has_text="diplomacy").locator("input").focus()
    page.keyboard.press("Space")
    after_box = chart.evaluate(drawn)
    # A self-check question: arrow keys choose an answer, and feedback appears.
    page.locator("input.sr-only").first.focus()
    page.keyboard.press("Space")
    feedback = page.locator(".Feedback.correct, .Feedback.incorrect").first
    feedback.wait_for(state="visible", timeout=WAIT)
    # A model answer: its toggle button opens it with Enter.
    solution = page.locator(".solution.dropdown").first
    body = solution.locator(".admonition-title ~ *").first
    hidden_at_first = not body.is_visible()
    solution.locator("button.toggle-button").focus()
    page.keyboard.press("Enter")
    body.wait_for(state="visible", timeout=WAIT)
    page.screenshot(path=str(SCREENSHOTS / "keyboard_02.png"))
    page.close()
    assert hidden_at_first, "the model answer should start hidden"
    assert after_slider < before, "the year slider did not respond to the arrow keys"
    assert after_box < after_slider, "the tick box did not respond to Space"
