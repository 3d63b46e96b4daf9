"""Seminar assignments, written once as otter-grader source notebooks and graded in a sandbox.

    python -m japan_nato.assignments build [NAME ...]          # every assignment, or the ones named
    python -m japan_nato.assignments grade NAME DIR            # grade every submission in DIR
    python -m japan_nato.assignments totals DIR [--format F]   # totals, or a gradebook file

This module is the command line; the work is done in :mod:`japan_nato.seminar` (building, sandbox,
grading, feedback, export), whose names it re-exports for existing callers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from japan_nato.seminar import sandbox
from japan_nato.seminar.building import (
    DIST_VARIABLE,
    ROOT,
    SOURCES,
    Question,
    autograder_path,
    build,
    checks,
    dist_dir,
    names,
    questions,
    solution_notebook_path,
    source_path,
    student_notebook_path,
)
from japan_nato.seminar.export import FORMATS, export, totals
from japan_nato.seminar.grading import (
    COLUMNS,
    FEEDBACK,
    GRADES,
    PLACEHOLDER,
    TIMEOUT,
    WRITTEN,
    Result,
    grade,
    student_id,
    submissions,
    workers_default,
    write_grades,
)

__all__ = [
    "COLUMNS",
    "DIST_VARIABLE",
    "FEEDBACK",
    "FORMATS",
    "GRADES",
    "PLACEHOLDER",
    "ROOT",
    "SOURCES",
    "TIMEOUT",
    "WRITTEN",
    "Question",
    "Result",
    "autograder_path",
    "build",
    "checks",
    "dist_dir",
    "export",
    "grade",
    "main",
    "names",
    "questions",
    "solution_notebook_path",
    "source_path",
    "student_id",
    "student_notebook_path",
    "submissions",
    "totals",
    "write_grades",
]


def _size(text: str) -> int:
    """A memory size such as ``2G``, ``512M`` or a number of bytes."""
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


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
        "--workers",
        type=int,
        default=None,
        help=f"submissions graded at once (default: one per core, here {workers_default()})",
    )
    grade_cmd.add_argument(
        "--memory", type=_size, default=sandbox.MEMORY, help="memory per submission (2G)"
    )
    grade_cmd.add_argument(
        "--unsafe",
        action="store_true",
        help="grade even where this machine cannot sandbox (the code then runs as you)",
    )
    grade_cmd.add_argument(
        "--overwrite", action="store_true", help="replace a grades.csv with written marks"
    )
    totals_cmd = commands.add_parser("totals", help="each submission's total from grades.csv")
    totals_cmd.add_argument("folder", type=Path)
    totals_cmd.add_argument(
        "--format", choices=FORMATS, help="write DIR/totals-FORMAT.csv for a gradebook import"
    )
    totals_cmd.add_argument(
        "--assignment", help="the gradebook column's name (default: the folder's name)"
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        for name in args.names or names():
            out = build(name)
            print(f"{name}: {out / 'student' / f'{name}.ipynb'} and {autograder_path(name)}")
    elif args.command == "grade":
        source_path(args.name)
        grade(
            args.name,
            args.folder,
            args.timeout,
            args.overwrite,
            workers=args.workers,
            unsafe=args.unsafe,
            memory=args.memory,
        )
    else:
        table = totals(args.folder)
        print(table.to_string())
        if table["unmarked"].any():
            print("some written questions have no mark yet (the unmarked column)")
        if args.format:
            print(f"wrote {export(args.folder, args.format, args.assignment)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
