"""Totals and gradebook files from a marked ``grades.csv``.

``totals DIR`` prints each submission's total and how many written marks are missing;
``totals DIR --format csv|canvas|moodle`` writes ``DIR/totals-FORMAT.csv`` for a learning
platform's grade import, one row per student:

- **The student's id is the submission's file name**, up to its first ``__`` or else without its
  extension (a download copy's `` (1)`` dropped): ``s1234567.ipynb`` and ``s1234567__late.ipynb`` are
  student ``s1234567`` (:func:`japan_nato.seminar.grading.student_id`). Name the files by the id your
  platform matches on. Two files of one student are not added together: the export stops and names
  them, so you decide which one counts (delete the other's rows from ``grades.csv``).
- ``csv``: ``student, score, max_score, unmarked``.
- ``canvas``: the columns Canvas's Gradebook import reads, ``Student, ID, SIS User ID, SIS Login ID,
  Section`` and one column named after the assignment holding the total. The id goes in ``SIS Login
  ID`` (name files by each student's SIS login); ``ID`` (Canvas's own number) and ``Section`` are
  left empty.
- ``moodle``: ``ID number, Email address`` and one column named after the assignment. In Moodle's
  CSV grade import, map from "ID number" to "useridnumber" (or, if the files are named by e-mail
  address, from "Email address" to "useremail") and map the assignment column to its grade item.

A student with written marks still missing is exported with an empty score (not a partial total),
and the command says how many.
"""

from __future__ import annotations

import csv
from pathlib import Path

from japan_nato.seminar.grading import GRADES, student_id

FORMATS = ("csv", "canvas", "moodle")


def totals(folder: Path):
    """Each submission's total from a marked grades.csv, and how many written marks are missing."""
    import pandas as pd

    grades = pd.read_csv(
        folder / GRADES, dtype={"note": str, "submission": str}, keep_default_na=False
    )
    grades["score"] = pd.to_numeric(grades["score"], errors="coerce")
    table = grades.groupby("submission", sort=True).agg(
        score=("score", "sum"),
        max_score=("max_score", "sum"),
        unmarked=("score", lambda s: int(s.isna().sum())),
    )
    return table


def export(folder: Path, kind: str, assignment: str | None = None) -> Path:
    """Write ``folder/totals-KIND.csv`` for a grade import; returns its path."""
    if kind not in FORMATS:
        raise SystemExit(f"unknown format {kind!r}: choose one of {', '.join(FORMATS)}")
    table = totals(folder)
    owners: dict[str, list[str]] = {}
    for submission in table.index:
        owners.setdefault(student_id(submission), []).append(submission)
    twice = {s: files for s, files in owners.items() if len(files) > 1}
    if twice:
        listed = "; ".join(f"{s}: {', '.join(files)}" for s, files in twice.items())
        raise SystemExit(f"more than one file from one student ({listed}); keep one in {GRADES}")
    column = assignment or folder.name
    path = folder / f"totals-{kind}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if kind == "csv":
            writer.writerow(["student", "score", "max_score", "unmarked"])
        elif kind == "canvas":
            writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column])
        else:
            writer.writerow(["ID number", "Email address", column])
        for submission, row in table.iterrows():
            student = student_id(submission)
            score = "" if row["unmarked"] else f"{row['score']:g}"
            if kind == "csv":
                writer.writerow([student, score, f"{row['max_score']:g}", int(row["unmarked"])])
            elif kind == "canvas":
                writer.writerow([student, "", "", student, "", score])
            else:
                writer.writerow([student, student if "@" in student else "", score])
    return path
