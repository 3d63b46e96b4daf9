"""How long the seminar commands take: build every assignment, grade one folder per assignment,
print the handouts. A measurement, not a test: run it on an otherwise idle machine.

    python benchmarks/seminar.py              # all five assignments and the handouts
    python benchmarks/seminar.py --no-handouts

Each assignment's folder holds what an instructor meets in practice: the solution, an untouched
student copy, a file that is not a notebook and a notebook that loops forever (stopped at the
default 120 s limit). Target: grading such a folder takes under 10 minutes per assignment.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from japan_nato import assignments

ROOT = Path(__file__).resolve().parent.parent
TARGET = 600.0


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def folder_for(name: str, dest: Path) -> Path:
    dest.mkdir()
    shutil.copy(assignments.solution_notebook_path(name), dest / "solution.ipynb")
    shutil.copy(assignments.student_notebook_path(name), dest / "untouched.ipynb")
    (dest / "broken.ipynb").write_text("not a notebook", encoding="utf-8")
    notebook = nbformat.read(assignments.solution_notebook_path(name), as_version=4)
    code = next(c for c in notebook.cells if c.cell_type == "code" and "grader" not in c.source)
    code.source = "while True:\n    pass\n" + code.source
    nbformat.write(notebook, dest / "endless.ipynb")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-handouts", action="store_true")
    args = parser.parse_args()
    python = sys.executable
    rows = [("build, all assignments", timed([python, "-m", "japan_nato.assignments", "build"]))]
    with tempfile.TemporaryDirectory() as scratch:
        for name in assignments.names():
            folder = folder_for(name, Path(scratch) / name)
            seconds = timed([python, "-m", "japan_nato.assignments", "grade", name, str(folder)])
            rows.append((f"grade {name} (4 submissions)", seconds))
    if not args.no_handouts:
        rows.append(
            (
                "handouts (student book build + 10 PDFs)",
                timed([python, "-m", "japan_nato.editions", "handouts"]),
            )
        )
    print(f"{'what':55} {'seconds':>8}  target")
    for what, seconds in rows:
        target = (
            f"< {TARGET:.0f} s: {'ok' if seconds < TARGET else 'OVER'}" if "grade" in what else ""
        )
        print(f"{what:55} {seconds:8.1f}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
