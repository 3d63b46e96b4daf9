"""A broken CSV stops the first notebook with one message naming the file, the column and the value."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "00_how_to_use.ipynb"


def run_first_notebook() -> str:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    with pytest.raises(CellExecutionError) as caught:
        client.execute()
    return str(caught.value)


def error_line(output: str) -> str:
    """The one DataError line the student sees (colour codes removed)."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    lines = [line for line in plain.splitlines() if "DataError:" in line]
    assert len(lines) == 1, plain[-2000:]
    return lines[0]


def test_bad_date_names_file_column_and_value(data_copy):
    path = data_copy / "events.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("1949-04-04", "1949-04-31", 1), encoding="utf-8"
    )
    line = error_line(run_first_notebook())
    for part in ("data/events.csv", "'date'", "'1949-04-31'", "Fix:"):
        assert part in line, line


def test_missing_column_names_file_and_column(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("term,expansion,", "term,", 1), encoding="utf-8")
    line = error_line(run_first_notebook())
    for part in ("data/glossary.csv", "'expansion'", "missing"):
        assert part in line, line


def test_duplicate_id_names_file_column_and_value(data_copy):
    path = data_copy / "nato_members.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nLatvia,LVA,", "\nEstonia,LVA,", 1),
        encoding="utf-8",
    )
    line = error_line(run_first_notebook())
    for part in ("data/nato_members.csv", "'country'", "'Estonia'", "used twice"):
        assert part in line, line
