"""The published book, read in a real browser (Debian's chromium, driven by playwright).

The book is built once (``built_book``) and served on 127.0.0.1 (``site``, tests/conftest.py); a
self-check, a model answer, the search and a chapter at phone width are tried as a reader would
(every page's assets, images and accessibility: tests/test_accessibility.py). Screenshots are saved
under ``_build/screenshots/``. No browser is ever downloaded: the tests
drive the browser ``japan_nato.browser`` finds (Debian's chromium, which ``.ci/run`` installs with
apt-get), and skip, naming the install command, on a machine that has none.
"""

from __future__ import annotations

from tests.conftest import SCREENSHOTS, WAIT, open_page


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
