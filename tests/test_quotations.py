"""Every quotation the book attributes to the paper occurs in the paper's text.

A quotation counts as the paper's when it is in double quotes and the words before it, in the same
sentence, name the paper ("the paper says ...", "the paper's ...", "or-Rashid ..."). Its text, with
whitespace, typographic quotes and Markdown emphasis normalised and case ignored, must occur in
``../shared/paper/``: a misquotation ("untapped" for the paper's "unexplored") fails. Chapters,
question banks and assignments (prompts and rubrics) are read. Quotations in single quotes are not checked (apostrophes make them
ambiguous to find); the book's convention is double quotes for the paper's words.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT


def _paper() -> Path | None:
    """The paper's text: in $JAPAN_NATO_PAPER (a folder), else in ../shared/paper beside the clone."""
    # An empty variable counts as unset, as in .ci/run (Path("") would be the working folder).
    folder = Path(os.environ.get("JAPAN_NATO_PAPER") or ROOT.parent / "shared" / "paper")
    return next(iter(sorted(folder.glob("*.txt"))), None) if folder.is_dir() else None


PAPER = _paper()
QUOTE = re.compile(r'"(?P<text>[^"\n]{8,}?)"')
NAMES_PAPER = re.compile(r"\bpaper\b|or-Rashid")
SENTENCE_BREAK = re.compile(r"(?<=[.!?:;])\s|\*\*|\n\n")


def normal(text: str) -> str:
    text = text.replace("\\$", "$").replace("**", "").replace("\\_", "_")
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text).lower().strip(" .,;:")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted(
        [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "assignments").glob("*.ipynb")]
    ):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                found.append((path.name, cell.source))
    for path in sorted((ROOT / "japan_nato" / "questions").glob("*.json")):
        found += [(path.name, s) for s in strings(json.loads(path.read_text("utf-8")))]
    return found


def attributed_quotes(source: str) -> list[str]:
    """The double-quoted passages of ``source`` that its own sentence attributes to the paper."""
    source = re.sub(r"\]\(#[^)]*\)", "]", source)  # citation links: their titles are not quotes
    source = source.replace("“", '"').replace("”", '"')
    quotes = []
    for match in QUOTE.finditer(source):
        text = match["text"]
        if text[0] in " ,.;:?)" or len(text.split()) < 2:
            continue  # the end of one quotation and the start of the next, or a single word
        before = SENTENCE_BREAK.split(source[max(0, match.start() - 160) : match.start()])[-1]
        if NAMES_PAPER.search(before):
            quotes.append(text)
    return quotes


@pytest.mark.skipif(
    PAPER is None, reason="the paper's text (../shared/paper/) is not beside this clone"
)
def test_every_quotation_of_the_paper_occurs_in_it():
    paper = normal(PAPER.read_text(encoding="utf-8"))
    checked, wrong = 0, []
    for name, source in texts():
        for quote in attributed_quotes(source):
            checked += 1
            if normal(quote) not in paper:
                wrong.append(f"{name}: {quote!r}")
    assert checked >= 30, f"only {checked} quotations found: has the convention changed?"
    assert wrong == [], "not in the paper's text:\n" + "\n".join(wrong)


def test_a_misquotation_is_caught():
    assert attributed_quotes('The paper says the ties have "untapped potential".') == [
        "untapped potential"
    ]
    assert attributed_quotes('NATO calls it "a natural partner", the paper notes.') == []
