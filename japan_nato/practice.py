"""Ordering and sorting exercises that work without a kernel: on the static page, in JupyterLab once
the chapter has run, and on paper.

Each exercise is a set of self-check questions in jupyterquiz's format, built from the chapter's
question bank (``japan_nato/questions/``), the one source of its items and answers:

- an **ordering** ("number these events from 1, the earliest"): one numeric question per event,
  answered by typing its place; every possible place has its own feedback, giving the dates that
  decide it (:func:`japan_nato.exercises.check_place`);
- a **classification** ("which kind of claim is this?"): one multiple-choice question per
  statement, the categories as its answers; every choice has its own feedback with the reason
  (:func:`japan_nato.exercises.check_classification`).

Texts are HTML-escaped (jupyterquiz writes them as HTML). jupyterquiz draws them as plain HTML and
JavaScript: radio-button groups and text boxes, reached
by Tab and answered by keyboard or pointer. Printed, they are numbered questions with lettered
options or a blank to fill in. Before a notebook has run, JupyterLab shows their text fallback.
"""

from __future__ import annotations

from functools import partial
from html import escape as _escape

import pandas as pd

from japan_nato import exercises
from japan_nato.data import load
from japan_nato.quiz import QuestionError, bank, show_questions

escape = partial(_escape, quote=False)  # quotes and apostrophes stay readable


def ordering_events(chapter: str) -> pd.DataFrame:
    """The events of the chapter's ordering exercise, in true date order."""
    spec = bank(chapter).get("ordering")
    if not spec:
        raise QuestionError(f"{chapter}.json: no ordering exercise.")
    events = load("events").set_index("event_id", drop=False)
    unknown = [i for i in spec["event_ids"] if i not in events.index]
    if unknown:
        raise QuestionError(f"{chapter}.json, ordering: no event {unknown[0]!r} in events.csv.")
    chosen = events.loc[spec["event_ids"]].reset_index(drop=True)
    return chosen.sort_values(["date", "event_id"]).reset_index(drop=True)


def ordering_questions(chapter: str) -> list[dict]:
    """One numeric question per event, in the bank's (unsorted) order; every place from 1 to n
    answers with :func:`~japan_nato.exercises.check_place`."""
    in_order = ordering_events(chapter)
    n = len(in_order)
    titles = dict(zip(in_order["event_id"], in_order["title"], strict=True))
    questions = []
    for i, event_id in enumerate(bank(chapter)["ordering"]["event_ids"], 1):
        answers = []
        for place in range(1, n + 1):
            verdict = exercises.check_place(in_order, event_id, place)
            answers.append(
                {
                    "type": "value",
                    "value": place,
                    "correct": verdict.ok,
                    "feedback": escape(verdict.explanation),
                }
            )
        answers.append(
            {"type": "default", "feedback": f"Type a whole number from 1 (earliest) to {n}."}
        )
        questions.append(
            {
                "question": f"{i}. {escape(titles[event_id])}",
                "type": "numeric",
                "answers": answers,
            }
        )
    return questions


def classification_items(chapter: str) -> tuple[pd.DataFrame, list[str], str]:
    """Statements (with their category and explanation), categories and prompt of the chapter's
    classification exercise."""
    sort = bank(chapter).get("classification")
    if not sort:
        raise QuestionError(f"{chapter}.json: no classification exercise.")
    return pd.DataFrame(sort["items"]), sort["categories"], sort.get("prompt", "")


def classification_questions(chapter: str) -> list[dict]:
    """One multiple-choice question per statement; each category answers with
    :func:`~japan_nato.exercises.check_classification`."""
    items, categories, _prompt = classification_items(chapter)
    questions = []
    for i, item in enumerate(items.itertuples(index=False), 1):
        one = items.iloc[[i - 1]]
        answers = []
        for category in categories:
            (verdict,) = exercises.check_classification(one, {item.statement: category})
            answers.append(
                {
                    "answer": escape(category),
                    "correct": verdict.ok,
                    "feedback": escape(verdict.explanation),
                }
            )
        questions.append(
            {
                "question": f"{i}. {escape(item.statement)}",
                "type": "multiple_choice",
                "answers": answers,
            }
        )
    return questions


def order_events(chapter: str) -> None:
    """Show the chapter's ordering exercise (its prompt, then one question per event)."""
    show_questions(
        ordering_questions(chapter),
        name=f"{chapter}-ordering",
        intro=bank(chapter)["ordering"].get("prompt", ""),
        kind="practice",
    )


def sort_statements(chapter: str) -> None:
    """Show the chapter's classification exercise (its prompt, then one question per statement)."""
    _items, _categories, prompt = classification_items(chapter)
    show_questions(
        classification_questions(chapter), name=f"{chapter}-sorting", intro=prompt, kind="practice"
    )
