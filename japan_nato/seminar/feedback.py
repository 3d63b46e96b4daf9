"""A feedback file per submission, for the student: ``DIR/feedback/<submission>.md``.

Each autograded question with its points, what each public check said (the same words the student's
own ``grader.check`` shows), and which hidden checks failed, named by their stated purpose (the check's
docstring, else its name): never a hidden check's code, message or expected value. Written questions
say they are marked by hand. Notes (a stopped run, a missing answer, a value that is not plain) come
last. The folder is the grader's own output: it is replaced on every run.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def text(assignment, result) -> str:
    """The feedback of one graded submission, as Markdown."""
    lines = [f"# Feedback: {assignment.name}", "", f"Submission: `{result.submission}`", ""]
    autograded = [q for q in assignment.questions if not q.written]
    earned = sum(result.scores.get(q.name, 0.0) for q in autograded)
    possible = sum(q.points for q in autograded)
    lines += [f"Autograded points: **{earned:g} / {possible:g}**", ""]
    if result.notes.get(""):
        lines += [f"Note: {result.notes['']}", ""]
    for question in assignment.questions:
        if question.written:
            lines += [
                f"## {question.name} (written, {question.points:g} points)",
                "",
                "Marked by hand"
                + ("." if result.written.get(question.name) else ": no answer was found."),
                "",
            ]
            continue
        score = result.scores.get(question.name, 0.0)
        lines += [f"## {question.name}: {score:g} / {question.points:g} points", ""]
        mine = [o for o in result.checks if o.check.question == question.name]
        public = [o for o in mine if not o.check.hidden]
        if public:
            lines.append("Public checks (the ones `grader.check` runs):")
            lines.append("")
            for outcome in public:
                verdict = (
                    "passed" if outcome.passed else f"failed: {outcome.message or 'no message'}"
                )
                lines.append(f"- {outcome.check.purpose}: {verdict}")
            lines.append("")
        failed = [o.check.purpose for o in mine if o.check.hidden and not o.passed]
        if failed:
            lines += ["Hidden checks that failed: " + "; ".join(failed) + ".", ""]
        elif mine:
            lines += ["Every hidden check passed.", ""]
        if result.notes.get(question.name):
            lines += [f"Note: {result.notes[question.name]}", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_all(folder: Path, assignment, results) -> None:
    """Write one feedback file per result into ``folder`` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for result in results:
        (folder / f"{result.submission}.md").write_text(text(assignment, result), encoding="utf-8")
