"""Executing a notebook again gives the same checked outputs: stored run plus two fresh runs agree.

Checked outputs are those of cells tagged ``nbval-check-output`` (the facts nbval guards). Fixed seeds,
no "today" and no hash-dependent ordering keep them stable; this test would catch a regression.
"""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)


def checked_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    texts = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "nbval-check-output" in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                texts.append(output.get("text") or output.get("data", {}).get("text/plain", ""))
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_three_executions_give_identical_checked_outputs(path):
    stored = nbformat.read(path, as_version=4)
    runs = [checked_outputs(stored)]
    for _ in range(2):
        fresh = copy.deepcopy(stored)
        NotebookClient(
            fresh,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        runs.append(checked_outputs(fresh))
    assert runs[0], f"{path.name} has no output-checked cell"
    assert runs[1] == runs[0], f"{path.name}: a fresh run differs from the stored outputs"
    assert runs[2] == runs[1], f"{path.name}: two fresh runs differ"
