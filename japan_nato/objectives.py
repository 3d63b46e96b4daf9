"""Learning objectives: what each chapter promises a student will be able to do, where the chapter
lets them practise it, and which checks assess it.

The record lives beside the chapter's questions, in ``japan_nato/questions/<chapter>.json``:

- ``"objectives"``: a list of ``{"text": ..., "practised_in": [...]}``, in the chapter's order.
  ``practised_in`` names headings of the chapter (as written, without the ``#``) or labels of its
  exercises, where a student does the thing the objective names.
- every self-check question, the ``ordering`` and the ``classification`` exercise carry
  ``"objective": n`` (1-based), the objective they assess;
- ``"exercises"`` maps every exercise label of the chapter (``:label:`` in a ``{exercise}``
  directive, such as ``ch04-discuss-1``) to the list of objectives it assesses.

From this one record come the chapter's list of objectives (``python -m japan_nato.pages`` writes it
into the notebook) and the instructor guide's table per chapter. :func:`problems` says what is
missing; a test fails while any chapter has a problem.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HEADING = "## Learning objectives"
LEAD = "By the end of this chapter you will be able to:"
START, END = "<!-- objectives:start -->", "<!-- objectives:end -->"
LOOKUP_TYPES = {"numeric", "string"}


@dataclass(frozen=True)
class Objective:
    chapter: str
    number: int
    text: str
    practised_in: tuple[str, ...]
    assessed_by: tuple[str, ...]


def chapters() -> list[str]:
    """Every chapter's name (``00_how_to_use`` ...), in reading order."""
    return [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]


def _record(chapter: str) -> dict:
    """The chapter's question bank, which holds the record (read and checked by the quiz module)."""
    from japan_nato.quiz import bank

    return bank(chapter)


def _checks(data: dict) -> list[tuple[str, object]]:
    """(where, objective) for every check in the record: questions, exercises, ordering, sorting."""
    found: list[tuple[str, object]] = []
    for i, question in enumerate(data.get("questions", []), 1):
        found.append((f"self-check {i}", question.get("objective")))
    for key, name in (("ordering", "ordering exercise"), ("classification", "sorting exercise")):
        if data.get(key):
            found.append((f"the {name}", data[key].get("objective")))
    for label, numbers in data.get("exercises", {}).items():
        for number in numbers if isinstance(numbers, list) else [numbers]:
            found.append((f"exercise {label}", number))
    return found


def record(chapter: str) -> list[Objective]:
    """The chapter's objectives, each with where it is practised and what assesses it."""
    data = _record(chapter)
    checks = _checks(data)
    return [
        Objective(
            chapter=chapter,
            number=n,
            text=item["text"],
            practised_in=tuple(item.get("practised_in", [])),
            assessed_by=tuple(where for where, number in checks if number == n),
        )
        for n, item in enumerate(data.get("objectives", []), 1)
    ]


def _notebook_text(chapter: str) -> str:
    notebook = nbformat.read(NOTEBOOKS / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def _headings(text: str) -> set[str]:
    return {m.group(1).strip() for m in re.finditer(r"(?m)^#{2,4} (.+)$", text)}


def _exercise_labels(text: str) -> list[str]:
    return re.findall(r"(?m)^:::\{exercise\}[^\n]*\n:label: (\S+)", text)


def problems(chapter: str) -> list[str]:
    """Everything that keeps the chapter's record from showing each objective practised and assessed."""
    data = _record(chapter)
    name = f"{chapter}.json"
    if not data.get("objectives"):
        return [f"{name}: no 'objectives' recorded for the chapter."]
    found: list[str] = []
    objectives = record(chapter)
    text = _notebook_text(chapter)
    headings, labels = _headings(text), _exercise_labels(text)
    for objective in objectives:
        where = f"{name}, objective {objective.number}"
        if not objective.practised_in:
            found.append(f"{where}: nothing practises it (add 'practised_in').")
        for place in objective.practised_in:
            if place not in headings and place not in labels:
                found.append(f"{where}: {place!r} is neither a heading nor an exercise label.")
        if not objective.assessed_by:
            found.append(f"{where}: no question, exercise or discuss question assesses it.")
    numbers = range(1, len(objectives) + 1)
    for check, number in _checks(data):
        if number not in numbers:
            found.append(
                f"{name}, {check}: names objective {number!r}, not one of 1-{len(numbers)}."
            )
    recorded = set(data.get("exercises", {}))
    for label in labels:
        if label not in recorded:
            found.append(f"{name}: exercise {label!r} is not in 'exercises' (which objective?).")
    for label in recorded - set(labels):
        found.append(f"{name}: 'exercises' names {label!r}, which the chapter does not have.")
    return found


def objectives_markdown(chapter: str) -> str:
    """The chapter's numbered list of objectives, between markers, as the notebook shows it."""
    lines = [START, LEAD, ""]
    for objective in record(chapter):
        wrapped = textwrap.wrap(
            f"{objective.number}. {objective.text}",
            width=100,
            subsequent_indent="   ",
            break_on_hyphens=False,
        )
        lines.extend(wrapped)
    lines.append(END)
    return "\n".join(lines)


def lookup_share(chapter: str) -> tuple[int, int]:
    """(lookups, questions) among the chapter's self-checks; a lookup wants a typed number or word."""
    questions = _record(chapter).get("questions", [])
    return sum(q["type"] in LOOKUP_TYPES for q in questions), len(questions)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def guide_markdown() -> str:
    """One table per chapter for the instructor guide: objective, where practised, what assesses it."""
    blocks = []
    for chapter in chapters():
        objectives = record(chapter)
        if not objectives:
            continue
        rows = [
            f"**{{doc}}`../notebooks/{chapter}`**",
            "",
            "| # | Objective | Practised in | Assessed by |",
            "|---|---|---|---|",
        ]
        for o in objectives:
            rows.append(
                f"| {o.number} | {_cell(o.text)} | {'; '.join(map(_cell, o.practised_in))} "
                f"| {'; '.join(o.assessed_by)} |"
            )
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)
