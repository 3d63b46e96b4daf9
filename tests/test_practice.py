"""The ordering and sorting exercises as questions: the same answers as the pure cores, a reason for
every possible answer, and a text form for readers of an unrun notebook or a printout."""

from __future__ import annotations

import html

import pytest

from japan_nato import exercises, load, practice
from japan_nato.quiz import NOT_RUN, QUESTIONS, bank, quiz_outputs

BANKS = sorted(p.stem for p in QUESTIONS.glob("*.json"))
ORDERINGS = [c for c in BANKS if "ordering" in bank(c)]
SORTINGS = [c for c in BANKS if "classification" in bank(c)]


def test_the_book_has_ordering_and_sorting_exercises():
    assert len(ORDERINGS) >= 2 and len(SORTINGS) >= 5


@pytest.mark.parametrize("chapter", ORDERINGS)
def test_each_event_of_an_ordering_is_right_at_its_place_in_date_order_only(chapter):
    events = load("events").set_index("event_id")
    ids = bank(chapter)["ordering"]["event_ids"]
    by_date = sorted(ids, key=lambda i: (events.loc[i, "date"], i))
    assert ids != by_date, "the exercise lists the events already in order"
    for event_id, question in zip(ids, practice.ordering_questions(chapter), strict=True):
        right = [a["value"] for a in question["answers"] if a.get("correct")]
        assert right == [by_date.index(event_id) + 1]
        assert html.unescape(question["question"]).endswith(events.loc[event_id, "title"])
        places = [a["value"] for a in question["answers"] if a["type"] == "value"]
        assert places == list(range(1, len(ids) + 1)), "every place needs its own feedback"
        assert any(a["type"] == "default" for a in question["answers"])


def test_wrong_places_name_the_dates_that_decide():
    in_order = practice.ordering_events("02_roots_1945_1989")
    first, second = in_order["event_id"][0], in_order["event_id"][1]
    wrong = exercises.check_place(in_order, second, 1)
    assert not wrong.ok
    assert "26 July 1945" in wrong.explanation and "3 May 1947" in wrong.explanation
    assert exercises.check_place(in_order, first, 1).ok
    assert "from 1 (earliest)" in exercises.check_place(in_order, first, 99).explanation


@pytest.mark.parametrize("chapter", SORTINGS)
def test_each_statement_is_right_under_its_bank_category_with_a_reason_for_every_choice(chapter):
    items, categories, _ = practice.classification_items(chapter)
    questions = practice.classification_questions(chapter)
    assert len(questions) == len(items)
    for item, question in zip(items.itertuples(), questions, strict=True):
        assert [html.unescape(a["answer"]) for a in question["answers"]] == categories
        right = [html.unescape(a["answer"]) for a in question["answers"] if a["correct"]]
        assert right == [item.category]
        for answer in question["answers"]:
            assert html.unescape(answer["feedback"]).endswith(item.explanation)


def test_text_from_data_is_escaped_before_jupyterquiz_writes_it_as_html(monkeypatch):
    import japan_nato.practice as module

    def hostile(chapter):
        return {
            "classification": {
                "categories": ["A", "<b>B</b>"],
                "items": [{"statement": "<script>x</script>", "category": "A", "explanation": "e"}],
            }
        }

    monkeypatch.setattr(module, "bank", hostile)
    (question,) = module.classification_questions("x")
    assert "<script>" not in question["question"]
    assert "<b>" not in question["answers"][1]["answer"]


def test_shown_questions_carry_a_text_fallback_and_a_stable_id():
    def shown():
        return quiz_outputs(practice.ordering_questions("06_formalising_partnership"), "t", "Go.")

    first, again = shown(), shown()
    assert first == again, "a re-run must not change the output"
    markup, script = first
    assert script["text/plain"] == NOT_RUN
    assert markup["text/plain"].startswith("Go.\n1. ")
    assert "Answer: ________" in markup["text/plain"]
    assert "japan-nato-self-check" in markup["text/html"]


def test_no_numeric_question_asks_jupyterquiz_for_a_precision_it_cannot_use():
    # jupyterquiz compares with Number.toPrecision(precision), which throws below 1: the answer box
    # would then never show feedback.
    every = [q for c in BANKS for q in bank(c)["questions"]]
    every += [q for c in ORDERINGS for q in practice.ordering_questions(c)]
    for question in every:
        if "precision" in question:
            assert 1 <= question["precision"] <= 100, question["question"]
