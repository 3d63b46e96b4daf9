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


#: jupyterquiz's colour options, chosen for contrast: light text (#fafafa) on dark question
#: backgrounds (at least 4.5:1), a dark answer box under a dark label on the page, and feedback
#: colours light enough to read on every question background. (Its defaults put #fafafa on #c0c0c0 and on light blue, 1.7:1.)
COLOURS = {
    "--jq-multiple-choice-bg": "#345995",
    "--jq-many-choice-bg": "#7a3410",
    "--jq-numeric-bg": "#1f5a73",
    "--jq-string-bg": "#861657",
    "--jq-numeric-input-bg": "#262626",
    "--jq-numeric-input-label": "#1a1a1a",  # the label sits on the page, not the question
    "--jq-numeric-input-shadow": "#999999",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-correct-color": "#b6f2b0",
    "--jq-incorrect-color": "#ffd6d6",
    "--jq-text-color": "#fafafa",
    "--jq-link-color": "#cfe0ff",
}

#: What jupyterquiz's options cannot set: an answered choice button takes the (light) feedback
#: colour as its background, so its text must be dark; and the answer box and the choice whose
#: (visually hidden) radio button has the keyboard focus show a visible focus ring.
STYLE = """<style>
.correctButton, .incorrectButton { color: #111111 !important; }
.Input-text:focus-visible, .MCButton:focus-within { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>"""

#: jupyterquiz writes "Type your answer here:" as a <label> that names no input; this ties each
#: such label to the answer box after it, so the box has an accessible name (it runs again as the
#: quiz draws its questions).
LABELS = """(function () {
  function tie() {
    document.querySelectorAll("input.Input-text").forEach(function (box) {
      var label = box.previousElementSibling;
      if (label && label.classList.contains("InpLabel") && !label.htmlFor) {
        label.htmlFor = box.id;
      }
    });
  }
  tie();
  new MutationObserver(tie).observe(document.body, { childList: true, subtree: true });
})();"""


def self_check(chapter: str) -> None:
    """Show the chapter's self-check questions (answers give feedback at once)."""
    from IPython.display import HTML, Javascript, display
    from jupyterquiz import display_quiz

    display_quiz(questions(chapter), shuffle_answers=False, colors=COLOURS)
    display(HTML(STYLE), Javascript(LABELS))


def classification_items(chapter: str) -> tuple[pd.DataFrame, list[str], str]:
    """Statements, categories and prompt of the chapter's classification exercise."""
    sort = bank(chapter)["classification"]
    return pd.DataFrame(sort["items"]), sort["categories"], sort.get("prompt", "")


def classification(chapter: str):
    """The chapter's classification exercise as a widget."""
    from japan_nato.widgets import ClassificationExercise

    items, categories, prompt = classification_items(chapter)
    return ClassificationExercise(items, categories, prompt)
