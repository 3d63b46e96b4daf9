"""Readable by everyone: an axe-core audit of every page of the built book, in the light and the
dark theme, and the controls of a chapter reached and operated with the keyboard alone.

axe-core is the engine accessibility tools share (axe-playwright-python bundles it, so nothing is
downloaded). The audit runs the WCAG 2.0-2.2 A and AA rules and axe's best practices, and fails on
any violation axe rates serious or critical, naming the page, theme, rule and element.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from japan_nato.browser import settle
from tests.conftest import SCREENSHOTS, WAIT
from tests.test_book import toc_files
from tests.test_browser import open_page, site  # noqa: F401  (the served book)

RULES = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}
PAGES = [*toc_files(), "search", "genindex"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_page_has_a_serious_or_critical_accessibility_violation(site, browser, theme):  # noqa: F811
    axe = Axe()
    found = []
    for name in PAGES:
        # Drawn in the theme from the start (the reader's stored choice) and settled: the audit
        # reads the colours a reader sees, never a frame of the fade between themes.
        page, _ = open_page(browser, f"{site}/{name}.html", theme=theme)
        shown = page.evaluate("document.documentElement.dataset.theme")
        assert shown == theme, f"{name}: the page is drawn in the {shown!r} theme, not {theme!r}"
        for rule in axe.run(page, options=RULES).response["violations"]:
            if rule["impact"] in ("serious", "critical"):
                found += [
                    f"{name} ({theme}): {rule['id']} ({rule['impact']}) at {node['target']}: "
                    f"{node['html'][:120]}"
                    for node in rule["nodes"]
                ]
        page.close()
    assert found == [], "\n".join(found)


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
    site,  # noqa: F811
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


def test_a_chapter_is_operated_with_the_keyboard_alone(site, browser):  # noqa: F811
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
