"""How long grading a class takes: 100 generated submissions of one assignment, graded by the README's
``grade`` command. A measurement, not a test: run it on an otherwise idle machine.

    python benchmarks/seminar.py                 # assignment 1, one worker per core
    python benchmarks/seminar.py --workers 1 --name a3_formalising_and_motives

The folder mixes what an instructor meets: 50 right (the solution), 20 with one answer wrong, 15 blank
(the untouched student notebook), 10 broken (not a notebook, or a cell deleted) and 5 that loop
forever (stopped at the default time limit). It prints the total, the median and the 95th percentile
of the seconds per submission (as the grade command reports them), and the target: the whole folder in
at most 5 minutes on a two-core machine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from japan_nato import assignments

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import targets  # noqa: E402  (the targets, written once)

TARGET = float(targets.SEMINAR_TOTAL_S)
MIX = {"right": 50, "wrong": 20, "blank": 15, "broken": 10, "endless": 5}
assert sum(MIX.values()) == targets.SEMINAR_SUBMISSIONS


def generate(name: str, folder: Path) -> None:
    solution = nbformat.read(assignments.solution_notebook_path(name), as_version=4)
    student = nbformat.read(assignments.student_notebook_path(name), as_version=4)
    answer_ids = [c.id for c in student.cells if re.search(r"^\w+ = \.\.\.", c.source, re.M)]
    for kind, count in MIX.items():
        for number in range(count):
            path = folder / f"{kind}_{number:02d}.ipynb"
            if kind == "blank":
                nbformat.write(student, path)
                continue
            if kind == "broken" and number % 2 == 0:
                path.write_text("{ not a notebook", encoding="utf-8")
                continue
            notebook = nbformat.read(assignments.solution_notebook_path(name), as_version=4)
            cells = {c.id: c for c in notebook.cells}
            target = cells[answer_ids[number % len(answer_ids)]]
            if kind == "wrong":
                variable = re.search(
                    r"^(\w+) = \.\.\.",
                    student.cells[[c.id for c in student.cells].index(target.id)].source,
                    re.M,
                ).group(1)
                target.source += f"\n{variable} = None"
            elif kind == "broken":
                notebook.cells.remove(target)
            elif kind == "endless":
                target.source = "while True:\n    pass\n" + target.source
            nbformat.write(notebook, path)
    del solution


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default=assignments.names()[0])
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    if not assignments.autograder_path(args.name).is_file():
        assignments.build(args.name)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "submissions"
        folder.mkdir()
        generate(args.name, folder)
        command = [sys.executable, "-m", "japan_nato.assignments", "grade", args.name, str(folder)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        start = time.perf_counter()
        log = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        total = time.perf_counter() - start
    seconds = [float(s) for s in re.findall(r"points in ([\d.]+) s", log)]
    seconds.sort()
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)]
    workers = args.workers or len(os.sched_getaffinity(0))
    print(f"{len(seconds)} submissions of {args.name}, {workers} worker(s): {MIX}")
    print(
        f"total            {total:8.1f} s   target <= {TARGET:.0f} s: {'ok' if total <= TARGET else 'OVER'}"
    )
    print(f"median per file  {statistics.median(seconds):8.1f} s")
    print(f"p95 per file     {p95:8.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
