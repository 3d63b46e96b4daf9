"""The seminar assignments: what students get, and how their work is graded.

Every assignment is built once per run (``otter assign``), then graded as an instructor would grade
it: ``grade`` on a folder of submissions, reading grades.csv and the written-answers page. Student code
runs in the bubblewrap sandbox (tests/test_grading_hostile.py tries to cheat and harm), so these need
it: they skip where the machine has none, except under .ci/run.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
import shutil

import nbformat
import pytest

from japan_nato import assignments as a
from japan_nato import objectives
from japan_nato.seminar import building
from tests.conftest import built_assignments

NAMES = a.names()


def test_there_are_five_assignments_covering_the_book():
    assert len(NAMES) >= 5
    for name in NAMES:
        questions = a.questions(name)
        assert len([q for q in questions if not q.written]) >= 4, f"{name}: autograded questions"
        assert len([q for q in questions if q.written]) >= 2, f"{name}: written questions"


# -- the format every assignment follows (issue 20, point 6) -------------------------------------

TOTAL = re.compile(
    r"^\*\*Total:\*\* (?P<total>\d+) points \((?P<code>\d+) for code, (?P<written>\d+) for "
    r"written answers\)\.$",
    flags=re.M,
)
TIME = re.compile(r"^\*\*Time:\*\* about (?P<minutes>\d+) minutes\.$", flags=re.M)
SCRATCH = (
    "**Scratch cells:** you may add cells anywhere to try things; only the answer variables and "
    "the answer cells are graded."
)
OBJECTIVES = re.compile(r"^\*\*Objectives:\*\* (?P<list>.+)$", flags=re.M)
OBJECTIVE = re.compile(r"\bChapter (\d+), objective (\d+)\b")
ASSESSES = re.compile(r"\A\*Assesses: (?P<list>[^*\n]+)\.\*$", flags=re.M)
RUBRIC_HEAD = re.compile(r"^\*\*Rubric \((?P<points>\d+) points\)\*\*$", flags=re.M)
CRITERION = re.compile(
    r"^- \*\*(?P<name>[^*]+)\*\* \(2 points\)\. 0: (?P<l0>.+?) 1: (?P<l1>.+?) 2: (?P<l2>.+)$",
    flags=re.S,
)
CLOSING = "Any conclusion can earn full marks: the marks go to the evidence and the reasoning."
#: A full stop after a small letter, then a capital: a second sentence ("U.S. Navy" is not one).
NEW_SENTENCE = re.compile(r"[a-z0-9)\]`]\.\s+[A-Z]")


def objectives_named(text: str) -> list[tuple[int, int]]:
    """Every "Chapter K, objective J" in ``text``, as (K, J)."""
    return [(int(k), int(j)) for k, j in OBJECTIVE.findall(text)]


def objective_exists(chapter: int, number: int) -> bool:
    """Whether chapter ``chapter``'s record (japan_nato/questions/NN_*.json) has objective
    ``number``."""
    found = [c for c in objectives.chapters() if c.startswith(f"{chapter:02d}_")]
    return len(found) == 1 and number in {o.number for o in objectives.record(found[0])}


def first_cell(name: str) -> str:
    """The first markdown cell of the assignment's source notebook."""
    notebook = nbformat.read(a.source_path(name), as_version=4)
    return next(c.source for c in notebook.cells if c.cell_type == "markdown")


def header_problems(text: str) -> list[str]:
    """What is missing or malformed in an assignment's first cell (empty if nothing)."""
    found = []
    if not TOTAL.search(text):
        found.append("no line '**Total:** N points (C for code, W for written answers).'")
    if not TIME.search(text):
        found.append("no line '**Time:** about M minutes.'")
    if not re.search(rf"^{re.escape(SCRATCH)}$", text, flags=re.M):
        found.append("no line on scratch cells")
    listed = OBJECTIVES.search(text)
    if not listed or not objectives_named(listed["list"]):
        found.append("no line '**Objectives:** Chapter K, objective J; ...'")
    return found


def assessed(question: a.Question) -> list[tuple[int, int]] | None:
    """The objectives a question's prompt names in its first line, None if it has no such line."""
    found = ASSESSES.search(question.prompt.strip())
    return objectives_named(found["list"]) if found else None


def rubric_problems(prompt: str, points: float) -> list[str]:
    """What keeps a written question's prompt from carrying a rubric of levels worth ``points``:
    a head '**Rubric (N points)**', 1-3 criteria of 2 points with levels 0, 1 and 2, one sentence
    each, adding up to N, and the closing line."""
    head = RUBRIC_HEAD.search(prompt)
    if not head:
        return ["no '**Rubric (N points)**' line in the prompt (students must see it)"]
    found = []
    if int(head["points"]) != points:
        found.append(f"the rubric says {head['points']} points, the question is worth {points:g}")
    body = prompt[head.end() :]
    if CLOSING not in body:
        found.append(f"no closing line {CLOSING!r}")
    body = body.split(CLOSING)[0]
    bullets = [b.strip() for b in re.split(r"^(?=- )", body, flags=re.M) if b.strip()]
    if not 1 <= len(bullets) <= 3:
        found.append(f"{len(bullets)} criteria (1 to 3 allowed)")
    for bullet in bullets:
        match = CRITERION.match(" ".join(bullet.split()))
        if not match:
            found.append(f"not '- **Name** (2 points). 0: ... 1: ... 2: ...': {bullet[:60]!r}")
            continue
        for level in ("l0", "l1", "l2"):
            text = match[level].strip()
            if not text.endswith(".") or NEW_SENTENCE.search(text):
                found.append(f"{match['name']}, level {level[1]}: not one sentence: {text[:60]!r}")
    if 2 * len(bullets) != points:
        found.append(f"criteria add up to {2 * len(bullets)}, not {points:g}")
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_first_cell_states_points_time_scratch_cells_and_objectives(name):
    text = first_cell(name)
    assert header_problems(text) == [], name
    total = TOTAL.search(text)
    questions = a.questions(name)
    code = sum(q.points for q in questions if not q.written)
    written = sum(q.points for q in questions if q.written)
    assert (int(total["total"]), int(total["code"]), int(total["written"])) == (
        code + written,
        code,
        written,
    ), f"{name}: the questions are worth {code:g} for code and {written:g} written"
    assert 30 <= int(TIME.search(text)["minutes"]) <= 180
    named = set(objectives_named(OBJECTIVES.search(text)["list"]))
    missing = [o for o in named if not objective_exists(*o)]
    assert not missing, f"{name}: no such objective: {missing}"
    tied = {o for q in questions for o in assessed(q) or []}
    assert named == tied, f"{name}: the objectives line and the questions' differ: {named ^ tied}"


@pytest.mark.parametrize("name", NAMES)
def test_code_is_at_most_half_of_the_points(name):
    questions = a.questions(name)
    code = sum(q.points for q in questions if not q.written)
    total = sum(q.points for q in questions)
    assert 2 * code <= total, f"{name}: {code:g} of {total:g} points for code"


@pytest.mark.parametrize("name", NAMES)
def test_every_question_names_objectives_that_exist(name):
    for question in a.questions(name):
        tied = assessed(question)
        assert tied, f"{name} {question.name}: the prompt does not begin '*Assesses: ...*'"
        missing = [o for o in tied if not objective_exists(*o)]
        assert not missing, f"{name} {question.name}: no such objective: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_written_questions_carry_a_rubric_of_levels_and_a_hidden_model_answer(name):
    for question in (q for q in a.questions(name) if q.written):
        assert rubric_problems(question.prompt, question.points) == [], f"{name} {question.name}"
        assert "Rubric (" not in question.rubric, f"{name} {question.name}: rubric in the solution"
        assert len(question.rubric.split()) >= 60, f"{name} {question.name}: no model answer"


@pytest.mark.parametrize("name", NAMES)
def test_no_question_is_checked_on_another_questions_answer(name):
    owner = {}
    for check in building.checks(name):
        for parameter in check.parameters:
            if parameter not in building.tables(name):
                owner.setdefault(parameter, check.question)
                assert owner[parameter] == check.question, f"{name}: {parameter}"
    for check in (c for c in building.checks(name) if c.hidden):
        assert check.purpose != check.function, f"{name} {check.function}: no docstring"


def test_the_format_checks_can_fail():
    """Each check above finds what is wrong in a malformed example."""
    good = (
        "**Rubric (4 points)**\n\n"
        "- **Evidence** (2 points). 0: none. 1: some, unnamed. 2: named rows and sources.\n"
        "- **Reasoning** (2 points). 0: none. 1: one side. 2: both sides,\n  weighed.\n\n" + CLOSING
    )
    assert rubric_problems(good, 4) == []
    assert rubric_problems(good, 6)  # points that do not add up
    assert rubric_problems(good.replace(CLOSING, ""), 4)
    assert rubric_problems(good.replace("2: both sides", "2: Both sides. It weighs"), 4)
    assert rubric_problems(good.replace("(2 points). 0: none. 1: one", "(1 point). 1: one"), 4)
    assert rubric_problems("- 2 points: uses the data.", 2)  # the old form
    four = good.replace("- **Reasoning**", "- **A** (2 points). 0: a. 1: b. 2: c.\n- **Reasoning**")
    four = four.replace("- **Reasoning**", "- **B** (2 points). 0: a. 1: b. 2: c.\n- **Reasoning**")
    assert any(
        "criteria" in p for p in rubric_problems(four.replace("(4 points)", "(8 points)"), 8)
    )
    header = (
        "# A\n\n**Total:** 20 points (8 for code, 12 for written answers).\n\n"
        "**Time:** about 90 minutes.\n\n" + SCRATCH + "\n\n**Objectives:** Chapter 1, objective 1."
    )
    assert header_problems(header) == []
    for line in ("**Total:**", "**Time:**", "**Scratch cells:**", "**Objectives:**"):
        broken = "\n".join(x for x in header.splitlines() if not x.startswith(line))
        assert header_problems(broken), line
    assert objective_exists(1, 1) and not objective_exists(1, 99) and not objective_exists(99, 1)
    question = a.Question("q1", 2, False, "*Assesses: Chapter 2, objective 3.*\n\nText", "", ())
    assert assessed(question) == [(2, 3)]
    moved = dataclasses.replace(question, prompt="Text\n\n*Assesses: Chapter 2, objective 3.*")
    assert assessed(moved) is None


@pytest.fixture(scope="module")
def built(tmp_path_factory, sandboxed):
    """Every assignment, built with ``otter assign`` once per run (``built_assignments``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(a.DIST_VARIABLE, str(built_assignments(NAMES, tmp_path_factory)))
        yield NAMES


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_has_rubrics_but_no_solutions_hidden_tests_or_model_answers(built, name):
    student = a.student_notebook_path(name).read_text(encoding="utf-8")
    assert a.autograder_path(name).is_file()
    tests = [(check.hidden, check.code) for check in a.checks(name)]  # as the grader reads them
    assert any(hidden for hidden, _ in tests) and any(not hidden for hidden, _ in tests)
    for hidden, body in tests:
        signature = body.splitlines()[0]  # def test_...(...):
        assert (signature in student) != hidden, f"{name}: {signature} hidden={hidden}"
    for question in a.questions(name):
        for paragraph in filter(None, (p.strip() for p in question.rubric.split("\n\n"))):
            assert json.dumps(paragraph)[1:-1] not in student, f"{name} {question.name}: model"
        if question.written:  # the rubric of levels is for students too
            head = RUBRIC_HEAD.search(question.prompt)[0]
            assert json.dumps(head)[1:-1] in student, f"{name} {question.name}: no rubric"
    notebook = nbformat.read(a.student_notebook_path(name), as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "# SOLUTION" not in code and "BEGIN SOLUTION" not in code


def _solution(name: str) -> nbformat.NotebookNode:
    return nbformat.read(a.solution_notebook_path(name), as_version=4)


def _answer_cell(notebook, name: str, question: a.Question):
    """The code cell holding ``question``'s answer, and the answer's variable name (from the
    student notebook, where the answer reads ``variable = ...``)."""
    student = nbformat.read(a.student_notebook_path(name), as_version=4)
    for cell in student.cells:
        found = re.search(r"^(\w+) = \.\.\.", cell.source, flags=re.M)
        if cell.id in question.cells and cell.cell_type == "code" and found:
            target = next(c for c in notebook.cells if c.id == cell.id)
            return target, found.group(1)
    raise AssertionError(f"{name} {question.name}: no answer cell")


#: A plausible wrong answer of the same kind: a number one off, a flipped truth value, one element
#: or row short.
PERTURB = (
    "{v} = ({v} + 1 if isinstance({v}, (int, float)) and not isinstance({v}, bool) "
    "else (not {v}) if isinstance({v}, bool) "
    "else set(list({v})[:-1]) if isinstance({v}, set) "
    "else dict(list({v}.items())[:-1]) if isinstance({v}, dict) "
    "else {v}.iloc[:-1] if hasattr({v}, 'iloc') else {v}[:-1])"
)

STUDENT_ANSWER = "<script>alert('x')</script> My answer is **mine**."


def _snapshot(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def _grades(folder) -> dict[tuple[str, str], dict]:
    with (folder / a.GRADES).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == a.COLUMNS
        return {(r["submission"], r["question"]): r for r in reader}


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_grading_full_marks_zero_and_one_wrong_answer(built, index, tmp_path):
    name = NAMES[index]
    questions = a.questions(name)
    autograded = [q for q in questions if not q.written]
    wrong = autograded[index % len(autograded)]  # each assignment gets a different one wrong

    shutil.copy(a.solution_notebook_path(name), tmp_path / "solution.ipynb")
    shutil.copy(a.student_notebook_path(name), tmp_path / "untouched.ipynb")
    notebook = _solution(name)
    cell, variable = _answer_cell(notebook, name, wrong)
    cell.source += "\n" + PERTURB.format(v=variable)
    for other in notebook.cells:  # and a written answer that tries to run a script
        if other.cell_type == "markdown" and other.source.strip() == a.PLACEHOLDER:
            other.source = STUDENT_ANSWER
    nbformat.write(notebook, tmp_path / "one_wrong.ipynb")
    before = _snapshot(tmp_path)

    a.grade(name, tmp_path, timeout=120)  # generous: a solution needs a few seconds

    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before, "a submission changed"
    assert set(after) - set(before) == {a.GRADES, a.WRITTEN}
    assert {p.name for p in tmp_path.iterdir() if p.is_dir()} == {a.FEEDBACK}
    feedback = (tmp_path / a.FEEDBACK / "one_wrong.ipynb.md").read_text(encoding="utf-8")
    assert f"## {wrong.name}: 0 / {wrong.points:g} points" in feedback
    assert "Hidden checks that failed" in feedback
    grades = _grades(tmp_path)
    assert len(grades) == 3 * len(questions)
    for question in autograded:
        full = f"{question.points:g}"
        assert grades["solution.ipynb", question.name]["score"] == full, question.name
        assert grades["untouched.ipynb", question.name]["score"] == "0", question.name
        expected = "0" if question is wrong else full
        assert grades["one_wrong.ipynb", question.name]["score"] == expected, question.name
        assert grades["solution.ipynb", question.name]["note"] == ""
        assert grades["untouched.ipynb", question.name]["note"], "an untouched answer is noted"
    for question in (q for q in questions if q.written):
        for submission in ("solution.ipynb", "untouched.ipynb", "one_wrong.ipynb"):
            row = grades[submission, question.name]
            assert row["score"] == "" and row["max_score"] == f"{question.points:g}"
        assert "no answer written" in grades["untouched.ipynb", question.name]["note"]

    page = (tmp_path / a.WRITTEN).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<strong>mine</strong>" in page
    for question in (q for q in questions if q.written):
        assert f"<h2>{question.name} (" in page
    assert page.count("<h3>one_wrong.ipynb</h3>") == len([q for q in questions if q.written])


def test_broken_and_deleted_submissions_get_noted_rows(built, tmp_path):
    # An endless loop is stopped and noted: tests/test_grading_hostile.py, with the real limit.
    name = NAMES[0]
    questions = a.questions(name)
    first = next(q for q in questions if not q.written)
    (tmp_path / "broken.ipynb").write_text("this is not a notebook", encoding="utf-8")
    (tmp_path / "essay.docx").write_bytes(b"PK\x03\x04 not a notebook either")
    notebook = _solution(name)
    cell, _ = _answer_cell(notebook, name, first)
    notebook.cells.remove(cell)
    nbformat.write(notebook, tmp_path / "deleted_cell.ipynb")

    a.grade(name, tmp_path)
    grades = _grades(tmp_path)
    for submission in ("broken.ipynb", "essay.docx"):
        for question in questions:
            row = grades[submission, question.name]
            assert "not a Jupyter notebook" in row["note"], row
            assert row["score"] == ("" if question.written else "0")
    assert "missing" in grades["deleted_cell.ipynb", first.name]["note"]
    assert grades["deleted_cell.ipynb", first.name]["score"] == "0"


def test_grade_keeps_an_instructors_written_marks(built, tmp_path):
    name = NAMES[0]
    written = next(q for q in a.questions(name) if q.written)
    a.write_grades(
        tmp_path,
        [{"submission": "x.ipynb", "question": written.name, "score": "3", "max_score": "4"}],
    )
    shutil.copy(a.student_notebook_path(name), tmp_path / "x.ipynb")
    before = _snapshot(tmp_path)
    with pytest.raises(SystemExit, match="already holds marks"):
        a.grade(name, tmp_path)
    assert _snapshot(tmp_path) == before


def test_totals_add_marked_written_questions(tmp_path):
    rows = [
        {"submission": "a.ipynb", "question": "q1", "score": "2", "max_score": "2", "note": ""},
        {"submission": "a.ipynb", "question": "w1", "score": "3", "max_score": "4", "note": ""},
        {"submission": "b.ipynb", "question": "q1", "score": "0", "max_score": "2", "note": ""},
        {"submission": "b.ipynb", "question": "w1", "score": "", "max_score": "4", "note": ""},
    ]
    a.write_grades(tmp_path, rows)
    table = a.totals(tmp_path)
    assert table.loc["a.ipynb", "score"] == 5 and table.loc["a.ipynb", "unmarked"] == 0
    assert table.loc["b.ipynb", "max_score"] == 6 and table.loc["b.ipynb", "unmarked"] == 1


def test_student_ids_come_from_file_names():
    assert a.student_id("s1234567.ipynb") == "s1234567"
    assert a.student_id("s1234567__late.ipynb") == "s1234567"
    assert a.student_id("alice (1).ipynb") == "alice"
    assert a.student_id("Zoë Ångström.ipynb") == "Zoë Ångström"
    assert a.student_id("zoe@example.edu.ipynb") == "zoe@example.edu"


def _marked(folder):
    rows = [
        {"submission": "s1.ipynb", "question": "q1", "score": "2", "max_score": "2", "note": ""},
        {"submission": "s1.ipynb", "question": "w1", "score": "3", "max_score": "4", "note": ""},
        {
            "submission": "b@x.org.ipynb",
            "question": "q1",
            "score": "0",
            "max_score": "2",
            "note": "",
        },
        {
            "submission": "b@x.org.ipynb",
            "question": "w1",
            "score": "",
            "max_score": "4",
            "note": "",
        },
    ]
    a.write_grades(folder, rows)


@pytest.mark.parametrize(
    ("kind", "header", "first", "second"),
    [
        (
            "csv",
            ["student", "score", "max_score", "unmarked"],
            ["b@x.org", "", "6", "1"],
            ["s1", "5", "6", "0"],
        ),
        (
            "canvas",
            ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "A1"],
            ["b@x.org", "", "", "b@x.org", "", ""],
            ["s1", "", "", "s1", "", "5"],
        ),
        (
            "moodle",
            ["ID number", "Email address", "A1"],
            ["b@x.org", "b@x.org", ""],
            ["s1", "", "5"],
        ),
    ],
)
def test_gradebook_exports(tmp_path, kind, header, first, second):
    _marked(tmp_path)
    path = a.export(tmp_path, kind, "A1")
    assert path == tmp_path / f"totals-{kind}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table == [header, first, second]


def test_totals_command_writes_the_chosen_format(tmp_path, capsys):
    _marked(tmp_path)
    assert a.main(["totals", str(tmp_path), "--format", "moodle"]) == 0
    out = capsys.readouterr().out
    assert "unmarked" in out and "totals-moodle.csv" in out
    assert (tmp_path / "totals-moodle.csv").is_file()
    (tmp_path / "alice.ipynb").write_text("{}", encoding="utf-8")
    assert a.submissions(tmp_path) == [tmp_path / "alice.ipynb"]  # exports are not submissions
