"""Executing a notebook again gives the same checked outputs: the stored run, the instructor book's
run and the student book's run all agree (the last in tests/test_editions.py).

Checked outputs are those of cells tagged ``nbval-check-output`` (the facts nbval guards). Fixed seeds,
no "today" and no hash-dependent ordering keep them stable; this test would catch a regression.

The two fresh runs are the ones the test suite makes anyway: each book executes every notebook when
it is built (``built_book``, ``student_book``; Jupyter Book keeps the executed copies in
``_build/jupyter_execute``). Comparing against both shows that two independent executions agree
with the stored outputs, and so with each other, without running any notebook a third time.

What is compared is what a reader sees: a cell's stream text joined per stream (the kernel cuts
stdout into messages by timing, so two runs may split the same text differently) and each rich
output's plain text.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)


def checked_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, dict[str, str]]]:
    """Per output-checked cell (by its position among them): stream name or output kind -> text."""
    seen = []
    cells = [
        c
        for c in notebook.cells
        if c.cell_type == "code" and "nbval-check-output" in c.metadata.get("tags", [])
    ]
    for index, cell in enumerate(cells):
        shown: dict[str, str] = {}
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                key, text = output["name"], output["text"]
            else:
                key, text = output["output_type"], output.get("data", {}).get("text/plain", "")
            shown[key] = shown.get(key, "") + "".join(text)
        seen.append((index, shown))
    return seen


def executed(html: Path, path: Path) -> nbformat.NotebookNode:
    folder = html.parent / "jupyter_execute" / path.parent.name
    return nbformat.read(folder / path.name, as_version=4)


def test_joining_streams_hides_how_the_kernel_chunked_them():
    cell = nbformat.v4.new_code_cell(
        "print(1); print(2)", metadata={"tags": ["nbval-check-output"]}
    )
    one = nbformat.v4.new_notebook(cells=[cell])
    two = nbformat.from_dict(one)
    one.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")]
    two.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
    ]
    assert checked_outputs(one) == checked_outputs(two)
    two.cells[0].outputs[1]["text"] = "3\n"
    assert checked_outputs(one) != checked_outputs(two)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_instructor_book_run_gives_the_stored_checked_outputs(built_book, path):
    returncode, log, html = built_book
    assert returncode == 0, log
    stored = checked_outputs(nbformat.read(path, as_version=4))
    assert stored, f"{path.name} has no output-checked cell"
    assert checked_outputs(executed(html, path)) == stored, f"{path.name}: the book's run differs"
