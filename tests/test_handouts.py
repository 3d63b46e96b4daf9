"""Printed handouts: one PDF per chapter from the student book, with no model answers.

The PDFs are read back with pypdf: their page count, title and text, as a reader holding the
printout would see them.
"""

from __future__ import annotations

import re
import unicodedata

import nbformat
import pytest
from pypdf import PdfReader

from japan_nato import citations, handouts
from japan_nato.editions import solution_cells
from tests.test_editions import CHAPTERS


def flat(text: str) -> str:
    """Letters and digits only, lower case: what survives PDF line breaks and ligatures."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", text).lower())


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: link text without addresses, no emphasis marks or roles."""
    text = citations.without_citations(markdown)
    text = re.sub(r"\{[a-z]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)  # {term}`ISAF`
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


@pytest.fixture(scope="module")
def printed(browser, student_book, tmp_path_factory):  # no browser: skip before building
    returncode, log, html = student_book
    assert returncode == 0, log
    dest = tmp_path_factory.mktemp("handouts")
    return handouts.print_handouts(html, dest, browser=browser)


def test_one_handout_per_chapter(printed):
    assert [p.stem for p in printed] == [p.stem for p in CHAPTERS]
    assert handouts.CHAPTERS == [p.stem for p in CHAPTERS]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_handout_has_title_pages_and_questions_but_no_model_answers(printed, chapter):
    pdf = PdfReader(next(p for p in printed if p.stem == chapter.stem))
    notebook = nbformat.read(chapter, as_version=4)
    heading = next(c.source for c in notebook.cells if c.cell_type == "markdown")
    title = plain(heading.splitlines()[0].lstrip("# "))
    assert flat(pdf.metadata.title).startswith(flat(title)), pdf.metadata.title
    assert 3 <= len(pdf.pages) <= 40, len(pdf.pages)
    pages = [page.extract_text() for page in pdf.pages]
    text = flat(" ".join(pages))
    assert flat(title) in flat(pages[0])
    assert f"page1of{len(pdf.pages)}" in flat(pages[0])
    assert f"page{len(pdf.pages)}of{len(pdf.pages)}" in flat(pages[-1])
    # The chapter's overview, which the reader needs, is printed (so the text can be searched) ...
    overview = next(
        p
        for c in notebook.cells
        if c.cell_type == "markdown"
        for p in plain(c.source).split("\n\n")
        if len(p) > 200 and not p.startswith(("#", ":", "|", "-", ">"))
    )
    assert flat(overview[:120]) in text
    # ... the self-checks as numbered questions, and the discussion questions ...
    assert "selfcheck1" in text and "selfcheck3" in text
    assert "discuss" in text
    # ... and no model answer: neither its heading nor a line of its text.
    assert "solutiontoexercise" not in text
    for answer in solution_cells(notebook):
        for line in plain(answer).splitlines():
            line = line.strip()
            if len(line) > 40 and not line.startswith((":::", ":class:", ":label:", "```")):
                assert flat(line[:80]) not in text, line[:80]
