"""Self-check questions written as data, one JSON file per chapter in ``japan_nato/questions/``.

Questions use jupyterquiz's format (multiple_choice, many_choice, numeric, string), which renders
as plain HTML and JavaScript: it works in JupyterLab and in the static book without a kernel.
A chapter's file may also hold a ``classification`` exercise (statements to sort into categories).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

QUESTIONS = Path(__file__).resolve().parent / "questions"
TYPES = {"multiple_choice", "many_choice", "numeric", "string"}


class QuestionError(ValueError):
    """A question bank is malformed; the message names the file and the question."""


def bank(chapter: str) -> dict:
    """The question bank of ``chapter`` (e.g. '01_global_partners'), checked."""
    path = QUESTIONS / f"{chapter}.json"
    if not path.exists():
        raise QuestionError(f"{path.name}: no question bank for chapter {chapter!r}.")
    data = json.loads(path.read_text(encoding="utf-8"))
    check_bank(data, path.name)
    return data


def check_bank(data: dict, name: str) -> None:
    """Every question has a type, text and answers; every answer has feedback; one is right."""
    questions = data.get("questions", [])
    if len(questions) < 3:
        raise QuestionError(
            f"{name}: a chapter needs at least 3 self-check questions, found {len(questions)}."
        )
    for i, q in enumerate(questions, 1):
        where = f"{name}, question {i}"
        if q.get("type") not in TYPES:
            raise QuestionError(f"{where}: type {q.get('type')!r} is not one of {sorted(TYPES)}.")
        if not q.get("question"):
            raise QuestionError(f"{where}: the question text is empty.")
        answers = q.get("answers", [])
        if not any(a.get("correct") for a in answers):
            raise QuestionError(f"{where}: no answer is marked correct.")
        for j, a in enumerate(answers, 1):
            if not a.get("feedback"):
                raise QuestionError(f"{where}, answer {j}: every answer needs feedback.")
        if q["type"] in {"multiple_choice", "many_choice"} and len(answers) < 2:
            raise QuestionError(f"{where}: a choice question needs at least 2 answers.")
        if q["type"] in {"numeric", "string"} and not any(
            a.get("type") == "default" for a in answers
        ):
            raise QuestionError(
                f"{where}: add a 'default' answer with feedback for anything else typed."
            )
    sort = data.get("classification")
    if sort:
        for k, item in enumerate(sort["items"], 1):
            if item["category"] not in sort["categories"]:
                raise QuestionError(
                    f"{name}, classification item {k}: {item['category']!r} is not a category."
                )


def questions(chapter: str) -> list[dict]:
    """The chapter's self-check questions in jupyterquiz's format."""
    return bank(chapter)["questions"]


def self_check(chapter: str) -> None:
    """Show the chapter's self-check questions (answers give feedback at once)."""
    from jupyterquiz import display_quiz

    display_quiz(questions(chapter), shuffle_answers=False)


def classification_items(chapter: str) -> tuple[pd.DataFrame, list[str], str]:
    """Statements, categories and prompt of the chapter's classification exercise."""
    sort = bank(chapter)["classification"]
    return pd.DataFrame(sort["items"]), sort["categories"], sort.get("prompt", "")


def classification(chapter: str):
    """The chapter's classification exercise as a widget."""
    from japan_nato.widgets import ClassificationExercise

    items, categories, prompt = classification_items(chapter)
    return ClassificationExercise(items, categories, prompt)
