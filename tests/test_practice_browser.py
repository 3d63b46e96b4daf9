"""The ordering and sorting exercises on the static page, with no kernel and no network, answered by
keyboard: each item answers with its own feedback, and the feedback is what the Python cores say.

The book is built once (``built_book``) and served on 127.0.0.1 (``site``). Every chapter with an
ordering or a classification exercise is opened (``book_page``: one load shared by the page's
tests); for each item a keyboard user types a place or chooses a category with the Space key,
and the feedback shown must be exactly the explanation of :func:`japan_nato.exercises.check_place`
or :func:`~japan_nato.exercises.check_classification`.
"""

from __future__ import annotations

import re

import pytest

from japan_nato import exercises, practice
from tests.conftest import SCREENSHOTS, WAIT, open_page
from tests.test_practice import ORDERINGS, SORTINGS

FEEDBACK = ".Feedback.correct, .Feedback.incorrect"


def exercise(page, chapter: str, kind: str):
    """The questions of the chapter's exercise block ("ordering" or "sorting") on the page."""
    prompt = practice.bank(chapter)["ordering" if kind == "ordering" else "classification"].get(
        "prompt", ""
    )
    block = page.locator(".japan-nato-practice").filter(has_text=prompt[:40])
    block.first.wait_for()
    questions = block.first.locator(".Quiz")
    questions.first.wait_for()  # drawn by jupyterquiz's script
    return questions


def read_feedback(question) -> str:
    shown = question.locator(FEEDBACK)
    shown.wait_for(state="visible", timeout=WAIT)
    return " ".join(shown.inner_text().split())


@pytest.mark.parametrize("page", [f"notebooks/{c}" for c in ORDERINGS])
def test_an_ordering_answers_each_typed_place_with_the_cores_feedback(book_page, page):
    chapter = page.removeprefix("notebooks/")
    view, _ = book_page(page)
    questions = exercise(view, chapter, "ordering")
    in_order = practice.ordering_events(chapter)
    ids = practice.bank(chapter)["ordering"]["event_ids"]
    assert questions.count() == len(ids)
    seen = []
    for k, event_id in enumerate(ids):
        question = questions.nth(k)
        truth = list(in_order["event_id"]).index(event_id) + 1
        guess = truth if k % 2 == 0 else (truth % len(ids)) + 1  # right, wrong, right, ...
        box = question.locator("input.Input-text")
        box.focus()
        view.keyboard.type(str(guess))
        view.keyboard.press("Enter")
        seen.append(read_feedback(question))
        expected = exercises.check_place(in_order, event_id, guess).explanation
        assert seen[-1] == expected, (event_id, guess)
    question.scroll_into_view_if_needed()
    view.screenshot(path=str(SCREENSHOTS / f"ordering_{chapter[:2]}.png"))
    assert len(set(seen)) == len(seen), "every item needs its own feedback"


@pytest.mark.parametrize("page", [f"notebooks/{c}" for c in SORTINGS])
def test_a_sorting_answers_each_keyboard_choice_with_the_cores_feedback(book_page, page):
    chapter = page.removeprefix("notebooks/")
    view, _ = book_page(page)
    questions = exercise(view, chapter, "sorting")
    items, categories, _ = practice.classification_items(chapter)
    assert questions.count() == len(items)
    for k, item in enumerate(items.itertuples(index=False)):
        question = questions.nth(k)
        choice = categories[k % len(categories)]
        # The whole label, not a part: "Fulfilled" must not also find "Partly fulfilled".
        exact = re.compile(rf"^\s*{re.escape(choice)}\s*$")
        radio = question.locator(".MCButton", has_text=exact).locator("input")
        radio.focus()
        view.keyboard.press("Space")
        (verdict,) = exercises.check_classification(items.iloc[[k]], {item.statement: choice})
        assert read_feedback(question) == " ".join(verdict.explanation.split()), (k, choice)


def test_an_ordering_reads_at_phone_width(browser, site):
    chapter = ORDERINGS[0]
    page, _ = open_page(browser, f"{site}/notebooks/{chapter}.html", width=390)
    questions = exercise(page, chapter, "ordering")
    box = questions.first.locator("input.Input-text")
    box.focus()
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    read_feedback(questions.first)
    questions.first.scroll_into_view_if_needed()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / f"ordering_{chapter[:2]}_phone.png"))
    page.close()
    assert overflow <= 5, f"the page is {overflow}px wider than a phone screen"
