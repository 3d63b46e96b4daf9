"""The published book, read in a real browser (Debian's chromium, driven by playwright).

The book is built once (``built_book``), served on 127.0.0.1, and every page is visited as a reader
would. Screenshots are saved under ``_build/screenshots/``. No browser is ever downloaded: the tests
drive the browser ``japan_nato.browser`` finds (Debian's chromium, which ``.ci/run`` installs with
apt-get), and skip, naming the install command, on a machine that has none.
"""

from __future__ import annotations

import pytest

from japan_nato.browser import serve, settle
from tests.conftest import SCREENSHOTS, WAIT
from tests.test_book import toc_files


@pytest.fixture(scope="module")
def site(built_book):
    returncode, log, html = built_book
    assert returncode == 0, log
    with serve(html) as address:
        yield address


#: The theme keeps a reader's choice of light or dark in localStorage and applies it in the page's
#: <head>, before anything is drawn (pydata-sphinx-theme's layout.html), so a page opened this way
#: is drawn in that theme from the start, as a returning reader sees it, with no fade to wait out.
CHOOSE_THEME = """theme => {
    localStorage.setItem('mode', theme);
    localStorage.setItem('theme', theme);
}"""


def open_page(browser, url: str, width: int = 1280, theme: str | None = None):
    """A page with a record of every failed request to the book's own server, loaded and settled
    (``japan_nato.browser.settle``: charts drawn, no transition running); with ``theme``
    ("light" or "dark"), as a reader who chose that theme sees it."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(WAIT)
    if theme:
        page.add_init_script(f"({CHOOSE_THEME})({theme!r})")
    failures: list[str] = []
    base = url.split("/", 3)[:3]
    origin = "/".join(base)
    page.on(
        "response",
        lambda r: (
            failures.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url.startswith(origin)
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda r: failures.append(f"failed {r.url}") if r.url.startswith(origin) else None,
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    settle(page)
    return page, failures


def test_every_page_loads_its_assets_and_every_image_has_alt_text(site, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in toc_files():
        page, failures = open_page(browser, f"{site}/{name}.html")
        missing_alt = page.eval_on_selector_all(
            "img",
            "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src.slice(0, 80))",
        )
        page.screenshot(
            path=str(SCREENSHOTS / f"{name.replace('/', '_')}.png")
        )  # what a reader sees first
        page.close()
        assert failures == [], f"{name}: {failures}"
        assert missing_alt == [], f"{name}: images without alt text: {missing_alt}"


def test_a_self_check_question_answers_a_click_with_feedback(site, browser):
    page, _ = open_page(browser, f"{site}/notebooks/02_roots_1945_1989.html")
    button = page.locator(".MCButton").first
    button.scroll_into_view_if_needed()
    assert page.locator(".Feedback.correct, .Feedback.incorrect").count() == 0
    button.click()
    feedback = page.locator(".Feedback.correct, .Feedback.incorrect").first
    feedback.wait_for(state="visible", timeout=WAIT)
    text = feedback.inner_text().strip()
    page.screenshot(path=str(SCREENSHOTS / "self_check_clicked.png"))
    page.close()
    assert len(text) > 10, f"feedback too short: {text!r}"


def test_a_hidden_solution_opens_when_clicked(site, browser):
    page, _ = open_page(browser, f"{site}/notebooks/07_motives.html")
    solution = page.locator(".solution.dropdown").first
    solution.scroll_into_view_if_needed()
    body = solution.locator(".admonition-title ~ *").first
    assert not body.is_visible(), "the model answer should start hidden"
    solution.locator(".admonition-title").click()
    body.wait_for(state="visible", timeout=WAIT)
    page.screenshot(path=str(SCREENSHOTS / "solution_opened.png"))
    page.close()


def test_search_finds_isaf(site, browser):
    page, failures = open_page(browser, f"{site}/search.html?q=ISAF")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=WAIT)
    count = results.count()
    page.close()
    assert count >= 3, f"search for ISAF found {count} pages"
    assert failures == []


def test_a_chapter_reads_at_phone_width(site, browser):
    page, _ = open_page(browser, f"{site}/notebooks/02_roots_1945_1989.html", width=390)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / "phone_02.png"))
    page.close()
    assert overflow <= 5, f"page is {overflow}px wider than a phone screen"
