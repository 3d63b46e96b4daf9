"""Grading a folder of submissions: answers out of the sandbox, checks in the grader's own process.

For each submission file, in parallel (one worker per core unless ``--workers`` says otherwise):

1. **Read it here, as data.** Files over :data:`MAX_BYTES`, files that are not UTF-8 text and files
   that are not Jupyter notebooks get a note and no run; so does a notebook that holds none of this
   assignment's cells (another assignment's). Written answers are taken from its Markdown cells.
2. **Run its code in the sandbox** (:mod:`japan_nato.seminar.sandbox`): the notebook's code cells,
   in order, with ``otter`` replaced by a stand-in that does nothing. Nothing of the grader is in
   there: no hidden test, no solution, no other submission, no grade.
3. **Take out the answers as plain values only.** The answers are the variables the assignment's
   checks take as parameters (``def test_q1_value(members_1989)``: the answer ``members_1989``),
   except the tables its setup loads (``events = load("events")``). Each leaves the sandbox as JSON
   and is decoded by :func:`japan_nato.seminar.plain.decode`; anything that is not a plain value is a
   wrong answer with a note.
4. **Run the checks here**, on those values and on the grader's own copy of the tables, loaded once
   from ``data/``: every check cell of the source notebook, public and hidden, called with its
   parameters by name, as otter calls them. A question's score is the sum of the points of its checks
   that pass (otter's rule); the public checks carry 0 points and are reported as feedback.

So the three tricks of issue 20 have nothing to work on: an object "equal to anything" is not a plain
value; the hidden tests are not on any disk the submission can see; patching otter's checker patches a
stand-in whose verdict nobody reads. A forged results file is a file in the sandbox's scratch folder,
gone with it. The submission can only hand in values, which it could have typed.

**Speed.** Submissions run in parallel, one per core by default (``--workers N``), each in a fresh
sandbox: start-up costs are paid once per grading run only where no submission can reach them, i.e.
in the grader (the assignment's checks compiled once, its tables loaded and validated once, the
sandbox probed once) and in the record of validated tables the sandboxes read (so no submission
validates the data again). There is no Jupyter kernel: the runner executes the cells in an IPython
shell in one process, and otter's own checks are replaced by a stand-in, so a submission costs about
the time its cells take plus half a second. ``benchmarks/seminar.py`` measures a class of 100.

Outputs, and the only files written in the submissions folder: ``grades.csv``,
``written_answers.html`` and ``feedback/`` (one Markdown file per submission).
"""

from __future__ import annotations

import builtins
import csv
import html
import os
import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat

from japan_nato.seminar import building, plain, sandbox
from japan_nato.seminar.building import Question, questions

#: Seconds one submission may run before it is stopped (a solution needs about 4 with two running).
TIMEOUT = 30
#: A submission file larger than this is not run (a notebook of this assignment is far smaller).
MAX_BYTES = 20 * 1024**2
GRADES = "grades.csv"
WRITTEN = "written_answers.html"
FEEDBACK = "feedback"
COLUMNS = ("submission", "question", "score", "max_score", "note")

#: Markers otter writes around a written question in the student notebook.
BEGIN_WRITTEN = "<!-- BEGIN QUESTION -->"
END_WRITTEN = "<!-- END QUESTION -->"
#: The text of the answer cell otter gives students for a written question.
PLACEHOLDER = "_Type your answer here, replacing this text._"


def workers_default() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def student_id(filename: str) -> str:
    """The student a file belongs to: its name up to the first ``__`` (LMS downloads often add
    ``__...``), else its name without the extension, less a download copy's `` (1)``."""
    stem = filename.split("__", 1)[0] if "__" in filename else filename.rsplit(".", 1)[0]
    return re.sub(r"\s*\(\d+\)$", "", stem).strip() or filename


def _handed_out_cells(name: str) -> set[str]:
    """Ids of the source cells the student notebook carries (the cells a submission should keep)."""
    student = nbformat.read(building.student_notebook_path(name), as_version=4)
    source = nbformat.read(building.source_path(name), as_version=4)
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
class CheckResult:
    """One check's outcome on one submission. ``message`` only for public checks."""

    check: building.Check
    passed: bool
    message: str = ""


@dataclass
class Result:
    """What grading one submission gave."""

    submission: str
    scores: dict[str, float]  # autograded question -> score
    notes: dict[str, str]  # question -> note ("" key: a note for every row)
    written: dict[str, str | None]
    seconds: float
    checks: list[CheckResult] = field(default_factory=list)


def _add(notes: dict[str, str], key: str, text: str) -> None:
    notes[key] = "; ".join(filter(None, [notes.get(key), text]))


class Assignment:
    """What grading one assignment needs, prepared once and shared by the workers: its questions,
    checks (compiled), answer names, the tables (loaded once), the handed-out cell ids."""

    def __init__(self, name: str, timeout: float, memory: int, unsafe: bool):
        from japan_nato import load

        self.name, self.timeout, self.memory, self.unsafe = name, timeout, memory, unsafe
        self.questions = questions(name)
        self.checks = building.checks(name)
        self.answer_names = building.answer_names(name)
        self.tables = {var: load(dataset) for var, dataset in building.tables(name).items()}
        self.handed_out = _handed_out_cells(name)
        self.functions = {}
        for check in self.checks:
            namespace = {"__builtins__": builtins, "__name__": f"checks_{check.question}"}
            exec(compile(check.code, f"<{name} {check.function}>", "exec"), namespace)
            self.functions[check] = namespace[check.function]
        self.lock = threading.Lock()

    def run_checks(self, answers: dict) -> list[CheckResult]:
        out = []
        for check in self.checks:
            absent = [p for p in check.parameters if p not in answers and p not in self.tables]
            if absent:
                out.append(CheckResult(check, False, f"no plain value for {', '.join(absent)}"))
                continue
            arguments = {
                p: self.tables[p].copy() if p in self.tables else answers[p]
                for p in check.parameters
            }
            try:
                self.functions[check](**arguments)
            except AssertionError as error:
                out.append(CheckResult(check, False, "" if check.hidden else str(error)[:500]))
            except Exception as error:
                message = f"{type(error).__name__}: {error}"[:500]
                out.append(CheckResult(check, False, "" if check.hidden else message))
            else:
                out.append(CheckResult(check, True))
        return out


def _clean(text: str) -> str:
    """Text from the sandbox made safe to show: letters, digits and a little punctuation."""
    return re.sub(r"[^\w .,:()\-]", "", str(text))[:60]


def _read_run(run: sandbox.Run) -> tuple[dict, dict[int, str], int, bool, int]:
    """(answers, {cell index: error name}, last cell run, done, processes left running) from the
    runner's lines."""
    answers, errors, last, done, left = {}, {}, -1, False, 0
    for line in run.lines:
        try:
            data = plain.loads(line)
        except ValueError:
            continue
        if type(data.get("answers")) is dict:
            answers = data["answers"]
        if type(data.get("cell")) is int:
            last = data["cell"]
            if isinstance(data.get("error"), str):
                errors[data["cell"]] = _clean(data["error"])
        if data.get("done") is True:
            done = True
            if type(data.get("left_running")) is int:
                left = data["left_running"]
    return answers, errors, last, done, left


def _answer(entry, name: str) -> tuple[bool, object, str]:
    """(given, value, note) for one answer entry as the runner reported it."""
    if type(entry) is not dict:
        return False, None, f"{name} was not defined when the notebook ended"
    if "value" in entry:
        try:
            return True, plain.decode(entry["value"]), ""
        except (plain.NotPlain, RecursionError, ValueError) as error:
            return False, None, f"{name} must be a plain value ({plain.WHAT_IS_PLAIN}): {error}"
    reason = entry.get("missing")
    if reason == "unanswered":
        return False, None, f"{name} is not answered (still ...)"
    if reason == "not_plain":
        kind = _clean(entry.get("type", "?"))
        return False, None, f"{name} must be a plain value ({plain.WHAT_IS_PLAIN}), not {kind}"
    if reason == "too_large":
        return False, None, "the answers are too large to be plain values of this assignment"
    return False, None, f"{name} is not defined"


def grade_one(assignment: Assignment, path: Path) -> Result:
    """Grade one submission file; never writes beside ``path``."""
    started = time.monotonic()
    name = assignment.name
    written = [q for q in assignment.questions if q.written]
    notes: dict[str, str] = {}
    answers: dict[str, str | None] = {q.name: None for q in written}

    def result(scores=None, checks=()):
        return Result(
            path.name, scores or {}, notes, answers, time.monotonic() - started, list(checks)
        )

    size = path.stat().st_size
    if size > MAX_BYTES:
        _add(notes, "", f"not graded: the file is {size / 1024**2:.0f} MB, over the 20 MB limit")
        return result()
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        _add(notes, "", "not a Jupyter notebook (the file is not UTF-8 text)")
        return result()
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # anything a student might hand in that is not a notebook
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        _add(notes, "", f"not a Jupyter notebook ({reason})")
        return result()
    answers = _written_answers(notebook, written)
    kept = {c.get("id") for c in notebook.cells}
    if not kept & assignment.handed_out:
        _add(
            notes, "", f"not a notebook of {name} (none of its cells are here: another assignment?)"
        )
        return result()
    missing = assignment.handed_out - kept
    for question in assignment.questions:
        lost = [c for c in question.cells if c in missing]
        if lost:
            _add(
                notes,
                question.name,
                f"{len(lost)} cell(s) of this question are missing from the notebook (deleted?)",
            )
    elsewhere = missing - {c for q in assignment.questions for c in q.cells}
    if elsewhere:
        _add(notes, "", f"{len(elsewhere)} cell(s) outside the questions are missing (deleted?)")

    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    job = {
        "cells": [c.source for c in code_cells],
        "names": list(assignment.answer_names),
        "limits": sandbox.limits(assignment.memory, assignment.timeout),
    }
    run = sandbox.run(job, assignment.timeout, unsafe=assignment.unsafe)
    reported, errors, last, done, left = _read_run(run)
    if left > 0:
        _add(notes, "", f"the notebook left {left} process(es) running; the sandbox stopped them")
    if run.timed_out:
        _add(
            notes,
            "",
            f"stopped after {assignment.timeout:g} s: the notebook did not finish (an endless loop?)",
        )
    elif not done:
        after = f" after cell {last + 1}" if last >= 0 else " before its first cell"
        _add(
            notes,
            "",
            f"the notebook stopped{after} of {len(code_cells)} (it exited, was killed or hit a "
            "limit); the answers set by then were graded",
        )
    owner = {cell_id: q.name for q in assignment.questions for cell_id in q.cells}
    for index, error in sorted(errors.items()):
        if index >= len(code_cells):
            continue
        question = owner.get(code_cells[index].get("id"), "")
        if error == "MemoryError":
            limit = f"{assignment.memory / 1024**3:g} GiB"
            _add(notes, question, f"code cell {index + 1} ran out of memory (limit {limit})")
        else:
            _add(notes, question, f"code cell {index + 1} raised {error}")

    values: dict[str, object] = {}
    for answer in assignment.answer_names:
        given, value, problem = _answer(reported.get(answer), answer)
        if given:
            values[answer] = value
        elif problem:
            for check in assignment.checks:
                if answer in check.parameters and problem not in notes.get(check.question, ""):
                    _add(notes, check.question, problem)
    with assignment.lock:  # pandas is not guaranteed thread-safe; the checks take milliseconds
        outcomes = assignment.run_checks(values)
    scores = {}
    for question in (q for q in assignment.questions if not q.written):
        mine = [o for o in outcomes if o.check.question == question.name]
        scores[question.name] = sum(o.check.points for o in mine if o.passed)
        failed = [o.check.purpose for o in mine if o.check.hidden and not o.passed]
        given = all(p in values or p in assignment.tables for o in mine for p in o.check.parameters)
        if failed and given:
            _add(notes, question.name, "hidden check failed: " + ", ".join(failed))
    return result(scores, outcomes)


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
    """The files in ``folder`` to grade: everything but the grader's own outputs (grades.csv, the
    written-answers page, feedback/, the exported totals-*.csv) and hidden files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.name not in (GRADES, WRITTEN)
        and not p.name.startswith(".")
        and not re.fullmatch(r"totals-\w+\.csv", p.name)
    )


def _written_marks(grades: Path, name: str) -> bool:
    """Whether an existing grades.csv already holds marks for written questions."""
    written = {q.name for q in questions(name) if q.written}
    with grades.open(encoding="utf-8", newline="") as handle:
        return any(r.get("question") in written and r.get("score") for r in csv.DictReader(handle))


def write_grades(folder: Path, all_rows: list[dict]) -> Path:
    path = folder / GRADES
    with tempfile.NamedTemporaryFile(
        "w",
        dir=folder,
        prefix=".grades-",
        suffix=".csv",
        delete=False,
        newline="",
        encoding="utf-8",
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
    """One HTML page: each written question (its prompt holds the rubric), the model answer, then
    every submission's answer."""
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
            f"{_markdown(question.prompt)}<details open><summary>Model answer (for markers)</summary>"
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


@cache
def _warned(missing: tuple[str, ...]) -> None:
    print(
        "WARNING: grading WITHOUT a sandbox (--unsafe): each submission's code runs as you, with "
        "resource limits only. Missing here: " + "; ".join(missing),
        flush=True,
    )


def grade(
    name: str,
    folder: Path,
    timeout: float = TIMEOUT,
    overwrite: bool = False,
    workers: int | None = None,
    unsafe: bool = False,
    memory: int = sandbox.MEMORY,
    quiet: bool = False,
) -> Path:
    """Grade every submission in ``folder``; writes grades.csv, the written-answers page and the
    feedback files there, and nothing else."""
    from japan_nato.seminar import feedback

    folder = folder.resolve()
    if not folder.is_dir():
        raise SystemExit(f"{folder} is not a folder of submissions")
    missing = sandbox.missing()
    if missing and not unsafe:
        raise SystemExit(
            "this machine cannot sandbox a submission; missing: " + "; ".join(missing) + ". "
            "Grade on Linux with bubblewrap (pip install -r requirements.txt), or pass --unsafe to "
            "run the submissions' code as you, unsandboxed."
        )
    if not building.autograder_path(name).is_file():
        print(f"{name} is not built yet: building it first", flush=True)
        building.build(name)
    grades = folder / GRADES
    if grades.exists() and not overwrite and _written_marks(grades, name):
        raise SystemExit(
            f"{grades} already holds marks for written questions; move it away, or pass "
            "--overwrite to replace it"
        )
    files = submissions(folder)
    if not files:
        raise SystemExit(f"no submissions in {folder}")
    if unsafe:
        if missing:
            _warned(missing)
        else:
            print("note: --unsafe given: grading without the sandbox this machine has", flush=True)
    assignment = Assignment(name, timeout, memory, unsafe=bool(unsafe))
    autograded = [q for q in assignment.questions if not q.written]
    possible = sum(q.points for q in autograded)
    workers = max(1, workers or workers_default())
    results: dict[Path, Result] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(grade_one, assignment, path): path for path in files}
        for number, future in enumerate(as_completed(futures), start=1):
            path = futures[future]
            result = results[path] = future.result()
            if not quiet:
                earned = sum(result.scores.get(q.name, 0.0) for q in autograded)
                notes = "; ".join(sorted(set(filter(None, result.notes.values()))))
                print(
                    f"[{number}/{len(files)}] {path.name}: {earned:g}/{possible:g} autograded "
                    f"points in {result.seconds:.1f} s" + (f" ({notes})" if notes else ""),
                    flush=True,
                )
    ordered = [results[p] for p in files]
    owners: dict[str, list[str]] = {}
    for result in ordered:
        owners.setdefault(student_id(result.submission), []).append(result.submission)
    for result in ordered:
        same = owners[student_id(result.submission)]
        if len(same) > 1:
            _add(
                result.notes,
                "",
                f"{len(same)} files from one student ({student_id(result.submission)}: "
                f"{', '.join(same)}): decide which one counts",
            )
    write_grades(folder, [row for result in ordered for row in rows(name, result)])
    (folder / WRITTEN).write_text(written_page(name, ordered), encoding="utf-8")
    feedback.write_all(folder / FEEDBACK, assignment, ordered)
    print(f"wrote {folder / GRADES}, {folder / WRITTEN} and {folder / FEEDBACK}/")
    return grades
