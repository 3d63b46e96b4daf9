"""Every chapter is readable by a student who does not program: each visible code cell is one call
with a sentence before it, evidence is stored whole, sentences are short, and "Time to learn" is
honest. The README's figures about the data are the data's, and its licences exist."""

from __future__ import annotations

import re

import nbformat
import pytest

from japan_nato import load, readability
from tests.conftest import ROOT

CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = [*CHAPTERS, *sorted((ROOT / "appendices").glob("*.ipynb"))]
HIDDEN = {"remove-input", "hide-input", "remove-cell", "hide-cell"}
LOOP = re.compile(r"^\s*(for|while)\s|\bfor\b.+\bin\b.+[\]\)}]|\blambda\b", re.M)
CUT = re.compile(r"<td[^>]*>[^<]*\.\.\.</td>")


def visible_code(notebook) -> list:
    return [
        (i, c)
        for i, c in enumerate(notebook.cells)
        if c.cell_type == "code"
        and not HIDDEN & set(c.metadata.get("tags", []))
        and not c.metadata.get("jupyter", {}).get("source_hidden")
    ]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
def test_every_visible_code_cell_is_a_short_call_after_a_sentence(path):
    notebook = nbformat.read(path, as_version=4)
    for i, cell in visible_code(notebook):
        where = f"{path.name}, cell {i} ({cell.source[:60]!r})"
        assert not LOOP.search(cell.source), f"{where}: a loop or lambda in the reader's path"
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= 3, f"{where}: {len(lines)} lines; a visible cell is one call"
        assert "import" not in cell.source, f"{where}: imports belong in the folded setup cell"
        before = notebook.cells[i - 1]
        if before.cell_type == "code" and "hide-input" in before.metadata.get("tags", []):
            before = notebook.cells[i - 2]  # a folded setup cell shows nothing but its toggle
        assert before.cell_type == "markdown", f"{where}: no sentence before it says what it shows"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
def test_cells_that_prepare_data_are_folded_in_the_book_and_in_jupyterlab(path):
    notebook = nbformat.read(path, as_version=4)
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        folded_in_book = "hide-input" in cell.metadata.get("tags", [])
        folded_in_lab = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        assert folded_in_book == folded_in_lab, f"{path.name}, cell {i}: folded in one place only"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:12])
def test_no_stored_table_cell_is_cut_short(path):
    notebook = nbformat.read(path, as_version=4)
    for i, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            cut = CUT.findall("".join(markup))
            assert not cut, f"{path.name}, cell {i}: a table cell ends in '...': {cut[0][:80]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
@pytest.mark.parametrize("answers", [True, False], ids=["instructor", "student"])
def test_sentences_are_short(path, answers):
    reading = readability.measure(path, answers=answers)
    assert reading.mean <= readability.MAX_MEAN, f"{path.stem}: mean {reading.mean:.1f} words"
    assert len(reading.long) <= 1, f"{path.stem}: {len(reading.long)} sentences over 40 words: " + (
        " | ".join(s[:80] for s in reading.long)
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
def test_time_to_learn_gives_reading_and_exercise_time_honestly(path):
    stated = readability.time_to_learn(path)
    assert stated, (
        f"{path.stem}: no 'Time to learn: about N minutes to read, ... for the exercises'"
    )
    minutes = readability.measure(path).minutes
    assert abs(stated["read"] - minutes) <= max(0.25 * minutes, 2.5), (
        f"{path.stem}: says {stated['read']} minutes to read; {minutes:.0f} at "
        f"{readability.WORDS_PER_MINUTE} words a minute"
    )
    assert stated["parts"], f"{path.stem}: name the exercises and their minutes"
    assert sum(m for _, m in stated["parts"]) == stated["practise"], (
        f"{path.stem}: the exercise minutes {stated['parts']} do not add up to {stated['practise']}"
    )


def test_the_readme_states_the_data_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"timeline of Japan–NATO relations \((\d+) events, (\d{4})–(\d{4})\)", readme)
    assert found, "the README no longer describes the timeline"
    events = load("events")
    assert int(found[1]) == len(events)
    assert (int(found[2]), int(found[3])) == (
        events["date"].dt.year.min(),
        events["date"].dt.year.max(),
    )
    members = re.search(r"NATO's (\d+)\s+members", readme)
    assert members and int(members[1]) == len(load("nato_members"))


def test_the_licences_named_in_the_readme_and_the_citation_file_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    cc = (ROOT / "LICENSE-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert "Code: MIT" in readme and "Data and text: CC BY 4.0" in readme
    assert "MIT License" in mit and "Permission is hereby granted" in mit
    assert "Attribution 4.0 International Public License" in cc
    assert "- MIT" in citation and "- CC-BY-4.0" in citation
