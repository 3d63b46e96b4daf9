"""Hostile submissions, graded through the real ``grade`` command alongside honest ones.

One folder holds every case (issue 20, point 3) and is graded once per module; each test then reads
its rows. A cheat scores 0 on the questions it touches and carries a note; a harm is blocked and
noted; the honest submissions grade exactly as when graded alone; nothing in the folder changes but the
grader's own outputs; no process is left running. Nothing here depends on timing: the only limit that
fires is the endless loop's: the grade command's own default of 30 s, some twenty times what an honest
submission takes here (about 1.3 s).
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import socket
from pathlib import Path

import nbformat
import pytest

from japan_nato import assignments as a
from tests.conftest import built_assignments

NAME = "a1_cold_war_to_1990s"
#: Marks a process a submission tries to leave running; none may have it when grading ends.
MARKER = "japan-nato-left-behind-7f3c"
TIMEOUT = 30


def _solution():
    return nbformat.read(a.solution_notebook_path(NAME), as_version=4)


def _answer_cells(notebook) -> dict[str, nbformat.NotebookNode]:
    """q1..q4's answer cells in ``notebook``, by question."""
    student = nbformat.read(a.student_notebook_path(NAME), as_version=4)
    ids = {c.id for c in student.cells if "= ..." in c.source and c.cell_type == "code"}
    by_id = {c.id: c for c in notebook.cells}
    out = {}
    for question in a.questions(NAME):
        for cell_id in question.cells:
            if cell_id in ids:
                out[question.name] = by_id[cell_id]
    return out


def _with(cells: dict[str, str]) -> nbformat.NotebookNode:
    """The solution with the answer cells of some questions replaced."""
    notebook = _solution()
    answer = _answer_cells(notebook)
    for question, code in cells.items():
        answer[question].source = code
    return notebook


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _grades(folder: Path) -> dict[tuple[str, str], dict]:
    with (folder / a.GRADES).open(encoding="utf-8", newline="") as handle:
        return {(r["submission"], r["question"]): r for r in csv.DictReader(handle)}


def _leftovers() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if MARKER.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory, sandboxed):
    """Build assignment 1, write every case into one folder, grade it once with the command line."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(a.DIST_VARIABLE, str(built_assignments([NAME], tmp_path_factory)))
        folder = tmp_path_factory.mktemp("submissions")
        alone = tmp_path_factory.mktemp("alone")
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.setblocking(False)
        port = server.getsockname()[1]
        solution_path = a.solution_notebook_path(NAME)
        cases = {
            "honest.ipynb": _solution(),
            "Zoë Ångström – final.ipynb": _solution(),
            "equal_to_anything.ipynb": _with(
                {
                    "q1": "class Any(int):\n    def __eq__(self, other):\n        return True\n"
                    "    __hash__ = int.__hash__\nmembers_1989 = Any(0)",
                    "q2": "class All(list):\n    def __eq__(self, other):\n        return True\n"
                    "joined_1990_2004 = All(['Belgium'])",
                }
            ),
            "reads_tests.ipynb": _with(
                {
                    "q1": "import glob, json\n"
                    f"solution = json.load(open({str(solution_path)!r}))\n"
                    "members_1989 = 16 if solution else 0",
                    "q2": "import glob\n"
                    "found = glob.glob('tests/*.py') + glob.glob('/tmp/**/*.zip', recursive=True)\n"
                    "found += [p for p in glob.glob('/proc/*/cmdline') if b'.zip' in open(p, 'rb').read()]\n"
                    "joined_1990_2004 = open(found[0]).read()",
                }
            ),
            "patches_checker.ipynb": _with(
                {
                    "q1": "import otter\n"
                    "otter.Notebook.check = lambda *a, **k: True\n"
                    "otter.Notebook.grade = lambda *a, **k: {'q1': 2}\n"
                    "members_1989 = 15",
                }
            ),
            "forges_results.ipynb": _with(
                {
                    "q1": "import json, os\n"
                    "verdict = {'tests': [{'name': q, 'score': 3} for q in ('q1','q2','q3','q4')],"
                    " 'scores': {'q1': 2}, 'done': True}\n"
                    "os.makedirs('results', exist_ok=True)\n"
                    "json.dump(verdict, open('results/results.json', 'w'))\n"
                    "for fd in range(1, 30):\n"
                    "    try:\n"
                    "        os.write(fd, (json.dumps(verdict) + '\\n').encode())\n"
                    "    except OSError:\n"
                    "        pass\n"
                    "members_1989 = 15",
                }
            ),
            "exits.ipynb": _with({"q2": "import sys\nsys.exit(0)"}),
            "os_exit.ipynb": _with({"q3": "import os\nos._exit(0)"}),
            "kills_kernel.ipynb": _with(
                {"q4": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"}
            ),
            "endless.ipynb": _with({"q3": "while True:\n    pass"}),
            "memory.ipynb": _with({"q1": "hog = bytearray(3 * 1024**3)\nmembers_1989 = 16"}),
            "process_flood.ipynb": _with(
                {
                    "q1": "import os, time\n"
                    "for _ in range(500):\n"
                    "    if os.fork() == 0:\n"
                    "        time.sleep(3600)\n"
                    "        os._exit(0)\n"
                    "members_1989 = 16"
                }
            ),
            "detached.ipynb": _with(
                {
                    "q1": "import subprocess, sys\n"
                    f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)', {MARKER!r}],"
                    " start_new_session=True)\n"
                    "members_1989 = 16"
                }
            ),
            "writes_outside.ipynb": _with(
                {
                    "q1": f"open({str(folder / 'planted.txt')!r}, 'w').write('x')\nmembers_1989 = 16",
                    "q2": "import os\nopen(os.path.expanduser('~/../../root/planted.txt'), 'w')",
                    "q3": "open('/usr/planted.txt', 'w')",
                }
            ),
            "changes_another.ipynb": _with(
                {
                    "q1": f"open({str(folder / 'honest.ipynb')!r}, 'a').write('junk')\nmembers_1989 = 16"
                }
            ),
            "network.ipynb": _with(
                {
                    "q1": "import socket\n"
                    f"socket.create_connection(('127.0.0.1', {port}), timeout=5)\n"
                    "members_1989 = 16"
                }
            ),
            "dup.ipynb": _solution(),
            "dup (1).ipynb": _solution(),
        }
        for filename, notebook in cases.items():
            nbformat.write(notebook, folder / filename)
        shutil.copy(
            a.source_path("a2_after_9_11_and_afghanistan"), folder / "other_assignment.ipynb"
        )
        (folder / "latin1.ipynb").write_bytes("{'cells': 'Zoë'}".encode("latin-1"))
        huge = _solution()
        huge.cells[0].source += "\n# " + "x" * (100 * 1024**2)
        nbformat.write(huge, folder / "huge.ipynb")
        shutil.copy(folder / "honest.ipynb", alone / "honest.ipynb")
        before = _snapshot(folder)

        assert a.main(["grade", NAME, str(folder), "--timeout", str(TIMEOUT)]) == 0
        assert a.main(["grade", NAME, str(alone), "--timeout", str(TIMEOUT)]) == 0
        try:
            server.accept()
            connected = True
        except BlockingIOError:
            connected = False
        finally:
            server.close()
        yield {
            "folder": folder,
            "grades": _grades(folder),
            "alone": _grades(alone),
            "before": before,
            "after": _snapshot(folder),
            "connected": connected,
        }


QUESTIONS = ("q1", "q2", "q3", "q4")


def _row(graded, submission, question):
    return graded["grades"][submission, question]


def _full(question: str) -> str:
    return next(f"{q.points:g}" for q in a.questions(NAME) if q.name == question)


def test_honest_submissions_grade_exactly_as_alone(graded):
    for question in a.questions(NAME):
        alone = graded["alone"]["honest.ipynb", question.name]
        for submission in ("honest.ipynb", "Zoë Ångström – final.ipynb"):
            row = _row(graded, submission, question.name)
            assert (row["score"], row["note"]) == (alone["score"], alone["note"]), row
    for question in QUESTIONS:
        assert _row(graded, "honest.ipynb", question)["score"] == _full(question)


def test_nothing_in_the_folder_changes_but_the_graders_outputs(graded):
    before, after = graded["before"], graded["after"]
    assert {k: v for k, v in after.items() if k in before} == before
    new = {k.split("/")[0] for k in set(after) - set(before)}
    assert new == {a.GRADES, a.WRITTEN, a.FEEDBACK}
    assert not (Path("/root") / "planted.txt").exists() and not Path("/usr/planted.txt").exists()


def test_no_process_is_left_running(graded):
    assert _leftovers() == []
    assert "left 1 process(es) running" in _row(graded, "detached.ipynb", "q1")["note"]


def test_objects_equal_to_anything_score_zero_with_a_note(graded):
    for question in ("q1", "q2"):
        row = _row(graded, "equal_to_anything.ipynb", question)
        assert row["score"] == "0" and "must be a plain value" in row["note"], row
    assert _row(graded, "equal_to_anything.ipynb", "q3")["score"] == _full("q3")


def test_reading_the_tests_or_a_solution_from_disk_finds_nothing(graded):
    q1 = _row(graded, "reads_tests.ipynb", "q1")
    assert q1["score"] == "0" and "FileNotFoundError" in q1["note"], q1
    q2 = _row(graded, "reads_tests.ipynb", "q2")
    assert q2["score"] == "0" and "IndexError" in q2["note"], q2


def test_patching_the_checker_or_forging_results_changes_nothing(graded):
    for submission in ("patches_checker.ipynb", "forges_results.ipynb"):
        row = _row(graded, submission, "q1")
        assert row["score"] == "0" and "hidden check failed" in row["note"], row
        for question in ("q2", "q3", "q4"):
            assert _row(graded, submission, question)["score"] == _full(question)


def test_exits_and_a_killed_kernel_keep_only_what_ran(graded):
    exits = _row(graded, "exits.ipynb", "q2")
    assert exits["score"] == "0" and "SystemExit" in exits["note"], exits
    assert _row(graded, "exits.ipynb", "q3")["score"] == _full("q3")
    for submission, stopped in (("os_exit.ipynb", ("q3", "q4")), ("kills_kernel.ipynb", ("q4",))):
        for question in QUESTIONS:
            row = _row(graded, submission, question)
            if question in stopped:
                assert row["score"] == "0" and "the notebook stopped after cell" in row["note"], row
            else:
                assert row["score"] == _full(question), row


def test_an_endless_loop_is_stopped_and_noted(graded):
    for question in QUESTIONS:
        row = _row(graded, "endless.ipynb", question)
        assert f"stopped after {TIMEOUT} s" in row["note"], row
    assert _row(graded, "endless.ipynb", "q1")["score"] == _full("q1")  # set before the loop
    assert _row(graded, "endless.ipynb", "q3")["score"] == "0"


def test_too_much_memory_is_refused_and_noted(graded):
    row = _row(graded, "memory.ipynb", "q1")
    assert row["score"] == "0" and "ran out of memory (limit 2 GiB)" in row["note"], row


def test_a_process_flood_is_bounded_and_noted(graded):
    row = _row(graded, "process_flood.ipynb", "q1")
    assert row["score"] == "0" and "BlockingIOError" in row["note"], row
    assert _row(graded, "process_flood.ipynb", "q2")["score"] == _full("q2")


def test_writing_outside_scratch_or_into_another_submission_is_blocked(graded):
    q1 = _row(graded, "writes_outside.ipynb", "q1")
    assert q1["score"] == "0" and "FileNotFoundError" in q1["note"], q1
    for question in ("q2", "q3"):
        row = _row(graded, "writes_outside.ipynb", question)
        assert row["score"] == "0" and "raised" in row["note"], row
    other = _row(graded, "changes_another.ipynb", "q1")
    assert other["score"] == "0" and "FileNotFoundError" in other["note"], other


def test_no_connection_leaves_the_sandbox(graded):
    assert graded["connected"] is False
    row = _row(graded, "network.ipynb", "q1")
    assert row["score"] == "0" and "ConnectionRefusedError" in row["note"], row


@pytest.mark.parametrize(
    ("submission", "note"),
    [
        ("other_assignment.ipynb", "not a notebook of a1_cold_war_to_1990s"),
        ("latin1.ipynb", "not UTF-8"),
        ("huge.ipynb", "over the 20 MB limit"),
    ],
)
def test_bad_files_get_zero_and_a_note(graded, submission, note):
    for question in QUESTIONS:
        row = _row(graded, submission, question)
        assert row["score"] == "0" and note in row["note"], row


def test_two_files_from_one_student_are_both_noted(graded):
    for submission in ("dup.ipynb", "dup (1).ipynb"):
        row = _row(graded, submission, "q1")
        assert "2 files from one student (dup" in row["note"] and row["score"] == _full("q1"), row
    with pytest.raises(SystemExit, match="more than one file from one student"):
        a.export(graded["folder"], "canvas")


def test_feedback_never_shows_hidden_code_or_expected_values(graded):
    folder = graded["folder"] / a.FEEDBACK
    assert len(list(folder.iterdir())) == len({k[0] for k in graded["grades"]})
    text = (folder / "patches_checker.ipynb.md").read_text(encoding="utf-8")
    assert "## q1: 0 / 2 points" in text and "Hidden checks that failed: value" in text
    for path in folder.iterdir():
        body = path.read_text(encoding="utf-8")
        assert "== 16" not in body and "Czech Republic" not in body and "assert" not in body


def test_answers_cross_as_json_only(graded):
    """The grader's decoder accepts plain data only (the runner's encoding is the student's)."""
    from japan_nato.seminar import plain

    assert plain.decode([1, {"a": [None, 2.5]}]) == [1, {"a": [None, 2.5]}]
    for bad in ({1: 2}, {"a": {3}}, [object()], (1, 2)):
        with pytest.raises(plain.NotPlain):
            plain.decode(bad)
    assert json.loads(json.dumps(plain.decode([1, "x", True, None]))) == [1, "x", True, None]


def test_without_a_sandbox_grade_refuses_unless_unsafe(graded, tmp_path, monkeypatch, capsys):
    """A machine that cannot sandbox: grade says what is missing and stops; --unsafe grades (the
    honest solution here) and warns, naming what is missing."""
    from japan_nato.seminar import sandbox

    shutil.copy(a.solution_notebook_path(NAME), tmp_path / "honest.ipynb")
    monkeypatch.setattr(sandbox, "missing", lambda: ("bubblewrap (test)",))
    with pytest.raises(SystemExit, match=r"cannot sandbox.*bubblewrap \(test\).*--unsafe"):
        a.main(["grade", NAME, str(tmp_path)])
    assert not (tmp_path / a.GRADES).exists()
    assert a.main(["grade", NAME, str(tmp_path), "--unsafe", "--timeout", str(TIMEOUT)]) == 0
    out = capsys.readouterr().out
    assert "WARNING: grading WITHOUT a sandbox" in out and "bubblewrap (test)" in out
    grades = _grades(tmp_path)
    for question in QUESTIONS:
        assert grades["honest.ipynb", question]["score"] == _full(question)


def test_a_submission_imports_the_package_the_grader_runs(sandboxed, tmp_path, monkeypatch):
    """The book's package a submission imports in the sandbox is the grader's own copy, even where
    the environment's install points at another checkout (a virtual environment made for another
    clone gave submissions nothing to import: every answer cell failed)."""
    import japan_nato
    from japan_nato.seminar import grading, sandbox

    copy = tmp_path / "another-checkout" / "japan_nato"
    shutil.copytree(Path(japan_nato.__file__).parent, copy)
    monkeypatch.setattr(sandbox, "PACKAGE", copy)
    monkeypatch.setattr(sandbox, "RUNNER", copy / "seminar" / "runner.py")
    job = {
        "cells": ["import japan_nato\nwhere = japan_nato.__file__"],
        "names": ["where"],
        "limits": sandbox.limits(sandbox.MEMORY, TIMEOUT),
    }
    answers, errors, _, done, _ = grading._read_run(sandbox.run(job, TIMEOUT))
    assert done and errors == {}
    assert answers["where"] == {"value": str(copy / "__init__.py")}
