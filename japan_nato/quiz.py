"""Self-check questions written as data, one JSON file per chapter in ``japan_nato/questions/``.

Questions use jupyterquiz's format (multiple_choice, many_choice, numeric, string), which renders
as plain HTML and JavaScript: it works in JupyterLab and in the static book without a kernel.
A chapter's file may also hold an ``ordering`` exercise (events to number in date order) and a
``classification`` exercise (statements to sort into categories), which :mod:`japan_nato.practice`
shows as questions of the same kind.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

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
    order = data.get("ordering")
    if order is not None and len(set(order.get("event_ids", []))) < 3:
        raise QuestionError(f"{name}, ordering: list at least 3 different event ids.")
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
#: backgrounds (at least 4.5:1), a dark answer box, and feedback colours light enough to read on
#: the feedback's own dark background (STYLE, below). (Its defaults put #fafafa on #c0c0c0 and on
#: light blue, 1.7:1.)
COLOURS = {
    "--jq-multiple-choice-bg": "#345995",
    "--jq-many-choice-bg": "#7a3410",
    "--jq-numeric-bg": "#1f5a73",
    "--jq-string-bg": "#861657",
    "--jq-numeric-input-bg": "#262626",
    "--jq-numeric-input-label": "#1a1a1a",  # STYLE gives the label the page's colour instead
    "--jq-numeric-input-shadow": "#999999",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-mc-button-border": "#e0e0e0e0",  # jupyterquiz's own
    "--jq-mc-button-inset-shadow": "#555555",  # jupyterquiz's own
    "--jq-correct-color": "#b6f2b0",
    "--jq-incorrect-color": "#ffd6d6",
    "--jq-text-color": "#fafafa",
    "--jq-link-color": "#cfe0ff",
}

#: What jupyterquiz's options cannot set, carried by the output itself (JupyterLab never loads the
#: book's CSS): an answered choice button takes the (light) feedback colour as its background, so
#: its text must be dark; the feedback text sits on a dark ground of its own, so its light colours
#: read at more than 10:1 wherever the quiz is drawn (the book, JupyterLab light or dark); the
#: answer box's label, which sits on the page, takes the page's own text colour; the answer box
#: has a grey border that shows on light and dark pages; and the answer box
#: and the choice whose (visually hidden) radio button has the keyboard focus show a
#: visible focus ring.
STYLE = """<style>
.Quiz .correctButton, .Quiz .incorrectButton { color: #111111 !important; }
.Quiz .Feedback { background-color: #1a1a1a; border-radius: 4px; margin: 0 0 4px 0; }
.Quiz .Feedback:not(:empty) { padding: 6px 10px; }
.Quiz .Feedback.correct { color: #b6f2b0 !important; }
.Quiz .Feedback.incorrect { color: #ffd6d6 !important; }
.Quiz .InpLabel { color: inherit !important; }
.Quiz input.Input-text { border: 1px solid #8a8a8a !important; }
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

#: What a reader of a notebook that has not run sees instead of the questions (JupyterLab runs
#: no saved JavaScript in a notebook it does not trust, such as a fresh clone).
NOT_RUN = "Run this chapter (Run → Run All Cells) to answer these questions."


def as_text(questions: list[dict], intro: str = "", numbered: bool = True) -> str:
    """The questions as plain text: numbered (unless their text is), with lettered options or a
    blank to fill in."""
    lines = [intro] if intro else []
    for i, q in enumerate(questions, 1):
        text = html.unescape(q["question"])
        lines.append(f"{i}. {text}" if numbered else text)
        if q["type"] in {"multiple_choice", "many_choice"}:
            lines += [
                f"   ({chr(97 + j)}) {html.unescape(a['answer'])}"
                for j, a in enumerate(q["answers"])
            ]
        else:
            lines.append("   Answer: ________")
    return "\n".join(lines)


def quiz_outputs(
    questions: list[dict], name: str, intro: str = "", kind: str = "self-check"
) -> list[dict]:
    """The two outputs (MIME bundles) that show ``questions`` with jupyterquiz, in a form every
    reader can use: a stable element id (from ``name``, so a re-run changes nothing), the styles
    above carried by the output, the questions as text wherever only text is shown, and
    :data:`NOT_RUN` where the quiz's JavaScript cannot run. ``kind``: "self-check" (printed as
    "Self-check N") or "practice" (an exercise whose questions carry their own numbers).

    Built with jupyterquiz's own renderer, as its ``display_quiz`` builds them, answers unshuffled.
    """
    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    div_id = "jq" + hashlib.sha1(name.encode()).hexdigest()[:10]
    prefix, static, url = load_questions_script(questions, div_id)
    quiz = render_div(div_id, False, False, False, 1_000_000, 600, 10, "left")
    prose = f"<p>{html.escape(intro)}</p>" if intro else ""
    markup = f'<div class="japan-nato-{kind}">{prose}{STYLE}{quiz}{build_styles(div_id, COLOURS)}'
    script = build_script(prefix, static, url, div_id, True) + "\n" + LABELS
    return [
        {
            "text/html": markup + "</div></div>",
            "text/plain": as_text(questions, intro, numbered=kind == "self-check"),
        },
        {"application/javascript": script, "text/plain": NOT_RUN},
    ]


def show_questions(
    questions: list[dict], name: str, intro: str = "", kind: str = "self-check"
) -> None:
    """Display :func:`quiz_outputs` in the notebook."""
    from IPython.display import display

    for output in quiz_outputs(questions, name, intro, kind):
        display(output, raw=True)


def self_check(chapter: str) -> None:
    """Show the chapter's self-check questions (answers give feedback at once)."""
    show_questions(questions(chapter), name=f"{chapter}-self-check")
