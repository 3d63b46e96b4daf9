"""Student and instructor editions come from the same notebooks; the student's has no model answers."""

from __future__ import annotations

import json

import nbformat
import pytest

from japan_nato import citations
from japan_nato.editions import solution_cells, write_student_notebooks
from tests.conftest import ROOT
from tests.test_determinism import NOTEBOOKS, checked_outputs, executed

CHAPTERS = sorted(
    p for p in (ROOT / "notebooks").glob("[01][0-9]_*.ipynb") if not p.name.startswith("00")
)


def answer_snippets(source: str) -> list[str]:
    """Distinctive lines of a model answer in its own words (the directive lines and the citation
    links, which other cells share, excluded)."""
    lines = [line.strip() for line in citations.without_citations(source).splitlines()]
    return [
        line[:60]
        for line in lines
        if len(line) > 40 and not line.startswith((":::", ":class:", ":label:"))
    ]


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    dest = tmp_path_factory.mktemp("student")
    write_student_notebooks(dest)
    return dest


def test_every_chapter_has_at_least_two_tagged_model_answers():
    for path in CHAPTERS:
        answers = solution_cells(nbformat.read(path, as_version=4))
        assert len(answers) >= 2, path.name
        assert all("{solution}" in a for a in answers), path.name


def test_no_model_answer_is_left_outside_a_tagged_cell():
    for path in CHAPTERS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if "{solution}" in cell.source:
                assert "solution" in cell.metadata.get("tags", []), (
                    f"{path.name}: untagged solution"
                )


def test_student_notebooks_contain_none_of_the_solution_text(student):
    for path in CHAPTERS:
        text = (student / "notebooks" / path.name).read_text(encoding="utf-8")
        assert "{solution}" not in text, path.name
        for answer in solution_cells(nbformat.read(path, as_version=4)):
            for snippet in answer_snippets(answer):
                assert json.dumps(snippet)[1:-1] not in text, f"{path.name}: {snippet!r}"
        assert "{exercise}" in text, f"{path.name}: the questions must stay"


def test_student_book_hides_model_answers_and_the_instructor_guide(student_book):
    """Built from the student notebooks with warnings and cell errors as failures, so they also run
    cleanly; tests/test_determinism.py checks that they still compute every checked fact."""
    returncode, log, html = student_book
    assert returncode == 0, log
    page = (html / "notebooks" / "07_motives.html").read_text(encoding="utf-8")
    assert "solution dropdown" not in page
    assert "Exercise" in page  # the questions are still there
    assert not (html / "appendices" / "instructor_guide.html").exists()
    for path in CHAPTERS:
        built = (html.parent / "jupyter_execute" / "notebooks" / path.name).read_text("utf-8")
        assert "{solution}" not in built, f"{path.name}: the student book ran a model answer cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_student_book_run_gives_the_stored_checked_outputs(student_book, path):
    """Also shows that the student notebooks (model answers removed) still compute every fact."""
    returncode, log, html = student_book
    assert returncode == 0, log
    stored = checked_outputs(nbformat.read(path, as_version=4))
    assert checked_outputs(executed(html, path)) == stored, f"{path.name}: the student run differs"
