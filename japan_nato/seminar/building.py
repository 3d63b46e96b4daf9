"""Building the assignments: reading otter-grader source notebooks and running ``otter assign``.

Each ``assignments/NAME.ipynb`` is an otter-grader source notebook: autograded questions with public
checks (``grader.check("q1")``) and hidden tests, and written questions whose rubric sits in their
solution block. ``build`` runs ``otter assign`` on it and leaves, in ``assignments/dist/NAME/``,
``student/NAME.ipynb`` (no solutions, no hidden tests) and ``autograder/`` (the solution notebook
and ``autograder.zip``).

The grader reads its checks from the source notebook, not from the zip: :func:`checks` gives every
test cell of a question (public or hidden, its points, the answers and tables it takes by parameter
name), and :func:`tables` the data tables the notebook's setup cell loads (``events =
load("events")``), which the grader loads itself from ``data/``.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ROOT / "assignments"
#: Where built assignments go; ``JAPAN_NATO_ASSIGNMENTS_DIST`` moves them (the tests build into a
#: folder of their own, so a test run never replaces the copies an instructor has handed out).
DIST_VARIABLE = "JAPAN_NATO_ASSIGNMENTS_DIST"


def dist_dir() -> Path:
    return Path(os.environ.get(DIST_VARIABLE, SOURCES / "dist"))


@dataclass(frozen=True)
class Question:
    """One question of an assignment, as its source notebook declares it."""

    name: str
    points: float
    written: bool  # a written (manual) question, marked by the instructor
    prompt: str  # the question as students read it (markdown)
    rubric: str  # the written question's model answer and rubric (markdown); "" if autograded
    cells: tuple[str, ...]  # ids of the source cells handed out within this question


def names() -> list[str]:
    """The assignments, in order: every source notebook in ``assignments/``."""
    return sorted(p.stem for p in SOURCES.glob("*.ipynb"))


def source_path(name: str) -> Path:
    path = SOURCES / f"{name}.ipynb"
    if not path.is_file():
        raise SystemExit(f"no assignment {name!r}: the assignments are {', '.join(names())}")
    return path


def _config(cell) -> dict | None:
    """The YAML of an otter ``# BEGIN QUESTION`` raw cell, else None."""
    lines = cell.source.strip().splitlines()
    if cell.cell_type != "raw" or not lines or lines[0].strip() != "# BEGIN QUESTION":
        return None
    return yaml.safe_load("\n".join(lines[1:])) or {}


def _marker(cell, word: str) -> bool:
    return cell.cell_type == "raw" and cell.source.strip() == f"# {word}"


@cache
def _read(path: Path, mtime: float) -> nbformat.NotebookNode:
    """A source notebook, read once while it is unchanged: its questions, checks and tables are all
    read from it. Callers only read it."""
    return nbformat.read(path, as_version=4)


@cache
def _questions(path: Path, mtime: float) -> tuple[Question, ...]:
    notebook = _read(path, mtime)
    found, current, block = [], None, None
    for cell in notebook.cells:
        config = _config(cell)
        if config is not None:
            current = {"config": config, "prompt": [], "rubric": [], "cells": []}
            block = "prompt"
        elif current is None:
            continue
        elif _marker(cell, "END QUESTION"):
            config = current["config"]
            found.append(
                Question(
                    name=str(config["name"]),
                    points=float(config.get("points", 0)),
                    written=bool(config.get("manual", False)),
                    prompt="\n\n".join(current["prompt"]),
                    rubric="\n\n".join(current["rubric"]),
                    cells=tuple(current["cells"]),
                )
            )
            current = None
        elif cell.cell_type == "raw":
            word = cell.source.strip()
            block = {"# BEGIN SOLUTION": "solution", "# BEGIN TESTS": "tests"}.get(word, "prompt")
        elif block == "prompt":
            current["prompt"].append(cell.source)
            current["cells"].append(cell.id)
        elif block == "solution" and cell.cell_type == "markdown":
            current["rubric"].append(cell.source)
        elif block == "solution":
            current["cells"].append(cell.id)  # handed out with the solution blanked
    return tuple(found)


def questions(name: str) -> tuple[Question, ...]:
    """The questions of assignment ``name``, in order, read from its source notebook."""
    path = source_path(name)
    return _questions(path, path.stat().st_mtime)


def solution_notebook_path(name: str) -> Path:
    return dist_dir() / name / "autograder" / f"{name}.ipynb"


def student_notebook_path(name: str) -> Path:
    return dist_dir() / name / "student" / f"{name}.ipynb"


def autograder_path(name: str) -> Path:
    return dist_dir() / name / "autograder" / "autograder.zip"


def build(name: str) -> Path:
    """Run ``otter assign`` on assignment ``name``; returns its ``dist`` folder.

    otter names the autograder zip with a time stamp; it is renamed ``autograder.zip`` so the grade
    command (and an instructor) can find it.
    """
    source = source_path(name)
    out = dist_dir() / name
    if out.exists():
        shutil.rmtree(out)
    result = subprocess.run(
        [sys.executable, "-m", "otter", "assign", "--no-pdfs", str(source), str(out)],
        cwd=SOURCES,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"otter assign failed on {source.name}:\n{result.stdout}\n{result.stderr}")
    zips = sorted((out / "autograder").glob(f"{name}-autograder_*.zip"))
    if len(zips) != 1:
        raise SystemExit(f"otter assign left {len(zips)} autograder zips in {out / 'autograder'}")
    zips[0].rename(autograder_path(name))
    return out


@dataclass(frozen=True)
class Check:
    """One test cell of a question: a function whose parameters name answers and tables."""

    question: str
    function: str  # test_q1_value
    code: str  # the cell's code, without otter's config block
    hidden: bool
    points: float
    parameters: tuple[str, ...]
    purpose: str  # what it checks, in words a student may read (its docstring, else its name)


def _purpose(function: str, question: str, docstring: str | None) -> str:
    if docstring:
        return " ".join(docstring.split())
    words = function.removeprefix("test_").removeprefix(f"{question}_").replace("_", " ")
    return words or function


@cache
def _checks(path: Path, mtime: float) -> tuple[Check, ...]:
    notebook = _read(path, mtime)
    found, question, inside = [], None, False
    for cell in notebook.cells:
        config = _config(cell)
        if config is not None:
            question = config
            continue
        text = cell.source.strip()
        if cell.cell_type == "raw" and text in ("# BEGIN TESTS", "# END TESTS"):
            inside = text == "# BEGIN TESTS"
            continue
        if not (inside and question is not None and cell.cell_type == "code"):
            continue
        head, _, code = text.partition("# END TEST CONFIG")
        settings = yaml.safe_load(head.replace('"""', "").replace("# BEGIN TEST CONFIG", "")) or {}
        tree = ast.parse(code)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                found.append(
                    Check(
                        question=str(question["name"]),
                        function=node.name,
                        code=code.strip(),
                        hidden=bool(settings.get("hidden", False)),
                        points=float(settings.get("points", 0)),
                        parameters=tuple(a.arg for a in node.args.args),
                        purpose=_purpose(node.name, str(question["name"]), ast.get_docstring(node)),
                    )
                )
    return tuple(found)


def checks(name: str) -> tuple[Check, ...]:
    """Every public and hidden check of assignment ``name``'s autograded questions, in order."""
    path = source_path(name)
    return _checks(path, path.stat().st_mtime)


_LOADED = re.compile(r"^(\w+)\s*=\s*load\(\s*[\"'](\w+)[\"']\s*\)", flags=re.M)


def tables(name: str) -> dict[str, str]:
    """The tables the assignment's setup loads, as {variable: dataset} (``events = load("events")``).
    A check's parameter with one of these names gets the grader's own copy of the table."""
    path = source_path(name)
    found = {}
    for cell in _read(path, path.stat().st_mtime).cells:
        if _config(cell) is not None:
            break
        if cell.cell_type == "code":
            found.update(dict(_LOADED.findall(cell.source)))
    return found


def answer_names(name: str) -> tuple[str, ...]:
    """The names of the answers a submission hands in: every check parameter that is not a table."""
    known = tables(name)
    out = []
    for check in checks(name):
        out += [p for p in check.parameters if p not in known and p not in out]
    return tuple(out)
