"""Every performance figure the book promises, with its target and verdict, in one table.

    python benchmarks/run.py            # everything (about 12 minutes on 2 cores)
    python benchmarks/run.py --quick    # without the book builds and the test suite

A measurement, not a test: run it on an otherwise idle machine. Targets (2-core machine):
- every live widget update: p95 at most 100 ms (rows from benchmarks/widgets.py);
- ``import japan_nato; japan_nato.load_all()`` in a fresh process, once the tables have been
  validated: at most 0.6 x the time ``import pandas`` takes in the same process;
- all notebooks executed: at most 1.3 x the floor, a notebook that only starts a kernel and imports
  pandas, matplotlib, ipywidgets and the package (once per notebook);
- a bare ``pytest``: at most 240 s; the built site's heaviest page under 2 MB;
- cold and warm book builds and the site's size are reported without a target.
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

from japan_nato.editions import build_book

ROOT = Path(__file__).resolve().parent.parent
import widgets  # noqa: E402  (benchmarks/widgets.py, beside this script)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)
FLOOR = "%matplotlib inline\nimport pandas, matplotlib.pyplot, ipywidgets, japan_nato, japan_nato.widgets"


def run_notebook(notebook: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return time.perf_counter() - start


def floor_seconds() -> float:
    """The least any chapter can cost: start a kernel, import what every chapter imports."""
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
    run_notebook(floor, ROOT / "notebooks")  # warm the disk cache
    return statistics.median(
        run_notebook(nbformat.from_dict(floor), ROOT / "notebooks") for _ in range(5)
    )


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


def pytest_seconds() -> float:
    """A bare `pytest` on a fresh copy of the committed tree (as a newcomer's clone)."""
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
    return seconds


def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("meets" if ok else "MISSES")
    print(f"{name:52} {value:>12} {target:>12}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the book builds and pytest")
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
    row("import japan_nato + load_all, validated before", f"{load_s * 1000:.0f} ms")
    row("  ... / import pandas", f"{ratio:.2f} x", "<= 0.60 x", ratio <= 0.6)
    row("import japan_nato + load_all, first time ever", f"{first_load * 1000:.0f} ms")

    floor = floor_seconds()
    total = 0.0
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        seconds = statistics.median(
            run_notebook(nbformat.from_dict(notebook), path.parent) for _ in range(3)
        )
        total += seconds
        row(f"notebook {path.stem} (median of 3)", f"{seconds:.2f} s")
    row("floor (kernel + imports), per notebook", f"{floor:.2f} s")
    notebooks_ratio = total / (floor * len(NOTEBOOKS))
    row("all notebooks / floor", f"{notebooks_ratio:.2f} x", "<= 1.30 x", notebooks_ratio <= 1.3)

    if not args.quick:
        cold, warm_build, html = book_seconds()
        row("jupyter-book build, cold", f"{cold:.0f} s")
        row("jupyter-book build, warm", f"{warm_build:.1f} s")
        total_mb, page, page_mb = site_size(html)
        row("built site", f"{total_mb:.1f} MB")
        row(f"heaviest page ({page})", f"{page_mb:.2f} MB", "< 2 MB", page_mb < 2)
        shutil.rmtree(html.parent.parent, ignore_errors=True)
        seconds = pytest_seconds()
        row("bare pytest on a fresh clone", f"{seconds:.0f} s", "<= 240 s", seconds <= 240)


if __name__ == "__main__":
    main()
