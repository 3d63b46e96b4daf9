"""How hard a chapter is to read: sentence lengths and reading time, measured on its prose.

The book's readers are students of politics, many of whom read in a second language. Its rules:
a chapter's sentences average at most 22 words, at most one runs over 40, and "Time to learn"
gives a reading time that follows from the word count (about 200 words a minute for this kind of
prose) beside a separate time for the exercises. ``tests/test_reading.py`` holds every chapter to
these rules; this module measures, so an author can check a chapter while writing it:

    python -m japan_nato.readability                 # every chapter
    python -m japan_nato.readability notebooks/04_after_9_11.ipynb --long

Prose is every Markdown cell, model answers included, less what is not read as sentences: code
blocks, directive lines, tables, headings, block quotes, roles and citations in brackets.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

#: Words a minute for reading this kind of prose closely.
WORDS_PER_MINUTE = 200
MAX_MEAN = 22
LONG = 40

_FENCE = re.compile(r"```.*?```", re.S)
_NOT_SENTENCES = re.compile(r"^\s*[|:#>].*$", re.M)  # tables, directive options, headings, quotes
_ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
# A link keeps its text; its address and hover title (a citation's full reference) are not read.
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\"]|\"[^\"]*\")*\)")
_CITATION = re.compile(r"\([^()]*\d{4}[^()]*\)")
# A sentence ends at . ! or ? (perhaps inside a closing quote, bracket or bold mark) before the
# capital, quote, bracket or bold mark that opens the next; a paragraph break or a list item
# starts a new one too.
_SPLIT = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)*])|(?<=[.!?]\*\*))\s+(?=[A-Z\"'“‘(*_])"
    r"|\n\s*\n\s*"
    r"|\n\s*(?=(?:[-*+]|\d+[.)])\s)"
)
TIME_TO_LEARN = re.compile(
    r"\*\*Time to learn:\*\*\s*about (?P<read>\d+) minutes? to read"
    r"[^.]*?(?P<practise>\d+) minutes? for the exercises(?: \((?P<parts>[^)]*)\))?"
)


def prose(markdown: str) -> str:
    """The sentences of one Markdown cell, as a reader meets them."""
    text = _FENCE.sub(" ", markdown)
    text = _NOT_SENTENCES.sub(" ", text)
    text = _ROLE.sub("X", text)
    text = _LINK.sub(r"\1", text)
    return _CITATION.sub("", text)


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences of three words or more (a list item is one sentence or more)."""
    cut = (re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", s) for s in _SPLIT.split(text))
    return [s.strip() for s in cut if len(s.split()) >= 3]


@dataclass(frozen=True)
class Reading:
    """The measures of one chapter."""

    chapter: str
    words: int
    sentences: list[str]

    @property
    def mean(self) -> float:
        return sum(len(s.split()) for s in self.sentences) / max(1, len(self.sentences))

    @property
    def long(self) -> list[str]:
        return [s for s in self.sentences if len(s.split()) > LONG]

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


def markdown_cells(path: Path, answers: bool = True) -> list[str]:
    """The Markdown cells of a notebook; without ``answers``, less the model answers."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "markdown"
        and (answers or "solution" not in c["metadata"].get("tags", []))
    ]


def measure(path: Path, answers: bool = True) -> Reading:
    """Words and sentences of the chapter notebook at ``path``, model answers included unless
    ``answers`` is False (the student edition's prose)."""
    texts = [prose(cell) for cell in markdown_cells(path, answers)]
    found = sentences("\n\n".join(texts))
    words = sum(len(text.split()) for text in texts)
    return Reading(path.stem, words, found)


def time_to_learn(path: Path) -> dict | None:
    """The chapter's stated "Time to learn": reading and exercise minutes, and the exercise
    parts as (name, minutes) pairs; None if the chapter states none in the book's form."""
    for cell in markdown_cells(path):
        found = TIME_TO_LEARN.search(cell.replace("\n", " "))
        if found:
            parts = [
                (name.strip(), int(minutes))
                for name, minutes in re.findall(r"([^,;]+?)\s+(\d+)", found["parts"] or "")
            ]
            return {"read": int(found["read"]), "practise": int(found["practise"]), "parts": parts}
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--long", action="store_true", help="print the sentences over 40 words")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    print(f"{'chapter':32} {'words':>6} {'read':>5} {'mean':>5} {'>40':>4}  (student edition)")
    for path in paths:
        r, s = measure(path), measure(path, answers=False)
        print(
            f"{r.chapter:32} {r.words:6} {r.minutes:5.0f} {r.mean:5.1f} {len(r.long):4}"
            f"  ({s.mean:.1f}, {len(s.long)})"
        )
        if args.long:
            for s in r.long:
                print(f"    [{len(s.split())}] {s}")


if __name__ == "__main__":
    main()
