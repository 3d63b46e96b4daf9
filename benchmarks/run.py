"""Every performance figure the book promises, printed as a table. A measurement, not a test.

    python benchmarks/run.py            # everything (about 5 minutes on 2 cores)
    python benchmarks/run.py --quick    # skip the two book builds

Targets (2-core machine): total notebook execution at most 1.5 x the floor (a notebook that only
starts a kernel and imports the package, once per notebook); cold book build under 90 s, warm under
10 s; all data loaded and validated under 300 ms; heaviest page under 2 MB; widget callbacks as in
benchmarks/widgets.py.
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
from nbclient import NotebookClient

from japan_nato.editions import build_book

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)


def run_notebook(notebook: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return time.perf_counter() - start


def floor_seconds() -> float:
    """A notebook that starts a kernel and imports the package: the least any chapter can cost."""
    floor = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import japan_nato, japan_nato.widgets")]
    )
    run_notebook(floor, ROOT / "notebooks")  # warm the disk cache
    return min(run_notebook(nbformat.from_dict(floor), ROOT / "notebooks") for _ in range(3))


def data_seconds() -> tuple[float, float]:
    """Load and validate every dataset in a fresh interpreter: (including imports, after imports)."""
    code = (
        "import time; t0 = time.perf_counter(); from japan_nato import load_all; "
        "import japan_nato.data as d; d._import_frictionless(); t1 = time.perf_counter(); load_all(); "
        "t2 = time.perf_counter(); print(t2 - t0, t2 - t1)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(3)
    ]
    pairs = sorted(tuple(float(x) for x in r.stdout.split()) for r in runs)
    return pairs[1]


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


def row(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("meets" if ok else "MISSES")
    print(f"{name:44} {value:>14} {target:>12}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the book builds")
    args = parser.parse_args()

    print(f"{'measure':44} {'value':>14} {'target':>12}")
    floor = floor_seconds()
    total = 0.0
    for path in NOTEBOOKS:
        seconds = run_notebook(nbformat.read(path, as_version=4), path.parent)
        total += seconds
        row(f"notebook {path.stem}", f"{seconds:.1f} s", "", None)
    budget = 1.5 * floor * len(NOTEBOOKS)
    row("floor (kernel + import), per notebook", f"{floor:.2f} s", "", None)
    row(
        "all notebooks / floor",
        f"{total / (floor * len(NOTEBOOKS)):.2f} x",
        "<= 1.50 x",
        total <= budget,
    )

    with_imports, after_imports = data_seconds()
    row(
        "load + validate all data, after imports",
        f"{after_imports * 1000:.0f} ms",
        "< 300 ms",
        after_imports < 0.3,
    )
    row("load + validate all data, with imports", f"{with_imports * 1000:.0f} ms", "", None)

    if not args.quick:
        cold, warm, html = book_seconds()
        row("jupyter-book build, cold", f"{cold:.0f} s", "< 90 s", cold < 90)
        row("jupyter-book build, warm", f"{warm:.1f} s", "< 10 s", warm < 10)
        total_mb, page, page_mb = site_size(html)
        row("built site", f"{total_mb:.1f} MB", "", None)
        row(f"heaviest page ({page})", f"{page_mb:.2f} MB", "< 2 MB", page_mb < 2)
        shutil.rmtree(html.parent.parent, ignore_errors=True)

    print()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "widgets.py")], check=True)


if __name__ == "__main__":
    main()
