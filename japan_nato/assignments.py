"""Seminar assignments, written once as otter-grader source notebooks and graded offline.

    python -m japan_nato.assignments build [NAME ...]     # every assignment, or the ones named
    python -m japan_nato.assignments grade NAME DIR       # grade every submission in DIR
    python -m japan_nato.assignments totals DIR           # each submission's total, once marked

Each ``assignments/NAME.ipynb`` is an otter-grader source notebook: autograded questions with public
checks (``grader.check("q1")``) and hidden tests, and written questions whose rubric sits in their
solution block. ``build`` runs ``otter assign`` on it and leaves, in ``assignments/dist/NAME/``,
``student/NAME.ipynb`` (no solutions, no hidden tests) and ``autograder/`` (the solution notebook
and ``autograder.zip``).

``grade`` runs ``otter run`` (no Docker) on each submission in its own process, in a temporary copy,
with a time limit and, where the machine allows, no network, because a student's code can loop
forever, crash or read files. It writes ``DIR/grades.csv`` (one row per submission and question)
and ``DIR/written_answers.html`` (every written answer under its question, for marking), and
nothing else in DIR.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "assignments"
#: Where built assignments go; ``JAPAN_NATO_ASSIGNMENTS_DIST`` moves them (the tests build into a
#: folder of their own, so a test run never replaces the copies an instructor has handed out).
DIST_VARIABLE = "JAPAN_NATO_ASSIGNMENTS_DIST"


def dist_dir() -> Path:
    return Path(os.environ.get(DIST_VARIABLE, SOURCES / "dist"))


#: Seconds one submission may run before it is stopped.
TIMEOUT = 120
GRADES = "grades.csv"
WRITTEN = "written_answers.html"
COLUMNS = ("submission", "question", "score", "max_score", "note")

#: Markers otter writes around a written question in the student notebook.
BEGIN_WRITTEN = "<!-- BEGIN QUESTION -->"
END_WRITTEN = "<!-- END QUESTION -->"
#: The text of the answer cell otter gives students for a written question.
PLACEHOLDER = "_Type your answer here, replacing this text._"


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
def _questions(path: Path, mtime: float) -> tuple[Question, ...]:
    notebook = nbformat.read(path, as_version=4)
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


# --- grading -----------------------------------------------------------------------------------


def _isolation() -> list[str]:
    """A command prefix that runs a program with no network but loopback, or [] where this machine
    cannot (then grading still runs, and says so). The kernel talks to otter over loopback."""
    if not (shutil.which("unshare") and shutil.which("ip")):
        return []
    prefix = ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "isolated"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    return prefix if probe.returncode == 0 else []


def _handed_out_cells(name: str) -> set[str]:
    """Ids of the source cells the student notebook carries (the cells a submission should keep)."""
    student = nbformat.read(student_notebook_path(name), as_version=4)
    source = nbformat.read(source_path(name), as_version=4)
    return {c.id for c in student.cells} & {c.id for c in source.cells}


def _written_answers(notebook, written: list[Question]) -> dict[str, str | None]:
    """Each written question's answer in a submission (markdown), None where it is missing."""
    blocks, current = [], None
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source
        # otter closes one written question and opens the next in the same cell (the prompt)
        if END_WRITTEN in text and current is not None:
            blocks.append("\n\n".join(current).strip())
            current = None
        if BEGIN_WRITTEN in text:
            current = []
        elif current is not None and text.strip() != PLACEHOLDER:
            current.append(text)
    answers = {}
    for index, question in enumerate(written):
        answer = blocks[index] if index < len(blocks) else None
        answers[question.name] = None if answer in (None, "", PLACEHOLDER) else answer
    return answers


@dataclass
class Result:
    """What grading one submission gave."""

    submission: str
    scores: dict[str, float]  # autograded question -> score
    notes: dict[str, str]  # question -> note ("" key: a note for every row)
    written: dict[str, str | None]
    seconds: float


def _run_otter(name: str, notebook: Path, timeout: float, prefix: list[str]) -> tuple[dict, str]:
    """Run ``otter run`` on ``notebook`` (already a private copy) in its own process group, offline
    where possible; returns ({question: score}, problem) where problem is "" if it ran."""
    out = notebook.parent / "results"
    out.mkdir()
    command = [
        *prefix,
        sys.executable,
        "-m",
        "otter",
        "run",
        "--no-logo",
        "-a",
        str(autograder_path(name)),
        "-o",
        str(out),
        str(notebook),
    ]
    env = {**os.environ, "HOME": str(notebook.parent), "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        command,
        cwd=notebook.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        log, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {}, f"stopped after {timeout:g} s: the notebook did not finish (an endless loop?)"
    results = out / "results.json"
    if process.returncode != 0 or not results.is_file():
        last = [line for line in log.strip().splitlines() if line.strip()][-1:] or ["no output"]
        return {}, f"the autograder could not run this notebook: {last[0][:300]}"
    tests = json.loads(results.read_text(encoding="utf-8"))["tests"]
    return {t["name"]: float(t["score"]) for t in tests if "score" in t}, ""


def grade_one(name: str, path: Path, timeout: float = TIMEOUT, prefix=None) -> Result:
    """Grade one submission file, in a temporary copy; never writes beside ``path``."""
    started = time.monotonic()
    all_questions = questions(name)
    written = [q for q in all_questions if q.written]
    notes: dict[str, str] = {}
    answers: dict[str, str | None] = {q.name: None for q in written}
    scores: dict[str, float] = {}
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # anything a student might hand in that is not a notebook
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        notes[""] = f"not a Jupyter notebook ({reason})"
        return Result(path.name, scores, notes, answers, time.monotonic() - started)
    answers = _written_answers(notebook, written)
    kept = {c.get("id") for c in notebook.cells}
    missing = _handed_out_cells(name) - kept
    for question in all_questions:
        lost = [c for c in question.cells if c in missing]
        if lost:
            notes[question.name] = (
                f"{len(lost)} cell(s) of this question are missing from the notebook (deleted?)"
            )
    elsewhere = missing - {c for q in all_questions for c in q.cells}
    if elsewhere:
        notes[""] = f"{len(elsewhere)} cell(s) outside the questions are missing (deleted?)"
    with tempfile.TemporaryDirectory(prefix="japan-nato-grade-") as folder:
        copy = Path(folder) / f"{name}.ipynb"
        shutil.copyfile(path, copy)
        prefix = _isolation() if prefix is None else prefix
        scores, problem = _run_otter(name, copy, timeout, prefix)
    if problem:
        notes[""] = "; ".join(filter(None, [notes.get(""), problem]))
    return Result(path.name, scores, notes, answers, time.monotonic() - started)


def rows(name: str, result: Result) -> list[dict]:
    """The grades.csv rows of one graded submission, one per question in order."""
    out = []
    for question in questions(name):
        note = "; ".join(filter(None, [result.notes.get(""), result.notes.get(question.name)]))
        if question.written:
            score = ""
            if result.written.get(question.name) is None:
                note = "; ".join(filter(None, [note, "no answer written"]))
        else:
            score = f"{result.scores.get(question.name, 0.0):g}"
        out.append(
            {
                "submission": result.submission,
                "question": question.name,
                "score": score,
                "max_score": f"{question.points:g}",
                "note": note,
            }
        )
    return out


def submissions(folder: Path) -> list[Path]:
    """The files in ``folder`` to grade: everything but the grader's own outputs and hidden files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name not in (GRADES, WRITTEN) and not p.name.startswith(".")
    )


def _written_marks(grades: Path, name: str) -> bool:
    """Whether an existing grades.csv already holds marks for written questions."""
    written = {q.name for q in questions(name) if q.written}
    with grades.open(encoding="utf-8", newline="") as handle:
        return any(r.get("question") in written and r.get("score") for r in csv.DictReader(handle))


def write_grades(folder: Path, all_rows: list[dict]) -> Path:
    path = folder / GRADES
    with tempfile.NamedTemporaryFile(
        "w", dir=folder, prefix=".grades-", suffix=".csv", delete=False, newline=""
    ) as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(all_rows)
    os.replace(handle.name, path)
    return path


def _markdown(text: str) -> str:
    """Markdown to HTML with raw HTML escaped (a student's answer never runs as a page's code)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def written_page(name: str, results: list[Result]) -> str:
    """One HTML page: each written question, its rubric, then every submission's answer."""
    parts = []
    for question in (q for q in questions(name) if q.written):
        answers = []
        for result in results:
            answer = result.written.get(question.name)
            body = _markdown(answer) if answer else "<p><em>No answer written.</em></p>"
            answers.append(
                f"<article><h3>{html.escape(result.submission)}</h3>{body}"
                f"<p class='mark'>Mark: ____ / {question.points:g}</p></article>"
            )
        parts.append(
            f"<section><h2>{html.escape(question.name)} ({question.points:g} points)</h2>"
            f"{_markdown(question.prompt)}<details open><summary>Rubric</summary>"
            f"{_markdown(question.rubric)}</details>{''.join(answers)}</section>"
        )
    title = f"Written answers: {name}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.5; color: #1a1a1a; }}
section {{ border-top: 3px solid #1a1a1a; margin-top: 2rem; }}
article {{ border: 1px solid #767676; border-radius: 4px; padding: 0 1rem; margin: 1rem 0; }}
details {{ background: #f3f3f3; padding: 0.5rem 1rem; }}
.mark {{ font-weight: bold; }}
@media print {{ article {{ break-inside: avoid; }} }}
</style></head>
<body><main><h1>{html.escape(title)}</h1>
<p>{len(results)} submission(s). Enter each mark in the empty <code>score</code> cell of its row in
<code>{GRADES}</code>.</p>
{"".join(parts)}
</main></body></html>
"""


def grade(name: str, folder: Path, timeout: float = TIMEOUT, overwrite: bool = False) -> Path:
    """Grade every submission in ``folder``; writes grades.csv and the written-answers page there."""
    folder = folder.resolve()
    if not folder.is_dir():
        raise SystemExit(f"{folder} is not a folder of submissions")
    if not autograder_path(name).is_file():
        print(f"{name} is not built yet: building it first", flush=True)
        build(name)
    grades = folder / GRADES
    if grades.exists() and not overwrite and _written_marks(grades, name):
        raise SystemExit(
            f"{grades} already holds marks for written questions; move it away, or pass "
            "--overwrite to replace it"
        )
    files = submissions(folder)
    if not files:
        raise SystemExit(f"no submissions in {folder}")
    prefix = _isolation()
    if not prefix:
        print(
            "note: this machine cannot cut a process off the network; grading without", flush=True
        )
    autograded = [q for q in questions(name) if not q.written]
    possible = sum(q.points for q in autograded)
    results, all_rows = [], []
    for number, path in enumerate(files, start=1):
        print(f"[{number}/{len(files)}] {path.name} ...", end=" ", flush=True)
        result = grade_one(name, path, timeout, prefix)
        results.append(result)
        all_rows.extend(rows(name, result))
        earned = sum(result.scores.get(q.name, 0.0) for q in autograded)
        notes = "; ".join(sorted(set(filter(None, result.notes.values()))))
        print(
            f"{earned:g}/{possible:g} autograded points in {result.seconds:.0f} s"
            + (f" ({notes})" if notes else ""),
            flush=True,
        )
    write_grades(folder, all_rows)
    (folder / WRITTEN).write_text(written_page(name, results), encoding="utf-8")
    print(f"wrote {folder / GRADES} and {folder / WRITTEN}")
    return grades


def totals(folder: Path):
    """Each submission's total from a marked grades.csv, and how many written marks are missing."""
    import pandas as pd

    grades = pd.read_csv(folder / GRADES, dtype={"note": str}, keep_default_na=False)
    grades["score"] = pd.to_numeric(grades["score"], errors="coerce")
    table = grades.groupby("submission", sort=True).agg(
        score=("score", "sum"),
        max_score=("max_score", "sum"),
        unmarked=("score", lambda s: int(s.isna().sum())),
    )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="run otter assign on the assignments")
    build_cmd.add_argument("names", nargs="*", help="assignments to build (default: all)")
    grade_cmd = commands.add_parser("grade", help="grade a folder of submissions")
    grade_cmd.add_argument("name", help="the assignment")
    grade_cmd.add_argument("folder", type=Path, help="folder holding the submissions")
    grade_cmd.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"seconds per submission ({TIMEOUT})"
    )
    grade_cmd.add_argument(
        "--overwrite", action="store_true", help="replace a grades.csv with written marks"
    )
    totals_cmd = commands.add_parser("totals", help="each submission's total from grades.csv")
    totals_cmd.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        for name in args.names or names():
            out = build(name)
            print(f"{name}: {out / 'student' / f'{name}.ipynb'} and {autograder_path(name)}")
    elif args.command == "grade":
        source_path(args.name)
        grade(args.name, args.folder, args.timeout, args.overwrite)
    else:
        table = totals(args.folder)
        print(table.to_string())
        if table["unmarked"].any():
            print("some written questions have no mark yet (the unmarked column)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
