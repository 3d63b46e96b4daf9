"""Every performance figure the book promises, with its target and verdict, in one table.

    python benchmarks/run.py            # everything (about 12 minutes on 2 cores)
    python benchmarks/run.py --quick    # without the book builds and the test suite

    python benchmarks/run.py --no-pytest  # all but the bare pytest on a fresh clone

A measurement, not a test: run it on an otherwise idle machine. The targets live in
benchmarks/targets.py (2-core machine), and every time or size the README states is one of them
(tests/test_figures.py); each figure's row shows what the README says ("README: ..."):
- every live widget update: p95 at most 100 ms (rows from benchmarks/widgets.py);
- a fresh kernel that starts and imports what a chapter imports (the floor's imports and the
  Vega-Lite charts): the README's ``targets.KERNEL_AND_IMPORTS_S``;
- ``import japan_nato; japan_nato.load_all()`` in a fresh process: the first time ever under
  ``targets.FIRST_LOAD_S``, once the tables have been validated under ``targets.LATER_LOAD_S`` and
  at most ``targets.LOAD_OVER_PANDAS`` x the time ``import pandas`` takes in the same process;
- all notebooks executed: at most ``targets.CHAPTERS_OVER_FLOOR`` x the floor, a notebook that
  only starts a kernel and imports pandas, matplotlib, ipywidgets and the package. The floor runs before each run of each notebook
  and each notebook is set against its own floors, so a machine whose load drifts slows both alike;
- a bare ``pytest`` on a fresh clone: at most ``targets.PYTEST_S``; the built site's heaviest page
  under ``targets.HEAVIEST_PAGE_MB``;
- cold and warm book builds and the site's size are reported without a target;
- the counts the README states (events, members, chapters' reading minutes, assignments) beside the
  data's, which tests check too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from japan_nato import load, readability
from japan_nato.editions import build_book

ROOT = Path(__file__).resolve().parent.parent
import readme  # noqa: E402  (benchmarks/readme.py, beside this script)
import targets  # noqa: E402
import widgets  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)
FLOOR = "%matplotlib inline\nimport pandas, matplotlib.pyplot, ipywidgets, japan_nato, japan_nato.widgets"
#: What a chapter's first cell waits for: the floor's imports and the Vega-Lite charts.
START = FLOOR + ", japan_nato.charts"


def run_notebook(notebook: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute(stderr=subprocess.DEVNULL)  # the kernel's warnings would bury the table
    return time.perf_counter() - start


def one_cell_seconds(code: str) -> float:
    """A fresh kernel that runs one cell: ``FLOOR`` is the least any chapter can cost."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    return run_notebook(notebook, ROOT / "notebooks")


LOAD = (
    "import time; t0 = time.perf_counter(); import pandas; t1 = time.perf_counter(); "
    "import japan_nato; japan_nato.load_all(); t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
)


def load_seconds(cache: Path, runs: int) -> list[tuple[float, float]]:
    """(import pandas, import japan_nato + load_all) in fresh processes sharing one record folder."""
    env = dict(os.environ, JAPAN_NATO_CACHE=str(cache))
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, env=env
        )
        out.append(tuple(float(x) for x in done.stdout.split()))
    return out


def book_seconds() -> tuple[float, float, Path]:
    out = Path(tempfile.mkdtemp(prefix="bench-book-"))
    timings = []
    for _ in range(2):  # cold, then warm (execution cache and Sphinx environment reused)
        start = time.perf_counter()
        build_book("instructor", out).check_returncode()
        timings.append(time.perf_counter() - start)
    return timings[0], timings[1], out / "_build" / "html"


def site_size(html: Path) -> tuple[float, str, float]:
    total = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
    heaviest = max(html.rglob("*.html"), key=lambda p: p.stat().st_size)
    return total / 1e6, str(heaviest.relative_to(html)), heaviest.stat().st_size / 1e6


def pytest_seconds() -> tuple[float, bool]:
    """A bare `pytest` on a fresh copy of the committed tree (as a newcomer's clone): its time, and
    whether it passed (a run that fails meets no target, however quick)."""
    with tempfile.TemporaryDirectory(prefix="bench-clone-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q"], cwd=clone, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-3000:])
    return seconds, done.returncode == 0


def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("meets" if ok else "MISSES")
    print(f"{name:52} {value:>12} {target:>12}  {verdict}", flush=True)


def readme_says(name: str) -> str:
    try:
        return "README: " + "-".join(f"{x:g}" for x in readme.stated(name))
    except LookupError as missing:
        return f"({missing})"


def counts() -> None:
    """The README's counts beside the data's (tests/test_reading.py and test_figures.py check them)."""
    events, members = load("events"), load("nato_members")
    span = (len(events), events["date"].dt.year.min(), events["date"].dt.year.max())
    row(
        "events in the timeline, first and last year",
        "-".join(map(str, span)),
        readme_says("events"),
        readme.stated("events") == span,
    )
    row(
        "NATO members",
        str(len(members)),
        readme_says("members"),
        readme.stated("members") == (len(members),),
    )
    minutes = [
        readability.time_to_learn(p)["read"]
        for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    ]
    span = (min(minutes), max(minutes))
    row(
        "chapters' reading minutes, least and most",
        f"{span[0]}-{span[1]}",
        readme_says("reading_minutes"),
        readme.stated("reading_minutes") == span,
    )
    count = len(list((ROOT / "assignments").glob("a[0-9]_*.ipynb")))
    row(
        "graded assignments",
        str(count),
        readme_says("assignments"),
        readme.stated("assignments") == (count,),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the book builds and pytest")
    parser.add_argument("--no-pytest", action="store_true", help="skip the bare pytest")
    args = parser.parse_args()

    print(f"{'measure':52} {'value':>12} {'target':>12}  verdict")
    for name, p50, p95 in widgets.rows():
        row(
            f"{name} (p50 {p50:.0f} ms)",
            f"p95 {p95:.0f} ms",
            f"<= {widgets.TARGET_MS} ms",
            p95 <= widgets.TARGET_MS,
        )

    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        (first_pandas, first_load), *warm = load_seconds(Path(cache), 6)
    pandas_s = statistics.median(p for p, _ in warm)
    load_s = statistics.median(x for _, x in warm)
    ratio = statistics.median(x / p for p, x in warm)
    row("import pandas (fresh process)", f"{pandas_s * 1000:.0f} ms")
    row(
        "import japan_nato + load_all, validated before",
        f"{load_s * 1000:.0f} ms",
        readme_says("later_load_s"),
        load_s <= targets.LATER_LOAD_S,
    )
    row(
        "  ... / import pandas",
        f"{ratio:.2f} x",
        f"<= {targets.LOAD_OVER_PANDAS:.2f} x",
        ratio <= targets.LOAD_OVER_PANDAS,
    )
    row(
        "import japan_nato + load_all, first time ever",
        f"{first_load * 1000:.0f} ms",
        readme_says("first_load_s"),
        first_load <= targets.FIRST_LOAD_S,
    )

    one_cell_seconds(START)  # warm the disk cache
    start = statistics.median(one_cell_seconds(START) for _ in range(5))
    row(
        "kernel start + a chapter's imports (median of 5)",
        f"{start:.2f} s",
        readme_says("kernel_and_imports_s"),
        start <= targets.KERNEL_AND_IMPORTS_S,
    )

    floors, total = [], 0.0
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        runs, floor_runs = [], []
        for _ in range(3):
            floor_runs.append(one_cell_seconds(FLOOR))
            runs.append(run_notebook(nbformat.from_dict(notebook), path.parent))
        seconds, floor = statistics.median(runs), statistics.median(floor_runs)
        total += seconds
        floors.append(floor)
        row(f"notebook {path.stem} (median of 3)", f"{seconds:.2f} s", f"floor {floor:.2f} s")
    row("floor (kernel + imports), mean per notebook", f"{statistics.mean(floors):.2f} s")
    # Each notebook against the floor measured beside it: a machine whose load drifts slows both.
    notebooks_ratio = total / sum(floors)
    row(
        "all notebooks / floor",
        f"{notebooks_ratio:.2f} x",
        f"<= {targets.CHAPTERS_OVER_FLOOR:.2f} x",
        notebooks_ratio <= targets.CHAPTERS_OVER_FLOOR,
    )
    counts()

    if not args.quick:
        cold, warm_build, html = book_seconds()
        row("jupyter-book build, cold", f"{cold:.0f} s")
        row("jupyter-book build, warm", f"{warm_build:.1f} s")
        total_mb, page, page_mb = site_size(html)
        row("built site", f"{total_mb:.1f} MB")
        row(
            f"heaviest page ({page})",
            f"{page_mb:.2f} MB",
            f"< {targets.HEAVIEST_PAGE_MB:g} MB",
            page_mb < targets.HEAVIEST_PAGE_MB,
        )
        shutil.rmtree(html.parent.parent, ignore_errors=True)
    if not (args.quick or args.no_pytest):
        seconds, passed = pytest_seconds()
        row(
            "bare pytest on a fresh clone" + ("" if passed else " (FAILED: see above)"),
            f"{seconds:.0f} s",
            f"<= {targets.PYTEST_S} s",
            passed and seconds <= targets.PYTEST_S,
        )


if __name__ == "__main__":
    main()
